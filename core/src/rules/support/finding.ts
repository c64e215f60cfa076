// Builders shared by the rules: stable finding ids, "unknown" findings for missing data, target refs.
import type { Evidence, Finding, RuleId, SnapshotScope, TargetRef } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../../model/types.ts';
import type { TargetContext } from './context.ts';

type FindingInput = Omit<Finding, 'id' | 'account' | 'region' | 'services' | 'confidence' | 'missing'> &
  Partial<Pick<Finding, 'services' | 'confidence' | 'missing'>> & {
    scope: SnapshotScope;
    /** The blocking component's ids when it is several (every SG of a multi-SG ENI); they lead `resources`. */
    blockingIds?: string[];
  };

/**
 * Ids stay stable across polls: rule + blocking component + service. A component of several ids (a multi-SG
 * ENI) is named by all of them joined with "+"; a single one exactly as before. Defaults: the finding affects
 * its own service; it is confirmed unless something that could change the conclusion is missing (then likely).
 */
export function makeFinding(input: FindingInput): Finding {
  const { scope, blockingIds, services, confidence, missing = [], ...rest } = input;
  const lead = blockingIds && blockingIds.length > 0 ? blockingIds : rest.resources.slice(0, 1);
  const subject = rest.service ?? rest.resources[lead.length] ?? '';
  return {
    id: `${rest.rule}:${lead.join('+') || 'estate'}:${subject}`,
    account: scope.account,
    region: scope.region,
    ...rest,
    services: services ?? (rest.service ? [rest.service] : []),
    confidence: confidence ?? (missing.length > 0 ? 'likely' : 'confirmed'),
    missing,
  };
}

/** Describe calls that cannot run without naming what to describe (AWS CLI reference): placeholders. */
const REQUIRED_ARGS: Record<string, string> = {
  'elbv2 describe-target-health': ' --target-group-arn TARGET_GROUP_ARN',
  'elbv2 describe-listeners': ' --load-balancer-arn LOAD_BALANCER_ARN',
  'elbv2 describe-rules': ' --listener-arn LISTENER_ARN',
  'elbv2 describe-target-group-attributes': ' --target-group-arn TARGET_GROUP_ARN',
  'ecs describe-services': ' --cluster CLUSTER --services SERVICE',
  'ecs describe-tasks': ' --cluster CLUSTER --tasks TASK_ARN',
  'ecs describe-container-instances': ' --cluster CLUSTER --container-instances CONTAINER_INSTANCE_ARN',
  'ecs describe-task-definition': ' --task-definition TASK_DEFINITION',
  'ec2 get-managed-prefix-list-entries': ' --prefix-list-id PREFIX_LIST_ID',
};

/** A check that could not be decided: never a pass. Rule id `data-missing`, naming the rule and the gap. */
export function unknownFinding(
  rule: RuleId,
  scope: SnapshotScope,
  service: string | null,
  resources: string[],
  gaps: string[],
  targets: TargetRef[] = [],
): Finding {
  const evidence: Evidence[] = gaps.map((g) => ({ kind: 'missing-data', component: rule, detail: g }));
  return {
    id: `data-missing:${rule}:${service ?? resources[0] ?? 'estate'}`,
    rule: 'data-missing',
    severity: 'warning',
    title: `Cannot check ${rule}${service ? ` for ${service}` : ''}: data missing or stale`,
    explanation:
      `Porthole could not decide ${rule} because ${gaps.join('; ')}. ` +
      'Until this data is available the verdict is unknown, not healthy.',
    resources,
    service,
    services: service ? [service] : [],
    confidence: 'unknown',
    missing: [...gaps],
    targets,
    evidence,
    fix: {
      summary: 'Capture the missing data (or grant the IAM action) and scan again.',
      awsCli: [
        ...new Set(gaps.map((g) => /\(aws ([^)]+)\)/.exec(g)?.[1]).filter((c): c is string => !!c)),
      ].map((c) => `aws ${c}${REQUIRED_ARGS[c] ?? ''}${regionFlag(scope)} --output json`),
      terraform: '',
    },
    account: scope.account,
    region: scope.region,
  };
}

export function targetRef(t: TargetContext): TargetRef {
  return { targetGroupArn: t.targetGroup.arn, id: t.target.id, port: t.target.port };
}

/** The identity of a registered target: group, id and port. */
export function targetKey(r: TargetRef): string {
  return `${r.targetGroupArn}|${r.id}|${r.port}`;
}

export function uniqueTargets(refs: TargetRef[]): TargetRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = targetKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Group items by a key, keeping first-seen order. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  return groups;
}

export function regionFlag(scope: SnapshotScope): string {
  return scope.region ? ` --region ${scope.region}` : '';
}

/**
 * How a fix should name the ALB as a source: its security group (AWS guidance), else its VPC's CIDR,
 * else its node subnet.
 */
export function albPeer(model: EstateModel, lb: LoadBalancerModel): { groupId: string } | { cidr: string } {
  const sg = lb.securityGroupIds[0];
  if (sg) return { groupId: sg };
  const vpcCidr = lb.vpcId ? model.vpcs.get(lb.scope, lb.vpcId)?.CidrBlock : undefined;
  if (vpcCidr) return { cidr: vpcCidr };
  const node = lb.nodes.find((n) => n.address);
  return { cidr: node?.address?.includes('/') ? node.address : `${node?.address ?? '0.0.0.0'}/32` };
}
