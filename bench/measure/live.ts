// Child: the live AWS source against a fake AWS (aws-sdk-client-mock, estate/test-kit/fakeAws.ts)
// serving the estate folder, every call counted. Poll 1 runs every tier (hot, warm, cold); poll 2, a poll
// interval later, only the hot tier. Calls are compared with the source's own floor and with ours (floor.ts).
// Args: <dir>. Prints one JSON line.
import type { SnapshotData } from '@porthole/shared';
import { parseLiveAwsConfig } from '../../agent/src/sources/aws/config.ts';
import { installFakeAws, testTargets } from '@porthole/estate/test-kit/fakeAws.js';
import { LiveSource } from '../../agent/src/sources/aws/tiers.ts';
import { readSnapshotFolder } from '../../agent/src/sources/snapshot/index.ts';
import { emit, ms, peakRssMb, progress } from './child.ts';
import { floorOf, type Tiers } from './floor.ts';

const dir = process.argv[2]!;
const snapshot = await readSnapshotFolder(dir);
const estates: Record<string, SnapshotData> = {};
const scopes = snapshot.partitions.map((p) => ({ account: p.account!, region: p.region! }));
for (const p of snapshot.partitions) estates[`${p.account}/${p.region}`] = p.data;
const aws = installFakeAws(estates);
const config = parseLiveAwsConfig({ regions: [...new Set(scopes.map((s) => s.region))] });
const source = new LiveSource({ config, targets: testTargets(scopes) });
const t0 = Date.parse('2025-03-14T10:00:00Z');

async function poll(at: number, tiers: Tiers, label: string) {
  const start = performance.now();
  const result = await source.poll(new Date(at));
  const elapsed = ms(start);
  const ours = snapshot.partitions.reduce((n, p) => n + floorOf(p.data, tiers), 0);
  const failures = Object.values(result.calls.failures).reduce((a, b) => a + b, 0);
  progress(
    `${label}: ${result.calls.total} calls (source's floor ${result.floor}, ours ${ours}) in ${elapsed} ms`,
  );
  return {
    calls: result.calls.total,
    floor: result.floor,
    independentFloor: ours,
    ratio: Math.round((result.calls.total / ours) * 1000) / 1000,
    ms: elapsed,
    failures,
    byAction: result.calls.byAction,
    sourceFloorByAction: result.floorByAction,
  };
}

const full = await poll(t0, { hot: true, warm: true, cold: true, firstPoll: true }, 'poll 1 (every tier)');
const hot = await poll(
  t0 + 60_000,
  { hot: true, warm: false, cold: false, firstPoll: false },
  'poll 2 (hot tier)',
);
source.close();
aws.restore();
emit({ full, hot, peakRssMb: peakRssMb() });
