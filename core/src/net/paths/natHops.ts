// The NAT legs of a path to outside the estate: a NAT gateway (VPC guide, "NAT gateways": no security group
// on its ENI, NACLs of its subnet apply, a public NAT reaches the internet through its own subnet's route to
// an IGW with its Elastic IP, a private NAT's traffic to an IGW is dropped, replies reach the NAT on
// 1024–65535) or a NAT instance (VPC guide, "NAT instances": source/destination check off, its SG admits the
// private clients and lets the traffic out, it needs a public IP in a subnet routed to an IGW).
import { dataGaps } from '../../model/scopes.ts';
import { endpointForEni, endpointForInstance } from '../../model/endpoints.ts';
import type { EndpointModel, EstateModel } from '../../model/types.ts';
import type { RouteTarget } from '../routes.ts';
import { ANY_CLIENT_PORTS, clientReplyHop } from './clientPorts.ts';
import { networkAclHop, routeHop, securityGroupHop, unknownHop, type EvaluatedHop } from './hops.ts';
import {
  allowHop,
  denyHop,
  leavesEstate,
  viaInternetGateway,
  type OutsideEvaluation,
  type OutsideQuery,
} from './outside.ts';

/** NAT gateways pick the translated source port from 1024–65535 (VPC guide, "Network ACLs", ephemeral ports). */
const NAT_GATEWAY_PORTS = ANY_CLIENT_PORTS;

/** The NAT subnet's NACL, both ways, when the NAT sits in another subnet than the source. */
function natSubnetNacls(
  model: EstateModel,
  q: OutsideQuery,
  via: {
    src: EndpointModel;
    nat: { subnetId: string | null };
    /** The ports the destination answers the NAT on (its translated source ports). */
    natReplyPorts: { range: typeof ANY_CLIENT_PORTS; known: boolean };
  },
): EvaluatedHop[] {
  const { src, nat, natReplyPorts } = via;
  if (!nat.subnetId || nat.subnetId === src.subnetId) return [];
  const srcIp = src.privateIps[0] ?? src.subnetId ?? '0.0.0.0/0';
  const { protocol, ports, destination, client } = q;
  const at = { scope: src.scope, subnetId: nat.subnetId, protocol, ports, leg: 'request' as const };
  const replyTo = (peer: { range: typeof ANY_CLIENT_PORTS }) => ({
    ...at,
    ports: peer.range,
    leg: 'reply' as const,
  });
  return [
    networkAclHop(model, { ...at, direction: 'inbound', remote: srcIp }),
    networkAclHop(model, { ...at, direction: 'outbound', remote: destination }),
    clientReplyHop(
      networkAclHop(model, { ...replyTo(natReplyPorts), direction: 'inbound', remote: destination }),
      natReplyPorts,
    ),
    clientReplyHop(
      networkAclHop(model, { ...replyTo(client), direction: 'outbound', remote: srcIp }),
      client,
    ),
  ];
}

/** Where the NAT's own subnet sends the destination: IGW (with the NAT's public address) or beyond. */
function onwardFrom(
  model: EstateModel,
  nat: EndpointModel,
  q: OutsideQuery,
  privateNat: boolean,
): OutsideEvaluation {
  const { scope, subnetId, vpcId } = nat;
  const route = routeHop(model, { scope, subnetId, vpcId, destination: q.destination, leg: 'request' });
  const target = route.route?.target;
  const hops = [{ ...route, detail: `${route.detail} (the NAT's subnet)` }];
  if (route.verdict !== 'allow' || !target) return { hops, arrivesFrom: null };
  if (target.kind === 'internet-gateway') {
    if (privateNat)
      return {
        hops: [
          ...hops,
          denyHop(
            nat.id,
            'nat-gateway',
            'request',
            `${nat.id} is a private NAT gateway: traffic it routes to ${target.id} is dropped`,
          ),
        ],
        arrivesFrom: null,
      };
    const out = viaInternetGateway(target.id, nat, q);
    return { hops: [...hops, ...out.hops], arrivesFrom: out.arrivesFrom };
  }
  return { hops: [...hops, leavesEstate(target)], arrivesFrom: null };
}

