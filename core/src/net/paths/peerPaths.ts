// Endpoint ↔ endpoint legs for `reach`: inside one VPC (SGs; NACLs and the route when crossing subnets), and
// into an ENI from outside its VPC (it needs a public address; the reply must leave the way the request came).
import type { EndpointModel, EstateModel } from '../../model/types.ts';
import type { PortRange } from '../cidr.ts';
import type { Protocol } from '../securityGroups.ts';
import { clientReplyHop, type ClientPorts } from './clientPorts.ts';
import { networkAclHop, routeHop, securityGroupHop, type EvaluatedHop } from './hops.ts';
import { denyHop } from './outside.ts';

export interface LegQuery {
  protocol: Protocol;
  ports: PortRange;
  client: ClientPorts;
}

export function inVpcHops(
  model: EstateModel,
  src: EndpointModel,
  dest: EndpointModel,
  q: LegQuery,
): EvaluatedHop[] {
  const { protocol, ports, client } = q;
  const srcIp = src.privateIps[0] ?? '0.0.0.0';
  const destIp = dest.privateIps[0]!;
  const peer = { address: destIp, securityGroupIds: dest.securityGroupIds };
  const request = { protocol, ports, leg: 'request' as const };
  const reply = { ports: client.range, leg: 'reply' as const };
  const srcNacl = { ...request, scope: src.scope, subnetId: src.subnetId, remote: destIp };
  const destNacl = { ...request, scope: dest.scope, subnetId: dest.subnetId, remote: srcIp };
  const hops: EvaluatedHop[] = [
    securityGroupHop(model, {
      ...request,
      scope: src.scope,
      groupIds: src.securityGroupIds,
      direction: 'egress',
      peer,
    }),
  ];
  // NACLs filter traffic crossing a subnet boundary only.
  if (src.subnetId !== dest.subnetId) {
    hops.push(
      networkAclHop(model, { ...srcNacl, direction: 'outbound' }),
      routeHop(model, {
        ...request,
        scope: src.scope,
        subnetId: src.subnetId,
        vpcId: src.vpcId,
        destination: destIp,
      }),
      clientReplyHop(networkAclHop(model, { ...srcNacl, ...reply, direction: 'inbound' }), client),
      networkAclHop(model, { ...destNacl, direction: 'inbound' }),
      clientReplyHop(networkAclHop(model, { ...destNacl, ...reply, direction: 'outbound' }), client),
    );
  }
  const fromSrc = { address: srcIp, securityGroupIds: src.securityGroupIds };
  hops.push(
    securityGroupHop(model, {
      ...request,
      scope: dest.scope,
      groupIds: dest.securityGroupIds,
      direction: 'ingress',
      peer: fromSrc,
    }),
  );
  return hops;
}

/**
 * From `source` (an internet address, a CIDR standing for "anyone", or the public address a caller left with)
 * into `dest` at its public address. Without one, nothing outside its VPC can address it: a definite no.
 */
export function intoPublicAddress(
  model: EstateModel,
  source: string,
  dest: EndpointModel,
  publicAddress: string | null,
  q: LegQuery,
): EvaluatedHop[] {
  if (!publicAddress)
    return [
      denyHop(
        dest.id,
        'public-address',
        'request',
        `${dest.id} has no public or Elastic IP: nothing outside ${dest.vpcId ?? 'its VPC'} can address it (an internet gateway forwards only to public addresses)`,
      ),
    ];
  const { protocol, ports, client } = q;
  const at = { scope: dest.scope, subnetId: dest.subnetId, protocol, ports, leg: 'request' as const };
  const back = routeHop(model, {
    ...at,
    vpcId: dest.vpcId,
    destination: source.split('/')[0]!,
    leg: 'reply',
  });
  const viaIgw = back.route?.target?.kind === 'internet-gateway';
  return [
    back.verdict === 'allow' && !viaIgw
      ? {
          ...back,
          verdict: 'deny',
          detail: `${back.detail} — replies do not go back through an internet gateway, so they never reach ${source}`,
        }
      : back,
    networkAclHop(model, { ...at, direction: 'inbound', remote: source }),
    clientReplyHop(
      networkAclHop(model, {
        ...at,
        direction: 'outbound',
        remote: source,
        ports: client.range,
        leg: 'reply',
      }),
      client,
    ),
    securityGroupHop(model, {
      ...at,
      groupIds: dest.securityGroupIds,
      direction: 'ingress',
      peer: { address: source, securityGroupIds: [] },
    }),
  ];
}
