// Route tables: subnet → table (explicit association, else the VPC's main table), then longest prefix match.
// Tie-break for routes of equal prefix length (VPC user guide, "How route priority works",
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html): static routes beat
// prefix-list routes, which beat propagated routes.
import type { Route, RouteTable } from '@porthole/shared';
import {
  parseAddressRange,
  relateParsed,
  tryParseAddressRange,
  type AddressRange,
  type PrefixListResolver,
} from './cidr.ts';

export type { PrefixListResolver } from './cidr.ts';

export type RouteTargetKind =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'instance'
  | 'network-interface'
  | 'vpc-peering'
  | 'transit-gateway'
  | 'vpc-endpoint'
  | 'virtual-private-gateway'
  | 'other';

export interface RouteTarget {
  kind: RouteTargetKind;
  id: string;
}

export interface RouteDecision {
  route: Route | null;
  target: RouteTarget | null;
  /** The winning route is `State: blackhole`: it still wins the match, and the traffic is dropped. */
  blackhole: boolean;
  /** The destination CIDR that matched (for a prefix-list route, the list entry). */
  matchedCidr: string | null;
  /** Prefix-list routes whose entries are unknown and so were not considered. */
  skippedPrefixLists: string[];
  reason: string;
}

/** The table governing a subnet: its explicit association, else the VPC's main table; null if neither. */
export function routeTableForSubnet(
  tables: RouteTable[],
  subnetId: string,
  vpcId: string,
): { table: RouteTable; explicit: boolean } | null {
  const live = (a: NonNullable<RouteTable['Associations']>[number]) => {
    // AssociationState is printed by the CLI but not in our schema; a "disassociated" row no longer applies.
    const state = (a as { AssociationState?: { State?: string } }).AssociationState?.State;
    return state === undefined || state === 'associated' || state === 'associating';
  };
  const explicit = tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId && live(a)));
  if (explicit) return { table: explicit, explicit: true };
  const main = tables.find(
    (t) => t.VpcId === vpcId && t.Associations?.some((a) => a.Main === true && live(a)),
  );
  return main ? { table: main, explicit: false } : null;
}

/** What a route points at. An instance route also prints its NetworkInterfaceId: the instance wins. */
export function routeTarget(r: Route): RouteTarget {
  const gw = r.GatewayId ?? '';
  if (gw === 'local') return { kind: 'local', id: 'local' };
  if (gw.startsWith('igw-')) return { kind: 'internet-gateway', id: gw };
  if (gw.startsWith('vpce-')) return { kind: 'vpc-endpoint', id: gw };
  if (gw.startsWith('eigw-')) return { kind: 'egress-only-internet-gateway', id: gw };
  if (gw.startsWith('vgw-')) return { kind: 'virtual-private-gateway', id: gw };
  if (r.EgressOnlyInternetGatewayId)
    return { kind: 'egress-only-internet-gateway', id: r.EgressOnlyInternetGatewayId };
  if (r.NatGatewayId) return { kind: 'nat-gateway', id: r.NatGatewayId };
  if (r.InstanceId) return { kind: 'instance', id: r.InstanceId };
  if (r.TransitGatewayId) return { kind: 'transit-gateway', id: r.TransitGatewayId };
  if (r.VpcPeeringConnectionId) return { kind: 'vpc-peering', id: r.VpcPeeringConnectionId };
  if (r.NetworkInterfaceId) return { kind: 'network-interface', id: r.NetworkInterfaceId };
  const other = gw || r.LocalGatewayId || r.CarrierGatewayId || r.CoreNetworkArn || '(no target)';
  return { kind: 'other', id: other };
}

function destinationOf(r: Route): string {
  return (
    r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '(no destination)'
  );
}

const PROPAGATED = 'EnableVgwRoutePropagation';

/** "rtb-0abc 0.0.0.0/0 → nat-0123 (active)"; the table id is optional (a Route does not carry it). */
export function describeRoute(r: Route, tableId?: string): string {
  const state = r.State ?? 'active';
  const extra = r.Origin === PROPAGATED ? ', propagated' : '';
  return `${tableId ? `${tableId} ` : ''}${destinationOf(r)} → ${routeTarget(r).id} (${state}${extra})`;
}

interface Candidate {
  route: Route;
  range: AddressRange;
  /** Lower wins among equal prefix lengths: 0 static, 1 prefix list, 2 propagated. */
  rank: number;
}

/** Longest prefix match of `destination` (an IP; a CIDR must fit wholly in a route) in one table. */
export function lookupRoute(
  table: RouteTable,
  destination: string,
  prefixLists: PrefixListResolver,
): RouteDecision {
  const dest = parseAddressRange(destination);
  const skipped: string[] = [];
  let best: Candidate | null = null;
  for (const route of table.Routes) {
    let ranges: Array<AddressRange | null>;
    let rank = route.Origin === PROPAGATED ? 2 : 0;
    const cidr = dest.family === 'ipv4' ? route.DestinationCidrBlock : route.DestinationIpv6CidrBlock;
    if (cidr) ranges = [tryParseAddressRange(cidr)];
    else if (route.DestinationPrefixListId) {
      const entries = prefixLists(route.DestinationPrefixListId);
      if (entries === null) {
        skipped.push(route.DestinationPrefixListId);
        continue;
      }
      ranges = entries.map(tryParseAddressRange);
      rank = Math.max(rank, 1);
    } else continue;
    for (const range of ranges) {
      if (!range || relateParsed(range, dest) !== 'contains') continue;
      const better =
        !best || range.prefix > best.range.prefix || (range.prefix === best.range.prefix && rank < best.rank);
      if (better) best = { route, range, rank };
    }
  }
  const note =
    skipped.length > 0
      ? `; routes to prefix lists with unknown entries were not considered: ${skipped.join(', ')}`
      : '';
  if (!best) {
    const reason = `no route in ${table.RouteTableId} matches ${destination}: traffic is dropped${note}`;
    return {
      route: null,
      target: null,
      blackhole: false,
      matchedCidr: null,
      skippedPrefixLists: skipped,
      reason,
    };
  }
  const { route, range } = best;
  const blackhole = route.State === 'blackhole';
  const via = route.DestinationPrefixListId ? ` (entry ${range.cidr})` : '';
  const reason = blackhole
    ? `${destination} matches ${describeRoute(route, table.RouteTableId)}${via}: its target is gone, traffic is dropped${note}`
    : `${destination} matches ${describeRoute(route, table.RouteTableId)}${via}${note}`;
  return {
    route,
    target: routeTarget(route),
    blackhole,
    matchedCidr: range.cidr,
    skippedPrefixLists: skipped,
    reason,
  };
}
