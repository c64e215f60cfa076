// Which address a VPC endpoint's packets carry when they go to the internet (or to an internet-facing ALB):
// its own public IP through an IGW, the NAT's Elastic IP through a NAT gateway/instance (VPC guide, "NAT gateways").
import type { EndpointModel, EstateModel } from '../../model/types.ts';
import { endpointForInstance } from '../../model/endpoints.ts';
import { routeHop, type EvaluatedHop } from './hops.ts';

/** A public documentation address (TEST-NET-2) standing for "somewhere on the internet" in route lookups. */
export const INTERNET_PROBE_ADDRESS = '198.51.100.10';

export interface EgressAddress {
  /** The source address the far side sees, or null when the traffic cannot leave. */
  address: string | null;
  /** How the packets leave, in words. */
  via: string;
  route: EvaluatedHop;
}

export function internetSourceAddress(model: EstateModel, endpoint: EndpointModel): EgressAddress {
  const route = routeHop(model, {
    scope: endpoint.scope,
    subnetId: endpoint.subnetId,
    vpcId: endpoint.vpcId,
    destination: INTERNET_PROBE_ADDRESS,
    leg: 'request',
  });
  const target = route.route?.target;
  if (route.verdict !== 'allow' || !target) {
    return {
      address: null,
      via: route.verdict === 'unknown' ? route.detail : `no route to the internet (${route.detail})`,
      route,
    };
  }
  switch (target.kind) {
    case 'internet-gateway':
      return endpoint.publicIp
        ? {
            address: endpoint.publicIp,
            via: `its public IP ${endpoint.publicIp} through ${target.id}`,
            route,
          }
        : { address: null, via: `${target.id}, but ${endpoint.id} has no public IP`, route };
    case 'nat-gateway': {
      const nat = model.natGateways.get(endpoint.scope, target.id);
      const ip = nat?.NatGatewayAddresses?.find((a) => a.PublicIp)?.PublicIp ?? null;
      return { address: ip, via: `NAT gateway ${target.id}${ip ? ` (Elastic IP ${ip})` : ''}`, route };
    }
    case 'instance': {
      const natInstance = endpointForInstance(model, endpoint.scope, target.id);
      const ip = natInstance?.publicIp ?? null;
      return { address: ip, via: `NAT instance ${target.id}${ip ? ` (public IP ${ip})` : ''}`, route };
    }
    default:
      return { address: null, via: `${target.kind} ${target.id}`, route };
  }
}
