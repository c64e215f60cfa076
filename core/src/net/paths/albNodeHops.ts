// The hops between one ALB node and one target, both legs, as decisions (albToTarget.ts merges the nodes).
import type { EndpointModel, EstateModel, LoadBalancerModel, LoadBalancerNode } from '../../model/types.ts';
import { dataGaps } from '../../model/scopes.ts';
import type { PortRange } from '../cidr.ts';
import { ELB_EPHEMERAL } from './albToTarget.ts';
import { fixedHop, withDetailSuffix, type DecidedHop, type HopTexts } from './decided.ts';
import { decideNetworkAclHop, decideSecurityGroupHop } from './hopDecisions.ts';
import { unknownHop } from './hops.ts';

/** A hop about the target's own side: its texts name the ALB node, never the target. */
function bound(hop: DecidedHop, address: string): DecidedHop {
  let texts: HopTexts | null = null;
  return { facts: hop.facts, texts: () => (texts ??= hop.texts(address)) };
}

export function nodeHops(
  model: EstateModel,
  lb: LoadBalancerModel,
  node: LoadBalancerNode,
  endpoint: EndpointModel,
  targetIp: string,
  port: number,
): DecidedHop[] {
  const scope = lb.scope;
  if (!node.address) {
    const gaps = dataGaps(model, scope, ['Subnets', 'NetworkInterfaces']);
    return [
      fixedHop(
        unknownHop({
          component: node.subnetId,
          kind: 'load-balancer-node',
          gaps: [`address of ${lb.name}'s node in ${node.subnetId} unknown`, ...gaps],
        }),
      ),
    ];
  }
  const ports: PortRange = { from: port, to: port };
  const fromAlb = { address: node.address, securityGroupIds: lb.securityGroupIds };
  const toTarget = { address: targetIp, securityGroupIds: endpoint.securityGroupIds };
  const tcp = { scope, protocol: 'tcp' as const };
  const nacl = (
    subnetId: string | null,
    direction: 'inbound' | 'outbound',
    remote: string,
    leg: 'request' | 'reply',
  ) =>
    decideNetworkAclHop(model, {
      ...tcp,
      subnetId,
      direction,
      remote,
      leg,
      ports: leg === 'request' ? ports : ELB_EPHEMERAL,
    });
  // NACLs filter traffic crossing a subnet boundary only.
  const crossesSubnet = node.subnetId !== endpoint.subnetId;
  const hops: DecidedHop[] = [
    decideSecurityGroupHop(model, {
      ...tcp,
      groupIds: lb.securityGroupIds,
      direction: 'egress',
      peer: toTarget,
      ports,
      leg: 'request',
    }),
  ];
  if (crossesSubnet) {
    hops.push(nacl(node.subnetId, 'outbound', targetIp, 'request'));
    hops.push(bound(nacl(endpoint.subnetId, 'inbound', node.address, 'request'), node.address));
  }
  hops.push(
    bound(
      decideSecurityGroupHop(model, {
        ...tcp,
        groupIds: endpoint.securityGroupIds,
        direction: 'ingress',
        peer: fromAlb,
        ports,
        leg: 'request',
      }),
      node.address,
    ),
  );
  if (crossesSubnet) {
    hops.push(bound(nacl(endpoint.subnetId, 'outbound', node.address, 'reply'), node.address));
    hops.push(nacl(node.subnetId, 'inbound', targetIp, 'reply'));
  }
  return hops.map((h) => withDetailSuffix(h, nodeSuffix(node)));
}

const nodeSuffix = (node: LoadBalancerNode) =>
  ` [ALB node ${node.address}, ${node.availabilityZone ?? node.subnetId}]`;
