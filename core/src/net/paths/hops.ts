// One hop of a path = one component's decision (SG, NACL, route), with its evidence and data gaps.
import {
  scopeKey,
  type Evidence,
  type Hop,
  type NetworkAclEntry,
  type SnapshotScope,
} from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel } from '../../model/types.ts';
import { formatPortRange, type PortRange } from '../cidr.ts';
import { describeNaclEntry, evaluateNetworkAcl } from '../networkAcls.ts';
import { describeRoute, lookupRoute, routeTableForSubnet, type RouteDecision } from '../routes.ts';
import { evaluateSecurityGroups, openPortsFor, type Peer, type Protocol } from '../securityGroups.ts';
import { addressClass, cidrsFor, memoHop } from './hopCache.ts';

export type HopCheck = 'sg-egress' | 'sg-ingress' | 'nacl-outbound' | 'nacl-inbound' | 'route' | 'other';

/** A hop plus what the rules need: which check, which ports, the exact entries, and missing data. */
export interface EvaluatedHop extends Hop {
  check: HopCheck;
  /**
   * Each component id on its own, in order (every SG of a multi-SG ENI); `component` is their display form
   * ("sg-a,sg-b"). Absent means the single id in `component`.
   */
  componentIds?: string[];
  ports: PortRange | null;
  evidence: Evidence[];
  gaps: string[];
  /** For routes: the decision, so egress rules can inspect the target. */
  route?: RouteDecision;
  /** For NACLs: the entries that decided (empty = the default deny). */
  naclEntries?: NetworkAclEntry[];
  /** For NACLs: the asked ports denied for every address of the remote (a reply leg may deny only some). */
  naclDeniedPorts?: PortRange[];
  /** What was asked, so a blocker can be turned into a fix. */
  query?: { scope: SnapshotScope; peer?: Peer; remote?: string; protocol: Protocol };
}

/** Prefix-list entries in one account and region (AWS-managed list ids and entries differ per region). */
/** The ids a hop stands for, one per component (a multi-SG hop lists every group). */
export function componentIdsOf(hop: EvaluatedHop): string[] {
  return hop.componentIds ?? [hop.component];
}

export function prefixListResolver(model: EstateModel, scope: SnapshotScope) {
  return (id: string): string[] | null => model.prefixLists.get(scope, id) ?? null;
}

export function unknownHop(
  component: string,
  kind: string,
  check: HopCheck,
  leg: Hop['leg'],
  direction: Hop['direction'],
  gaps: string[],
): EvaluatedHop {
  return {
    component,
    kind,
    check,
    leg,
    direction,
    verdict: 'unknown',
    detail: `unknown: ${gaps.join('; ')}`,
    ports: null,
    evidence: gaps.map((g) => ({ kind: 'missing-data', component, detail: g })),
    gaps,
  };
}

export function securityGroupHop(
  model: EstateModel,
  scope: SnapshotScope,
  groupIds: string[],
  direction: 'ingress' | 'egress',
  peer: Peer,
  protocol: Protocol,
  ports: PortRange,
  leg: Hop['leg'],
): EvaluatedHop {
  const component = groupIds.join(',') || '(no security group)';
  const componentIds = groupIds.length > 0 ? [...groupIds] : [component];
  const check: HopCheck = direction === 'ingress' ? 'sg-ingress' : 'sg-egress';
  const hopDirection = direction === 'ingress' ? 'inbound' : 'outbound';
  const gaps = dataGaps(model, scope, ['SecurityGroups']);
  if (gaps.length > 0)
    return { ...unknownHop(component, 'security-group', check, leg, hopDirection, gaps), componentIds };
  const groups = groupIds.map(
    (id) => model.securityGroups.get(scope, id) ?? { GroupId: id, missing: true as const },
  );
  const resolver = prefixListResolver(model, scope);
  const where = scopeKey(scope);
  const cidrs = cidrsFor(model, `sg|${where}|${direction}|${component}`, () =>
    groups.flatMap((g) =>
      'missing' in g
        ? []
        : (direction === 'ingress' ? (g.IpPermissions ?? []) : (g.IpPermissionsEgress ?? [])).flatMap((p) => [
            ...(p.IpRanges ?? []).map((r) => r.CidrIp),
            ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
            ...(p.PrefixListIds ?? []).flatMap((pl) => resolver(pl.PrefixListId) ?? []),
          ]),
    ),
  );
  const cls = addressClass(cidrs, peer.address);
  const key =
    cls === null
      ? null
      : `sg|${where}|${direction}|${component}|${cls}|${peer.securityGroupIds.join(',')}|${protocol}|${ports.from}-${ports.to}|${leg}`;
  return memoHop(model, key, peer.address, () => {
    const decision = evaluateSecurityGroups(groups, direction, peer, protocol, ports, resolver);
    const matches =
      decision.allowedBy.length > 0
        ? decision.allowedBy
        : openPortsFor(groups, direction, peer, protocol, resolver);
    const evidence: Evidence[] = matches.map((m) => ({
      kind: 'security-group-rule',
      component: m.groupId,
      detail: m.text,
    }));
    if (decision.verdict === 'deny' && matches.length === 0) {
      evidence.push({ kind: 'security-group-rule', component, detail: decision.reason });
    }
    return {
      component,
      componentIds,
      kind: 'security-group',
      check,
      leg,
      direction: hopDirection,
      verdict: decision.verdict,
      detail: decision.reason,
      ports,
      evidence,
      gaps: decision.unknownReasons,
      query: { scope, peer, protocol },
    };
  });
}

