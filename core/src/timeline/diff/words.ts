// AWS settings in the words a timeline shows: "ingress tcp 32768-65535 from sg-alb", "inbound rule 100 deny …".
import type { IpPermission, NetworkAclEntry, Route } from '@porthole/shared';

const PROTOCOLS: Record<string, string> = {
  '-1': 'all',
  '1': 'icmp',
  '6': 'tcp',
  '17': 'udp',
  '58': 'icmpv6',
};

export function protocolName(protocol: string): string {
  return PROTOCOLS[protocol] ?? protocol.toLowerCase();
}

function portWords(protocol: string, from: number | null | undefined, to: number | null | undefined): string {
  if (protocol === 'all') return 'traffic';
  if (protocol === 'icmp' || protocol === 'icmpv6') return '';
  if (from === null || from === undefined || from === -1) return 'all ports';
  return from === to || to === null || to === undefined ? `${from}` : `${from}-${to}`;
}

/** One phrase per source/destination of an SG permission: rules with several peers are several facts. */
export function securityGroupRulePhrases(permission: IpPermission, egress: boolean): string[] {
  const protocol = protocolName(permission.IpProtocol);
  const ports = portWords(protocol, permission.FromPort, permission.ToPort);
  const head = `${egress ? 'egress' : 'ingress'} ${protocol}${ports ? ` ${ports}` : ''}`;
  const dir = egress ? 'to' : 'from';
  const peers: string[] = [
    ...(permission.IpRanges ?? []).map((r) => r.CidrIp),
    ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
    ...(permission.PrefixListIds ?? []).map((r) => r.PrefixListId),
    ...(permission.UserIdGroupPairs ?? []).map((p) => p.GroupId ?? `${p.UserId ?? '?'}/?`),
  ];
  return peers.map((peer) => `${head} ${dir} ${peer}`);
}

export function naclEntryPhrase(entry: NetworkAclEntry): string {
  const protocol = protocolName(entry.Protocol);
  const range = entry.PortRange;
  const ports = portWords(protocol, range?.From, range?.To);
  const peer = entry.CidrBlock ?? entry.Ipv6CidrBlock ?? '?';
  const rule = entry.RuleNumber === 32767 ? '*' : String(entry.RuleNumber);
  return (
    `${entry.Egress ? 'outbound' : 'inbound'} rule ${rule} ${entry.RuleAction} ${protocol}` +
    `${ports ? ` ${ports}` : ''} ${entry.Egress ? 'to' : 'from'} ${peer}`
  );
}

export function routeDestination(route: Route): string {
  return route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? '?';
}

export function routeTarget(route: Route): string {
  return (
    route.GatewayId ??
    route.NatGatewayId ??
    route.TransitGatewayId ??
    route.VpcPeeringConnectionId ??
    route.NetworkInterfaceId ??
    route.InstanceId ??
    route.EgressOnlyInternetGatewayId ??
    route.LocalGatewayId ??
    route.CarrierGatewayId ??
    route.CoreNetworkArn ??
    '?'
  );
}

export function routePhrase(route: Route): string {
  const state = route.State && route.State !== 'active' ? ` (${route.State})` : '';
  return `${routeDestination(route)} → ${routeTarget(route)}${state}`;
}

/** The last path segment of an ARN, or the id itself: short names for the timeline. */
export function shortName(arnOrId: string): string {
  const slash = arnOrId.split('/');
  return slash.length > 1 ? slash.slice(-1)[0]! : (arnOrId.split(':').slice(-1)[0] ?? arnOrId);
}

/** "targetgroup/web-tg/0123abcd" → "web-tg" (target group and load balancer ARNs). */
export function elbName(arn: string): string {
  const match = /:(?:targetgroup|loadbalancer\/(?:app|net|gwy))\/([^/]+)/.exec(arn);
  return match?.[1] ?? shortName(arn);
}
