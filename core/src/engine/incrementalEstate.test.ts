import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@porthole/shared';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { estateDocuments, planEstate } from '../../../bench/estate/generate.ts';
import { applyStep, ECS_STEPS, step, type Step } from '../../test-kit/snapshotSteps.ts';
import { buildModel } from '../model/build.ts';
import type { EstateModel } from '../model/types.ts';
import { analyzeSnapshot } from './analyze.ts';
import { createIncrementalAnalysis, type IncrementalOptions } from './incremental.ts';

const estates = {
  S: snapshotFromDocuments(estateDocuments(planEstate('S', 1))),
  M: snapshotFromDocuments(estateDocuments(planEstate('M', 1))),
};
const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
/** What the patch replaces, as plain data: equal to the same parts of a model built from scratch. */
const sorted = (xs: Iterable<unknown>) => [...xs].map((x) => JSON.stringify(x)).sort();
const ecsParts = (m: EstateModel) =>
  json({
    services: [...m.services],
    tasks: sorted(m.tasks),
    targetGroups: [...m.targetGroups],
    containerInstances: [...m.containerInstances],
    // Only looked up by id: compared as sets (a patch appends new ids where the build interleaves them).
    enis: sorted(m.networkInterfaces.values()),
    byIp: sorted(m.eniByPrivateIp.values()),
    bySg: sorted(m.enisBySecurityGroup.values()),
  });

function run(start: Snapshot, steps: Step[], options: IncrementalOptions) {
  let snapshot = start;
  const engine = createIncrementalAnalysis(snapshot, undefined, options);
  for (const s of steps) {
    snapshot = applyStep(snapshot, s);
    const before = engine.analysis.result.findings;
    const { analysis, delta, path } = engine.update(snapshot);
    const full = analyzeSnapshot(snapshot);
    expect(json(analysis.result)).toEqual(json(full.result));
    expect(ecsParts(analysis.model)).toEqual(ecsParts(full.model));
    // The delta turns the previous findings into the new ones.
    const gone = new Set([...delta.resolved, ...delta.changed].map((f) => f.id));
    const ids = [...before.filter((f) => !gone.has(f.id)), ...delta.changed, ...delta.opened].map(
      (f) => f.id,
    );
    expect(ids.sort()).toEqual(full.result.findings.map((f) => f.id).sort());
    expect(delta.opened.filter((f) => before.some((b) => b.id === f.id))).toEqual([]);
    if (s.kind === 'same' || s.kind === 'clone') expect(path).toBe('unchanged');
    else if (ECS_STEPS.has(s.kind)) expect(path).not.toBe('full');
    else expect(path).not.toBe('incremental');
  }
}

describe('incremental analysis on generated estates', () => {
  // closureLimit 1: the S estate is one unit, so every closure is all of it; the scoped path still runs.
  it('S: after any sequence of ECS, target health and network changes equals a full analysis', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) =>
        run(estates.S, steps, { closureLimit: 1 }),
      ),
      { numRuns: 15 },
    );
  });

  it('M (10 units, 2 accounts): the same, with closures of a part of the estate', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 3 }), (steps) =>
        run(estates.M, steps, { closureLimit: 1 }),
      ),
      { numRuns: 4 },
    );
  });

  it('S: services pinning one host port in a cluster compete for its instances (coupled by cluster)', () => {
    const pins = fc.record({ kind: fc.constant('staticPort' as const), at: fc.nat(50) });
    const scale = fc.record({ kind: fc.constant('scale' as const), at: fc.nat(50), by: fc.constant(2) });
    fc.assert(
      fc.property(fc.array(fc.oneof(pins, scale), { minLength: 2, maxLength: 4 }), (steps) =>
        run(estates.S, steps, { closureLimit: 1 }),
      ),
      { numRuns: 10 },
    );
  });

  it('takes the scoped path for a hot poll (one service, its tasks, its target health) at the default limit', () => {
    const engine = createIncrementalAnalysis(estates.M);
    let next = applyStep(estates.M, { kind: 'scale', at: 3, by: -1 });
    next = applyStep(next, { kind: 'stopTask', at: 30 });
    next = applyStep(next, { kind: 'health', at: 3, target: 0 });
    const update = engine.update(next);
    expect(update.path).toBe('incremental');
    expect(json(update.analysis.result)).toEqual(json(analyzeSnapshot(next).result));
    expect(engine.update(applyStep(next, { kind: 'network', at: 7 })).path).toBe('full');
  });

  it('leaves the model it patched as it was', () => {
    const engine = createIncrementalAnalysis(estates.M);
    const model = engine.analysis.model;
    const was = ecsParts(model);
    engine.update(applyStep(estates.M, { kind: 'register', at: 5, to: 2 }));
    expect(ecsParts(model)).toEqual(was);
    expect(ecsParts(model)).toEqual(ecsParts(buildModel(estates.M)));
  });
});
