// Turn evaluated hops into the public PathResult: verdict, summary, and one finding per blocker.
import { plural, type Finding, type Hop, type PathResult } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../model/types.ts';
import { foldsInto, genericFinding } from './genericFindings.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';

export function toHop(h: EvaluatedHop): Hop {
  return {
    component: h.component,
    kind: h.kind,
    direction: h.direction,
    leg: h.leg,
    verdict: h.verdict,
    detail: h.detail,
  };
}

/**
 * Catalog findings whose blocking component lies on this path; those that block a denied hop first.
 * (A finding about another target group of the same ALB is not this path's answer.)
 */
export function relevantFindings(all: Finding[], _lb: LoadBalancerModel, hops: EvaluatedHop[]): Finding[] {
  const components = new Set(hops.flatMap((h) => [h.component, ...h.component.split(',')]));
  const denied = new Set(
    hops.filter((h) => h.verdict === 'deny').flatMap((h) => [h.component, ...h.component.split(',')]),
  );
  const onPath = all.filter(
    (f) =>
      f.rule !== 'data-missing' &&
      components.has(f.resources[0] ?? '') &&
      (f.targets.length === 0 || f.targets.some((t) => components.has(t.targetGroupArn))),
  );
  return [
    ...onPath.filter((f) => denied.has(f.resources[0]!)),
    ...onPath.filter((f) => !denied.has(f.resources[0]!)),
  ];
}

export function pathResult(
  model: EstateModel | null,
  hops: EvaluatedHop[],
  catalog: Finding[],
  what: string,
  /** explain decides the verdict itself (a weighted forward can serve despite a failing group). */
  decided?: { verdict: PathResult['verdict']; summary: (findings: Finding[]) => string },
): PathResult {
  const findings = [...catalog];
  for (const h of hops.filter((x) => x.verdict === 'deny')) {
    const explained = findings.some(
      (f) =>
        f.resources[0] === h.component || f.resources[0] === h.component.split(',')[0] || foldsInto(f, h),
    );
    if (explained) continue;
    const generic = genericFinding(model, h);
    if (generic && !findings.some((f) => f.id === generic.id)) findings.push(generic);
  }
  const denied = hops.filter((h) => h.verdict === 'deny');
  // A target group with no healthy target "denies" too, but beside a real blocker it is its consequence.
  const causes = denied.some((h) => h.kind !== 'target-group')
    ? denied.filter((h) => h.kind !== 'target-group')
    : denied;
  const unknown = hops.filter((h) => h.verdict === 'unknown');
  const verdict =
    decided?.verdict ?? (denied.length > 0 ? 'blocked' : unknown.length > 0 ? 'unknown' : 'reachable');
  const summary = decided
    ? decided.summary(findings)
    : verdict === 'reachable'
      ? `${what}: every hop allows the traffic.`
      : verdict === 'blocked'
        ? `${what}: blocked at ${plural(causes.length, 'hop')}. ${findings[0]?.title ?? causes[0]!.detail}`
        : `${what}: cannot decide — ${unknown[0]!.detail}`;
  return { reachable: verdict === 'reachable', verdict, summary, hops: hops.map(toHop), findings };
}
