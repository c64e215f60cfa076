// Two partitions holding the same security group id (ids repeat across accounts and regions): a rule removed
// in one is a change even though the other still has it.
import { describe, expect, it } from 'vitest';
import type { Snapshot, SnapshotData } from '@porthole/shared';
import { diffFacts } from './diffFacts.ts';
import { extractFacts } from './facts.ts';

const rule = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const sg = (perms: unknown[]): SnapshotData => ({
  SecurityGroups: [
    { GroupId: 'sg-0a1b2c3d4e5f60001', IpPermissions: perms as never, IpPermissionsEgress: [] },
  ],
});
const two = (east: unknown[]): Snapshot => ({
  partitions: [
    { account: '111122223333', region: 'eu-west-1', data: sg([rule]) },
    { account: '111122223333', region: 'us-east-1', data: sg(east) },
  ],
  warnings: [],
});

describe('network facts per partition', () => {
  it('reports a rule removed in one region while the other region keeps the same group and rule', () => {
    const changes = diffFacts(extractFacts(two([rule])), extractFacts(two([])));
    expect(changes.map((c) => [c.type, c.message])).toEqual([
      ['security-group-rule-removed', 'ingress tcp 443 from 0.0.0.0/0 removed from sg-0a1b2c3d4e5f60001'],
    ]);
  });
});
