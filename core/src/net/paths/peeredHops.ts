// The hops between one ALB node and an ip target in another VPC (peering or transit gateway), both legs:
// each side's SGs, NACLs and routes are read in that side's own account/region partition.
// Routes: the node subnet must send the target address into a peering connection or transit gateway (not
// local, not an internet gateway), and the target subnet must send the node address back the same way; a
// missing or blackhole route drops the traffic (VPC peering guide, "Update your route tables").
// SG references: a rule naming the other side's group works across a peering only in the same region; across
// regions only the peer's CIDR matches (VPC peering guide, "Update your security groups to reference peer
// security groups").
import type { EndpointModel, EstateModel, LoadBalancerModel, LoadBalancerNode } from '../../model/types.ts';
import type { PortRange } from '../cidr.ts';
import { ELB_EPHEMERAL } from './albToTarget.ts';
import { fixedHop, withDetailSuffix, type DecidedHop, type HopTexts } from './decided.ts';
import { decideNetworkAclHop, decideSecurityGroupHop } from './hopDecisions.ts';
import { routeHop, unknownHop, type EvaluatedHop, type RouteHopQuery } from './hops.ts';
import { PEER_ROUTE_KINDS } from './peeredTarget.ts';

/** A hop about the target's side: its texts name the ALB node, whatever address it is rendered for. */
function bound(hop: DecidedHop, address: string): DecidedHop {
  let texts: HopTexts | null = null;
  return { facts: hop.facts, texts: () => (texts ??= hop.texts(address)) };
}

/** The route a subnet picks toward the other VPC: allowed only into a peering connection or transit gateway. */
export function peerRouteHop(model: EstateModel, q: RouteHopQuery, otherVpc: string): EvaluatedHop {
  const hop = routeHop(model, q);
  const kind = hop.route?.target?.kind;
  const withQuery = { ...hop, query: { scope: q.scope, remote: q.destination, protocol: 'tcp' as const } };
  if (hop.verdict !== 'allow' || (kind && PEER_ROUTE_KINDS.has(kind))) return withQuery;
  return {
    ...withQuery,
    verdict: 'deny',
    detail: `${hop.detail} — that is not a VPC peering connection or transit gateway, so the traffic never reaches ${otherVpc}`,
  };
}

export function peeredNodeHops(
  model: EstateModel,
  lb: LoadBalancerModel,
  node: LoadBalancerNode,
  endpoint: EndpointModel,
  targetIp: string,
  port: number,
): DecidedHop[] {
  if (!node.address) {
    return [
      fixedHop(
        unknownHop({
          component: node.subnetId,
          kind: 'load-balancer-node',
          gaps: [`address of ${lb.name}'s node in ${node.subnetId} unknown`],
        }),
      ),
    ];
  }
  const ports: PortRange = { from: port, to: port };
  const sameRegion = lb.scope.region === endpoint.scope.region;
  const toTarget = { address: targetIp, securityGroupIds: sameRegion ? endpoint.securityGroupIds : [] };
  const fromAlb = { address: node.address, securityGroupIds: sameRegion ? lb.securityGroupIds : [] };
  const albSide = { scope: lb.scope, protocol: 'tcp' as const };
  const targetSide = { scope: endpoint.scope, protocol: 'tcp' as const };
  const targetVpc = endpoint.vpcId ?? 'the target VPC';
  const atTarget = (hop: DecidedHop) => bound(hop, node.address!);
  const hops: DecidedHop[] = [
    decideSecurityGroupHop(model, {
      ...albSide,
      groupIds: lb.securityGroupIds,
      direction: 'egress',
      peer: toTarget,
      ports,
      leg: 'request',
    }),
    decideNetworkAclHop(model, {
      ...albSide,
      subnetId: node.subnetId,
      direction: 'outbound',
      remote: targetIp,
      ports,
      leg: 'request',
    }),
    fixedHop(
      peerRouteHop(
        model,
        { scope: lb.scope, subnetId: node.subnetId, vpcId: lb.vpcId, destination: targetIp, leg: 'request' },
        targetVpc,
      ),
    ),
    atTarget(
      decideNetworkAclHop(model, {
        ...targetSide,
        subnetId: endpoint.subnetId,
        direction: 'inbound',
        remote: node.address,
        ports,
        leg: 'request',
      }),
    ),
    atTarget(
      decideSecurityGroupHop(model, {
        ...targetSide,
        groupIds: endpoint.securityGroupIds,
        direction: 'ingress',
        peer: fromAlb,
        ports,
        leg: 'request',
      }),
    ),
    fixedHop(
      peerRouteHop(
        model,
        {
          scope: endpoint.scope,
          subnetId: endpoint.subnetId,
          vpcId: endpoint.vpcId,
          destination: node.address,
          leg: 'reply',
        },
        lb.vpcId ?? 'the load balancer VPC',
      ),
    ),
    atTarget(
      decideNetworkAclHop(model, {
        ...targetSide,
        subnetId: endpoint.subnetId,
        direction: 'outbound',
        remote: node.address,
        ports: ELB_EPHEMERAL,
        leg: 'reply',
      }),
    ),
    decideNetworkAclHop(model, {
      ...albSide,
      subnetId: node.subnetId,
      direction: 'inbound',
      remote: targetIp,
      ports: ELB_EPHEMERAL,
      leg: 'reply',
    }),
  ];
  const suffix = ` [ALB node ${node.address}, ${node.availabilityZone ?? node.subnetId}]`;
  return hops.map((h) => withDetailSuffix(h, suffix));
}
