// An ip target outside the load balancer's VPC (registered with AvailabilityZone "all": a peered VPC, in this
// or another account, same region or inter-region, or on-premises; ELB API, "TargetDescription"). Private IPs
// are unique only within a VPC, so it is resolved across every other partition: exactly one ENI holder, or,
// among several, exactly one whose VPC the ALB node subnets reach through a peering connection or transit
// gateway that routes back the same way. None, or several: unknown, naming what is missing.
import { scopeKey, type NetworkInterface, type SnapshotScope } from '@porthole/shared';
import { endpointForEni } from '../../model/endpoints.ts';
import { memo } from '../../model/memo.ts';
import { dataGaps } from '../../model/scopes.ts';
import type { EndpointModel, EstateModel, LoadBalancerModel, Scoped } from '../../model/types.ts';
import { parseAddressRange, relateParsed, tryParseAddressRange } from '../cidr.ts';
import { routeHop } from './hops.ts';

export type PeeredTarget = { endpoint: EndpointModel; gaps: [] } | { endpoint: null; gaps: string[] };

/** Route targets that carry traffic into another VPC (VPC peering guide; Transit Gateways guide). */
export const PEER_ROUTE_KINDS: ReadonlySet<string> = new Set(['vpc-peering', 'transit-gateway']);

/**
 * True when the address lies in one of the VPC's CIDRs (AWS delivers it locally, never to a peer), or is not an
 * address at all (then it is no peered target either: the in-VPC lookup's unknown stands).
 */
export function insideVpc(
  model: EstateModel,
  scope: SnapshotScope,
  vpcId: string | null,
  ip: string,
): boolean {
  const vpc = vpcId ? model.vpcs.get(scope, vpcId) : undefined;
  const address = tryParseAddressRange(ip);
  if (!address) return true;
  if (!vpc) return false;
  const cidrs = [
    vpc.CidrBlock,
    ...(vpc.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock),
    ...(vpc.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock),
  ];
  return cidrs.some((c) => !!c && relateParsed(parseAddressRange(c), address) === 'contains');
}

export function resolvePeeredTarget(model: EstateModel, lb: LoadBalancerModel, ip: string): PeeredTarget {
  return memo(model, 'peeredTarget', `${lb.arn}|${ip}`, () => resolve(model, lb, ip));
}

function resolve(model: EstateModel, lb: LoadBalancerModel, ip: string): PeeredTarget {
  const candidates = model.eniByPrivateIp
    .lookupAll(ip)
    .flatMap(({ scope, value }) =>
      value
        .map((id) => model.networkInterfaces.get(scope, id))
        .filter(
          (e): e is NetworkInterface & Scoped =>
            e !== undefined && !(scopeKey(scope) === scopeKey(lb.scope) && e.VpcId === lb.vpcId),
        ),
    );
  if (candidates.length === 0) return { endpoint: null, gaps: absent(model, lb, ip) };
  const chosen = candidates.length === 1 ? candidates : candidates.filter((e) => pairedRoute(model, lb, e));
  if (chosen.length !== 1) {
    const where = candidates.map(
      (e) => `${e.NetworkInterfaceId} in ${e.VpcId ?? '?'} (${scopeKey(e.scope)})`,
    );
    return {
      endpoint: null,
      gaps: [
        `${ip} is held by ${candidates.length} ENIs outside ${lb.vpcId ?? 'the load balancer VPC'} (${where.join(', ')}) ` +
          `and ${chosen.length === 0 ? 'none' : 'more than one'} is reached through a peering connection or transit ` +
          `gateway route from ${lb.name}'s subnets: ambiguous`,
      ],
    };
  }
  const endpoint = endpointForEni(model, chosen[0]!.scope, chosen[0]!.NetworkInterfaceId)!;
  return { endpoint, gaps: [] };
}

/** What is missing when no partition holds the address: every partition whose ENIs are missing or stale. */
function absent(model: EstateModel, lb: LoadBalancerModel, ip: string): string[] {
  const all = [...model.scopes.values()];
  const others = all.filter((s) => scopeKey(s) !== scopeKey(lb.scope)).length;
  const gaps = all.flatMap((s) =>
    dataGaps(model, s, ['NetworkInterfaces']).map((g) => `${scopeKey(s)}: ${g}`),
  );
  return [
    ...gaps,
    `${ip} is outside ${lb.vpcId ?? 'the load balancer VPC'} and no ENI of the ${others} other ` +
      `polled account/region partition(s) holds it: poll the account of the peered VPC (aws ec2 describe-network-interfaces), ` +
      `or the target is on-premises (out of reach of the snapshot)`,
  ];
}

/**
 * The ALB node subnets route the address to a peering connection or transit gateway, and the ENI's subnet
 * routes the ALB's nodes back through the same one: the pairing that says which VPC the traffic lands in.
 */
function pairedRoute(model: EstateModel, lb: LoadBalancerModel, eni: NetworkInterface & Scoped): boolean {
  const ip = eni.PrivateIpAddress ?? '';
  return lb.nodes.some((node) => {
    const out = routeHop(model, {
      scope: lb.scope,
      subnetId: node.subnetId,
      vpcId: lb.vpcId,
      destination: ip,
      leg: 'request',
    }).route?.target;
    if (!out || !PEER_ROUTE_KINDS.has(out.kind) || !node.address) return false;
    const back = routeHop(model, {
      scope: eni.scope,
      subnetId: eni.SubnetId ?? null,
      vpcId: eni.VpcId ?? null,
      destination: node.address,
      leg: 'reply',
    }).route?.target;
    return back?.kind === out.kind && back.id === out.id;
  });
}
