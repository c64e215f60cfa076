// Conformance: every registered rule runs on an empty and on a healthy model, and honours the finding contract.
import { describe, expect, it } from 'vitest';
import { FindingSchema, RULE_IDS } from '@porthole/shared';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { buildModel } from '../model/build.ts';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { createRuleContext } from './support/context.ts';
import { RULES } from './registry.ts';

const NOW = new Date('2026-11-24T10:00:00Z');
const emptyModel = () => buildModel({ partitions: [], warnings: [] });
const healthyModel = () => buildModel(snapshotFromDocuments(buildDemoEstate()));

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
    expect(rule.evaluate(model, createRuleContext(model, NOW))).toEqual([]);
  });

  it('stays silent on the healthy demo estate', () => {
    const model = healthyModel();
    const findings = rule.evaluate(model, createRuleContext(model, NOW));
    expect(findings.map((f) => f.title)).toEqual([]);
  });

  it('stays silent on the healthy estate even when probed on a real listener port', () => {
    const model = healthyModel();
    const lb = [...model.loadBalancers.values()][0]!;
    const probe = { loadBalancerArn: lb.arn, port: lb.listeners[0]!.port!, protocol: 'tcp' as const };
    expect(rule.evaluate(model, createRuleContext(model, NOW, probe))).toEqual([]);
  });

  it('is deterministic and emits contract-valid findings', () => {
    const model = healthyModel();
    const a = rule.evaluate(model, createRuleContext(model, NOW));
    const b = rule.evaluate(model, createRuleContext(model, NOW));
    expect(a).toEqual(b);
    for (const f of a) expect(FindingSchema.safeParse(f).success).toBe(true);
  });
});
