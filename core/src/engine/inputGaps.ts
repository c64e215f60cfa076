// What a service's verdict needs beyond the kinds every service needs: its task definition, its
// running tasks, and target states Porthole can interpret. Any gap makes the service unknown (never
// healthy) and raises one data-missing finding that names the gap and the command that fills it.
import { isKnownTargetState, type Finding } from '@porthole/shared';
import { dataGaps } from '../model/scopes.ts';
import type { EstateModel, ServiceModel } from '../model/types.ts';
import { unknownFinding } from '../rules/support/finding.ts';
import type { Rule } from '../rules/types.ts';

export function serviceInputGaps(model: EstateModel, svc: ServiceModel): string[] {
  const gaps = dataGaps(model, svc.scope, ['tasks', 'taskDefinitions']);
  const kindGap = (kind: string) => gaps.some((g) => g.startsWith(`${kind} `));
  if (svc.taskDefinitionArn && svc.containers === null && !kindGap('taskDefinitions')) {
    gaps.push(
      `task definition ${svc.taskDefinitionArn.split('/').pop()} of ${svc.key} missing ` +
        `(aws ecs describe-task-definition --task-definition ${svc.taskDefinitionArn})`,
    );
  }
  const running = svc.runningCount ?? 0;
  if (running > 0 && !kindGap('tasks') && !svc.tasks.some((t) => t.lastStatus === 'RUNNING')) {
    gaps.push(
      `none of the ${running} running task(s) of ${svc.key} described ` +
        `(aws ecs list-tasks --cluster ${svc.clusterName} --service-name ${svc.name})`,
    );
  }
  for (const arn of new Set(svc.loadBalancers.map((l) => l.targetGroupArn))) {
    const tg = model.targetGroups.get(arn);
    for (const t of tg?.targets ?? []) {
      if (isKnownTargetState(t.state)) continue;
      gaps.push(
        `target ${t.id}${t.port !== null ? `:${t.port}` : ''} of ${tg?.name ?? arn} has the state ` +
          `"${t.state}", which the ELB API reference does not document`,
      );
    }
  }
  return gaps;
}

/** Registered after the catalog rules: one finding per service whose inputs are incomplete. */
export const SERVICE_INPUTS_RULE: Rule = {
  id: 'data-missing',
  summary: 'A service lacks data its verdict needs (task definition, tasks, interpretable target states)',
  doc: 'ECS API reference, DescribeServices/DescribeTasks/DescribeTaskDefinition; ELB API reference, TargetHealth',
  evaluate(model: EstateModel): Finding[] {
    const out: Finding[] = [];
    for (const svc of model.services.values()) {
      const gaps = serviceInputGaps(model, svc);
      if (gaps.length === 0) continue;
      const base = unknownFinding('data-missing', svc.scope, svc.key, [svc.arn], gaps);
      out.push({
        ...base,
        id: `data-missing:service-inputs:${svc.key}`,
        title: `Cannot judge ${svc.key}: ${gaps[0]!.replace(/ \(aws [^)]+\)$/, '')}`,
        explanation:
          `Porthole cannot give ${svc.key} a verdict because ${gaps.join('; ')}. ` +
          'Until this data is available the service is unknown, not healthy.',
      });
    }
    return out;
  },
};
