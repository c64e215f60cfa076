// private-subnet-no-egress: tasks (awsvpc) or container instances (bridge/host) sit in subnets with no working way
// out — no default route, a blackhole, a NAT gateway that is not available, an IGW without a public IP — and no
// ECR/S3 VPC endpoints make up for it, so image pulls fail with CannotPullContainerError … i/o timeout.
// VPC guide, "NAT gateways", "Route tables"; ECR guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)".
import { noun, pushAll, type Evidence, type Finding } from '@porthole/shared';
import type { EstateModel, ServiceModel } from '../../model/types.ts';
import { ecrEndpointCoverage, type EndpointCoverage, type EndpointProblem } from '../support/ecrEndpoints.ts';
import { servicePlacements, type Placement } from '../../analysis/ecsPlacement.ts';
import { ecrEndpointFix } from '../fix/ecrEndpointFix.ts';
import { egressRouteFix } from '../fix/egressRouteFix.ts';
import { groupBy, makeFinding, unknownFinding } from '../support/finding.ts';
import { internetEgress, type EgressCause, type Egress } from '../../analysis/internetEgress.ts';
import { PULL_ERROR, PULL_NETWORK_ERROR, taskEvidence, taskMessages } from '../support/taskSignals.ts';
import type { Rule } from '../types.ts';

const RULE = 'private-subnet-no-egress';

interface Blocked {
  placement: Placement;
  egress: Extract<Egress, { status: 'broken' }>;
  coverage: EndpointCoverage;
}

/** Only VPC endpoints could change a broken-egress conclusion that the tasks' own pull failures confirm. */
const ENDPOINTS_UNKNOWN =
  'VpcEndpoints not captured (aws ec2 describe-vpc-endpoints): only ECR interface endpoints (ecr.api, ecr.dkr) ' +
  'with an S3 gateway endpoint could change this conclusion';

const CAUSE_WORDS: Record<EgressCause, string> = {
  'no-route': 'no route to the internet',
  blackhole: 'the default route is a blackhole',
  'nat-unavailable': 'the NAT gateway is not available',
  'nat-private': 'the NAT gateway is private (no internet)',
  'nat-no-igw': "the NAT gateway's subnet has no internet gateway route",
  'igw-no-public-ip': 'an internet gateway route but no public IP',
  'nat-instance-down': 'the NAT instance is not running',
};

export const privateSubnetNoEgress: Rule = {
  id: RULE,
  summary:
    'Tasks or container instances sit in subnets with no working way out (route, NAT, public IP) and no ECR/S3 VPC endpoints: image pulls fail',
  doc: 'VPC guide, "NAT gateways" and "Route tables"; ECR guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)"',
  evaluate(model) {
    return [...model.services.values()].flatMap((svc) => evaluateService(model, svc));
  },
};

function evaluateService(model: EstateModel, svc: ServiceModel): Finding[] {
  const { mode, placements, gaps } = servicePlacements(model, svc);
  const unknown = [...gaps];
  const blocked: Blocked[] = [];
  // Observed symptom: tasks stopped because the pull timed out on the network.
  const confirmedBySymptom = taskMessages(svc.tasks, PULL_NETWORK_ERROR).length > 0;
  let endpointsUnknown = false;
  for (const placement of placements) {
    const egress = internetEgress(model, svc.scope, placement);
    if (egress.status === 'unknown') {
      pushAll(unknown, egress.gaps);
      continue;
    }
    if (egress.status !== 'broken') continue;
    const coverage = ecrEndpointCoverage(model, svc.scope, placement, egress.subnetTableId);
    const onlyEndpointsMissing =
      coverage.gaps.length > 0 && coverage.gaps.every((g) => g.startsWith('VpcEndpoints '));
    if (onlyEndpointsMissing && confirmedBySymptom) {
      // The route table proves there is no way out and the stopped tasks prove the pull timed out: report it.
      endpointsUnknown = true;
      blocked.push({ placement, egress, coverage: { ...coverage, gaps: [] } });
    } else if (coverage.gaps.length > 0) pushAll(unknown, coverage.gaps);
    else if (!coverage.complete) blocked.push({ placement, egress, coverage });
  }
  if (blocked.length === 0) {
    return unknown.length > 0
      ? [unknownFinding(RULE, svc.scope, svc.key, [svc.arn], [...new Set(unknown)])]
      : [];
  }
  // One finding per service; EC2 services get one per route table of their container instances' subnets.
  const groups =
    mode === 'instance' ? groupBy(blocked, (b) => b.egress.tableId) : new Map([['all', blocked]]);
  return [...groups.values()].map((items) => {
    const finding = buildFinding(model, svc, items);
    return endpointsUnknown
      ? { ...finding, confidence: 'confirmed' as const, missing: [ENDPOINTS_UNKNOWN] }
      : finding;
  });
}

