// The daemon's engine keeps one incremental analysis per series of snapshots (the estate, or each HA shard):
// whatever order series arrive in, every cycle's result is the full analysis of that cycle's snapshot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@porthole/shared';
import { analyzeSnapshot } from '@porthole/core/engine/analyze.js';
import { applyScenario, buildDemoEstate, SCENARIO_NAMES } from '@porthole/estate/demo/index.js';
import { peerAccountDocs } from '../../../core/test-kit/peeredEstate.ts';
import { snapshotFromDocuments } from '../sources/snapshot/index.ts';
import { createRealEngine } from './engine.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const demo: Snapshot[] = [
  snapshotFromDocuments(buildDemoEstate()),
  ...SCENARIO_NAMES.slice(0, 4).map((name) => snapshotFromDocuments(applyScenario(buildDemoEstate(), name))),
];
const peer = snapshotFromDocuments(peerAccountDocs('eu-west-1'));
const expected = new Map([...demo, peer].map((s) => [s, analyzeSnapshot(s).result]));

describe('the daemon engine across cycles', () => {
  it('equals a full analysis for any interleaving of two series', () => {
    const cycle = fc.oneof(fc.constantFrom(...demo), fc.constant(peer));
    fc.assert(
      fc.property(fc.array(cycle, { minLength: 1, maxLength: 8 }), (cycles) => {
        const engine = createRealEngine();
        for (const snapshot of cycles)
          expect(engine.analyze(snapshot, { now: NOW }).result).toEqual(expected.get(snapshot));
      }),
      { numRuns: 15 },
    );
  });

  it('a cycle whose snapshot repeats the last one returns the same analysis', () => {
    const engine = createRealEngine();
    const first = engine.analyze(demo[0]!, { now: NOW });
    expect(engine.analyze(demo[0]!, { now: NOW }).model).toBe(first.model);
  });
});
