// `incrementalMs`: what it costs the engine to bring a cycle's result up to date after one service changed.
// The engine has no incremental entry point yet, so this is a full rebuild: model build + every rule. When the
// engine gets one, this is the one function to point at it (the daemon's call, with the previous cycle's
// state); `via` says in the results which path was measured.
import type { ScanResult, Snapshot } from '@porthole/shared';
import { analyzeModel } from '@porthole/core/engine/index.js';
import { buildModel } from '@porthole/core/model/build.js';
import type { EstateModel as Model } from '@porthole/core/model/types.js';

export interface IncrementalInput {
  /** The previous cycle's state, for an engine that updates it instead of starting over. */
  previous: { snapshot: Snapshot; model: Model; result: ScanResult };
  /** The snapshot after the change. */
  next: Snapshot;
  now: Date;
}

export interface IncrementalRun {
  via: 'full rebuild';
  ms: number;
  /** Parts of `ms`, where the path has them. */
  parts: { rebuildMs: number; reanalysisMs: number };
  model: Model;
  result: ScanResult;
}

const round = (x: number) => Math.round(x * 10) / 10;

export function measureIncremental(input: IncrementalInput): IncrementalRun {
  let t = performance.now();
  const model = buildModel(input.next);
  const rebuildMs = round(performance.now() - t);
  t = performance.now();
  const result = analyzeModel(model, { now: input.now });
  const reanalysisMs = round(performance.now() - t);
  return {
    via: 'full rebuild',
    ms: round(rebuildMs + reanalysisMs),
    parts: { rebuildMs, reanalysisMs },
    model,
    result,
  };
}
