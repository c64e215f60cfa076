// Every account/region of the configured estate is a shard: the unit of work (the AWS API limits are per
// account and region) and of ownership. Each shard gets a source that polls only its account/region.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { demoSource } from '../demoSource.ts';
import { liveSource } from '../liveSource.ts';
import type { DaemonConfig } from '../config/schema.ts';
import type { PollSource } from '../types.ts';
import { snapshotSource } from '../sources.ts';

export interface ShardSpec {
  /** "<account>/<region>". */
  shard: string;
  account: string | null;
  region: string | null;
  source(): PollSource;
}

const DEMO_SCOPE = { account: '111122223333', region: 'eu-west-1' };

/** The account of an IAM role ARN (arn:aws:iam::<account>:role/…). */
const accountOfRole = (arn: string): string | null => arn.split(':')[4] || null;

export function shardsOf(config: DaemonConfig): ShardSpec[] {
  switch (config.source) {
    case 'demo':
      return (config.demo.scopes ?? [DEMO_SCOPE]).map((scope) => ({
        shard: `${scope.account}/${scope.region}`,
        ...scope,
        source: () => {
          const source = demoSource(config.demo.seed, 0, config.demo.hold, scope);
          return { ...source, label: `${source.label} ${scope.account}/${scope.region}` };
        },
      }));
    case 'snapshot':
      return snapshotShards(config.snapshotDir!);
    case 'live':
      return liveShards(config);
  }
}

function liveShards(config: DaemonConfig): ShardSpec[] {
  const aws = (config.aws ?? {}) as { regions?: string[]; accounts?: Array<Record<string, unknown>> };
  const regions = aws.regions ?? [process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'];
  const one = (section: Record<string, unknown>): PollSource => liveSource({ ...config, aws: section });
  if (!aws.accounts?.length) {
    return regions.map((region) => ({
      shard: `default/${region}`,
      account: null,
      region,
      source: () => one({ ...aws, regions: [region] }),
    }));
  }
  return aws.accounts.flatMap((account) => {
    const id = (account.id as string | undefined) ?? accountOfRole(String(account.roleArn)) ?? 'unknown';
    return ((account.regions as string[] | undefined) ?? regions).map((region) => ({
      shard: `${id}/${region}`,
      account: id,
      region,
      source: () => one({ ...aws, regions: [region], accounts: [{ ...account, regions: [region] }] }),
    }));
  });
}

/**
 * A folder in the Batfish account layout (aws_configs/accounts/<account>/<region>/): one shard per
 * account/region subfolder (files keep their full path, so the reader still sees the scope). Any other
 * layout is one capture: one shard.
 */
function snapshotShards(dir: string): ShardSpec[] {
  const accounts = path.join(dir, 'aws_configs', 'accounts');
  const subdirs = (d: string): string[] =>
    existsSync(d)
      ? readdirSync(d, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort()
      : [];
  const shards = subdirs(accounts).flatMap((account) =>
    subdirs(path.join(accounts, account)).map((region) => ({
      shard: `${account}/${region}`,
      account,
      region,
      source: () => snapshotSource(path.join(accounts, account, region)),
    })),
  );
  return shards.length > 0
    ? shards
    : [{ shard: 'snapshot', account: null, region: null, source: () => snapshotSource(dir) }];
}
