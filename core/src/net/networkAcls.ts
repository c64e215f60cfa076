// Network ACLs: stateless; entries of one direction in ascending RuleNumber, the first match decides and
// nothing matched = the final `*` rule denies (VPC user guide, "Network ACLs" → "Network ACL rules").
import type { NetworkAcl, NetworkAclEntry } from '@porthole/shared';
import { foldCells, portsInside, spanInside, splitAddresses, splitPorts, verdictOf } from './cells.ts';
import type { CellOutcome } from './cells.ts';
import { ALL_PORTS, formatPortRanges, mergeRanges, parseAddressRange } from './cidr.ts';
import type { AddressFamily, AddressRange, PortRange } from './cidr.ts';
import { naclPortDecisions, type NaclPortDecision } from './naclPorts.ts';
import {
  normaliseProtocol,
  protocolApplies,
  queryLabel,
  type Protocol,
  type RuleProtocol,
} from './protocol.ts';

export type { NaclPortDecision } from './naclPorts.ts';
export type NaclDirection = 'inbound' | 'outbound';

export interface NaclDecision {
  verdict: 'allow' | 'deny' | 'unknown';
  /** Entries that decided some of the asked ports, by RuleNumber; empty = only the implicit default deny. */
  decidingEntries: NetworkAclEntry[];
  /** Ports denied for every address of the remote. */
  deniedPorts: PortRange[];
  /** Ports whose outcome differs across the addresses of a remote CIDR. */
  unknownPorts: PortRange[];
  /** Per protocol and port sub-range: outcome and deciding entry (null = default deny, or differs by address). */
  portDecisions: NaclPortDecision[];
  reason: string;
}

interface ParsedEntry {
  entry: NetworkAclEntry;
  protocol: RuleProtocol;
  range: AddressRange;
}

/** PortRange applies to tcp/udp only; ICMP entries match by IcmpTypeCode.Type (-1 = all types). */
function entryPorts(e: ParsedEntry, query: Protocol): PortRange {
  if (e.protocol === 'all' || query === 'all') return ALL_PORTS;
  if (e.protocol === 'icmp' || e.protocol === 'icmpv6') {
    const type = e.entry.IcmpTypeCode?.Type ?? -1;
    return type < 0 ? ALL_PORTS : { from: type, to: type };
  }
  const r = e.entry.PortRange;
  return r ? { from: r.From, to: r.To } : ALL_PORTS;
}

function entriesFor(acl: NetworkAcl, direction: NaclDirection, family: AddressFamily): ParsedEntry[] {
  const out: ParsedEntry[] = [];
  for (const entry of acl.Entries) {
    if (entry.Egress !== (direction === 'outbound')) continue;
    const cidr = family === 'ipv4' ? entry.CidrBlock : entry.Ipv6CidrBlock;
    if (!cidr) continue;
    try {
      out.push({ entry, protocol: normaliseProtocol(entry.Protocol), range: parseAddressRange(cidr) });
    } catch {
      // AWS validates entry CIDRs; a corrupt one cannot match anything.
    }
  }
  return out.sort((a, b) => a.entry.RuleNumber - b.entry.RuleNumber);
}

/** One protocol class over the asked ports: the first matching entry per cell. */
function evaluateClass(entries: ParsedEntry[], remote: AddressRange, query: Protocol, ports: PortRange) {
  const relevant = entries.filter((e) => protocolApplies(e.protocol, query, remote.family));
  const spans = splitAddresses(
    remote,
    relevant.map((e) => e.range),
  );
  const intervals = splitPorts(
    ports,
    relevant.map((e) => entryPorts(e, query)),
  );
  const deciders = intervals.map((cell) => {
    const byPorts = relevant.filter((e) => portsInside(cell, entryPorts(e, query)));
    return spans.map((span) => byPorts.find((e) => spanInside(span, e.range))?.entry ?? null);
  });
  const grid = deciders.map((row) =>
    row.map((d): CellOutcome => (d?.RuleAction === 'allow' ? 'allow' : 'deny')),
  );
  const outcomes = foldCells(intervals, grid);
  const cells = intervals.map((ports, i) => ({ ports, deciders: deciders[i]! }));
  return { outcomes, portDecisions: naclPortDecisions(query, cells) };
}

export function evaluateNetworkAcl(
  acl: NetworkAcl,
  direction: NaclDirection,
  remote: string,
  protocol: Protocol,
  ports: PortRange,
): NaclDecision {
  const outcome = decideNetworkAcl(acl, direction, remote, protocol, ports);
  return { ...outcome, reason: naclReason(outcome, acl, direction, remote, protocol, ports) };
}

/** A decision without its sentence: the same for every address of one address class (see hopCache.ts). */
export type NaclOutcome = Omit<NaclDecision, 'reason'>;

