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
      hops: [unknownHop(targetId, 'target', 'other', 'request', 'forward', why)],
    };
  }
  const targetIp = targetId.startsWith('i-') ? endpoint.privateIps[0] : targetId;
  if (!targetIp) {
    return {
      targetId,
      port,
      endpoint,
      hops: [
        unknownHop(targetId, 'target', 'other', 'request', 'forward', [
          `no private IP known for ${targetId}`,
        ]),
      ],
    };
  }
  const perNode = lb.nodes.map((node) => nodeHops(model, scope, lb, node, endpoint, targetIp, port));
  if (perNode.length === 0) {
    const gaps = dataGaps(model, scope, ['LoadBalancers']);
    const why = gaps.length > 0 ? gaps : [`${lb.name} has no enabled subnets`];
    return {
      targetId,
      port,
      endpoint,
      hops: [unknownHop(lb.arn, 'load-balancer', 'other', 'request', 'forward', why)],
    };
  }
  return { targetId, port, endpoint, hops: mergeNodeHops(perNode) };
}

function nodeHops(
  model: EstateModel,
  scope: SnapshotScope,
  lb: LoadBalancerModel,
  node: LoadBalancerNode,
  endpoint: EndpointModel,
  targetIp: string,
  port: number,
): EvaluatedHop[] {
  if (!node.address) {
    const gaps = dataGaps(model, scope, ['Subnets', 'NetworkInterfaces']);
    return [
      unknownHop(node.subnetId, 'load-balancer-node', 'other', 'request', 'forward', [
        `address of ${lb.name}'s node in ${node.subnetId} unknown`,
        ...gaps,
      ]),
    ];
  }
  const ports: PortRange = { from: port, to: port };
  const fromAlb = { address: node.address, securityGroupIds: lb.securityGroupIds };
  const toTarget = { address: targetIp, securityGroupIds: endpoint.securityGroupIds };
  // NACLs filter traffic crossing a subnet boundary only.
  const crossesSubnet = node.subnetId !== endpoint.subnetId;
  const hops: EvaluatedHop[] = [
    securityGroupHop(model, scope, lb.securityGroupIds, 'egress', toTarget, 'tcp', ports, 'request'),
  ];
  if (crossesSubnet) {
    hops.push(networkAclHop(model, scope, node.subnetId, 'outbound', targetIp, 'tcp', ports, 'request'));
    hops.push(
      networkAclHop(model, scope, endpoint.subnetId, 'inbound', node.address, 'tcp', ports, 'request'),
    );
  }
  hops.push(
    securityGroupHop(model, scope, endpoint.securityGroupIds, 'ingress', fromAlb, 'tcp', ports, 'request'),
  );
  if (crossesSubnet) {
    hops.push(
      networkAclHop(model, scope, endpoint.subnetId, 'outbound', node.address, 'tcp', ELB_EPHEMERAL, 'reply'),
    );
    hops.push(networkAclHop(model, scope, node.subnetId, 'inbound', targetIp, 'tcp', ELB_EPHEMERAL, 'reply'));
  }
  return hops.map((h) => ({
    ...h,
    detail: `${h.detail} [ALB node ${node.address}, ${node.availabilityZone ?? node.subnetId}]`,
  }));
}
