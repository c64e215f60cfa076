// incrementalMs through the engine's own incremental API, as the daemon's analysis worker calls it: one engine
// held across polls, updated with the next snapshot. Alternates the changed and the original snapshot so every
// update carries the change (and its revert); also times an update whose snapshot did not change.
import type { Snapshot } from '@porthole/shared';
import { createIncrementalAnalysis } from '@porthole/core/engine/index.js';

export interface IncrementalFigures {
  /** Median update carrying one service's change (or its revert). */
  incrementalMs: number;
  runs: number[];
  /** An update whose snapshot equals the last one (a quiet poll). */
  unchangedMs: number;
  /** The delta of the first update: findings opened, changed, resolved. */
  delta: { opened: string[]; changed: string[]; resolved: string[] };
}

export function measureIncremental(
  base: Snapshot,
  changed: Snapshot,
  now: Date,
  runs = 3,
): IncrementalFigures {
  const engine = createIncrementalAnalysis(base);
  const times: number[] = [];
  let delta: IncrementalFigures['delta'] | null = null;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const update = engine.update(i % 2 === 0 ? changed : base);
    times.push(Math.round((performance.now() - start) * 10) / 10);
    delta ??= {
      opened: update.delta.opened.map((f) => f.id),
      changed: update.delta.changed.map((f) => f.id),
      resolved: update.delta.resolved.map((f) => f.id),
    };
  }
  const same = { ...changed, partitions: changed.partitions.map((p) => ({ ...p })) };
  engine.update(changed);
  const start = performance.now();
  engine.update(same);
  const unchangedMs = Math.round((performance.now() - start) * 10) / 10;
  const sorted = [...times].sort((a, b) => a - b);
  return { incrementalMs: sorted[Math.floor(sorted.length / 2)]!, runs: times, unchangedMs, delta: delta! };
}
