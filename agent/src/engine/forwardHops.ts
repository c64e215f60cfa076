// Listener → rule → target group → targets (health and ALB → target path) → container port.
import { pushAll } from '@porthole/shared';
import type { EstateModel, ListenerModel, LoadBalancerModel } from '../model/types.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import { mergeNodeHops } from '../net/paths/merge.ts';
import { loadBalancedMapping } from '../rules/ecsPorts.ts';
import type { RuleContext } from '../rules/types.ts';
import { matchListenerRule } from './listenerRules.ts';

function hop(
  partial: Partial<EvaluatedHop> & Pick<EvaluatedHop, 'component' | 'kind' | 'verdict' | 'detail'>,
): EvaluatedHop {
  return {
    check: 'other',
    leg: 'request',
    direction: 'forward',
    ports: null,
    evidence: [],
    gaps: [],
    ...partial,
  };
}

export function forwardHops(
  model: EstateModel,
  ctx: RuleContext,
  lb: LoadBalancerModel,
  listener: ListenerModel,
  host: string,
  path: string,
): EvaluatedHop[] {
  const hops: EvaluatedHop[] = [
    hop({
      component: listener.arn,
      kind: 'listener',
      verdict: 'allow',
      detail: `listener ${listener.protocol ?? ''} :${listener.port}`,
    }),
  ];
  const match = matchListenerRule(listener, host, path);
  if (!match) {
    hops.push(hop({ component: listener.arn, kind: 'rule', verdict: 'deny', detail: 'no rule matches' }));
    return hops;
  }
  const { rule } = match;
  const rulesNote = listener.rulesKnown ? '' : ' (describe-rules missing: only the default action is known)';
  hops.push(
    hop({
      component: rule.arn,
      kind: 'rule',
      verdict: listener.rulesKnown || rule.priority !== 'default' ? 'allow' : 'unknown',
      detail: `${rule.priority === 'default' ? 'default rule' : `rule priority ${rule.priority}`} matches${rulesNote}`,
      gaps: listener.rulesKnown ? [] : ['Rules missing (aws elbv2 describe-rules)'],
    }),
  );
  const action = rule.actions.find(
    (a) => a.Type !== 'authenticate-oidc' && a.Type !== 'authenticate-cognito',
  );
  if (action && action.Type !== 'forward') {
    hops.push(
      hop({
        component: rule.arn,
        kind: 'action',
        verdict: 'allow',
        detail: `${action.Type} (answered by the ALB itself)`,
      }),
    );
    return hops;
  }
  for (const tgArn of rule.targetGroupArns) pushAll(hops, targetGroupHops(model, ctx, lb, tgArn));
  return hops;
}

/** Target group → its targets (health, merged ALB → target hops) → container port. */
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
