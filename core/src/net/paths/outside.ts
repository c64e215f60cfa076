// From an ENI in the estate to an address outside it (the internet, or any IPv4 the snapshot does not hold):
// follow the source subnet's route table by longest prefix (VPC guide, "Route tables") and model each way
// out. IGW: needs a public or Elastic IP ("Internet gateways"). NAT gateway: in a subnet whose own table
// reaches an IGW; its ENI has no SG; NACLs of both subnets apply ("NAT gateways"). NAT instance:
// source/destination check off, its SG and NACLs ("NAT instances"). Blackhole: dropped. Peering, transit
// and virtual private gateways, endpoints: the path leaves the modelled estate, unknown beyond that hop.
// Replies come back the same way; NACLs are stateless, so each reply crossing is checked too.
import type { Hop } from '@porthole/shared';
import type { EndpointModel, EstateModel } from '../../model/types.ts';
import { isPrivateAddress, type PortRange } from '../cidr.ts';
import type { RouteTarget } from '../routes.ts';
import type { Protocol } from '../securityGroups.ts';
import { clientReplyHop, type ClientPorts } from './clientPorts.ts';
import { networkAclHop, routeHop, securityGroupHop, unknownHop, type EvaluatedHop } from './hops.ts';
import { viaNatGateway, viaNatInstance } from './natHops.ts';

export interface OutsideQuery {
  destination: string;
  /** How the destination reads in answers ("the internet", "8.8.8.8"). */
  label: string;
  protocol: Protocol;
  ports: PortRange;
  client: ClientPorts;
}

export interface OutsideEvaluation {
  hops: EvaluatedHop[];
  /** The source address the far side sees (a public IP or the NAT's EIP), or null when unknown or dropped. */
  arrivesFrom: string | null;
}

/** A definite "no" that is not an SG, NACL or route entry (a missing public IP, a NAT state …). */
export function denyHop(
  component: string,
  kind: string,
  leg: Hop['leg'],
  detail: string,
  check: EvaluatedHop['check'] = 'other',
): EvaluatedHop {
  return {
    component,
    kind,
    check,
    leg,
    direction: 'forward',
    verdict: 'deny',
    detail,
    ports: null,
    evidence: [{ kind: 'config', component, detail }],
    gaps: [],
  };
}

export function allowHop(component: string, kind: string, detail: string): EvaluatedHop {
  return { ...denyHop(component, kind, 'request', detail), verdict: 'allow' };
}

export function leavesEstate(target: RouteTarget, leg: Hop['leg'] = 'request'): EvaluatedHop {
  const why = `leaves the modelled estate through ${target.kind} ${target.id}: unknown beyond this hop`;
  return unknownHop({ component: target.id, kind: target.kind, gaps: [why], check: 'route', leg });
}

/**
 * Out through an internet gateway: the packet needs a public or Elastic IP on the ENI that sends it (the
 * source, or the NAT instance), and a public destination (the internet does not route private space).
 */
export function viaInternetGateway(igwId: string, sender: EndpointModel, q: OutsideQuery): OutsideEvaluation {
  if (isPrivateAddress(q.destination))
    return {
      hops: [
        denyHop(
          igwId,
          'internet-gateway',
          'request',
          `${q.label} is a private address: the internet does not route it`,
        ),
      ],
      arrivesFrom: null,
    };
  if (!sender.publicIp)
    return {
      hops: [
        denyHop(
          sender.id,
          'public-address',
          'request',
          `${sender.id} routes ${q.label} to ${igwId} but has no public or Elastic IP, so the internet gateway does not translate or forward its traffic`,
        ),
      ],
      arrivesFrom: null,
    };
  return {
    hops: [
      allowHop(
        igwId,
        'internet-gateway',
        `${sender.id} leaves through ${igwId} as ${sender.publicIp}; replies to ${sender.publicIp} come back the same way`,
      ),
    ],
    arrivesFrom: sender.publicIp,
  };
}

export function egressToOutside(model: EstateModel, src: EndpointModel, q: OutsideQuery): OutsideEvaluation {
  const { destination, protocol, ports, client } = q;
  const peer = { address: destination, securityGroupIds: [] };
  const request = { scope: src.scope, protocol, ports, leg: 'request' as const };
  const nacl = { ...request, subnetId: src.subnetId, remote: destination };
  const hops: EvaluatedHop[] = [
    securityGroupHop(model, { ...request, groupIds: src.securityGroupIds, direction: 'egress', peer }),
    // The destination is outside the source subnet, so its NACL filters both directions.
    networkAclHop(model, { ...nacl, direction: 'outbound' }),
    clientReplyHop(
      networkAclHop(model, { ...nacl, direction: 'inbound', ports: client.range, leg: 'reply' }),
      client,
    ),
  ];
  const route = routeHop(model, { ...request, subnetId: src.subnetId, vpcId: src.vpcId, destination });
  hops.push(route);
  const target = route.route?.target;
  if (route.verdict !== 'allow' || !target) return { hops, arrivesFrom: null };
  const next = nextHop(model, src, target, q);
  return { hops: [...hops, ...next.hops], arrivesFrom: next.arrivesFrom };
}

function nextHop(
  model: EstateModel,
  src: EndpointModel,
  target: RouteTarget,
  q: OutsideQuery,
): OutsideEvaluation {
  switch (target.kind) {
    case 'internet-gateway':
      return viaInternetGateway(target.id, src, q);
    case 'nat-gateway':
      return viaNatGateway(model, src, target.id, q);
    case 'instance':
    case 'network-interface':
      return viaNatInstance(model, src, target, q);
    case 'local':
      return {
        hops: [
          unknownHop({
            component: q.destination,
            kind: 'address',
            gaps: [
              `${q.label} is inside ${src.vpcId}'s local range, but no network interface in the snapshot holds it`,
            ],
          }),
        ],
        arrivesFrom: null,
      };
    default:
      return { hops: [leavesEstate(target)], arrivesFrom: null };
  }
}
