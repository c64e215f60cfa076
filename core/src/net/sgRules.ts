// Flattens security-group permissions into one grant per source, and describes them in words.
import type { IpPermission, SecurityGroup } from '@porthole/shared';
import { ALL_PORTS, formatPortRange, type PortRange } from './cidr.ts';
import { normaliseProtocol, ruleProtocolLabel, type RuleProtocol } from './protocol.ts';

export type SgDirection = 'ingress' | 'egress';

/** A group the ENI references but the snapshot lacks: its rules are unknown. */
export type MissingGroup = { GroupId: string; missing: true };
export type SgInput = SecurityGroup | MissingGroup;

export function isMissing(g: SgInput): g is MissingGroup {
  return (g as MissingGroup).missing === true;
}

/** One (permission, source) pair: what a single line of the console's rule table says. */
export interface SgGrant {
  groupId: string;
  direction: SgDirection;
  permission: IpPermission;
  protocol: RuleProtocol;
  /** Ports for tcp/udp, ICMP types for icmp; everything for "-1" (and for other protocols, portless). */
  ports: PortRange;
  kind: 'cidr' | 'group' | 'prefix-list';
  /** The CIDR, sg-id or pl-id. */
  source: string;
  text: string;
}

/** FromPort/ToPort as a range; -1 or absent means all (VPC user guide, "Security group rules"). */
export function permissionPorts(permission: IpPermission): PortRange {
  const protocol = normaliseProtocol(permission.IpProtocol);
  const from = permission.FromPort ?? -1;
  if (protocol === 'icmp' || protocol === 'icmpv6') return from < 0 ? ALL_PORTS : { from, to: from };
  if (protocol !== 'tcp' && protocol !== 'udp') return ALL_PORTS;
  if (from < 0) return ALL_PORTS;
  const to = permission.ToPort ?? from;
  return { from, to: to < 0 ? ALL_PORTS.to : to };
}

/** "tcp 8081", "udp 0-65535", "icmp type 8 code 0", "icmp all", "all traffic", "protocol 50". */
export function permissionTrafficLabel(permission: IpPermission): string {
  const protocol = normaliseProtocol(permission.IpProtocol);
  if (protocol === 'tcp' || protocol === 'udp')
    return `${protocol} ${formatPortRange(permissionPorts(permission))}`;
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const type = permission.FromPort ?? -1;
    const code = permission.ToPort ?? -1;
    if (type < 0) return `${protocol} all`;
    return `${protocol} type ${type}${code >= 0 ? ` code ${code}` : ''}`;
  }
  return ruleProtocolLabel(protocol);
}

function sourcesOf(permission: IpPermission): Array<{ kind: SgGrant['kind']; source: string }> {
  const out: Array<{ kind: SgGrant['kind']; source: string }> = [];
  for (const r of permission.IpRanges ?? []) out.push({ kind: 'cidr', source: r.CidrIp });
  for (const r of permission.Ipv6Ranges ?? []) out.push({ kind: 'cidr', source: r.CidrIpv6 });
  for (const p of permission.PrefixListIds ?? []) out.push({ kind: 'prefix-list', source: p.PrefixListId });
  for (const g of permission.UserIdGroupPairs ?? []) {
    // A pair without GroupId (EC2-Classic names only) can never match a VPC ENI; keep it visible.
    out.push({ kind: 'group', source: g.GroupId ?? `${g.UserId ?? '?'}/${String(g.GroupName ?? '?')}` });
  }
  return out;
}

function line(groupId: string, direction: SgDirection, traffic: string, source: string): string {
  return `${groupId} ${direction} ${traffic} ${direction === 'ingress' ? 'from' : 'to'} ${source}`;
}

/** One grant per source of every permission of one direction of a group. */
export function grantsOf(groupId: string, direction: SgDirection, permission: IpPermission): SgGrant[] {
  const protocol = normaliseProtocol(permission.IpProtocol);
  const ports = permissionPorts(permission);
  const traffic = permissionTrafficLabel(permission);
  return sourcesOf(permission).map(({ kind, source }) => ({
    groupId,
    direction,
    permission,
    protocol,
    ports,
    kind,
    source,
    text: line(groupId, direction, traffic, source),
  }));
}

/** One line per source, e.g. "sg-0ecs ingress tcp 8081 from sg-0alb", "sg-1 egress all traffic to pl-123". */
export function describePermission(
  groupId: string,
  direction: SgDirection,
  permission: IpPermission,
): string[] {
  return grantsOf(groupId, direction, permission).map((g) => g.text);
}
