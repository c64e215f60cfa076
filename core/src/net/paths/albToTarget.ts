// ALB nodes → one target and back, hop by hop (ALB guide, "Target security groups" and "Network ACLs").
import type { SnapshotScope } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import { endpointForTarget } from '../../model/endpoints.ts';
import type { EndpointModel, EstateModel, LoadBalancerModel, LoadBalancerNode } from '../../model/types.ts';
import { memo } from '../../model/memo.ts';
import type { PortRange } from '../cidr.ts';
import { fixedHop, lazyHop, withDetailSuffix, type DecidedHop, type HopTexts } from './decided.ts';
import { decideNetworkAclHop, decideSecurityGroupHop } from './hopDecisions.ts';
import { forPort, pathClass } from './pathClass.ts';
import { mergeDecidedHops } from './merge.ts';
import { unknownHop, type EvaluatedHop } from './hops.ts';

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
  if (lb.nodes.length === 0) {
    const gaps = dataGaps(model, scope, ['LoadBalancers']);
    const why = gaps.length > 0 ? gaps : [`${lb.name} has no enabled subnets`];
    return {
      targetId,
      port,
      endpoint,
      hops: [unknownHop(lb.arn, 'load-balancer', 'other', 'request', 'forward', why)],
    };
  }
  return { targetId, port, endpoint, hops: pathHops(model, lb, endpoint, targetIp, port) };
}

/**
 * Every target of one class shares the decisions: same ALB, subnet and security groups, and the same port and
 * address class over every rule the path applies (pathClass.ts). A target's own texts (its address, its port)
 * are rendered from an exact evaluation when something reads them: a finding, the drill-down.
 */
function pathHops(
  model: EstateModel,
  lb: LoadBalancerModel,
  endpoint: EndpointModel,
  targetIp: string,
  port: number,
): EvaluatedHop[] {
  const exact = () =>
    mergeDecidedHops(lb.nodes.map((node) => nodeHops(model, lb, node, endpoint, targetIp, port)));
  const cls = pathClass(model, lb, endpoint, targetIp, port);
  if (cls === null) return exact().map((h) => lazyHop(h.facts, () => h.texts(targetIp)));
  const shared = memo(model, 'albTargetPath', cls, () => exact().map((h) => h.facts));
  let found: DecidedHop[] | null = null;
  const texts = (i: number) => {
    found ??= exact();
    const hop = found[i];
    // The class guarantees the same verdicts, hence the same merged hops; anything else is a bug, said loudly.
    if (!hop || hop.facts.component !== shared[i]!.component || hop.facts.verdict !== shared[i]!.verdict)
      throw new Error(`path class ${cls} does not hold for ${targetIp}:${port}`);
    return hop.texts(targetIp);
  };
  return shared.map((facts, i) => lazyHop(forPort(facts, port), () => texts(i)));
}

/** A hop about the target's own side: its texts name the ALB node, never the target. */
function bound(hop: DecidedHop, address: string): DecidedHop {
  let texts: HopTexts | null = null;
  return { facts: hop.facts, texts: () => (texts ??= hop.texts(address)) };
}

function nodeHops(
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
        unknownHop(node.subnetId, 'load-balancer-node', 'other', 'request', 'forward', [
          `address of ${lb.name}'s node in ${node.subnetId} unknown`,
          ...gaps,
        ]),
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
