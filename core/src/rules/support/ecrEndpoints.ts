// Without a route to the internet, image pulls from ECR still work through VPC endpoints: interface endpoints
// com.amazonaws.<region>.ecr.api and .ecr.dkr (private DNS on, SGs admitting tcp 443 from the tasks) and the
// S3 gateway endpoint on the subnet's route table (layers live in S3). ECR guide, "Amazon ECR interface VPC
// endpoints (AWS PrivateLink)"; ECS guide, "Interface VPC endpoints".
import { pushAll } from '@porthole/shared';
import type { Evidence, SnapshotScope, VpcEndpoint } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel } from '../../model/types.ts';
import { prefixListResolver } from '../../net/paths/hops.ts';
import { evaluateSecurityGroups } from '../../net/securityGroups.ts';
import type { Placement } from '../../analysis/ecsPlacement.ts';

export type EcrService = 'ecr.api' | 'ecr.dkr' | 's3';
export const ECR_SERVICES: readonly EcrService[] = ['ecr.api', 'ecr.dkr', 's3'];

export interface EndpointProblem {
  service: EcrService;
  /** The endpoint that exists but does not serve this subnet, if any. */
  endpointId: string | null;
  /** For an interface endpoint whose SGs do not admit 443: its first SG. */
  blockingGroupId: string | null;
  detail: string;
}

export interface EndpointCoverage {
  complete: boolean;
  problems: EndpointProblem[];
  evidence: Evidence[];
  gaps: string[];
}

/** "com.amazonaws.eu-west-1.ecr.api"; also matches the China partition's "cn.com.amazonaws…" names. */
export function endpointServiceName(region: string | null, service: EcrService): string {
  return `com.amazonaws.${region ?? 'REGION'}.${service}`;
}

function serves(e: VpcEndpoint, region: string | null, service: EcrService): boolean {
  const name = e.ServiceName;
  if (!name.endsWith(`.${service}`)) return false;
  return region === null || name.includes(`.${region}.`);
}

function usable(e: VpcEndpoint): boolean {
  return (e.State ?? 'available').toLowerCase() === 'available';
}

export function ecrEndpointCoverage(
  model: EstateModel,
  scope: SnapshotScope,
  p: Placement,
  routeTableId: string,
): EndpointCoverage {
  const gaps = dataGaps(model, scope, ['VpcEndpoints']);
  if (gaps.length > 0) return { complete: false, problems: [], evidence: [], gaps };
  const inVpc = model.vpcEndpoints.inScope(scope).filter((e) => e.VpcId === p.vpcId);
  const problems: EndpointProblem[] = [];
  const evidence: Evidence[] = [];
  for (const service of ECR_SERVICES) {
    const candidates = inVpc.filter((e) => serves(e, scope.region, service));
    const result =
      service === 's3'
        ? s3Check(model, scope, p, candidates, routeTableId)
        : interfaceCheck(model, scope, p, service, candidates);
    if (result.gaps.length > 0) pushAll(gaps, result.gaps);
    if (result.ok) {
      evidence.push({ kind: 'config', component: result.ok, detail: `${result.ok} serves ${service}` });
      continue;
    }
    const first = candidates[0] ?? null;
    problems.push({
      service,
      endpointId: result.endpointId !== undefined ? result.endpointId : (first?.VpcEndpointId ?? null),
      blockingGroupId: result.blockingGroupId ?? null,
      detail: result.why,
    });
    evidence.push({
      kind: 'config',
      component: first?.VpcEndpointId ?? p.vpcId ?? service,
      detail: result.why,
    });
  }
  return { complete: problems.length === 0 && gaps.length === 0, problems, evidence, gaps };
}

interface Check {
  ok: string | null;
  why: string;
  gaps: string[];
  blockingGroupId?: string | null;
  /** The endpoint the fix should change (e.g. the S3 gateway endpoint to associate), when not the first. */
  endpointId?: string | null;
}

function s3Check(
  model: EstateModel,
  scope: SnapshotScope,
  p: Placement,
  candidates: VpcEndpoint[],
  routeTableId: string,
): Check {
  const gateways = candidates.filter((e) => (e.VpcEndpointType ?? 'Gateway') === 'Gateway');
  const gateway = gateways.find((e) => usable(e) && (e.RouteTableIds ?? []).includes(routeTableId));
  if (gateway) return { ok: gateway.VpcEndpointId, why: '', gaps: [] };
  // An S3 interface endpoint with private DNS also answers the S3 hostnames ECR sends layer downloads to.
  const interfaces = candidates.filter((e) => e.VpcEndpointType === 'Interface');
  if (interfaces.length > 0) {
    const result = interfaceCheck(model, scope, p, 's3', interfaces);
    if (result.ok || result.gaps.length > 0) return result;
  }
  const other = gateways[0];
  const why = other
    ? `S3 gateway endpoint ${other.VpcEndpointId} (${other.State ?? '?'}) is not associated with ${routeTableId}` +
      ` (route tables: ${(other.RouteTableIds ?? []).join(', ') || 'none'})`
    : 'no S3 gateway endpoint in the VPC: image layers (stored in S3) cannot be downloaded';
  return { ok: null, why, gaps: [], endpointId: other?.VpcEndpointId ?? null };
}

function interfaceCheck(
  model: EstateModel,
  scope: SnapshotScope,
  p: Placement,
  name: EcrService,
  candidates: VpcEndpoint[],
): Check {
  const service = candidates[0]?.ServiceName ?? null;
  if (candidates.length === 0) {
    return {
      ok: null,
      why: `no ${endpointServiceName(scope.region, name)} interface endpoint in ${p.vpcId}`,
      gaps: [],
    };
  }
  const reasons: string[] = [];
  const gaps: string[] = [];
  let blockingGroupId: string | null = null;
  for (const e of candidates) {
    if (!usable(e)) {
      reasons.push(`${e.VpcEndpointId} is ${e.State}`);
      continue;
    }
    if (e.PrivateDnsEnabled === false) {
      reasons.push(
        `${e.VpcEndpointId} has private DNS disabled, so the default ECR hostnames do not resolve to it`,
      );
      continue;
    }
    const groupIds = (e.Groups ?? []).map((g) => g.GroupId);
    const sgGaps = dataGaps(model, scope, ['SecurityGroups']);
    if (sgGaps.length > 0) {
      pushAll(gaps, sgGaps);
      continue;
    }
    const groups = groupIds.map(
      (id) => model.securityGroups.get(scope, id) ?? { GroupId: id, missing: true as const },
    );
    const address = p.address ?? model.subnets.get(scope, p.subnetId)?.CidrBlock ?? '0.0.0.0/0';
    const peer = { address, securityGroupIds: p.securityGroupIds };
    const decision = evaluateSecurityGroups(
      groups,
      'ingress',
      peer,
      'tcp',
      { from: 443, to: 443 },
      prefixListResolver(model, scope),
    );
    if (decision.verdict === 'allow') return { ok: e.VpcEndpointId, why: '', gaps: [] };
    if (decision.verdict === 'unknown') {
      pushAll(gaps, decision.unknownReasons);
      continue;
    }
    blockingGroupId ??= groupIds[0] ?? null;
    reasons.push(
      `${e.VpcEndpointId}'s security groups ${groupIds.join(', ')} do not admit tcp 443 from ${p.id}: ${decision.reason}`,
    );
  }
  return { ok: null, why: `${service}: ${reasons.join('; ')}`, gaps, blockingGroupId };
}
