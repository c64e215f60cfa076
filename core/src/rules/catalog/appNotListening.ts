// app-not-listening: every hop is open, yet targets time out or fail health checks: the container does not answer
// on its port (binds 127.0.0.1, listens on another port, starts slowly). Only by elimination: never when a hop
// denies, never when a hop is unknown (then the verdict is unknown).
import { plural, type Finding } from '@porthole/shared';
import { loadBalancedMapping } from '../../model/ecsPorts.ts';
import { groupBy, makeFinding, regionFlag, targetRef, unknownFinding } from '../support/finding.ts';
import type { TargetContext } from '../support/context.ts';
import type { Rule } from '../types.ts';

const FAILING = new Set(['Target.Timeout', 'Target.FailedHealthChecks']);

function pathsOf(t: TargetContext) {
  return [t.traffic, t.healthCheck].filter((p) => p !== null);
}

export const appNotListening: Rule = {
  id: 'app-not-listening',
  summary: 'Every network hop is open, yet targets time out: the container is not answering on its port',
  eliminative: true,
  doc: 'ALB guide, "Troubleshoot your Application Load Balancers" (target fails health checks); ECS guide, "Use an Application Load Balancer"',
  evaluate(_model, ctx) {
    const failing = ctx
      .targets()
      .filter((t) => t.target.state === 'unhealthy' && FAILING.has(t.target.reason ?? ''));
    const findings: Finding[] = [];
    const clear: TargetContext[] = [];
    for (const t of failing) {
      const hops = pathsOf(t).flatMap((p) => p.hops);
      if (t.traffic === null || hops.some((h) => h.verdict === 'deny')) continue;
      const unknown = hops.filter((h) => h.verdict === 'unknown');
      if (unknown.length > 0) {
        findings.push(
          unknownFinding(
            'app-not-listening',
            t.loadBalancer.scope,
            t.service?.key ?? null,
            [t.targetGroup.arn, t.target.id],
            [...new Set(unknown.flatMap((h) => (h.gaps.length > 0 ? h.gaps : [h.detail])))],
            [targetRef(t)],
          ),
        );
        continue;
      }
      clear.push(t);
    }
    for (const items of groupBy(clear, (t) => t.service?.id ?? t.targetGroup.arn).values()) {
      const { targetGroup: tg, service, loadBalancer: lb } = items[0]!;
      const mapping = service ? loadBalancedMapping(service, tg.arn) : null;
      const hc = tg.healthCheck;
      const task = service?.tasks.find((x) => x.lastStatus === 'RUNNING');
      const container = mapping?.containerName ?? 'CONTAINER';
      const cluster = service?.clusterName ?? 'CLUSTER';
      findings.push(
        makeFinding({
          // Diagnosis by elimination: every hop is open, nothing observed proves the app is the cause.
          confidence: 'likely',
          missing: [
            'the address and port the container really listens on (not visible to AWS APIs; see the fix)',
          ],
          scope: tg.scope,
          rule: 'app-not-listening',
          severity: 'critical',
          title: `${service?.key ?? tg.name}: container does not answer on ${mapping?.containerPort ?? 'its port'}: the network path is open`,
          explanation:
            `Porthole checked every hop between ${lb.name} and the ${plural(items.length, 'failing target')} — security groups, network ACLs ` +
            `both ways — and all allow the traffic. Yet ELB reports ${[...new Set(items.map((t) => t.target.reason))].join(', ')}. ` +
            `So the process inside the container is not answering on port ${mapping?.containerPort ?? '?'}: it may bind 127.0.0.1 ` +
            `instead of 0.0.0.0, listen on a different port than the task definition's containerPort, or start slower than ` +
            `the health check allows (${hc.unhealthyThreshold} × ${hc.intervalSeconds} s, timeout ${hc.timeoutSeconds} s).`,
          resources: [tg.arn, ...items.map((t) => t.target.id), lb.arn],
          service: service?.key ?? null,
          targets: items.map(targetRef),
          evidence: [
            ...items.slice(0, 5).map((t) => ({
              kind: 'target-health' as const,
              component: t.target.id,
              detail: `${t.target.id}${t.target.port ? `:${t.target.port}` : ''}: ${t.target.state} / ${t.target.reason} — ${t.target.description ?? ''}`,
            })),
            {
              kind: 'port',
              component: tg.arn,
              detail: `every hop allows tcp ${items[0]!.target.port ?? '?'} → container ${container}:${mapping?.containerPort ?? '?'}`,
            },
          ],
          fix: {
            summary: `Make ${container} listen on 0.0.0.0:${mapping?.containerPort ?? 'PORT'}; check what it listens on from inside the task.`,
            awsCli: [
              `aws ecs execute-command --cluster ${cluster} --task ${task?.arn ?? 'TASK_ARN'} --container ${container}${regionFlag(tg.scope)} --interactive --command "ss -ltnp"`,
            ],
            terraform: '',
          },
        }),
      );
    }
    return findings;
  },
};