export function networkAclHop(
  model: EstateModel,
  scope: SnapshotScope,
  subnetId: string | null,
  direction: 'inbound' | 'outbound',
  remote: string,
  protocol: Protocol,
  ports: PortRange,
  leg: Hop['leg'],
): EvaluatedHop {
  const check: HopCheck = direction === 'inbound' ? 'nacl-inbound' : 'nacl-outbound';
  const gaps = dataGaps(model, scope, ['NetworkAcls']);
  const acl = subnetId ? model.naclBySubnet.get(scope, subnetId) : undefined;
  const where = scopeKey(scope);
  if (gaps.length > 0 || !acl) {
    const why =
      gaps.length > 0 ? gaps : [`no network ACL association found for ${subnetId ?? 'unknown subnet'}`];
    return unknownHop(subnetId ?? 'network-acl', 'network-acl', check, leg, direction, why);
  }
  const naclCidrs = cidrsFor(model, `nacl|${where}|${acl.NetworkAclId}`, () =>
    acl.Entries.flatMap((e) => [e.CidrBlock, e.Ipv6CidrBlock].filter((c): c is string => !!c)),
  );
  const cls = addressClass(naclCidrs, remote);
  const key =
    cls === null
      ? null
      : `nacl|${where}|${acl.NetworkAclId}|${subnetId}|${direction}|${cls}|${protocol}|${ports.from}-${ports.to}|${leg}`;
  return memoHop(model, key, remote, () => {
    const decision = evaluateNetworkAcl(acl, direction, remote, protocol, ports);
    const entries = decision.decidingEntries.map((e) => describeNaclEntry(e));
    const evidence: Evidence[] = (entries.length > 0 ? entries : [decision.reason]).map((text) => ({
      kind: 'network-acl-entry',
      component: acl.NetworkAclId,
      detail: text.startsWith(acl.NetworkAclId) ? text : `${acl.NetworkAclId} ${text}`,
    }));
    return {
      component: acl.NetworkAclId,
      kind: 'network-acl',
      check,
      leg,
      direction,
      verdict: decision.verdict,
      detail: `${acl.NetworkAclId} (${subnetId}) ${direction} ${protocol} ${formatPortRange(ports)} ${
        direction === 'inbound' ? 'from' : 'to'
      } ${remote}: ${decision.reason}`,
      ports,
      evidence,
      gaps: [],
      naclEntries: decision.decidingEntries,
      naclDeniedPorts: decision.deniedPorts,
      query: { scope, remote, protocol },
    };
  });
}

export function routeHop(
  model: EstateModel,
  scope: SnapshotScope,
  subnetId: string | null,
  vpcId: string | null,
  destination: string,
  leg: Hop['leg'],
): EvaluatedHop {
  const gaps = dataGaps(model, scope, ['RouteTables']);
  const found = subnetId && vpcId ? cachedRouteTable(model, scope, subnetId, vpcId) : null;
  if (gaps.length > 0 || !found) {
    const why = gaps.length > 0 ? gaps : [`no route table found for ${subnetId ?? 'unknown subnet'}`];
    return unknownHop(subnetId ?? 'route-table', 'route-table', 'route', leg, 'forward', why);
  }
  const decision = lookupRoute(found.table, destination, prefixListResolver(model, scope));
  const verdict = decision.route && !decision.blackhole ? 'allow' : 'deny';
  const via = found.explicit ? '' : ' (main route table)';
  return {
    component: found.table.RouteTableId,
    kind: 'route-table',
    check: 'route',
    leg,
    direction: 'forward',
    verdict,
    detail: `${found.table.RouteTableId}${via} → ${destination}: ${decision.reason}`,
    ports: null,
    evidence: [
      {
        kind: 'route',
        component: found.table.RouteTableId,
        detail: decision.route ? describeRoute(decision.route) : decision.reason,
      },
    ],
    gaps: [],
    route: decision,
  };
}

const routeTableCache = new WeakMap<EstateModel, Map<string, ReturnType<typeof routeTableForSubnet>>>();

/** The route table of a subnet (explicit association, else the VPC's main table), looked up once per model. */
export function cachedRouteTable(model: EstateModel, scope: SnapshotScope, subnetId: string, vpcId: string) {
  let cache = routeTableCache.get(model);
  if (!cache) {
    cache = new Map();
    routeTableCache.set(model, cache);
  }
  const key = `${scopeKey(scope)}|${subnetId}|${vpcId}`;
  if (!cache.has(key)) cache.set(key, routeTableForSubnet(model.routeTables.inScope(scope), subnetId, vpcId));
  return cache.get(key) ?? null;
}
