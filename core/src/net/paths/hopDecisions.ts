// SG and NACL hop decisions, memoised per model and address class (hopCache.ts): the decision is made once
// per class, its texts are rendered for each address that is shown (decided.ts).
import { scopeKey, type Evidence, type Hop, type SnapshotScope } from '@porthole/shared';
import { memo } from '../../model/memo.ts';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel } from '../../model/types.ts';
import { formatPortRange, type PortRange } from '../cidr.ts';
import { decideNetworkAcl, describeNaclEntry, naclReason } from '../networkAcls.ts';
import { decideSecurityGroups, openPortsFor, type Peer, type Protocol } from '../securityGroups.ts';
import { sgReason } from '../sgExplain.ts';
import { fixedHop, type DecidedHop } from './decided.ts';
import { cidrsFor, classOver, componentClass, naclTables } from './hopCache.ts';
import { prefixListResolver, unknownHop, type HopCheck } from './hops.ts';

/** One side's security groups asked about one peer, protocol and port range, on one leg of a path. */
export interface SgHopQuery {
  scope: SnapshotScope;
  /** The ENI's groups (all of them: a multi-SG ENI admits what any one of its groups admits). */
  groupIds: string[];
  direction: 'ingress' | 'egress';
  peer: Peer;
  protocol: Protocol;
  ports: PortRange;
  leg: Hop['leg'];
}

/** A subnet's NACL asked about one remote address, protocol and port range in one direction. */
export interface NaclHopQuery {
  scope: SnapshotScope;
  subnetId: string | null;
  direction: 'inbound' | 'outbound';
  /** The address on the other side: the source inbound, the destination outbound. */
  remote: string;
  protocol: Protocol;
  /** The destination ports of the packets (a reply leg asks for the requester's ephemeral ports). */
  ports: PortRange;
  leg: Hop['leg'];
}

/** The rule CIDRs of a set of groups in one direction: what an address's class is taken over. */
export function sgCidrs(
  model: EstateModel,
  q: Pick<SgHopQuery, 'scope' | 'groupIds' | 'direction'>,
): string[] {
  return cidrsFor(model, sgComponent(q), () => {
    const resolver = prefixListResolver(model, q.scope);
    return q.groupIds.flatMap((id) => {
      const g = model.securityGroups.get(q.scope, id);
      if (!g) return [];
      return (q.direction === 'ingress' ? (g.IpPermissions ?? []) : (g.IpPermissionsEgress ?? [])).flatMap(
        (p) => [
          ...(p.IpRanges ?? []).map((r) => r.CidrIp),
          ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
          ...(p.PrefixListIds ?? []).flatMap((pl) => resolver(pl.PrefixListId) ?? []),
        ],
      );
    });
  });
}

const sgComponent = (q: Pick<SgHopQuery, 'scope' | 'groupIds' | 'direction'>) =>
  `sg|${scopeKey(q.scope)}|${q.direction}|${q.groupIds.join(',')}`;

export function decideSecurityGroupHop(model: EstateModel, q: SgHopQuery): DecidedHop {
  const cls = componentClass(model, sgComponent(q), sgCidrs(model, q), q.peer.address);
  if (cls === null) return sgDecision(model, q);
  const key = `${scopeKey(q.scope)}|${q.direction}|${q.groupIds.join(',')}|${cls}|${q.peer.securityGroupIds.join(',')}|${q.protocol}|${q.ports.from}-${q.ports.to}|${q.leg}`;
  return memo(model, 'sgHop', key, () => sgDecision(model, q));
}

