// Per-target root causes and per-service verdicts: what the wall screen and alerts show.
import {
  plural,
  pushAll,
  type Finding,
  type RuleId,
  type ServiceStatus,
  type ServiceVerdict,
  type SnapshotKind,
  type TargetVerdict,
} from '@porthole/shared';
import { dataGaps } from '../model/scopes.ts';
import type { EstateModel, ServiceModel, TargetGroupModel } from '../model/types.ts';
import { closedListeners, listenersFor } from './frontDoor.ts';
import { targetKey } from '../rules/support/finding.ts';
import { RULES } from '../rules/registry.ts';
import { serviceInputGaps } from './inputGaps.ts';

/** `reuse`: a target group's verdicts from an earlier result when nothing they read changed (incremental path). */
export function targetVerdicts(
  model: EstateModel,
  findings: Finding[],
  reuse?: (tg: TargetGroupModel) => TargetVerdict[] | undefined,
): TargetVerdict[] {
  const precedence = new Map(RULES.map((r, i) => [r.id as string, i]));
  const causes = new Map<string, { rule: RuleId; rank: number }>();
  for (const f of findings) {
    if (f.rule === 'data-missing' || f.severity === 'info') continue;
    const rank = precedence.get(f.rule) ?? 99;
    for (const t of f.targets) {
      const key = targetKey(t);
      const seen = causes.get(key);
      if (!seen || rank < seen.rank) causes.set(key, { rule: f.rule, rank });
    }
  }
  const out: TargetVerdict[] = [];
  for (const tg of model.targetGroups.values()) {
    const kept = reuse?.(tg);
    if (kept) {
      pushAll(out, kept);
      continue;
    }
    for (const t of tg.targets ?? []) {
      const healthy = t.state === 'healthy';
      out.push({
        targetGroupArn: tg.arn,
        id: t.id,
        port: t.port,
        availabilityZone: t.availabilityZone,
        state: t.state,
        reason: t.reason,
        description: t.description,
        service: tg.services[0] ? (model.services.get(tg.services[0])?.key ?? null) : null,
        rootCause: healthy
          ? null
          : (causes.get(targetKey({ targetGroupArn: tg.arn, id: t.id, port: t.port }))?.rule ?? null),
      });
    }
  }
  return out;
}

/** `reuse`: a service's verdict from an earlier result when nothing it reads changed (incremental path). */
export function serviceVerdicts(
  model: EstateModel,
  findings: Finding[],
  targets: TargetVerdict[],
  reuse?: (svc: ServiceModel) => ServiceVerdict | undefined,
): ServiceVerdict[] {
  const byGroup = new Map<string, TargetVerdict[]>();
  for (const t of targets) {
    const list = byGroup.get(t.targetGroupArn) ?? [];
    list.push(t);
    byGroup.set(t.targetGroupArn, list);
  }
  // Names repeat across accounts and regions: match findings to services by all three. A finding counts for
  // every service it affects (an ALB-level finding for each service behind the ALB).
  const byService = new Map<string, Finding[]>();
  for (const f of findings) {
    const names = f.services.length > 0 ? f.services : f.service ? [f.service] : [];
    for (const name of new Set(names)) {
      const key = `${f.account}|${f.region}|${name}`;
      const list = byService.get(key) ?? [];
      list.push(f);
      byService.set(key, list);
    }
  }
  const closed = closedListeners(model, findings);
  return [...model.services.values()]
    .map(
      (svc) =>
        reuse?.(svc) ??
        serviceVerdict(
          model,
          svc,
          byService.get(`${svc.scope.account}|${svc.scope.region}|${svc.key}`) ?? [],
          byGroup,
          closed,
        ),
    )
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name) || `${a.account}${a.region}`.localeCompare(`${b.account}${b.region}`),
    );
}

/** Kinds without which a load-balanced service's path cannot be judged: unreadable → unknown, never healthy. */
const PATH_KINDS: readonly SnapshotKind[] = [
  'LoadBalancers',
  'Listeners',
  'SecurityGroups',
  'NetworkAcls',
  'Subnets',
  'RouteTables',
];