export function decideNetworkAcl(
  acl: NetworkAcl,
  direction: NaclDirection,
  remote: string,
  protocol: Protocol,
  ports: PortRange,
): NaclOutcome {
  const remoteRange = parseAddressRange(remote);
  const entries = entriesFor(acl, direction, remoteRange.family);
  // "All traffic" is allowed only if every protocol is: tcp, udp and icmp over their ranges, and any other
  // protocol (which only a "-1" entry matches, evaluated as the 'all' class).
  const classes: Array<[Protocol, PortRange]> =
    protocol === 'all'
      ? [
          ['tcp', ports],
          ['udp', ports],
          ['icmp', ALL_PORTS],
          ['all', ALL_PORTS],
        ]
      : [[protocol, ports]];
  const results = classes.map(([q, p]) => evaluateClass(entries, remoteRange, q, p));
  const portDecisions = results.flatMap((r) => r.portDecisions);
  const deniedPorts = mergeRanges(results.flatMap((r) => r.outcomes.denied));
  const unknownPorts = mergeRanges(results.flatMap((r) => r.outcomes.unknown));
  const verdicts = results.map((r) => verdictOf(r.outcomes));
  const verdict = verdicts.includes('deny') ? 'deny' : verdicts.includes('unknown') ? 'unknown' : 'allow';
  const decidingEntries = uniqueEntries(portDecisions.flatMap((d) => d.entries));
  return { verdict, decidingEntries, deniedPorts, unknownPorts, portDecisions };
}

/** The sentence for a decision, rendered for the remote address it is about. */
export function naclReason(
  o: NaclOutcome,
  acl: NetworkAcl,
  direction: NaclDirection,
  remote: string,
  protocol: Protocol,
  ports: PortRange,
): string {
  const { verdict, portDecisions, deniedPorts, unknownPorts } = o;
  const pick = (v: NaclPortDecision['verdict']) =>
    uniqueEntries(portDecisions.filter((d) => d.verdict === v).flatMap((d) => d.entries));
  const toFrom = direction === 'inbound' ? 'from' : 'to';
  const what = (rs: PortRange[]) =>
    protocol === 'all' ? 'all traffic' : `${queryLabel(protocol)} ${formatPortRanges(rs)}`;
  if (verdict === 'allow')
    return `${what([ports])} ${toFrom} ${remote} allowed by ${describeAll(pick('allow'), acl)}`;
  if (verdict === 'deny') {
    const by = pick('deny');
    const defaulted = portDecisions.some((d) => d.verdict === 'deny' && d.defaultDeny);
    const head = `${what(deniedPorts)} ${toFrom} ${remote} denied`;
    const byText = by.length > 0 ? ` by ${describeAll(by, acl)}` : '';
    return `${head}${byText}${defaulted ? `${byText ? ';' : ':'} no entry matches, so the default * rule denies` : ''}`;
  }
  const involved = describeAll(pick('unknown'), acl);
  return `${what(unknownPorts)} ${toFrom} ${remote} depends on which address in ${remote} (${involved})`;
}

function uniqueEntries(entries: NetworkAclEntry[]): NetworkAclEntry[] {
  return [...new Set(entries)].sort((a, b) => a.RuleNumber - b.RuleNumber);
}

function describeAll(entries: NetworkAclEntry[], acl: NetworkAcl): string {
  return entries.map((e) => describeNaclEntry(e, acl.NetworkAclId)).join('; ') || 'the default * rule';
}

/** "acl-0abc #100 inbound allow tcp 1024-65535 from 0.0.0.0/0", "#* inbound deny all from 0.0.0.0/0". */
export function describeNaclEntry(e: NetworkAclEntry, aclId?: string): string {
  const num = e.RuleNumber >= 32767 ? '*' : String(e.RuleNumber);
  const protocol = normaliseProtocol(e.Protocol);
  let traffic: string;
  if (protocol === 'all') traffic = 'all';
  else if (protocol === 'tcp' || protocol === 'udp') {
    const r = e.PortRange;
    traffic = `${protocol} ${r ? formatPortRanges([{ from: r.From, to: r.To }]) : '0-65535'}`;
  } else if (protocol === 'icmp' || protocol === 'icmpv6') {
    const type = e.IcmpTypeCode?.Type ?? -1;
    const code = e.IcmpTypeCode?.Code ?? -1;
    traffic = type < 0 ? `${protocol} all` : `${protocol} type ${type}${code >= 0 ? ` code ${code}` : ''}`;
  } else traffic = `protocol ${e.Protocol}`;
  const cidr = e.CidrBlock ?? e.Ipv6CidrBlock ?? '?';
  const dir = e.Egress ? 'outbound' : 'inbound';
  const head = aclId ? `${aclId} #${num}` : `#${num}`;
  return `${head} ${dir} ${e.RuleAction} ${traffic} ${e.Egress ? 'to' : 'from'} ${cidr}`;
}