function sgDecision(model: EstateModel, q: SgHopQuery): DecidedHop {
  const { scope, groupIds, direction, protocol, ports, leg } = q;
  const component = groupIds.join(',') || '(no security group)';
  const componentIds = groupIds.length > 0 ? [...groupIds] : [component];
  const check: HopCheck = direction === 'ingress' ? 'sg-ingress' : 'sg-egress';
  const hopDirection = direction === 'ingress' ? 'inbound' : 'outbound';
  const gaps = dataGaps(model, scope, ['SecurityGroups']);
  if (gaps.length > 0)
    return fixedHop({
      ...unknownHop({ component, kind: 'security-group', gaps, check, leg, direction: hopDirection }),
      componentIds,
    });
  const groups = groupIds.map(
    (id) => model.securityGroups.get(scope, id) ?? { GroupId: id, missing: true as const },
  );
  const resolver = prefixListResolver(model, scope);
  const outcome = decideSecurityGroups(groups, direction, q.peer, protocol, ports, resolver);
  const matches =
    outcome.allowedBy.length > 0
      ? outcome.allowedBy
      : openPortsFor(groups, direction, q.peer, protocol, resolver);
  const ruleEvidence: Evidence[] = matches.map((m) => ({
    kind: 'security-group-rule',
    component: m.groupId,
    detail: m.text,
  }));
  const sgIds = q.peer.securityGroupIds;
  return {
    facts: {
      component,
      componentIds,
      kind: 'security-group',
      check,
      leg,
      direction: hopDirection,
      verdict: outcome.verdict,
      ports,
    },
    texts(address) {
      const peer = { address, securityGroupIds: sgIds };
      const detail = sgReason(outcome, { groups, direction, peer, protocol }, ports);
      const evidence =
        outcome.verdict === 'deny' && matches.length === 0
          ? [...ruleEvidence, { kind: 'security-group-rule' as const, component, detail }]
          : [...ruleEvidence];
      return { detail, evidence, gaps: [...outcome.unknownReasons], query: { scope, peer, protocol } };
    },
  };
}

export function decideNetworkAclHop(model: EstateModel, q: NaclHopQuery): DecidedHop {
  const { scope, subnetId, direction, leg } = q;
  const check: HopCheck = direction === 'inbound' ? 'nacl-inbound' : 'nacl-outbound';
  const gaps = dataGaps(model, scope, ['NetworkAcls']);
  const acl = subnetId ? model.naclBySubnet.get(scope, subnetId) : undefined;
  if (gaps.length > 0 || !acl) {
    const why =
      gaps.length > 0 ? gaps : [`no network ACL association found for ${subnetId ?? 'unknown subnet'}`];
    return fixedHop(
      unknownHop({
        component: subnetId ?? 'network-acl',
        kind: 'network-acl',
        check,
        leg,
        direction,
        gaps: why,
      }),
    );
  }
  const tables = naclTables(model, acl);
  const cls = classOver(tables.ranges, q.remote);
  const decide = (): DecidedHop => {
    const { protocol, ports } = q;
    const outcome = decideNetworkAcl(acl, direction, q.remote, protocol, ports);
    const entries = outcome.decidingEntries.map((e) => describeNaclEntry(e));
    const evidenceOf = (text: string): Evidence => ({
      kind: 'network-acl-entry',
      component: acl.NetworkAclId,
      detail: text.startsWith(acl.NetworkAclId) ? text : `${acl.NetworkAclId} ${text}`,
    });
    return {
      facts: {
        component: acl.NetworkAclId,
        kind: 'network-acl',
        check,
        leg,
        direction,
        verdict: outcome.verdict,
        ports,
        naclEntries: outcome.decidingEntries,
        naclDeniedPorts: outcome.deniedPorts,
      },
      texts(remote) {
        const reason = naclReason(outcome, acl, direction, remote, protocol, ports);
        return {
          detail: `${acl.NetworkAclId} (${subnetId}) ${direction} ${protocol} ${formatPortRange(ports)} ${
            direction === 'inbound' ? 'from' : 'to'
          } ${remote}: ${reason}`,
          evidence: (entries.length > 0 ? entries : [reason]).map(evidenceOf),
          gaps: [],
          query: { scope, remote, protocol },
        };
      },
    };
  };
  if (cls === null) return decide();
  const key = `${subnetId}|${direction}|${cls}|${q.protocol}|${q.ports.from}-${q.ports.to}|${leg}`;
  let found = tables.hops.get(key);
  if (!found) tables.hops.set(key, (found = decide()));
  return found;
}
