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
  const hops: EvaluatedHop[] = [
    securityGroupHop(model, src.scope, src.securityGroupIds, 'egress', peer, protocol, ports, 'request'),
  ];
  // NACLs filter traffic crossing a subnet boundary only.
  if (src.subnetId !== dest.subnetId) {
    hops.push(
      networkAclHop(model, src.scope, src.subnetId, 'outbound', destIp, protocol, ports, 'request'),
      routeHop(model, src.scope, src.subnetId, src.vpcId, destIp, 'request'),
      clientReplyHop(
        networkAclHop(model, src.scope, src.subnetId, 'inbound', destIp, protocol, client.range, 'reply'),
        client,
      ),
      networkAclHop(model, dest.scope, dest.subnetId, 'inbound', srcIp, protocol, ports, 'request'),
      clientReplyHop(
        networkAclHop(model, dest.scope, dest.subnetId, 'outbound', srcIp, protocol, client.range, 'reply'),
        client,
      ),
    );
  }
  const fromSrc = { address: srcIp, securityGroupIds: src.securityGroupIds };
  hops.push(
    securityGroupHop(
      model,
      dest.scope,
      dest.securityGroupIds,
      'ingress',
      fromSrc,
      protocol,
      ports,
      'request',
    ),
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
  const back = routeHop(model, dest.scope, dest.subnetId, dest.vpcId, source.split('/')[0]!, 'reply');
  const viaIgw = back.route?.target?.kind === 'internet-gateway';
  return [
    back.verdict === 'allow' && !viaIgw
      ? {
          ...back,
          verdict: 'deny',
          detail: `${back.detail} — replies do not go back through an internet gateway, so they never reach ${source}`,
        }
      : back,
    networkAclHop(model, dest.scope, dest.subnetId, 'inbound', source, protocol, ports, 'request'),
    clientReplyHop(
      networkAclHop(model, dest.scope, dest.subnetId, 'outbound', source, protocol, client.range, 'reply'),
      client,
    ),
    securityGroupHop(
      model,
      dest.scope,
      dest.securityGroupIds,
      'ingress',
      { address: source, securityGroupIds: [] },
      protocol,
      ports,
      'request',
    ),
  ];
}
