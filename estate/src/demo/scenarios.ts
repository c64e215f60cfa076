// Seed stories as pure transforms of the demo estate: each changes a setting AND what AWS would then report
// (target health, stopped tasks, service events). Inputs are never mutated: every call deep-clones first.
import { byPartition, cloneDocuments, scopeOfFile, type EstateDocuments } from './documents.ts';
import { demoIds } from './ids.ts';
import type { ScenarioKit } from './scenarioKit.ts';
import { SCENARIOS, isScenarioName, type ScenarioName } from './scenarioNames.ts';
import { ecsScenarios } from './scenariosEcs.ts';
import { egressScenarios } from './scenariosEgress.ts';
import { elbScenarios } from './scenariosElb.ts';
import { networkScenarios } from './scenariosNetwork.ts';

export { SCENARIOS, SCENARIO_NAMES, isScenarioName, type ScenarioName } from './scenarioNames.ts';
export { removeKind } from './documents.ts';

const APPLY: Partial<Record<ScenarioName, (kit: ScenarioKit) => void>> = {
  ...networkScenarios,
  ...egressScenarios,
  ...elbScenarios,
  ...ecsScenarios,
};

export function describeScenario(name: ScenarioName): string {
  return SCENARIOS.find((s) => s.name === name)?.description ?? name;
}

/**
 * The estate after `name` happened, in every account/region partition of `docs` (documents must come from
 * buildDemoEstate, possibly already transformed by other scenarios). Throws on an unknown name.
 */
export function applyScenario(docs: EstateDocuments, name: ScenarioName): EstateDocuments {
  if (!isScenarioName(name)) throw new Error(`unknown demo scenario "${String(name)}"`);
  const apply = APPLY[name];
  if (!apply) throw new Error(`demo scenario "${name}" has no implementation`);
  const copy = cloneDocuments(docs);
  for (const [folder, partitionDocs] of byPartition(copy)) {
    const scope = scopeOfFile(`${folder}/x.json`);
    if (!scope) continue; // not a demo partition (e.g. a metadata file at the root)
    apply({ ids: demoIds(scope), docs: partitionDocs });
  }
  return copy;
}

/** Several stories at once, applied in order. */
export function applyScenarios(docs: EstateDocuments, names: readonly ScenarioName[]): EstateDocuments {
  return names.reduce((current, name) => applyScenario(current, name), cloneDocuments(docs));
}
