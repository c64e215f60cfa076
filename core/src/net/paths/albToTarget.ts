// ALB nodes → one target and back, hop by hop (ALB guide, "Target security groups" and "Network ACLs").
import type { SnapshotScope } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import { endpointForTarget } from '../../model/endpoints.ts';
import type { EndpointModel, EstateModel, LoadBalancerModel, LoadBalancerNode } from '../../model/types.ts';
import { memo } from '../../model/memo.ts';
import type { PortRange } from '../cidr.ts';
import { fixedHop, hopFor, withDetailSuffix, type DecidedHop, type HopTexts } from './decided.ts';
import { addressClass } from './hopCache.ts';
import { decideNetworkAclHop, decideSecurityGroupHop, sgCidrs } from './hopDecisions.ts';
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
 * Every target of one class shares the decisions: same ALB, subnet, security groups, port and address class
 * over every rule CIDR the target's address is matched against (the ALB SGs' egress rules, the NACLs of the
 * ALB subnets). Only the texts naming the target's address are its own, rendered when read.
 */
function pathHops(
  model: EstateModel,
  lb: LoadBalancerModel,
  endpoint: EndpointModel,
  targetIp: string,
  port: number,
): EvaluatedHop[] {
  const cls = addressClass(albCidrs(model, lb), targetIp);
  const decide = () =>
    mergeDecidedHops(lb.nodes.map((node) => nodeHops(model, lb, node, endpoint, targetIp, port)));
  const decided: Array<DecidedHop | EvaluatedHop> =
    cls === null
      ? decide()
      : memo(
          model,
          'albTargetPath',
          `${lb.arn}|${endpoint.subnetId}|${endpoint.securityGroupIds.join(',')}|${port}|${targetIp.includes(':') ? 6 : 4}|${cls}`,
          (): Array<DecidedHop | EvaluatedHop> => {
            const hops = decide();
            // Hops whose texts do not name the target are rendered once for the whole class.
            return hops.map((h) => (h.addressed ? h : hopFor(h, targetIp)));
          },
        );
  return decided.map((h) => (isDecided(h) ? hopFor(h, targetIp) : h));
}

function isDecided(h: DecidedHop | EvaluatedHop): h is DecidedHop {
  return 'facts' in h;
}

/** The CIDRs a target address is compared with on an ALB's paths, once per ALB and model. */
function albCidrs(model: EstateModel, lb: LoadBalancerModel): string[] {
  return memo(model, 'albTargetCidrs', lb.arn, () => [
    ...sgCidrs(model, { scope: lb.scope, groupIds: lb.securityGroupIds, direction: 'egress' }),
    ...lb.nodes.flatMap((node) =>
      (model.naclBySubnet.get(lb.scope, node.subnetId)?.Entries ?? []).flatMap((e) =>
        [e.CidrBlock, e.Ipv6CidrBlock].filter((c): c is string => !!c),
      ),
    ),
  ]);
}

/** A hop about the target's own side: its texts name the ALB node, never the target. */
function bound(hop: DecidedHop, address: string): DecidedHop {
  let texts: HopTexts | null = null;
  return { facts: hop.facts, addressed: false, texts: () => (texts ??= hop.texts(address)) };
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
