// `reach --from --to --port`: endpoint → endpoint, → an ALB (then as explain), → the internet or any address
// outside the estate, or from outside into the estate. Every blocking component, hop by hop.
import { scopeKey, type PathResult } from '@porthole/shared';
import type { EndpointModel, EstateModel } from '../model/types.ts';
import type { PortRange } from '../net/cidr.ts';
import { clientPorts, describeClientPorts, judgesReplies } from '../net/paths/clientPorts.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import { denyHop, egressToOutside, type OutsideQuery } from '../net/paths/outside.ts';
import { inVpcHops, intoPublicAddress, type LegQuery } from '../net/paths/peerPaths.ts';
import type { Caller } from '../net/paths/frontDoor.ts';
import { findLoadBalancer, resolveCaller } from './endpoints.ts';
import { PathInputError } from './errors.ts';
import { explainLoadBalancer } from './explain.ts';
import { pathResult } from './pathResult.ts';
import { resolveTarget, type ReachTarget } from './reachTargets.ts';

export interface ReachRequest {
  from: string;
  to: string;
  port: number;
  protocol: 'tcp' | 'udp';
  /** The caller's ephemeral port range, when known (`--client-ports`); else 1024–65535 is assumed. */
  clientPorts?: PortRange | null;
}

const sameNetwork = (a: EndpointModel, b: EndpointModel) =>
  a.vpcId !== null && a.vpcId === b.vpcId && scopeKey(a.scope) === scopeKey(b.scope);

function outsideQuery(address: string, label: string, q: LegQuery): OutsideQuery {
  return { destination: address, label, ...q };
}

/** Unsolicited traffic to a NAT gateway's Elastic IP: it never accepts connections from outside. */
function natGatewayHops(
  caller: Caller,
  target: Extract<ReachTarget, { kind: 'nat-gateway' }>,
  q: LegQuery,
  model: EstateModel,
) {
  const before =
    caller.kind === 'endpoint'
      ? egressToOutside(model, caller.endpoint, outsideQuery(target.address, target.address, q)).hops
      : [];
  const why =
    `${target.address} is the Elastic IP of NAT gateway ${target.natId}: a NAT gateway lets instances behind it ` +
    'open connections out, but nothing outside can initiate a connection through it (unsolicited inbound is dropped)';
  return [...before, denyHop(target.natId, 'nat-gateway', 'request', why)];
}

function endpointHops(model: EstateModel, caller: Caller, target: ReachTarget, q: LegQuery): EvaluatedHop[] {
  if (target.kind === 'outside') {
    if (caller.kind !== 'endpoint')
      throw new PathInputError(
        `--to ${target.label}: the source is outside the snapshot too; nothing to evaluate`,
      );
    return egressToOutside(model, caller.endpoint, outsideQuery(target.address, target.label, q)).hops;
  }
  if (target.kind === 'nat-gateway') return natGatewayHops(caller, target, q, model);
  const dest = target.endpoint;
  const publicAddress = target.kind === 'public' ? target.address : dest.publicIp;
  if (caller.kind === 'endpoint' && target.kind === 'endpoint' && sameNetwork(caller.endpoint, dest)) {
    if (!dest.privateIps[0]) throw new PathInputError(`--to ${dest.id}: no private IP known`);
    return inVpcHops(model, caller.endpoint, dest, q);
  }
  if (caller.kind !== 'endpoint') return intoPublicAddress(model, caller.address, dest, publicAddress, q);
  // Another VPC or account: out through the caller's route table, in at the destination's public address;
  // without one, towards its private address (peering or transit: unknown beyond that hop).
  const address = publicAddress ?? dest.privateIps[0];
  if (!address) throw new PathInputError(`--to ${dest.id}: no address known`);
  const out = egressToOutside(model, caller.endpoint, outsideQuery(address, `${dest.id} (${address})`, q));
  if (!publicAddress || out.arrivesFrom === null) return out.hops;
  return [...out.hops, ...intoPublicAddress(model, out.arrivesFrom, dest, publicAddress, q)];
}

function notes(target: ReachTarget): string[] {
  if (target.kind === 'public' && target.endpoint.sourceDestCheck === false && target.endpoint.instanceId)
    return [
      `${target.address} belongs to ${target.endpoint.instanceId}, which forwards traffic (source/destination check off, e.g. a NAT instance): ` +
        'the answer is about the instance itself; it does not forward unsolicited inbound connections to instances behind it',
    ];
  return [];
}

export function reachPath(model: EstateModel, req: ReachRequest): PathResult {
  if (!Number.isInteger(req.port) || req.port < 0 || req.port > 65535)
    throw new PathInputError(`--port ${req.port}: expected 0-65535`);
  const lb = findLoadBalancer(model, req.to);
  if (lb)
    return explainLoadBalancer(model, {
      lbArn: lb.arn,
      port: req.port,
      host: lb.dnsName ?? lb.name,
      path: '/',
      from: req.from,
      clientPorts: req.clientPorts ?? null,
    });
  const caller = resolveCaller(model, req.from);
  const target = resolveTarget(model, req.to);
  const client = clientPorts(req.clientPorts);
  const q: LegQuery = { protocol: req.protocol, ports: { from: req.port, to: req.port }, client };
  const hops = endpointHops(model, caller, target, q);
  const result = pathResult(model, hops, [], `${req.from} → ${req.to}:${req.port}/${req.protocol}`);
  const assumptions = [describeClientPorts(client), ...notes(target)];
  // Say which reply range was assumed whenever a stateless NACL judged a reply to the caller.
  const judgedReplies = judgesReplies(hops);
  const range = `${client.range.from}-${client.range.to}`;
  const said = client.known ? `client ports ${range} as given` : `client ports unknown, ${range} assumed`;
  return { ...result, summary: judgedReplies ? `${result.summary} (${said})` : result.summary, assumptions };
}
