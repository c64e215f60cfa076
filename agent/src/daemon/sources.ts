// Where the daemon's snapshots come from: the demo estate, a snapshot folder, or live AWS.
import { plural } from '@porthole/shared';
import { LiveAwsConfigSchema, LiveSource } from '../sources/aws/index.ts';
import { ConfigError } from './config/load.ts';
import { formatPath } from './config/paths.ts';
import type { DaemonConfig } from './config/schema.ts';
import { snapshotSource } from './snapshotSource.ts';
import type { PollSource } from './types.ts';

export { snapshotSource } from './snapshotSource.ts';

export function liveSource(config: DaemonConfig, env: NodeJS.ProcessEnv = process.env): PollSource {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const section = config.aws ?? (region ? { regions: [region] } : undefined);
  if (!section) throw new ConfigError(['aws.regions: required for the live source (or set AWS_REGION)']);
  const parsed = LiveAwsConfigSchema.safeParse(section);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `aws.${formatPath(i.path)}: ${i.message}`));
  }
  const source = new LiveSource({ config: parsed.data });
  const scopes = parsed.data.accounts?.length
    ? plural(parsed.data.accounts.length, 'account')
    : 'default account';
  return {
    kind: 'live',
    label: `live AWS (${scopes}, ${parsed.data.regions.join(', ')})`,
    pollDeadlineMs: parsed.data.pollTimeoutSeconds * 1000,
    poll: async (now) => {
      const result = await source.poll(now);
      return { snapshot: result.snapshot, calls: result.calls };
    },
    close: () => source.close(),
  };
}

export async function createSource(config: DaemonConfig): Promise<PollSource> {
  switch (config.source) {
    case 'demo': {
      // Loaded on demand: a live or snapshot daemon never loads the demo estate.
      const { demoSource } = await import('./demoSource.ts');
      return demoSource(config.demo.seed, 0, config.demo.hold);
    }
    case 'snapshot':
      return snapshotSource(config.snapshotDir!);
    case 'live':
      return liveSource(config);
  }
}
