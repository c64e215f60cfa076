// Client → ALB listener and back: the caller's own SG/NACL/route, then each ALB node's NACL and SGs.
// In-VPC callers of an internet-facing ALB leave via IGW/NAT and arrive with a public source address.
import { pushAll } from '@porthole/shared';
import type { EndpointModel, EstateModel, LoadBalancerModel } from '../../model/types.ts';
import type { PortRange } from '../cidr.ts';
import { clientPorts, clientReplyHop, type ClientPorts } from './clientPorts.ts';
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

/** `client`: the caller's ephemeral ports when known (--client-ports); any of 1024–65535 otherwise. */
export function evaluateFrontDoor(
  model: EstateModel,
  lb: LoadBalancerModel,
  caller: Caller,
  opts: { port: number; client?: ClientPorts },
): FrontDoorEvaluation {
  const { port } = opts;
  const client = opts.client ?? clientPorts(null);
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
    const request = { scope: src.scope, protocol: 'tcp' as const, ports, leg: 'request' as const };
    const callerNacl = { ...request, subnetId: src.subnetId, remote: destAddress };
    hops.push(
      securityGroupHop(model, {
        ...request,
        groupIds: src.securityGroupIds,
        direction: 'egress',
        peer: destPeer,
      }),
    );
    hops.push(networkAclHop(model, { ...callerNacl, direction: 'outbound' }));
    if (publicPath) {
      const egress = internetSourceAddress(model, src);
      hops.push({ ...egress.route, detail: `${egress.route.detail} — leaves via ${egress.via}` });
      if (egress.address === null && egress.route.verdict === 'allow') {
        hops.push(
          unknownHop({ component: src.id, kind: 'public-address', gaps: [egress.via], check: 'route' }),
        );
        hops[hops.length - 1]!.verdict = 'deny';
      }
      arrivesFrom = egress.address;
    } else {
      hops.push(
        routeHop(model, { ...request, subnetId: src.subnetId, vpcId: src.vpcId, destination: destAddress }),
      );
      arrivesFrom = srcIp;
      arrivesWithGroups = src.securityGroupIds;
    }
    // The ALB answers on the caller's ephemeral port: unless given, a NACL admitting only part of
    // 1024–65535 is unknown, not blocked (see clientPorts.ts).
    hops.push(
      clientReplyHop(
        networkAclHop(model, { ...callerNacl, direction: 'inbound', ports: client.range, leg: 'reply' }),
        client,
      ),
    );
  }
  if (arrivesFrom === null) return { hops, arrivesFrom, arrivesWithGroups };
  const source = arrivesFrom;
  const peer = { address: source, securityGroupIds: arrivesWithGroups };
  const perNode = lb.nodes.map((node) => {
    const request = { scope: lb.scope, protocol: 'tcp' as const, ports, leg: 'request' as const };
    const nodeNacl = { ...request, subnetId: node.subnetId, remote: source };
    const nodeHops: EvaluatedHop[] = [
      networkAclHop(model, { ...nodeNacl, direction: 'inbound' }),
      securityGroupHop(model, { ...request, groupIds: lb.securityGroupIds, direction: 'ingress', peer }),
      // The reply leaves the node's subnet towards the caller's ephemeral port (same reasoning as above).
      clientReplyHop(
        networkAclHop(model, { ...nodeNacl, direction: 'outbound', ports: client.range, leg: 'reply' }),
        client,
      ),
    ];
    if (publicPath) {
      // The reply to an internet client leaves the ALB subnet through its route table: it needs an IGW.
      const route = routeHop(model, {
        scope: lb.scope,
        subnetId: node.subnetId,
        vpcId: lb.vpcId,
        destination: INTERNET_PROBE_ADDRESS,
        leg: 'reply',
      });
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
