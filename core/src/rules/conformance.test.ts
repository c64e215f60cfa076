// Conformance: every registered rule runs on an empty model, the healthy demo estate and every demo scenario,
// is deterministic, and every finding it emits honours the public Finding contract (schema, evidence, fix).
import { describe, expect, it } from 'vitest';
import { FindingSchema, RULE_IDS, type Finding, type RuleId } from '@porthole/shared';
import { SCENARIO_NAMES, healthy, modelOf, scenario, type ScenarioName } from '../../test-kit/ruleTestKit.ts';
import { buildModel } from '../model/build.ts';
import { createRuleContext } from './support/context.ts';
import { RULES } from './registry.ts';
import type { Rule } from './types.ts';

const emptyModel = () => buildModel({ partitions: [], warnings: [] });
const healthyModel = () => modelOf(healthy());

/** A fresh model and context each call, so determinism covers the model build and the memoised paths too. */
function evaluate(rule: Rule, docs: ReturnType<typeof healthy>): Finding[] {
  const model = modelOf(docs);
  return rule.evaluate(model, createRuleContext(model));
}

/** What the contract asks of every finding beyond its shape: it shows why (evidence) and what to change (fix). */
function expectContract(f: Finding): void {
  const parsed = FindingSchema.safeParse(f);
  expect(parsed.success, `${f.id}: ${parsed.error?.message}`).toBe(true);
  // The schema's defaults must already be applied: the output is final, not something a parse completes.
  expect(parsed.data).toEqual(f);
  expect(f.evidence.length, `${f.id} has no evidence`).toBeGreaterThan(0);
  for (const e of f.evidence) expect(e.detail.trim(), `${f.id}: empty evidence`).not.toBe('');
  expect(f.fix.summary.trim(), `${f.id} has no fix`).not.toBe('');
  expect(f.resources.length, `${f.id} names no resource`).toBeGreaterThan(0);
  expect(f.id.startsWith(`${f.rule}:`) || f.id.startsWith(`data-missing:`)).toBe(true);
}

describe('rule registry', () => {
  it('registers each public rule id once, with a summary and an AWS doc', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(RULE_IDS).toContain(rule.id);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.doc.length).toBeGreaterThan(10);
    }
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('returns nothing on an empty estate', () => {
    const model = emptyModel();
    expect(rule.evaluate(model, createRuleContext(model))).toEqual([]);
  });

  it('stays silent on the healthy demo estate', () => {
    expect(evaluate(rule, healthy()).map((f) => f.title)).toEqual([]);
  });

  it('stays silent on the healthy estate even when probed on a real listener port', () => {
    const model = healthyModel();
    const lb = [...model.loadBalancers.values()][0]!;
    const probe = { loadBalancerArn: lb.arn, port: lb.listeners[0]!.port!, protocol: 'tcp' as const };
    expect(rule.evaluate(model, createRuleContext(model, probe))).toEqual([]);
  });
});

/** The rule each story is about (the scenario descriptions in the demo): it must be among those that fire. */
const STORY_RULE: Record<ScenarioName, RuleId> = {
  'dynamic-ports-blocked': 'sg-blocks-dynamic-ports',
  'alb-sg-reference-bastion': 'sg-reference-public-ip',
  'nacl-return-blocked': 'nacl-blocks-return-traffic',
  'nat-route-removed': 'private-subnet-no-egress',
  'nat-instance-source-dest-check': 'nat-instance-source-dest-check',
  'health-check-404': 'health-check-mismatch',
  'az-disabled': 'target-az-not-enabled',
  'alb-egress-restricted': 'alb-sg-egress-blocks-targets',
  'api-task-sg-wrong-port': 'sg-blocks-target-port',
  'app-not-listening': 'app-not-listening',
  'target-group-orphaned': 'target-group-not-routed',
  'overly-open-instance-sg': 'overly-open-dynamic-ports',
  'grace-too-short': 'health-check-grace-too-short',
};

/** Every rule's findings on one scenario, computed once per scenario and shared by its tests. */
const sweep = new Map<ScenarioName, Array<{ rule: Rule; findings: Finding[] }>>();
function findingsOf(name: ScenarioName) {
  let found = sweep.get(name);
  if (!found) {
    const docs = scenario(name);
    found = RULES.map((rule) => ({ rule, findings: evaluate(rule, docs) }));
    sweep.set(name, found);
  }
  return found;
}

describe.each(SCENARIO_NAMES.map((name) => [name] as const))('scenario %s', (name) => {
  it('is deterministic: the same documents give the same findings, rule by rule', () => {
    const docs = scenario(name);
    for (const { rule, findings } of findingsOf(name))
      expect(evaluate(rule, docs), rule.id).toEqual(findings);
  });

  it('fires, and every finding it emits honours the contract', () => {
    const all = findingsOf(name).flatMap((r) => r.findings);
    // Each scenario is a failure story: one no rule notices would leave the contract loop empty and vacuous.
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((f) => f.rule)).toContain(STORY_RULE[name]);
    let checked = 0;
    for (const f of all) {
      expectContract(f);
      checked++;
    }
    expect(checked).toBe(all.length);
    // A rule emits its own id or data-missing, nothing else; ids are unique within a rule.
    for (const { rule, findings } of findingsOf(name)) {
      for (const f of findings) expect([rule.id, 'data-missing']).toContain(f.rule);
      expect(new Set(findings.map((f) => f.id)).size, rule.id).toBe(findings.length);
    }
  });
});

it('schema-checks findings overall: every scenario contributes', () => {
  const counts = SCENARIO_NAMES.map((name) => findingsOf(name).reduce((n, r) => n + r.findings.length, 0));
  expect(counts.filter((n) => n === 0)).toEqual([]);
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(SCENARIO_NAMES.length);
});