export function viaNatGateway(
  model: EstateModel,
  src: EndpointModel,
  natId: string,
  q: OutsideQuery,
): OutsideEvaluation {
  const nat = model.natGateways.get(src.scope, natId);
  if (!nat) {
    const gaps = dataGaps(model, src.scope, ['NatGateways']);
    const why = gaps.length > 0 ? gaps : [`NAT gateway ${natId} is not in the snapshot`];
    return {
      hops: [unknownHop({ component: natId, kind: 'nat-gateway', gaps: why })],
      arrivesFrom: null,
    };
  }
  const state = nat.State ?? 'available';
  if (state !== 'available')
    return {
      hops: [
        denyHop(natId, 'nat-gateway', 'request', `NAT gateway ${natId} is ${state}: it forwards nothing`),
      ],
      arrivesFrom: null,
    };
  const address = nat.NatGatewayAddresses?.find((a) => a.PublicIp) ?? nat.NatGatewayAddresses?.[0];
  const endpoint: EndpointModel = {
    scope: src.scope,
    id: natId,
    eniId: address?.NetworkInterfaceId ?? null,
    instanceId: null,
    vpcId: nat.VpcId ?? src.vpcId,
    subnetId: nat.SubnetId ?? null,
    privateIps: address?.PrivateIp ? [address.PrivateIp] : [],
    publicIp: address?.PublicIp ?? null,
    securityGroupIds: [],
    sourceDestCheck: false,
    description: null,
  };
  const nacls = natSubnetNacls(model, q, {
    src,
    nat: endpoint,
    natReplyPorts: { range: NAT_GATEWAY_PORTS, known: true },
  });
  const translated = allowHop(
    natId,
    'nat-gateway',
    `NAT gateway ${natId} (${nat.ConnectivityType ?? 'public'}, no security group) translates ${src.id}'s traffic` +
      (endpoint.publicIp ? ` to its Elastic IP ${endpoint.publicIp}` : ''),
  );
  const onward = onwardFrom(model, endpoint, q, nat.ConnectivityType === 'private');
  return { hops: [...nacls, translated, ...onward.hops], arrivesFrom: onward.arrivesFrom };
}

export function viaNatInstance(
  model: EstateModel,
  src: EndpointModel,
  target: RouteTarget,
  q: OutsideQuery,
): OutsideEvaluation {
  const routed =
    target.kind === 'instance'
      ? endpointForInstance(model, src.scope, target.id)
      : endpointForEni(model, src.scope, target.id);
  const instance = routed?.instanceId ? model.instances.get(src.scope, routed.instanceId) : undefined;
  if (!routed || !instance) {
    const gaps = dataGaps(model, src.scope, ['Reservations', 'NetworkInterfaces']);
    const why = gaps.length > 0 ? gaps : [`${target.id}: no such instance in the snapshot`];
    return {
      hops: [unknownHop({ component: target.id, kind: 'nat-instance', gaps: why })],
      arrivesFrom: null,
    };
  }
  const id = routed.instanceId!;
  const state = instance.State?.Name ?? 'running';
  if (state !== 'running')
    return {
      hops: [denyHop(id, 'nat-instance', 'request', `NAT instance ${id} is ${state}`)],
      arrivesFrom: null,
    };
  // The check of the routed ENI decides (an instance route uses the primary ENI).
  const check = routed.sourceDestCheck;
  if (check !== false) {
    const hop =
      check === null
        ? unknownHop({ component: id, kind: 'nat-instance', gaps: [`SourceDestCheck of ${id} unknown`] })
        : denyHop(
            id,
            'nat-instance',
            'request',
            `NAT instance ${id} has source/destination check on: it drops traffic not addressed to itself, so nothing is forwarded`,
          );
    return { hops: [hop], arrivesFrom: null };
  }
  const srcIp = src.privateIps[0] ?? '0.0.0.0/0';
  const fromSrc = { address: srcIp, securityGroupIds: src.securityGroupIds };
  const toDest = { address: q.destination, securityGroupIds: [] };
  const { protocol, ports } = q;
  const natSgs = {
    scope: src.scope,
    groupIds: routed.securityGroupIds,
    protocol,
    ports,
    leg: 'request' as const,
  };
  const hops: EvaluatedHop[] = [
    securityGroupHop(model, { ...natSgs, direction: 'ingress', peer: fromSrc }),
    securityGroupHop(model, { ...natSgs, direction: 'egress', peer: toDest }),
    // A Linux NAT instance keeps the client's source port where it can: replies reach it on the client's ports.
    ...natSubnetNacls(model, q, { src, nat: routed, natReplyPorts: q.client }),
  ];
  const forwards = allowHop(id, 'nat-instance', `NAT instance ${id} forwards (source/destination check off)`);
  const onward = onwardFrom(model, { ...routed, id }, q, false);
  return { hops: [...hops, forwards, ...onward.hops], arrivesFrom: onward.arrivesFrom };
}
