// Security groups: stateful and allow-only; the union of every group's rules applies (VPC user guide,
// "Security group rules"). Only the direction asked is evaluated: return traffic is implicitly allowed.
import type { IpPermission } from '@porthole/shared';
import { foldCells, portsInside, spanInside, splitAddresses, splitPorts, verdictOf } from './cells.ts';
import {
  formatPortRanges,
  intersectRanges,
  parseAddressRange,
  relateParsed,
  tryParseAddressRange,
  subtractRanges,
  type AddressRange,
  type PortRange,
  type PrefixListResolver,
} from './cidr.ts';
import { protocolApplies, queryLabel, type Protocol } from './protocol.ts';
import { sgReason } from './sgExplain.ts';
import { grantsOf, isMissing, type SgDirection, type SgGrant, type SgInput } from './sgRules.ts';

export type { Protocol } from './protocol.ts';
export type { PrefixListResolver } from './cidr.ts';
export { describePermission, isMissing } from './sgRules.ts';
export type { MissingGroup, SgDirection, SgInput } from './sgRules.ts';

/**
 * The other end of the traffic. `address`: an IP, or a CIDR meaning "any address in this range".
 * `securityGroupIds`: the SGs of the peer's ENI, only when packets carry that ENI's private IP ([] when they
 * arrive from a public/Elastic IP or through NAT): SG-reference rules match private IPs only.
 */
export interface Peer {
  address: string;
  securityGroupIds: string[];
}

export interface SgMatch {
  groupId: string;
  permission: IpPermission;
  /** The CIDR, sg-id or pl-id that matched. */
  source: string;
  /** The rule's ports within the asked range (evaluate), or the rule's whole range (openPortsFor). */
  ports: PortRange;
  /** e.g. "sg-0abc ingress tcp 80 from sg-0alb". */
  text: string;
}

export interface SgDecision {
  verdict: 'allow' | 'deny' | 'unknown';
  allowedBy: SgMatch[];
  /** Ports not proven allowed for every address of the peer (denied or unknown). */
  uncoveredPorts: PortRange[];
  /** The subset of uncoveredPorts whose outcome depends on missing data or on the peer's exact address. */
  unknownPorts: PortRange[];
  unknownReasons: string[];
  reason: string;
}

/** A grant that applies to (part of) the peer, with the address ranges it covers. */
interface Applicable {
  grant: SgGrant;
  ranges: AddressRange[];
}

interface Scan {
  applicable: Applicable[];
  /** Sources that might allow ports we cannot see: missing groups, prefix lists with unknown entries. */
  unknowns: Array<{ ports: PortRange; reason: string }>;
}

function scan(
  groups: readonly SgInput[],
  direction: SgDirection,
  peer: Peer,
  protocol: Protocol,
  prefixLists: PrefixListResolver,
): Scan {
  const peerRange = parseAddressRange(peer.address);
  const result: Scan = { applicable: [], unknowns: [] };
  for (const g of groups) {
    if (isMissing(g)) {
      result.unknowns.push({ ports: { from: 0, to: 65535 }, reason: `${g.GroupId} is not in the snapshot` });
      continue;
    }
    const permissions = (direction === 'ingress' ? g.IpPermissions : g.IpPermissionsEgress) ?? [];
    for (const grant of permissions.flatMap((p) => grantsOf(g.GroupId, direction, p))) {
      if (!protocolApplies(grant.protocol, protocol, peerRange.family)) continue;
      if (grant.kind === 'group') {
        if (peer.securityGroupIds.includes(grant.source))
          result.applicable.push({ grant, ranges: [peerRange] });
        continue;
      }
      const cidrs = grant.kind === 'cidr' ? [grant.source] : prefixLists(grant.source);
      if (!cidrs) {
        result.unknowns.push({
          ports: grant.ports,
          reason: `entries of ${grant.source} are unknown (${grant.text})`,
        });
        continue;
      }
      const ranges = cidrs.map(tryParseAddressRange);
      if (ranges.includes(null)) {
        result.unknowns.push({ ports: grant.ports, reason: `${grant.text} has an unparseable CIDR` });
      }
      const overlapping = ranges.filter((r) => r !== null && relateParsed(r, peerRange) !== 'disjoint');
      if (overlapping.length > 0) result.applicable.push({ grant, ranges: overlapping as AddressRange[] });
    }
  }
  return result;
}

