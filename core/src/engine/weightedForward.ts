// A forward action over one or more target groups (ELB API ForwardActionConfig / TargetGroupTuple):
// each group gets weight / Σweights of the requests, weight 0 gets none. The rule serves a request when
// a positively weighted group can; the share going to groups that cannot is stated as a partial failure.
import { pushAll } from '@porthole/shared';
import type { Action, AlbAnswer } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../model/types.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import type { RuleContext } from '../rules/types.ts';
import { actionHop, worstVerdict, type LegVerdict } from './albHops.ts';
import { targetGroupHops } from './targetGroupHops.ts';

export interface ForwardEvaluation {
  hops: EvaluatedHop[];
  verdict: LegVerdict;
  groups: AlbAnswer['groups'];
  failingPercent: number;
  stickiness: AlbAnswer['stickiness'];
  notes: string[];
}

/** Every group of a forward with its weight; a bare TargetGroupArn is one group of weight 1. */
export function weightedGroups(action: Action): Array<{ targetGroupArn: string; weight: number }> {
  const tuples = action.ForwardConfig?.TargetGroups ?? [];
  if (tuples.length > 0)
    return tuples.map((t) => ({ targetGroupArn: t.TargetGroupArn, weight: t.Weight ?? 1 }));
  return action.TargetGroupArn ? [{ targetGroupArn: action.TargetGroupArn, weight: 1 }] : [];
}

const percent = (x: number) => Math.round(x * 10) / 10;

export function evaluateForward(
  model: EstateModel,
  ctx: RuleContext,
  lb: LoadBalancerModel,
  ruleArn: string,
  action: Action,
): ForwardEvaluation {
  const groups = weightedGroups(action);
  const total = groups.reduce((sum, g) => sum + Math.max(0, g.weight), 0);
  const sticky = action.ForwardConfig?.TargetGroupStickinessConfig;
  const stickiness = sticky
    ? { enabled: sticky.Enabled === true, durationSeconds: sticky.DurationSeconds ?? null }
    : null;
  const hops: EvaluatedHop[] = [];
  const shares: AlbAnswer['groups'] = [];
  const notes: string[] = [];
  if (total === 0) {
    hops.push(
      actionHop(
        ruleArn,
        'deny',
        `forward: every target group has weight 0, so no group receives the requests`,
      ),
    );
    for (const g of groups) shares.push({ ...g, sharePercent: 0, verdict: 'no-traffic' });
    return { hops, verdict: 'blocked', groups: shares, failingPercent: 100, stickiness, notes };
  }
  const multi = groups.length > 1;
  for (const g of groups) {
    const share = g.weight > 0 ? percent((100 * g.weight) / total) : 0;
    if (g.weight <= 0) {
      const name = model.targetGroups.get(g.targetGroupArn)?.name ?? g.targetGroupArn;
      hops.push(
        actionHop(
          g.targetGroupArn,
          'allow',
          `${name}: weight 0 — receives no requests (not on this path)`,
          'target-group',
        ),
      );
      shares.push({ ...g, sharePercent: 0, verdict: 'no-traffic' });
      continue;
    }
    const groupHops = targetGroupHops(model, ctx, lb, g.targetGroupArn);
    if (multi)
      groupHops[0] = {
        ...groupHops[0]!,
        detail: `${groupHops[0]!.detail} — weight ${g.weight}, ${share} % of requests`,
      };
    pushAll(hops, groupHops);
    shares.push({ ...g, sharePercent: share, verdict: worstVerdict(groupHops) });
  }
  const sum = (v: string) =>
    percent(shares.filter((s) => s.verdict === v).reduce((a, s) => a + s.sharePercent, 0));
  const serving = sum('allow');
  const failing = sum('deny');
  const unknown = sum('unknown');
  if (serving > 0 && failing > 0)
    notes.push(`partial failure: ${failing} % of requests go to a target group that cannot serve them`);
  if (serving > 0 && unknown > 0)
    notes.push(`${unknown} % of requests go to a target group Porthole cannot decide`);
  if (stickiness?.enabled && multi && failing > 0)
    notes.push(
      `target-group stickiness is on${stickiness.durationSeconds ? ` (${stickiness.durationSeconds} s)` : ''}: a client that lands on a failing group keeps failing until the stickiness expires`,
    );
  const verdict: LegVerdict = serving > 0 ? 'reachable' : unknown > 0 ? 'unknown' : 'blocked';
  return { hops, verdict, groups: shares, failingPercent: failing, stickiness, notes };
}
