// Helpers for rules that explain a blocked ALB → target path: find the blocking hop per target.
import { plural, type Finding, type RuleId, type TargetRef } from '@porthole/shared';
import { componentIdsOf, type EvaluatedHop, type HopCheck } from '../../net/paths/hops.ts';
import type { TargetPathEvaluation } from '../../net/paths/albToTarget.ts';
import type { TargetContext } from './context.ts';
import { groupBy, targetRef, unknownFinding, uniqueTargets } from './finding.ts';

export interface BlockedTarget {
  context: TargetContext;
  hop: EvaluatedHop;
  /** Which probe hit the block: the traffic port or a distinct health-check port. */
  via: 'traffic' | 'health-check';
  port: number;
}

export interface HopQuery {
  checks: HopCheck[];
  leg?: 'request' | 'reply';
  /** Which paths to look at (default both). */
  via?: Array<'traffic' | 'health-check'>;
}

function matches(hop: EvaluatedHop, q: HopQuery): boolean {
  return q.checks.includes(hop.check) && (q.leg === undefined || hop.leg === q.leg);
}

function collect(targets: TargetContext[], q: HopQuery, verdict: 'deny' | 'unknown'): BlockedTarget[] {
  const via = q.via ?? ['traffic', 'health-check'];
  const traffic = via.includes('traffic');
  const healthCheck = via.includes('health-check');
  const out: BlockedTarget[] = [];
  // Runs over every target for several rules: only the few hops that do not allow, no allocation per target.
  const take = (context: TargetContext, path: TargetPathEvaluation | null, kind: BlockedTarget['via']) => {
    if (!path) return;
    for (const hop of path.blocking) {
      if (hop.verdict === verdict && matches(hop, q)) out.push({ context, hop, via: kind, port: path.port });
    }
  };
  for (const context of targets) {
    if (traffic) take(context, context.traffic, 'traffic');
    if (healthCheck) take(context, context.healthCheck, 'health-check');
  }
  return out;
}

export const deniedHops = (targets: TargetContext[], q: HopQuery) => collect(targets, q, 'deny');

/**
 * Unknown verdicts for the same hops, as `data-missing` findings (one per service and component),
 * skipped for targets that already have a definite blocker of this kind.
 */
export function unknownHopFindings(rule: RuleId, targets: TargetContext[], q: HopQuery): Finding[] {
  const denied = new Set(deniedHops(targets, q).map((b) => b.context));
  const unknown = collect(targets, q, 'unknown').filter((b) => !denied.has(b.context));
  const groups = groupBy(unknown, (b) => `${serviceGroupKey(b.context)}|${b.hop.component}`);
  return [...groups.values()].map((items) => {
    const first = items[0]!;
    const gaps = [...new Set(items.flatMap((b) => (b.hop.gaps.length > 0 ? b.hop.gaps : [b.hop.detail])))];
    return unknownFinding(
      rule,
      first.context.loadBalancer.scope,
      first.context.service?.key ?? null,
      [...componentIdsOf(first.hop), first.context.targetGroup.arn],
      gaps,
      refsOf(items),
    );
  });
}

/** Groups blocked targets per service: its scoped id (names repeat across accounts and regions). */
export function serviceGroupKey(t: TargetContext): string {
  return t.service?.id ?? t.targetGroup.arn;
}

export function serviceName(t: TargetContext): string {
  return t.service?.key ?? t.targetGroup.name;
}

export function refsOf(items: BlockedTarget[]): TargetRef[] {
  return uniqueTargets(items.map((b) => targetRef(b.context)));
}

export function portsOf(items: BlockedTarget[]): number[] {
  return [...new Set(items.map((b) => b.port))].sort((a, b) => a - b);
}

/** "3 of 4 targets (i-0a:32768, i-0b:32769 …)" */
export function describeTargets(refs: TargetRef[], total: number | null): string {
  const listed = refs
    .slice(0, 4)
    .map((r) => (r.port === null ? r.id : `${r.id}:${r.port}`))
    .join(', ');
  const more = refs.length > 4 ? ` and ${refs.length - 4} more` : '';
  const count =
    total !== null && total !== refs.length
      ? `${refs.length} of ${total} targets`
      : plural(refs.length, 'target');
  return `${count} (${listed}${more})`;
}

/** Health states of the blocked targets, e.g. "unhealthy / Target.Timeout ×3". */
export function healthSummary(items: BlockedTarget[]): string {
  const counts = new Map<string, number>();
  for (const b of items) {
    const key = `${b.context.target.state}${b.context.target.reason ? ` / ${b.context.target.reason}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ');
}