export function evaluateSecurityGroups(
  groups: Array<SgInput>,
  direction: SgDirection,
  peer: Peer,
  protocol: Protocol,
  ports: PortRange,
  prefixLists: PrefixListResolver,
): SgDecision {
  const outcome = decideSecurityGroups(groups, direction, peer, protocol, ports, prefixLists);
  return { ...outcome, reason: sgReason(outcome, { groups, direction, peer, protocol }, ports) };
}

/** A decision without its sentence: the same for every address of one address class (see hopCache.ts). */
export interface SgOutcome extends Omit<SgDecision, 'reason'> {
  deniedPorts: PortRange[];
  /** The rules that apply to the peer whatever their ports (only for a deny: "opens … only"). */
  open: SgMatch[];
}

export function decideSecurityGroups(
  groups: Array<SgInput>,
  direction: SgDirection,
  peer: Peer,
  protocol: Protocol,
  ports: PortRange,
  prefixLists: PrefixListResolver,
): SgOutcome {
  const peerRange = parseAddressRange(peer.address);
  const { applicable, unknowns } = scan(groups, direction, peer, protocol, prefixLists);
  const spans = splitAddresses(
    peerRange,
    applicable.flatMap((a) => a.ranges),
  );
  const intervals = splitPorts(ports, [
    ...applicable.map((a) => a.grant.ports),
    ...unknowns.map((u) => u.ports),
  ]);
  const usedUnknowns = new Set<string>();
  const grid = intervals.map((cell) => {
    const byPorts = applicable.filter((a) => portsInside(cell, a.grant.ports));
    const maybe = unknowns.filter((u) => portsInside(cell, u.ports));
    return spans.map((span) => {
      if (byPorts.some((a) => a.ranges.some((r) => spanInside(span, r)))) return 'allow';
      maybe.forEach((u) => usedUnknowns.add(u.reason));
      return maybe.length > 0 ? 'unknown' : 'deny';
    });
  });
  const outcomes = foldCells(intervals, grid);
  const verdict = verdictOf(outcomes);
  // Every applicable grant allows the cells of its own range and ports: those overlapping the ask are used.
  const allowedBy = applicable.flatMap(({ grant }) =>
    intersectRanges([grant.ports], [ports]).map((p) => toMatch(grant, p)),
  );
  const unknownReasons = [...usedUnknowns];
  if (outcomes.mixed.length > 0) {
    unknownReasons.push(
      `${queryLabel(protocol)} ${formatPortRanges(outcomes.mixed)} is allowed for only part of ${peer.address}` +
        ` (depends on which address in ${peer.address})`,
    );
  }
  const uncoveredPorts = subtractRanges([ports], outcomes.allowed);
  const open = verdict === 'deny' ? openPortsFor(groups, direction, peer, protocol, prefixLists) : [];
  return {
    verdict,
    allowedBy,
    uncoveredPorts,
    unknownPorts: outcomes.unknown,
    unknownReasons,
    deniedPorts: outcomes.denied,
    open,
  };
}

/** Every rule of the direction that applies to this peer and protocol, whatever its ports. */
export function openPortsFor(
  groups: Array<SgInput>,
  direction: SgDirection,
  peer: Peer,
  protocol: Protocol,
  prefixLists: PrefixListResolver,
): SgMatch[] {
  return scan(groups, direction, peer, protocol, prefixLists).applicable.map(({ grant }) =>
    toMatch(grant, grant.ports),
  );
}

function toMatch(grant: SgGrant, ports: PortRange): SgMatch {
  const { groupId, permission, source, text } = grant;
  return { groupId, permission, source, ports, text };
}