function serviceVerdict(
  model: EstateModel,
  svc: ServiceModel,
  findings: Finding[],
  byGroup: Map<string, TargetVerdict[]>,
  closed: Map<string, Finding>,
): ServiceVerdict {
  const tgArns = [...new Set(svc.loadBalancers.map((l) => l.targetGroupArn))];
  const targets = tgArns.flatMap((arn) => byGroup.get(arn) ?? []);
  const counts: Record<string, number> = {};
  for (const t of targets) counts[t.state] = (counts[t.state] ?? 0) + 1;
  const healthy = counts.healthy ?? 0;
  const gaps = [
    ...dataGaps(model, svc.scope, ['services']),
    ...(tgArns.length > 0 ? dataGaps(model, svc.scope, ['TargetGroups', 'LoadBalancerTargetHealth']) : []),
    ...serviceInputGaps(model, svc),
  ];
  const pathGaps = tgArns.length > 0 ? dataGaps(model, svc.scope, PATH_KINDS) : [];
  const undecided = findings.filter((f) => f.rule === 'data-missing');
  const listeners = listenersFor(model, tgArns);
  const closing = listeners.map((arn) => closed.get(arn));
  const frontDoorClosed = listeners.length > 0 && closing.every((f) => f !== undefined);
  const missingHealth = tgArns.filter((arn) => !model.targetGroups.get(arn)?.targets);
  const critical = findings.filter((f) => f.severity === 'critical');
  const top = findings.find((f) => f.rule !== 'data-missing') ?? findings[0] ?? null;
  const desired = svc.desiredCount;
  const running = svc.runningCount;
  const notHealthy = targets.filter((t) => t.state !== 'healthy' && t.state !== 'draining').length;
  let status: ServiceStatus;
  let why: string;
  if (gaps.length > 0 || missingHealth.length > 0) {
    status = 'unknown';
    why = `Unknown: ${gaps[0] ?? `no target health for ${plural(missingHealth.length, 'target group')}`}.`;
  } else if (frontDoorClosed) {
    status = 'down';
    why = closing[0]!.title;
  } else if ((desired ?? 0) > 0 && running === 0) {
    status = 'down';
    why = top ? top.title : `No task running (desired ${desired}).`;
  } else if (targets.length > 0 && healthy === 0) {
    status = 'down';
    why = top ? top.title : `No healthy target (${describeCounts(counts)}).`;
  } else if (pathGaps.length > 0) {
    status = 'unknown';
    why = `Unknown: ${pathGaps[0]}.`;
  } else if (
    notHealthy > 0 ||
    critical.length > 0 ||
    (desired !== null && running !== null && running < desired)
  ) {
    status = 'degraded';
    why = top
      ? top.title
      : `${targets.length > 0 ? `${healthy}/${targets.length} targets healthy` : 'no load balancer'}; ${running ?? '?'}/${desired ?? '?'} tasks running.`;
  } else if (undecided.length > 0) {
    // A check this service needs could not be decided: unknown, never healthy.
    status = 'unknown';
    why = `Unknown: ${undecided[0]!.evidence[0]?.detail ?? undecided[0]!.title}.`;
  } else {
    status = 'healthy';
    why =
      tgArns.length > 0
        ? `${targets.length === 1 ? 'The target is' : `All ${targets.length} targets`} healthy.`
        : `${running ?? 0}/${desired ?? 0} tasks running.`;
  }
  return {
    name: svc.key,
    cluster: svc.clusterName,
    service: svc.name,
    arn: svc.arn,
    account: svc.scope.account,
    region: svc.scope.region,
    status,
    desiredCount: desired,
    runningCount: running,
    targetCounts: counts,
    targetsTotal: targets.length,
    targetsHealthy: healthy,
    topFinding: top ? { id: top.id, rule: top.rule, severity: top.severity, title: top.title } : null,
    why,
    findingIds: findings.map((f) => f.id),
  };
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
}
