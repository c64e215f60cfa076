// The one-line answer of `explain`: who → the real URL, then what the ALB does with the request.
import { plural, type AlbAnswer, type ExplainLeg, type Finding } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import type { LegVerdict } from './albHops.ts';

export interface SummaryInput {
  what: string;
  verdict: LegVerdict;
  hops: EvaluatedHop[];
  answer: AlbAnswer | null;
  /** The followed redirect's answer, when the ALB redirected. */
  next: ExplainLeg | null;
}

function groupNames(model: EstateModel, answer: AlbAnswer, verdict: string): string {
  return answer.groups
    .filter((g) => g.verdict === verdict)
    .map((g) => model.targetGroups.get(g.targetGroupArn)?.name ?? g.targetGroupArn)
    .join(', ');
}

function couldApplyText(answer: AlbAnswer | null): string {
  if (!answer || answer.couldApply.length === 0) return '';
  const first = answer.couldApply[0]!;
  const more =
    answer.couldApply.length > 1 ? ` (and ${plural(answer.couldApply.length - 1, 'more rule')})` : '';
  return ` Uncertain: rule ${first.priority} would apply instead with ${first.needs}${more}.`;
}

function afterLogin(answer: AlbAnswer | null): string {
  return answer?.requiresLogin ? ' (reached only after login: the rule authenticates users first)' : '';
}

export function explainSummary(model: EstateModel, input: SummaryInput, findings: Finding[]): string {
  const { what, verdict, hops, answer, next } = input;
  const tail = couldApplyText(answer);
  if (answer?.action === 'redirect' && next && hops.every((h) => h.verdict !== 'deny')) {
    return `${what}: the ALB answers ${answer.status} Location: ${answer.location}; following it: ${next.summary}${tail}`;
  }
  if (verdict === 'blocked') {
    const all = hops.filter((h) => h.verdict === 'deny');
    // An empty target group "denies" too, but beside a real blocker it is that blocker's consequence.
    const denied = all.some((h) => h.kind !== 'target-group')
      ? all.filter((h) => h.kind !== 'target-group')
      : all;
    const why = findings[0]?.title ?? denied[0]?.detail ?? 'no target group receives the requests';
    return `${what}: blocked at ${plural(Math.max(1, denied.length), 'hop')}. ${why}${afterLogin(answer)}${tail}`;
  }
  if (verdict === 'unknown') {
    const unknown = hops.find((h) => h.verdict === 'unknown');
    return `${what}: cannot decide — ${unknown?.detail ?? 'a target group cannot be judged'}${tail}`;
  }
  if (answer?.action === 'fixed-response')
    return `${what}: the ALB answers ${answer.status ?? '?'} itself (fixed-response)${afterLogin(answer)}.${tail}`;
  if (answer && answer.failingPercent > 0)
    return (
      `${what}: reachable for ${Math.round((100 - answer.failingPercent) * 10) / 10} % of requests${afterLogin(answer)}. ` +
      `Partial failure: ${answer.failingPercent} % go to ${groupNames(model, answer, 'deny')}, which cannot serve them.${tail}`
    );
  return `${what}: every hop allows the traffic${afterLogin(answer)}.${tail}`;
}
