import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDemoEstate, type EstateDocuments } from '@porthole/estate/demo/estate.js';
import { applyScenario, removeKind, SCENARIO_NAMES } from '@porthole/estate/demo/scenarios.js';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { analyzeSnapshot } from './analyze.ts';
import { createIncrementalAnalysis } from './incremental.ts';

const healthy = buildDemoEstate();

// One poll's change: a story happens, everything is repaired, a kind goes missing, or nothing changes.
type StepValue =
  | { kind: 'scenario'; name: (typeof SCENARIO_NAMES)[number] }
  | { kind: 'repair' }
  | { kind: 'same' }
  | { kind: 'missing'; key: string };

const step: fc.Arbitrary<StepValue> = fc.oneof(
  fc.constantFrom(...SCENARIO_NAMES).map((name) => ({ kind: 'scenario' as const, name })),
  fc.constant({ kind: 'repair' as const }),
  fc.constantFrom('SecurityGroups', 'NetworkAcls', 'LoadBalancerTargetHealth', 'tasks').map((key) => ({
    kind: 'missing' as const,
    key,
  })),
  fc.constant({ kind: 'same' as const }),
);

function next(docs: EstateDocuments, s: StepValue): EstateDocuments {
  if (s.kind === 'repair') return healthy;
  if (s.kind === 'same') return docs;
  if (s.kind === 'missing') return removeKind(docs, s.key);
  try {
    return applyScenario(docs, s.name);
  } catch {
    return applyScenario(healthy, s.name); // some stories need the estate as built
  }
}

describe('incremental analysis', () => {
  it('after any sequence of changes equals a full analysis of the same snapshot, and its delta is exact', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
        let docs = healthy;
        const engine = createIncrementalAnalysis(snapshotFromDocuments(docs));
        for (const s of steps) {
          docs = next(docs, s);
          const before = engine.analysis.result.findings;
          // A fresh read each poll: equal content arrives as new objects.
          const snapshot = snapshotFromDocuments(docs);
          const { analysis, delta } = engine.update(snapshot);
          const full = analyzeSnapshot(snapshot).result;
          expect(JSON.parse(JSON.stringify(analysis.result))).toEqual(JSON.parse(JSON.stringify(full)));
          const ids = (fs: readonly { id: string }[]) => fs.map((f) => f.id).sort();
          const kept = before.filter((f) => !delta.resolved.some((r) => r.id === f.id));
          expect(
            ids([
              ...kept.filter((f) => !delta.changed.some((c) => c.id === f.id)),
              ...delta.changed,
              ...delta.opened,
            ]),
          ).toEqual(ids(full.findings));
          expect(delta.opened.filter((f) => before.some((b) => b.id === f.id))).toEqual([]);
          if (s.kind === 'same') expect(delta).toEqual({ opened: [], changed: [], resolved: [] });
        }
      }),
      { numRuns: 12 },
    );
  });
});
