// The source (ingress) or destination (egress) a security-group fix may propose. Never the whole internet
// unless that exact range already reaches the same port through another rule of the same group: a fix that
// opens 0.0.0.0/0 is pasted at 3 a.m. and stays forever. Otherwise the reader names the range (CLIENT_CIDR).
import type { IpPermission, SecurityGroup } from '@porthole/shared';
import type { PortRange } from '../../net/cidr.ts';

export const WORLD_CIDRS: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);
export const CLIENT_CIDR = 'CLIENT_CIDR';

function covers(p: IpPermission, protocol: string, ports: PortRange): boolean {
  if (p.IpProtocol === '-1') return true;
  const proto = p.IpProtocol === '6' ? 'tcp' : p.IpProtocol === '17' ? 'udp' : p.IpProtocol;
  if (proto !== protocol) return false;
  return (p.FromPort ?? 0) <= ports.from && ports.to <= (p.ToPort ?? 65535);
}

/** True when the group already has a rule with exactly this CIDR covering the ports. */
export function alreadyAdmits(
  group: SecurityGroup | undefined,
  direction: 'ingress' | 'egress',
  protocol: string,
  ports: PortRange,
  cidr: string,
): boolean {
  const rules = (direction === 'ingress' ? group?.IpPermissions : group?.IpPermissionsEgress) ?? [];
  return rules.some(
    (p) =>
      covers(p, protocol, ports) &&
      [...(p.IpRanges ?? []).map((r) => r.CidrIp), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)].includes(
        cidr,
      ),
  );
}

/** The asked CIDR, or CLIENT_CIDR when it is the whole internet and the group does not already admit it. */
export function safeCidr(
  group: SecurityGroup | undefined,
  direction: 'ingress' | 'egress',
  protocol: string,
  ports: PortRange,
  cidr: string,
): string {
  if (!WORLD_CIDRS.has(cidr)) return cidr;
  return alreadyAdmits(group, direction, protocol, ports, cidr) ? cidr : CLIENT_CIDR;
}
