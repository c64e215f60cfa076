// What an estate holds, counted from a snapshot (so the benchmark reports what was loaded, not what was asked).
import type { IpPermission, Snapshot, SnapshotKind } from '@porthole/shared';
import type { EstateCounts } from '../estate/sizes.ts';

const sources = (p: IpPermission) =>
  (p.IpRanges?.length ?? 0) +
  (p.Ipv6Ranges?.length ?? 0) +
  (p.PrefixListIds?.length ?? 0) +
  (p.UserIdGroupPairs?.length ?? 0);

export function countSnapshot(snapshot: Snapshot): EstateCounts & { targets: number } {
  const n = (kind: SnapshotKind) =>
    snapshot.partitions.reduce((sum, p) => sum + (p.data[kind]?.length ?? 0), 0);
  const groups = snapshot.partitions.flatMap((p) => p.data.SecurityGroups ?? []);
  const health = snapshot.partitions.flatMap((p) => p.data.LoadBalancerTargetHealth ?? []);
  return {
    services: n('services'),
    tasks: n('tasks'),
    targetGroups: n('TargetGroups'),
    loadBalancers: n('LoadBalancers'),
    securityGroups: groups.length,
    securityGroupRules: groups.reduce(
      (sum, g) =>
        sum +
        [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])].reduce((s, p) => s + sources(p), 0),
      0,
    ),
    networkAcls: n('NetworkAcls'),
    targets: health.reduce((sum, h) => sum + h.TargetHealthDescriptions.length, 0),
  };
}
