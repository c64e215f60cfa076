// Client → ALB listener and back: the caller's own SG/NACL/route, then each ALB node's NACL and SGs.
// In-VPC callers of an internet-facing ALB leave via IGW/NAT and arrive with a public source address.
import { pushAll } from '@porthole/shared';
import type { EndpointModel, EstateModel, LoadBalancerModel } from '../../model/types.ts';
import type { PortRange } from '../cidr.ts';
import { ELB_EPHEMERAL } from './albToTarget.ts';
import { clientPorts, clientReplyHop } from './clientPorts.ts';
import { INTERNET_PROBE_ADDRESS, internetSourceAddress } from './egressAddress.ts';
import { networkAclHop, routeHop, securityGroupHop, unknownHop, type EvaluatedHop } from './hops.ts';
import { mergeNodeHops } from './merge.ts';

export type Caller =
  | { kind: 'internet'; address: string }
  | { kind: 'address'; address: string }
  | { kind: 'endpoint'; endpoint: EndpointModel };

export interface FrontDoorEvaluation {
  hops: EvaluatedHop[];
  /** The source address the ALB sees (null when the caller cannot get out at all). */
  arrivesFrom: string | null;
  arrivesWithGroups: string[];
}

export function evaluateFrontDoor(
  model: EstateModel,
  lb: LoadBalancerModel,
  caller: Caller,
  port: number,
): FrontDoorEvaluation {
  const ports: PortRange = { from: port, to: port };
  const hops: EvaluatedHop[] = [];
  let arrivesFrom: string | null = caller.kind === 'endpoint' ? null : caller.address;
  let arrivesWithGroups: string[] = [];
  const publicPath = lb.scheme === 'internet-facing';
  if (caller.kind === 'endpoint') {
    const src = caller.endpoint;
    const srcIp = src.privateIps[0] ?? null;
    const destAddress = publicPath
      ? INTERNET_PROBE_ADDRESS
      : (lb.nodes.find((n) => n.address)?.address ?? INTERNET_PROBE_ADDRESS);
    const destPeer = { address: destAddress, securityGroupIds: publicPath ? [] : lb.securityGroupIds };
    hops.push(
      securityGroupHop(model, src.scope, src.securityGroupIds, 'egress', destPeer, 'tcp', ports, 'request'),
    );
    hops.push(
      networkAclHop(model, src.scope, src.subnetId, 'outbound', destAddress, 'tcp', ports, 'request'),
    );
    if (publicPath) {
      const egress = internetSourceAddress(model, src);
      hops.push({ ...egress.route, detail: `${egress.route.detail} — leaves via ${egress.via}` });
      if (egress.address === null && egress.route.verdict === 'allow') {
        hops.push(unknownHop(src.id, 'public-address', 'route', 'request', 'forward', [egress.via]));
        hops[hops.length - 1]!.verdict = 'deny';
      }
      arrivesFrom = egress.address;
    } else {
      hops.push(routeHop(model, src.scope, src.subnetId, src.vpcId, destAddress, 'request'));
      arrivesFrom = srcIp;
      arrivesWithGroups = src.securityGroupIds;
    }
    // The ALB answers on the caller's ephemeral port, which is not known here: a NACL admitting only part of
    // 1024–65535 is unknown, not blocked (see clientPorts.ts).
    hops.push(
      clientReplyHop(
        networkAclHop(model, src.scope, src.subnetId, 'inbound', destAddress, 'tcp', ELB_EPHEMERAL, 'reply'),
        clientPorts(null),
      ),
    );
  }
  if (arrivesFrom === null) return { hops, arrivesFrom, arrivesWithGroups };
  const source = arrivesFrom;
  const peer = { address: source, securityGroupIds: arrivesWithGroups };
  const perNode = lb.nodes.map((node) => {
    const nodeHops: EvaluatedHop[] = [
      networkAclHop(model, lb.scope, node.subnetId, 'inbound', source, 'tcp', ports, 'request'),
      securityGroupHop(model, lb.scope, lb.securityGroupIds, 'ingress', peer, 'tcp', ports, 'request'),
      networkAclHop(model, lb.scope, node.subnetId, 'outbound', source, 'tcp', ELB_EPHEMERAL, 'reply'),
    ];
    if (publicPath) {
      // The reply to an internet client leaves the ALB subnet through its route table: it needs an IGW.
      const route = routeHop(model, lb.scope, node.subnetId, lb.vpcId, INTERNET_PROBE_ADDRESS, 'reply');
      const viaIgw = route.route?.target?.kind === 'internet-gateway';
      nodeHops.push(
        route.verdict === 'allow' && !viaIgw
          ? { ...route, verdict: 'deny', detail: `${route.detail} — not an internet gateway` }
          : route,
      );
    }
    return nodeHops;
  });
  pushAll(hops, mergeNodeHops(perNode));
  return { hops, arrivesFrom, arrivesWithGroups };
}
