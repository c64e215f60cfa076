// Run every registered rule, dedupe by id, order findings (severity, then rule precedence) and fill in the
// services each finding affects.
import type { Finding } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';
import { RULES } from '../rules/registry.ts';
import type { Rule, RuleContext } from '../rules/types.ts';
import { targetKey, uniqueTargets } from '../rules/support/finding.ts';
import { withAffectedServices } from './affectedServices.ts';

/** The key findings merge by: the same id in two accounts/regions is two findings. */
export function findingKey(f: Pick<Finding, 'account' | 'region' | 'id'>): string {
  return `${f.account}/${f.region}|${f.id}`;
}

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Finding ids are unique keys downstream (store, alerts). When one id occurs in several accounts/regions,
 * each gets its scope appended ("…@<account>/<region>"); ids that occur once stay as they are.
 */
function qualifyRepeatedIds(findings: Finding[]): void {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  for (const f of findings) {
    if ((counts.get(f.id) ?? 0) > 1) f.id = `${f.id}@${f.account ?? '?'}/${f.region ?? '?'}`;
  }
}

export function runRules(model: EstateModel, ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  return finishFindings(model, ruleFindings(model, ctx, rules).flat(), rules);
}

/** What each rule returns (in rule order), before any post-step: the incremental engine keeps these. */
export function ruleFindings(
  model: EstateModel,
  ctx: RuleContext,
  rules: readonly Rule[] = RULES,
): Finding[][] {
  return rules.map((rule) => rule.evaluate(model, ctx));
}

/**
 * The post-steps over every rule's findings: merge by id and scope, qualify repeated ids, drop what an
 * eliminative rule's findings explain elsewhere, sort, fill affected services. `raw` is not modified.
 */
export function finishFindings(
  model: EstateModel,
  raw: readonly Finding[],
  rules: readonly Rule[] = RULES,
): Finding[] {
  const byId = new Map<string, Finding>();
  const eliminative = new Set(rules.filter((r) => r.eliminative).map((r) => r.id as string));
  for (const finding of raw) {
    // The same problem id in two accounts/regions is two findings (ids repeat across partitions).
    const key = findingKey(finding);
    const seen = byId.get(key);
    if (!seen) byId.set(key, { ...finding });
    else seen.targets = uniqueTargets([...seen.targets, ...finding.targets]);
  }
  qualifyRepeatedIds([...byId.values()]);
  const explained = new Set(
    [...byId.values()]
      .filter((f) => !eliminative.has(f.rule) && f.rule !== 'data-missing')
      .flatMap((f) => f.targets.map(targetKey)),
  );
  for (const [id, f] of byId) {
    if (!eliminative.has(f.rule)) continue;
    f.targets = f.targets.filter((t) => !explained.has(targetKey(t)));
    if (f.targets.length === 0) byId.delete(id);
  }
  const precedence = new Map(rules.map((r, i) => [r.id as string, i]));
  const sorted = [...byId.values()].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (precedence.get(a.rule) ?? 99) - (precedence.get(b.rule) ?? 99) ||
      a.id.localeCompare(b.id),
  );
  return withAffectedServices(model, sorted);
}
