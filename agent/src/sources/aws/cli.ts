// The two entry points the CLI wires in: `porthole capture` and `porthole scan --live`.
import type { Snapshot } from '@porthole/shared';
import { captureToFolder, formatStats } from './capture.ts';
import { AwsSetupError, defaultRegion } from './clients.ts';
import { LiveAwsConfigError, parseLiveAwsConfig, type LiveAwsConfig } from './config.ts';
import { LiveSource } from './tiers.ts';

export interface LiveFlags {
  profile?: string | undefined;
  regions: string[];
  /** --endpoint-url: one endpoint for every service (LocalStack, a VPC endpoint, a proxy). */
  endpoint?: string | undefined;
}

async function configFrom(args: LiveFlags): Promise<LiveAwsConfig> {
  const regions = args.regions.length > 0 ? args.regions : [await defaultRegion(args.profile)];
  return parseLiveAwsConfig(
    {
      regions,
      ...(args.profile ? { profile: args.profile } : {}),
      ...(args.endpoint ? { endpoint: args.endpoint } : {}),
    },
    '--region/--profile',
  );
}

/** Exit codes: 0 written (kinds that failed are listed on stderr and marked stale), 2 setup problem. */
export async function runCapture(args: LiveFlags & { out: string; stats: boolean }): Promise<number> {
  try {
    const config = await configFrom(args);
    const { snapshot, stats } = await captureToFolder({ out: args.out, config });
    if (args.stats) process.stdout.write(formatStats(stats));
    const scopes = snapshot.partitions.map((p) => `${p.account}/${p.region}`).join(', ');
    process.stderr.write(
      `porthole: captured ${scopes} into ${args.out} (${stats.files.length} files, ${stats.calls.total} calls, floor ${stats.floor})\n`,
    );
    for (const line of stats.stale) process.stderr.write(`porthole: stale: ${line}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AwsSetupError || error instanceof LiveAwsConfigError) {
      process.stderr.write(`porthole: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** One full poll of live AWS (every tier), for `scan --live`. Throws AwsSetupError/LiveAwsConfigError on setup problems. */
export async function loadLiveSnapshot(args: LiveFlags): Promise<Snapshot> {
  const source = new LiveSource({ config: await configFrom(args) });
  try {
    return (await source.poll(new Date())).snapshot;
  } finally {
    source.close();
  }
}

export { AwsSetupError, LiveAwsConfigError };
