// The live AWS source as the daemon polls it. Its own module, loaded only by a live daemon (sources.ts): the
// AWS SDK clients cost ~110 MB of RSS (~26 MB of heap) once loaded, which a snapshot or demo daemon never needs.
import { plural } from '@porthole/shared';
import { LiveAwsConfigSchema, LiveSource } from '../sources/aws/index.ts';
import { ConfigError } from './config/load.ts';
import { formatPath } from './config/paths.ts';
import type { DaemonConfig } from './config/schema.ts';
import type { PollSource } from './types.ts';

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
