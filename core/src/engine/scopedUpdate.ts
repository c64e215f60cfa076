// The incremental path (docs/incremental.md): patch the model for the changed ECS items and target health,
// re-run the rules only on a view of the closure of what they reach, keep every earlier finding outside it,
// and redo the global post-steps and verdicts on the merged findings. Null: not covered, analyse in full.
import { pushAll, type Finding, type Snapshot } from '@porthole/shared';
import { CLUSTER_TABLE, NETWORK_TABLES, shareMemo } from '../model/memo.ts';
import { patchModel } from '../model/patch.ts';
import type { EstateModel } from '../model/types.ts';
import { createRuleContext } from '../rules/support/context.ts';
import { ANALYSIS_RULES, type Analysis } from './analyze.ts';
import { clusterContainerInstances } from '../analysis/ecsPlacement.ts';
import { closureOf, type Closure } from './closure.ts';
import {
  findingKeys,
  indexFindings,
  onInstances,
  unindexFindings,
  type FindingIndex,
} from './closureIndex.ts';
import { finishFindings, findingKey, ruleFindings } from './runRules.ts';
import type { SnapshotDiff } from './snapshotChanges.ts';
import { findingsDelta, type FindingsDelta } from './findingsDelta.ts';
import { scopedVerdicts } from './scopedVerdicts.ts';

/** Beyond this share of the services in the closure, a full analysis costs about as much. */
const CLOSURE_LIMIT = 0.2;

/** An analysis with what each rule returned before the post-steps (ANALYSIS_RULES order). */
export interface RawAnalysis extends Analysis {
  raw: Finding[][];
  /** `raw` by closure key, built on the first scoped update and carried from one to the next. */
  index?: FindingIndex;
}

export function scopedUpdate(
  last: RawAnalysis,
  next: Snapshot,
  diff: SnapshotDiff,
  limit = CLOSURE_LIMIT,
): { analysis: RawAnalysis; delta: FindingsDelta } | null {
  const patch = patchModel(last.model, next, diff.keys, diff.items);
  if (!patch) return null;
  const { model } = patch;
  const index = last.index ?? indexFindings(last.raw.flat());
  last.index = index;
  const found = closureOf(last.model, model, patch.seeds, index, limit);
  if (!found) return null;
  const { closure, inside } = found;
  const view = viewOf(model, closure);
  const fresh = ruleFindings(view, createRuleContext(view), ANALYSIS_RULES);
  const raw = last.raw.map((mine) => mine.filter((f) => !inside.has(f)));
  const keptKeys = new Set(raw.flatMap((mine) => mine.map(findingKey)));
  const taken: Finding[] = [];
  for (let i = 0; i < fresh.length; i++) {
    // A view finding naming nothing of the closure is one the full run makes from entities outside it, and
    // that finding is kept from the last run.
    const mine = fresh[i]!.filter((f) => findingKeys(f).some((k) => closure.keys.has(k)));
    // The same id as a kept finding: the two would merge, so the closure missed a coupling.
    if (mine.some((f) => keptKeys.has(findingKey(f)))) return null;
    raw[i] = [...raw[i]!, ...mine];
    pushAll(taken, mine);
  }
  const findings = finishFindings(model, raw.flat(), ANALYSIS_RULES);
  // The index moves on to the new analysis: its findings are the kept ones and the taken ones.
  last.index = undefined;
  unindexFindings(index, inside);
  indexFindings(taken, index);
  const delta = findingsDelta(last.result.findings, findings);
  const { targets, services } = scopedVerdicts(last, model, findings, closure, delta);
  return {
    analysis: {
      model,
      raw,
      index,
      result: { schemaVersion: 1, findings, targets, services, warnings: [...model.warnings] },
    },
    delta,
  };
}

/**
 * The patched model restricted to the closure's services, target groups and load balancers (in model order);
 * everything else shared. Its tasks, container instances and network are the model's own, so it shares the
 * model's caches for them, and the placements of the (same) service objects.
 */
function viewOf(model: EstateModel, closure: Closure): EstateModel {
  const pick = <V>(from: Map<string, V>, keep: ReadonlySet<string>) => {
    const out = new Map<string, V>();
    for (const [k, v] of from) if (keep.has(k)) out.set(k, v);
    return out;
  };
  const view: EstateModel = {
    ...model,
    services: pick(model.services, closure.services),
    targetGroups: pick(model.targetGroups, closure.targetGroups),
    loadBalancers: pick(model.loadBalancers, closure.loadBalancers),
  };
  shareMemo(view, model, [...NETWORK_TABLES, CLUSTER_TABLE, 'servicePlacements']);
  // The container instances of the clusters whose instance-placed services are all in the view (closure.ts
  // couples them): a rule that walks every instance (bare instances no service covers) sees only those.
  const instances = new Map<string, string | null>();
  for (const svc of view.services.values()) {
    if (!onInstances(svc)) continue;
    for (const arn of clusterContainerInstances(view, svc.clusterArn ?? svc.arn, svc.clusterName))
      if (model.containerInstances.has(arn)) instances.set(arn, model.containerInstances.get(arn)!);
  }
  view.containerInstances = pick(model.containerInstances, new Set(instances.keys()));
  return view;
}