function buildFinding(model: EstateModel, svc: ServiceModel, items: Blocked[]): Finding {
  const first = items[0]!;
  const placements = items.map((b) => b.placement);
  const instances = first.placement.kind === 'instance' ? placements.map((p) => p.id) : [];
  const tasks =
    instances.length > 0
      ? svc.tasks.filter((t) => !t.instanceId || instances.includes(t.instanceId))
      : svc.tasks;
  const pulls = taskMessages(tasks, PULL_ERROR);
  const subnets = [...new Set(placements.map((p) => p.subnetId))];
  const tables = [...new Set(items.map((b) => b.egress.tableId))];
  const problems = uniqueProblems(items.flatMap((b) => b.coverage.problems));
  const who =
    instances.length > 0
      ? `container ${noun(instances.length, 'instance')} ${instances.join(', ')}`
      : 'tasks';
  const causes = [...new Set(items.map((b) => CAUSE_WORDS[b.egress.cause]))].join('; ');
  const consequence =
    pulls.length > 0
      ? `Tasks already fail to start: "${pulls[0]!.text}".`
      : 'Running tasks keep their image, but every new task (deployment, scale-out, replacement) will fail to pull it with CannotPullContainerError … i/o timeout.';
  const evidence: Evidence[] = [
    ...items.flatMap((b) => b.egress.evidence),
    ...items.map((b) => ({
      kind: 'route' as const,
      component: b.egress.tableId,
      detail: `${b.placement.id} (${b.placement.subnetId}): ${b.egress.detail}`,
    })),
    ...items.flatMap((b) => b.coverage.evidence),
    ...taskEvidence(pulls),
  ];
  const fix = fixFor(model, svc, items, subnets, problems);
  return makeFinding({
    scope: svc.scope,
    rule: RULE,
    severity: pulls.length > 0 ? 'critical' : 'warning',
    title: `${svc.key}: cannot reach ECR: ${causes} for ${who} in ${subnets.join(', ')}`,
    explanation:
      `To pull an image, a task (or its container instance) needs a way to ECR and S3: a route to a working NAT, ` +
      `an internet gateway plus a public IP, or VPC endpoints. ${[...new Set(items.map((b) => b.egress.detail))].join('. ')}. ` +
      (problems.length > 0
        ? `No VPC endpoints make up for it: ${problems.map((p) => `${p.service}: ${p.detail}`).join('; ')}. `
        : 'VPC endpoint data was not captured, but the stopped tasks show the pull timing out on the network. ') +
      consequence,
    resources: [
      ...tables,
      ...subnets,
      ...new Set(items.flatMap((b) => (b.egress.routeTarget ? [b.egress.routeTarget] : []))),
      ...instances,
      svc.arn,
    ],
    service: svc.key,
    targets: [],
    evidence: dedupe(evidence),
    fix,
  });
}

function fixFor(
  model: EstateModel,
  svc: ServiceModel,
  items: Blocked[],
  subnets: string[],
  problems: EndpointProblem[],
): Finding['fix'] {
  const byTable = [...groupBy(items, (b) => `${b.egress.tableId}|${b.egress.cause}`).values()];
  const routes = byTable.map((group) =>
    egressRouteFix(
      model,
      svc,
      group[0]!.egress,
      group.map((b) => b.placement),
    ),
  );
  const endpoints = ecrEndpointFix({
    scope: svc.scope,
    vpcId: items[0]!.placement.vpcId ?? 'VPC_ID',
    subnetIds: subnets,
    routeTableIds: [...new Set(items.map((b) => b.egress.subnetTableId))],
    sourceGroupIds: [...new Set(items.flatMap((b) => b.placement.securityGroupIds))],
    problems,
  });
  return {
    summary: [...routes.map((r) => r.summary), endpoints.summary].join(' '),
    awsCli: [...routes.flatMap((r) => r.awsCli), ...endpoints.awsCli],
    terraform: [...routes.map((r) => r.terraform.join('\n')), endpoints.terraform.join('\n')]
      .filter((t) => t.length > 0)
      .join('\n\n'),
  };
}

function uniqueProblems(problems: EndpointProblem[]): EndpointProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.service}|${p.endpointId}|${p.blockingGroupId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.kind}|${e.component}|${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
