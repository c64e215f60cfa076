// The slice one shard commits for the others, and the ALB shard's analysis with the others' slices added:
// the peered target resolved while they are fresh, unknown (never allowed) once older than two intervals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ScanResult, Snapshot } from '@porthole/shared';
import { buildModel } from '@porthole/core/model/build.js';
import { evaluateAlbToTarget } from '@porthole/core/net/paths/albToTarget.js';
import { PEER, peerAccountDocs, peeredAlbDocs } from '../../../../core/test-kit/peeredEstate.ts';
import { ids } from '../../../../core/test-kit/ruleTestKit.ts';
import { snapshotFromDocuments } from '../../sources/snapshot/index.ts';
import {
  SLICE_KINDS,
  decodeSlice,
  encodeSlice,
  needsForeignSlices,
  ownResult,
  sliceOf,
  withForeign,
  type ForeignSlice,
} from './slices.ts';

const albShard = (): Snapshot => snapshotFromDocuments(peeredAlbDocs().docs);
const peerShard = (): Snapshot => snapshotFromDocuments(peerAccountDocs(ids.region));
const foreign = (ageSeconds: number): ForeignSlice => ({
  shard: `${PEER.account}/${ids.region}`,
  polledAt: '2026-01-01T00:00:00.000Z',
  ageSeconds,
  partitions: decodeSlice('json', encodeSlice(sliceOf(peerShard())!).body),
});
const verdictsOf = (snapshot: Snapshot) => {
  const model = buildModel(snapshot);
  const lb = model.loadBalancers.get(ids.loadBalancers.web.arn)!;
  return evaluateAlbToTarget(model, lb, PEER.ip, PEER.port).hops.map((h) => h.verdict);
};

describe('shard slices', () => {
  it('keep only the EC2 network kinds, with their stale marks', () => {
    const snapshot = albShard();
    snapshot.partitions[0]!.stale = {
      Subnets: { error: 'Throttling', fetchedAt: null },
      tasks: { error: 'x', fetchedAt: null },
    };
    const [part] = sliceOf(snapshot)!;
    expect(Object.keys(part!.data).every((k) => (SLICE_KINDS as readonly string[]).includes(k))).toBe(true);
    expect(part!.data.NetworkInterfaces?.length).toBeGreaterThan(0);
    expect(part!.data.LoadBalancers).toBeUndefined();
    expect(Object.keys(part!.stale!)).toEqual(['Subnets']);
  });

  it('round-trip through the encoding, gzipped when large, with a hash that follows the content', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (n) => {
        const parts = sliceOf(peerShard())!;
        parts[0]!.data.Subnets = Array.from({ length: n }, (_, i) => ({
          SubnetId: `subnet-${i}`,
          VpcId: PEER.vpcId,
        }));
        const encoded = encodeSlice(parts);
        const large = Buffer.byteLength(JSON.stringify(parts)) > 64 * 1024;
        expect(encoded.encoding).toBe(large ? 'gzip' : 'json');
        expect(decodeSlice(encoded.encoding, encoded.body)).toEqual(parts);
        expect(encodeSlice(parts, encoded)).toBe(encoded);
        parts[0]!.data.Subnets.push({ SubnetId: 'subnet-new', VpcId: PEER.vpcId });
        expect(encodeSlice(parts, encoded).hash).not.toBe(encoded.hash);
      }),
      { numRuns: 8 },
    );
  });

  it('are needed only by a shard with ip targets registered outside their VPC (AvailabilityZone all)', () => {
    expect(needsForeignSlices(albShard())).toBe(true);
    expect(needsForeignSlices(peerShard())).toBe(false);
    expect(
      needsForeignSlices(
        snapshotFromDocuments(peeredAlbDocs().docs.filter((d) => !d.json.LoadBalancerTargetHealth)),
      ),
    ).toBe(false);
  });

  it('resolve the peered target while fresh; past two intervals it is unknown, never allowed', () => {
    expect(verdictsOf(albShard())).toEqual(['unknown']);
    expect(new Set(verdictsOf(withForeign(albShard(), [foreign(5)], 10)))).toEqual(new Set(['allow']));
    const stale = verdictsOf(withForeign(albShard(), [foreign(21)], 10));
    expect(stale).toContain('unknown');
    expect(stale).not.toContain('deny');
  });

  it('never replace one of the shard’s own partitions, and drop findings about foreign ones', () => {
    const own = albShard();
    const copy: ForeignSlice = { ...foreign(0), partitions: sliceOf(own)! };
    expect(withForeign(own, [copy], 10).partitions).toHaveLength(1);
    const f = (account: string) => ({ account, region: ids.region }) as ScanResult['findings'][number];
    const result = {
      schemaVersion: 1,
      findings: [f(ids.account), f(PEER.account)],
      targets: [],
      services: [],
      warnings: [],
    } as ScanResult;
    expect(ownResult(result, own).findings.map((x) => x.account)).toEqual([ids.account]);
  });
});
