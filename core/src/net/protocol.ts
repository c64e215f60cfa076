// Protocol matching shared by security groups (IpProtocol) and network ACLs (Protocol).
import type { AddressFamily } from './cidr.ts';

/** The traffic asked about. 'all' = every protocol and port (only a "-1" rule or entry covers it). */
export type Protocol = 'tcp' | 'udp' | 'icmp' | 'all';

/** A rule's protocol, canonical: AWS prints names ("tcp") in SGs and numbers ("6") in NACLs. */
export type RuleProtocol = 'all' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | `proto-${string}`;

const BY_NAME: Record<string, RuleProtocol> = {
  '-1': 'all',
  all: 'all',
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 'icmpv6',
  '58': 'icmpv6',
};

export function normaliseProtocol(p: string | null | undefined): RuleProtocol {
  const key = String(p ?? '')
    .trim()
    .toLowerCase();
  return BY_NAME[key] ?? `proto-${key}`;
}

/**
 * Does a rule of protocol `rule` apply to `query` traffic of address `family`?
 * 'icmp' traffic means ICMP for IPv4 peers and ICMPv6 for IPv6 peers. 'all' needs an all-protocols rule.
 */
export function protocolApplies(rule: RuleProtocol, query: Protocol, family: AddressFamily): boolean {
  if (rule === 'all') return true;
  if (query === 'icmp') return rule === (family === 'ipv4' ? 'icmp' : 'icmpv6');
  return rule === query;
}

/** "tcp", "udp", "icmp", "icmpv6", "all traffic", "protocol 47". */
export function ruleProtocolLabel(rule: RuleProtocol): string {
  if (rule === 'all') return 'all traffic';
  return rule.startsWith('proto-') ? `protocol ${rule.slice('proto-'.length)}` : rule;
}

/** How the traffic asked about is named in explanations: "tcp", "icmp type", "all traffic". */
export function queryLabel(query: Protocol): string {
  if (query === 'all') return 'all traffic';
  return query === 'icmp' ? 'icmp type' : query;
}
