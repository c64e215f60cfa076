// health-check-grace-too-short: ECS stops tasks for failing ELB health checks ("Task failed ELB health checks in
// (target-group …)") while the service's healthCheckGracePeriodSeconds is below what a starting task needs.
// ECS API, CreateService healthCheckGracePeriodSeconds (default 0, ignored unhealthy checks after start);
// ALB guide, "Health checks for your target groups" (a target turns unhealthy after threshold × interval).
import { formatDuration, maxOf, plural, type Evidence, type Finding } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel, ServiceModel, TargetGroupModel } from '../../model/types.ts';
import { makeFinding, regionFlag, targetRef, unknownFinding, uniqueTargets } from '../support/finding.ts';
import {
  ELB_HEALTH_STOP,
  lifetimeSeconds,
  eventEvidence,
  serviceEvents,
  taskEvidence,
  taskMessages,
  type TaskMessage,
} from '../support/taskSignals.ts';
import type { TargetContext } from '../support/context.ts';
import type { Rule } from '../types.ts';

const RULE = 'health-check-grace-too-short';
/** Service events about ELB health: "… is unhealthy in (target-group …)" and "… failed ELB health checks …". */
const ELB_HEALTH_EVENT = /is unhealthy in \(?target-group|failed ELB health checks/i;
/** Margin for ECS's own reaction time when deciding whether a task was still starting when it was stopped. */
const STARTUP_SLACK_SECONDS = 120;

/** The grace period to propose: the longest observed life plus the time to turn healthy, rounded up to 30 s. */
export function proposedGrace(
  grace: number,
  unhealthyWindow: number,
  healthyWindow: number,
  longestLife: number | null,
): number {
  const startup = Math.max(longestLife ?? unhealthyWindow, grace, unhealthyWindow);
  return Math.max(60, Math.ceil((startup + healthyWindow) / 30) * 30);
}

/** Another rule explains the failures better: a blocked network path, or a health check that never matches. */
function explainedElsewhere(targets: readonly TargetContext[]): boolean {
  const blocked = targets.some((t) =>
    [t.traffic, t.healthCheck].some((p) => p?.blocking.some((h) => h.verdict === 'deny')),
  );
  const neverMatches =
    targets.length > 0 &&
    targets.every((t) => t.target.state !== 'healthy') &&
    targets.every(
      (t) => t.target.state !== 'unhealthy' || t.target.reason === 'Target.ResponseCodeMismatch',
    ) &&
    targets.some((t) => t.target.reason === 'Target.ResponseCodeMismatch');
  return blocked || neverMatches;
}

/** The rule asks per service and per target group: grouped once, not filtered from every target each time. */
function groupTargets(all: readonly TargetContext[], key: (t: TargetContext) => string | undefined) {
  const groups = new Map<string, TargetContext[]>();
  for (const t of all) {
    const k = key(t);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}

function targetGroupFor(
  model: EstateModel,
  svc: ServiceModel,
  stops: TaskMessage[],
): TargetGroupModel | null {
  const named = stops.map((s) => /target-group (arn:[^)\s]+)/.exec(s.text)?.[1]).find(Boolean);
  const arns = svc.loadBalancers.map((l) => l.targetGroupArn);
  const arn = named && arns.includes(named) ? named : arns[0];
  return arn ? (model.targetGroups.get(arn) ?? null) : null;
}

export const healthCheckGraceTooShort: Rule = {
  id: RULE,
  summary:
    'ECS stops tasks for failing ELB health checks before they finish starting: the grace period is too short',
  doc: 'ECS API reference, CreateService healthCheckGracePeriodSeconds; ALB guide, "Health checks for your target groups"',
  evaluate(model, ctx) {
    const findings: Finding[] = [];
    let byService: Map<string, TargetContext[]> | null = null;
    let byGroup: Map<string, TargetContext[]> | null = null;
    for (const svc of model.services.values()) {
      if (svc.loadBalancers.length === 0) continue;
      const stops = taskMessages(svc.tasks, ELB_HEALTH_STOP);
      const events = serviceEvents(svc, ELB_HEALTH_EVENT);
      if (stops.length === 0 && events.length === 0) {
        const gaps = dataGaps(model, svc.scope, ['tasks']);
        if (gaps.length > 0) findings.push(unknownFinding(RULE, svc.scope, svc.key, [svc.arn], gaps));
        continue;
      }
      const tg = targetGroupFor(model, svc, stops);
      if (!tg) {
        const gaps = dataGaps(model, svc.scope, ['TargetGroups']);
        const why =
          gaps.length > 0
            ? gaps
            : [`target group ${svc.loadBalancers[0]!.targetGroupArn} not in the snapshot`];
        findings.push(unknownFinding(RULE, svc.scope, svc.key, [svc.arn], why));
        continue;
      }
      byService ??= groupTargets(ctx.targets(), (t) => t.service?.key);
      if (explainedElsewhere(byService.get(svc.key) ?? [])) continue;
      const grace = svc.healthCheckGracePeriodSeconds ?? 0;
      const hc = tg.healthCheck;
      const unhealthyWindow = hc.unhealthyThreshold * hc.intervalSeconds;
      const healthyWindow = hc.healthyThreshold * hc.intervalSeconds;
      // Only kills soon after start tell about startup; a task stopped days later failed for another reason.
      const cutoff = grace + unhealthyWindow + healthyWindow + STARTUP_SLACK_SECONDS;
      const lives = stops.map(lifetimeSeconds).filter((n): n is number => n !== null && n <= cutoff);
      const longest = lives.length > 0 ? maxOf(lives) : null;
      if (!(grace < unhealthyWindow || (longest !== null && grace < longest))) continue;
      // The targets still failing their checks are the ones this explains (root cause over app-not-listening).
      byGroup ??= groupTargets(ctx.targets(), (t) => t.targetGroup.arn);
      const failing = (byGroup.get(tg.arn) ?? [])
        .filter((c) => c.target.state !== 'healthy' && c.target.state !== 'draining')
        .map(targetRef);
      const timing = { grace, unhealthyWindow, healthyWindow, longest };
      findings.push(finding(svc, tg, { stops, events, timing, targets: uniqueTargets(failing) }));
    }
    return findings;
  },
};

interface Timing {
  grace: number;
  unhealthyWindow: number;
  healthyWindow: number;
  longest: number | null;
}

/** What the ELB and ECS reported: health-check stops, service events, the timing and the failing targets. */
interface Observed {
  stops: TaskMessage[];
  events: ReturnType<typeof serviceEvents>;
  timing: Timing;
  targets: Finding['targets'];
}

function finding(svc: ServiceModel, tg: TargetGroupModel, observed: Observed): Finding {
  const { stops, events, timing: t, targets } = observed;
  const hc = tg.healthCheck;
  const n = proposedGrace(t.grace, t.unhealthyWindow, t.healthyWindow, t.longest);
  const basis =
    t.longest !== null
      ? `tasks were stopped ${t.longest} s after starting`
      : `ELB fails a starting target after ${t.unhealthyWindow} s`;
  const short = (svc.runningCount ?? 0) < (svc.desiredCount ?? 0);
  const stopped = new Set(stops.map((s) => s.task.arn)).size;
  const lifeText =
    t.longest !== null
      ? `Tasks stopped ${t.longest} s after starting, before they ever turned healthy. `
      : '';
  const evidence: Evidence[] = [
    {
      kind: 'config',
      component: svc.arn,
      detail: `healthCheckGracePeriodSeconds ${svc.healthCheckGracePeriodSeconds ?? '0 (not set)'}`,
    },
    {
      kind: 'config',
      component: tg.arn,
      detail:
        `HealthCheckIntervalSeconds ${hc.intervalSeconds}, UnhealthyThresholdCount ${hc.unhealthyThreshold} (unhealthy after ${t.unhealthyWindow} s), ` +
        `HealthyThresholdCount ${hc.healthyThreshold} (healthy after ${t.healthyWindow} s), path ${hc.path ?? '/'}`,
    },
    ...taskEvidence(stops).map((e) => {
      const life = lifetimeSeconds(stops.find((s) => s.task.arn === e.component)!);
      return life === null ? e : { ...e, detail: `${e.detail} — ran ${formatDuration(life * 1000)}` };
    }),
    ...eventEvidence(svc, events),
  ];
  return makeFinding({
    scope: svc.scope,
    rule: RULE,
    severity: short ? 'critical' : 'warning',
    title: `${svc.key}: ELB health checks stop tasks — grace period ${t.grace} s is shorter than a starting task needs (${t.unhealthyWindow} s to be judged)`,
    explanation:
      `ECS ignores failing ELB health checks only for healthCheckGracePeriodSeconds (${t.grace} s) after a task starts. ` +
      `${tg.name} marks a new target unhealthy after ${hc.unhealthyThreshold} × ${hc.intervalSeconds} s = ${t.unhealthyWindow} s of failed checks ` +
      `and needs ${hc.healthyThreshold} × ${hc.intervalSeconds} s = ${t.healthyWindow} s of passing checks to turn healthy. ` +
      `${lifeText}${stopped > 0 ? `${plural(stopped, 'task')} ${stopped === 1 ? 'was' : 'were'} stopped with "Task failed ELB health checks"` : 'The service events report unhealthy targets'}; ` +
      `${svc.runningCount ?? '?'} of ${svc.desiredCount ?? '?'} tasks run. A grace period of ${n} s lets a slow start finish ` +
      '(if the app never answers the health check, the network and health-check findings apply instead).',
    resources: [svc.arn, tg.arn, ...new Set(stops.map((s) => s.task.arn))].slice(0, 8),
    service: svc.key,
    targets,
    evidence,
    fix: {
      summary: `Raise the grace period to ${n} s (${basis}, plus ${t.healthyWindow} s of passing checks to turn healthy, rounded up to 30 s).`,
      awsCli: [
        `aws ecs update-service --cluster ${svc.clusterName} --service ${svc.name} --health-check-grace-period-seconds ${n}${regionFlag(svc.scope)}`,
      ],
      terraform: [
        `resource "aws_ecs_service" "${svc.name.replace(/[^A-Za-z0-9_]/g, '_')}" {`,
        `  # …`,
        `  health_check_grace_period_seconds = ${n}`,
        `}`,
      ].join('\n'),
    },
  });
}
