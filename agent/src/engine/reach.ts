// `reach --from --to --port`: endpoint → endpoint (or → ALB, then as explain), every blocking component.
import type { PathResult } from '@porthole/shared';
import { endpointForIp } from '../model/endpoints.ts';
import type { EndpointModel, EstateModel } from '../model/types.ts';
import { ELB_EPHEMERAL } from '../net/paths/albToTarget.ts';
import { internetSourceAddress } from '../net/paths/egressAddress.ts';
import { networkAclHop, routeHop, securityGroupHop, type EvaluatedHop } from '../net/paths/hops.ts';
import type { Protocol } from '../net/securityGroups.ts';
import { endpointForRef, findLoadBalancer, isEndpointRef, resolveCaller } from './endpoints.ts';
import { PathInputError } from './errors.ts';
import { explainLoadBalancer } from './explain.ts';
import { pathResult } from './pathResult.ts';

export interface ReachRequest {
  from: string;
  to: string;
  port: number;
  protocol: 'tcp' | 'udp';
}

function resolveDestination(model: EstateModel, to: string): EndpointModel | null {
  if (isEndpointRef(to)) return endpointForRef(model, to, '--to');
  return endpointForIp(model, null, to);
}

export function reachPath(model: EstateModel, req: ReachRequest, now = new Date(0)): PathResult {
  if (!Number.isInteger(req.port) || req.port < 0 || req.port > 65535)
    throw new PathInputError(`--port ${req.port}: expected 0-65535`);
  const lb = findLoadBalancer(model, req.to);
  if (lb) return explainLoadBalancer(model, lb.arn, req.port, lb.dnsName ?? lb.name, '/', req.from, now);
  const dest = resolveDestination(model, req.to);
  if (!dest)
    throw new PathInputError(
      `--to ${req.to}: no instance, ENI, private IP or load balancer by that name in the snapshot`,
    );
  const caller = resolveCaller(model, req.from);
  const protocol: Protocol = req.protocol;
  const ports = { from: req.port, to: req.port };
  const destIp = dest.privateIps[0];
  if (!destIp) throw new PathInputError(`--to ${req.to}: no private IP known`);
  const hops: EvaluatedHop[] = [];
  let source: { address: string; groups: string[] };
  let target = destIp;
  if (caller.kind === 'endpoint' && caller.endpoint.vpcId === dest.vpcId) {
    const src = caller.endpoint;
    const srcIp = src.privateIps[0] ?? '0.0.0.0';
    source = { address: srcIp, groups: src.securityGroupIds };
    const peer = { address: destIp, securityGroupIds: dest.securityGroupIds };
    hops.push(
      securityGroupHop(model, src.scope, src.securityGroupIds, 'egress', peer, protocol, ports, 'request'),
    );
    if (src.subnetId !== dest.subnetId) {
      hops.push(
        networkAclHop(model, src.scope, src.subnetId, 'outbound', destIp, protocol, ports, 'request'),
      );
      hops.push(routeHop(model, src.scope, src.subnetId, src.vpcId, destIp, 'request'));
      hops.push(
        networkAclHop(model, src.scope, src.subnetId, 'inbound', destIp, protocol, ELB_EPHEMERAL, 'reply'),
      );
    }
  } else {
    // From outside the VPC (or another VPC through the internet): the destination needs a public IP and an IGW route.
    if (!dest.publicIp)
      throw new PathInputError(`--to ${req.to} has no public IP: it cannot be reached from ${req.from}`);
    target = dest.publicIp;
    if (caller.kind === 'endpoint') {
      const egress = internetSourceAddress(model, caller.endpoint);
      hops.push(
        securityGroupHop(
          model,
          caller.endpoint.scope,
          caller.endpoint.securityGroupIds,
          'egress',
          { address: target, securityGroupIds: [] },
          protocol,
          ports,
          'request',
        ),
      );
      hops.push({ ...egress.route, detail: `${egress.route.detail} — leaves via ${egress.via}` });
      source = { address: egress.address ?? '0.0.0.0/0', groups: [] };
    } else source = { address: caller.address, groups: [] };
    const back = routeHop(
      model,
      dest.scope,
      dest.subnetId,
      dest.vpcId,
      source.address.split('/')[0]!,
      'reply',
    );
    hops.push(
      back.route?.target?.kind === 'internet-gateway' || back.verdict !== 'allow'
        ? back
        : { ...back, verdict: 'deny', detail: `${back.detail} — replies do not go to an internet gateway` },
    );
  }
  if (caller.kind !== 'endpoint' || caller.endpoint.subnetId !== dest.subnetId) {
    hops.push(
      networkAclHop(model, dest.scope, dest.subnetId, 'inbound', source.address, protocol, ports, 'request'),
    );
    hops.push(
      networkAclHop(
        model,
        dest.scope,
        dest.subnetId,
        'outbound',
        source.address,
        protocol,
        ELB_EPHEMERAL,
        'reply',
      ),
    );
  }
  hops.push(
    securityGroupHop(
      model,
      dest.scope,
      dest.securityGroupIds,
      'ingress',
      { address: source.address, securityGroupIds: source.groups },
      protocol,
      ports,
      'request',
    ),
  );
  return pathResult(model, hops, [], `${req.from} → ${req.to}:${req.port}/${req.protocol}`);
}
