// `incrementalMs` through the engine's own incremental API, as the daemon's analysis worker would hold it: the
// engine seeded with the previous cycle's analysis, updated with the next snapshot (one service changed).
// `parts` splits the update: the time to find what changed, and the re-analysis it triggered.
import type { ScanResult, Snapshot } from '@porthole/shared';
import { createIncrementalAnalysis } from '@porthole/core/engine/index.js';
import type { EstateModel as Model } from '@porthole/core/model/types.js';

export interface IncrementalInput {
  /** The previous cycle's state: the engine starts from it instead of analysing again. */
  previous: { snapshot: Snapshot; model: Model; result: ScanResult };
  /** The snapshot after the change. */
  next: Snapshot;
}

export interface IncrementalRun {
  via: 'engine update';
  ms: number;
  /** Parts of `ms` where the path times them (the engine's update does not: null). */
  parts: { rebuildMs: number | null; reanalysisMs: number | null };
  /** The update's findings delta (ids). */
  delta: { opened: string[]; changed: string[]; resolved: string[] };
  model: Model;
  result: ScanResult;
}

const round = (x: number) => Math.round(x * 10) / 10;

export function measureIncremental(input: IncrementalInput): IncrementalRun {
  const { snapshot, model, result } = input.previous;
  const engine = createIncrementalAnalysis(snapshot, { model, result });
  const t = performance.now();
  const update = engine.update(input.next);
  const ms = round(performance.now() - t);
  const ids = (fs: readonly { id: string }[]) => fs.map((f) => f.id);
  return {
    via: 'engine update',
    ms,
    parts: { rebuildMs: null, reanalysisMs: null },
    delta: {
      opened: ids(update.delta.opened),
      changed: ids(update.delta.changed),
      resolved: ids(update.delta.resolved),
    },
    model: update.analysis.model,
    result: update.analysis.result,
  };
}
