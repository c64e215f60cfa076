// ALB nodes → one target and back, hop by hop (ALB guide, "Target security groups" and "Network ACLs").
import type { SnapshotScope } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import { endpointForTarget } from '../../model/endpoints.ts';
import type { EndpointModel, EstateModel, LoadBalancerModel, LoadBalancerNode } from '../../model/types.ts';
import type { PortRange } from '../cidr.ts';
import { mergeNodeHops } from './merge.ts';
import { networkAclHop, securityGroupHop, unknownHop, type EvaluatedHop } from './hops.ts';

/** ELB (and NAT gateway) replies go to the client's ephemeral port: 1024–65535 (VPC guide, "Ephemeral ports"). */
export const ELB_EPHEMERAL: PortRange = { from: 1024, to: 65535 };

export interface TargetPathEvaluation {
  targetId: string;
  port: number;
  endpoint: EndpointModel | null;
  /** Hops merged over the ALB nodes: a hop is deny when it denies any node. */
  hops: EvaluatedHop[];
}

export function evaluateAlbToTarget(
  model: EstateModel,
  lb: LoadBalancerModel,
  targetId: string,
  port: number,
): TargetPathEvaluation {
  const endpoint = endpointForTarget(model, lb.scope, targetId, lb.vpcId);
  const scope = lb.scope;
  if (!endpoint) {
    const kinds = targetId.startsWith('i-') ? (['Reservations'] as const) : (['NetworkInterfaces'] as const);
    const gaps = dataGaps(model, scope, kinds);
    const why = gaps.length > 0 ? gaps : [`target ${targetId} is not in the snapshot's instances or ENIs`];
    return {
      targetId,
      port,
      endpoint: null,
      hops: [unknownHop({ component: targetId, kind: 'target', gaps: why })],
    };
  }
  const targetIp = targetId.startsWith('i-') ? endpoint.privateIps[0] : targetId;
  if (!targetIp) {
    return {
      targetId,
      port,
      endpoint,
      hops: [
        unknownHop({ component: targetId, kind: 'target', gaps: [`no private IP known for ${targetId}`] }),
      ],
    };
  }
  const perNode = lb.nodes.map((node) => nodeHops(model, { scope, lb, node, endpoint, targetIp, port }));
  if (perNode.length === 0) {
    const gaps = dataGaps(model, scope, ['LoadBalancers']);
    const why = gaps.length > 0 ? gaps : [`${lb.name} has no enabled subnets`];
    return {
      targetId,
      port,
      endpoint,
      hops: [unknownHop({ component: lb.arn, kind: 'load-balancer', gaps: why })],
    };
  }
  return { targetId, port, endpoint, hops: mergeNodeHops(perNode) };
}

/** One ALB node to one target: where the request leaves, where it lands, and the way back. */
interface NodeLeg {
  scope: SnapshotScope;
  lb: LoadBalancerModel;
  node: LoadBalancerNode;
  endpoint: EndpointModel;
  targetIp: string;
  port: number;
}

function nodeHops(model: EstateModel, leg: NodeLeg): EvaluatedHop[] {
  const { scope, lb, node, endpoint, targetIp, port } = leg;
  if (!node.address) {
    const gaps = dataGaps(model, scope, ['Subnets', 'NetworkInterfaces']);
    return [
      unknownHop({
        component: node.subnetId,
        kind: 'load-balancer-node',
        gaps: [`address of ${lb.name}'s node in ${node.subnetId} unknown`, ...gaps],
      }),
    ];
  }
  const ports: PortRange = { from: port, to: port };
  const fromAlb = { address: node.address, securityGroupIds: lb.securityGroupIds };
  const toTarget = { address: targetIp, securityGroupIds: endpoint.securityGroupIds };
  // NACLs filter traffic crossing a subnet boundary only.
  const crossesSubnet = node.subnetId !== endpoint.subnetId;
  const request = { scope, protocol: 'tcp' as const, ports, leg: 'request' as const };
  const reply = { scope, protocol: 'tcp' as const, ports: ELB_EPHEMERAL, leg: 'reply' as const };
  const albSide = { ...request, subnetId: node.subnetId, remote: targetIp };
  const targetSide = { ...request, subnetId: endpoint.subnetId, remote: node.address };
  const hops: EvaluatedHop[] = [
    securityGroupHop(model, {
      ...request,
      groupIds: lb.securityGroupIds,
      direction: 'egress',
      peer: toTarget,
    }),
  ];
  if (crossesSubnet) {
    hops.push(networkAclHop(model, { ...albSide, direction: 'outbound' }));
    hops.push(networkAclHop(model, { ...targetSide, direction: 'inbound' }));
  }
  hops.push(
    securityGroupHop(model, {
      ...request,
      groupIds: endpoint.securityGroupIds,
      direction: 'ingress',
      peer: fromAlb,
    }),
  );
  if (crossesSubnet) {
    hops.push(networkAclHop(model, { ...targetSide, ...reply, direction: 'outbound' }));
    hops.push(networkAclHop(model, { ...albSide, ...reply, direction: 'inbound' }));
  }
  return hops.map((h) => ({
    ...h,
    detail: `${h.detail} [ALB node ${node.address}, ${node.availabilityZone ?? node.subnetId}]`,
  }));
}
