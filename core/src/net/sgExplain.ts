// Human explanations of a security-group decision, one line each.
import { formatPortRanges, mergeRanges, type PortRange } from './cidr.ts';
import { queryLabel, type Protocol } from './protocol.ts';
import type { Peer, SgMatch, SgOutcome } from './securityGroups.ts';
import { isMissing, type SgDirection, type SgInput } from './sgRules.ts';

function groupLabel(g: SgInput): string {
  return !isMissing(g) && g.GroupName ? `${g.GroupId} (${g.GroupName})` : g.GroupId;
}

export interface Words {
  groups: readonly SgInput[];
  direction: SgDirection;
  peer: Peer;
  protocol: Protocol;
}

/** "sg-1 (web), sg-2" and "tcp 80 from 10.0.1.5 (sg-0alb)". */
function phrase(w: Words, ports: PortRange[]): { names: string; traffic: string } {
  const names = w.groups.map(groupLabel).join(', ') || '(no security group)';
  const what = w.protocol === 'all' ? 'all traffic' : `${queryLabel(w.protocol)} ${formatPortRanges(ports)}`;
  const sgs = w.peer.securityGroupIds.length > 0 ? ` (${w.peer.securityGroupIds.join(', ')})` : '';
  const toFrom = w.direction === 'ingress' ? 'from' : 'to';
  return { names, traffic: `${what} ${toFrom} ${w.peer.address}${sgs}` };
}

export function allowReason(w: Words, ports: PortRange, allowedBy: SgMatch[]): string {
  const { names, traffic } = phrase(w, [ports]);
  const via = allowedBy.slice(0, 3).map((m) => m.text);
  const more = allowedBy.length > 3 ? ` and ${allowedBy.length - 3} more` : '';
  return `${names} ${w.direction} allows ${traffic} (${via.join('; ')}${more})`;
}

export function unknownReason(w: Words, unknown: PortRange[], reasons: string[]): string {
  const { names, traffic } = phrase(w, unknown);
  return `cannot tell whether ${names} ${w.direction} allows ${traffic}: ${reasons.join('; ')}`;
}

export function denyReason(w: Words, denied: PortRange[], open: SgMatch[]): string {
  const { names, traffic } = phrase(w, denied);
  const byGroup = new Map<string, PortRange[]>();
  for (const m of open) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), m.ports]);
  const opens = [...byGroup].map(
    ([id, rs]) => `${id} opens ${queryLabel(w.protocol)} ${formatPortRanges(mergeRanges(rs))} only`,
  );
  const tail =
    opens.length > 0 ? opens.join('; ') : `no ${w.direction} rule applies to ${w.peer.address} at all`;
  return `no ${w.direction} rule of ${names} allows ${traffic}; ${tail}`;
}

/** The sentence for a decision, rendered for the peer it is about. */
export function sgReason(o: SgOutcome, words: Words, ports: PortRange): string {
  return o.verdict === 'allow'
    ? allowReason(words, ports, o.allowedBy)
    : o.verdict === 'deny'
      ? denyReason(words, o.deniedPorts, o.open)
      : unknownReason(words, o.unknownPorts, o.unknownReasons);
}
