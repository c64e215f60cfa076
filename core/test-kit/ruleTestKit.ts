// Test helpers for rule tests: the demo estate (healthy, a named scenario, or hand-edited), evaluated by one rule.
import { FindingSchema, type Finding } from '@porthole/shared';
import {
  applyScenario,
  buildDemoEstate,
  demoIds,
  removeKind,
  SCENARIO_NAMES,
  type EstateDocuments,
  type ScenarioName,
} from '@porthole/estate/demo/index.js';
import { buildModel } from '../src/model/build.ts';
import type { EstateModel } from '../src/model/types.ts';
import { snapshotFromDocuments } from '../../agent/src/sources/snapshot/index.ts';
import { createRuleContext } from '../src/rules/support/context.ts';
import type { Rule } from '../src/rules/types.ts';

export type Json = Record<string, unknown>;
export type { EstateDocuments, ScenarioName };
export { SCENARIO_NAMES };

export const ids = demoIds();

export function healthy(): EstateDocuments {
  return structuredClone(buildDemoEstate());
}

export function scenario(name: ScenarioName): EstateDocuments {
  return applyScenario(buildDemoEstate(), name);
}

export function without(docs: EstateDocuments, ...keys: string[]): EstateDocuments {
  return keys.reduce((d, key) => removeKind(d, key), docs);
}

export function modelOf(docs: EstateDocuments): EstateModel {
  return buildModel(snapshotFromDocuments(docs));
}

/** Runs one rule on the documents; every finding must satisfy the public Finding contract. */
export function run(rule: Rule, docs: EstateDocuments): Finding[] {
  const model = modelOf(docs);
  const findings = rule.evaluate(model, createRuleContext(model));
  for (const f of findings) FindingSchema.parse(f);
  return findings;
}

/** Live items under a top-level key (mutate them to edit the documents). */
export function itemsOf(docs: EstateDocuments, key: string): Json[] {
  return docs.flatMap((d) => {
    const value = d.json[key];
    return Array.isArray(value) ? (value as Json[]) : [];
  });
}

/** The live array under `key` in the first document holding it (push to add items). */
export function arrayOf(docs: EstateDocuments, key: string): Json[] {
  const doc = docs.find((d) => Array.isArray(d.json[key]));
  if (!doc) throw new Error(`test fixture: no document holds ${key}`);
  return doc.json[key] as Json[];
}

export function find(docs: EstateDocuments, key: string, match: (item: Json) => boolean): Json {
  const found = itemsOf(docs, key).find(match);
  if (!found) throw new Error(`test fixture: no ${key} item matches`);
  return found;
}

export function routeTable(
  docs: EstateDocuments,
  id: string,
): Json & { Routes: Json[]; Associations: Json[] } {
  return find(docs, 'RouteTables', (t) => t.RouteTableId === id) as Json & {
    Routes: Json[];
    Associations: Json[];
  };
}

export function serviceJson(docs: EstateDocuments, name: string): Json {
  return find(docs, 'services', (s) => s.serviceName === name);
}

/** Data-missing findings that name the rule. */
export function unknownsFor(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.rule === 'data-missing' && f.title.includes(ruleId));
}
