// Target group → its targets (health, merged ALB → target hops) → container port.
import { pushAll } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../model/types.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import { mergeNodeHops } from '../net/paths/merge.ts';
import { loadBalancedMapping } from '../model/ecsPorts.ts';
import type { RuleContext } from '../rules/types.ts';
import { albHop as hop } from './albHops.ts';

export function targetGroupHops(
  model: EstateModel,
  ctx: RuleContext,
  lb: LoadBalancerModel,
  tgArn: string,
): EvaluatedHop[] {
  const out: EvaluatedHop[] = [];
  const tg = model.targetGroups.get(tgArn);
  if (!tg) {
    out.push(
      hop({
        component: tgArn,
        kind: 'target-group',
        verdict: 'unknown',
        detail: 'target group not in the snapshot',
        gaps: ['TargetGroups missing'],
      }),
    );
    return out;
  }
  const targets = tg.targets;
  const healthy = targets?.filter((t) => t.state === 'healthy').length ?? 0;
  out.push(
    hop({
      component: tg.arn,
      kind: 'target-group',
      verdict: targets === null ? 'unknown' : targets.length === 0 ? 'deny' : healthy > 0 ? 'allow' : 'deny',
      detail:
        targets === null
          ? `${tg.name}: target health unknown (describe-target-health missing)`
          : targets.length === 0
            ? `${tg.name}: no registered targets (the ALB answers 503)`
            : `${tg.name}: ${healthy}/${targets.length} healthy` +
              (healthy === 0 ? ' (fail-open: the ALB sends to all of them, requests likely fail)' : ''),
    }),
  );
  const contexts = ctx.targets().filter((t) => t.loadBalancer.arn === lb.arn && t.targetGroup.arn === tg.arn);
  pushAll(out, mergeNodeHops(contexts.map((c) => c.traffic?.hops ?? [])));
  const service = tg.services[0] ? model.services.get(tg.services[0]) : undefined;
  const mapping = service ? loadBalancedMapping(service, tg.arn) : null;
  const ports = [...new Set(contexts.map((c) => c.target.port))].join(', ');
  out.push(
    hop({
      component: service?.key ?? tg.name,
      kind: 'container',
      verdict: 'allow',
      detail: `${tg.targetType === 'ip' ? 'task IP' : 'host'} port ${ports || '?'} → container ${mapping?.containerName ?? '?'}:${mapping?.containerPort ?? '?'}`,
    }),
  );
  return out;
}
