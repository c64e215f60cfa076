// Security group rules, NACL entries and routes as facts (one fact per exact entry). EC2 ids repeat across
// accounts and regions, so each fact key carries its partition: one partition's change is never hidden by another.
import { scopeKey, type Snapshot, type SnapshotData } from '@porthole/shared';
import type { FactSet } from './facts.ts';
import {
  naclEntryPhrase,
  routeDestination,
  routePhrase,
  routeTarget,
  securityGroupRulePhrases,
} from './words.ts';

/** Each item of a kind with its partition's "account/region" prefix for fact keys. */
function scoped<K extends 'SecurityGroups' | 'NetworkAcls' | 'RouteTables'>(
  snapshot: Snapshot,
  kind: K,
): Array<[string, NonNullable<SnapshotData[K]>[number]]> {
  return snapshot.partitions.flatMap((p) =>
    (p.data[kind] ?? []).map((item) => [scopeKey(p), item] as [string, NonNullable<SnapshotData[K]>[number]]),
  );
}

export function networkFacts(snapshot: Snapshot): FactSet {
  const facts: FactSet = {};

  for (const [where, group] of scoped(snapshot, 'SecurityGroups')) {
    const sides = [
      [group.IpPermissions ?? [], false],
      [group.IpPermissionsEgress ?? [], true],
    ] as const;
    for (const [permissions, egress] of sides) {
      for (const permission of permissions) {
        const peers = (permission.UserIdGroupPairs ?? []).flatMap((p) => (p.GroupId ? [p.GroupId] : []));
        for (const phrase of securityGroupRulePhrases(permission, egress)) {
          facts[`${where}|sg|${group.GroupId}|${phrase}`] = {
            kind: 'sg-rule',
            owner: group.GroupId,
            text: phrase,
            fields: {},
            service: null,
            resources: [group.GroupId, ...peers.filter((p) => phrase.endsWith(p))],
          };
        }
      }
    }
  }

  for (const [where, acl] of scoped(snapshot, 'NetworkAcls')) {
    const subnets = (acl.Associations ?? []).map((a) => a.SubnetId);
    for (const entry of acl.Entries) {
      const phrase = naclEntryPhrase(entry);
      facts[`${where}|nacl|${acl.NetworkAclId}|${entry.Egress ? 'out' : 'in'}|${entry.RuleNumber}`] = {
        kind: 'nacl-entry',
        owner: acl.NetworkAclId,
        text: phrase,
        fields: { entry: phrase },
        service: null,
        resources: [acl.NetworkAclId, ...subnets],
      };
    }
  }

  for (const [where, table] of scoped(snapshot, 'RouteTables')) {
    const associations = table.Associations ?? [];
    const subnets = associations.flatMap((a) => (a.SubnetId ? [a.SubnetId] : []));
    // The main table also serves every subnet without an explicit association: name the VPC.
    const main = associations.some((a) => a.Main) && table.VpcId ? [table.VpcId] : [];
    for (const route of table.Routes) {
      const phrase = routePhrase(route);
      facts[`${where}|rtb|${table.RouteTableId}|${routeDestination(route)}`] = {
        kind: 'route',
        owner: table.RouteTableId,
        text: phrase,
        fields: { route: phrase },
        service: null,
        resources: [table.RouteTableId, routeTarget(route), ...subnets, ...main],
      };
    }
  }
  return facts;
}
