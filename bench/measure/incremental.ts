// `incrementalMs` through the engine's own incremental API, as the daemon's analysis worker holds it: the engine
// made from the previous cycle's snapshot (untimed, as the worker's first cycle), then updated with the next
// snapshot, in which one service changed the way a hot poll sees it (the service, its tasks, its target health).
// The update is timed several times, alternating between the two snapshots (each is a one-service change),
// and the median reported: the machine is shared and single figures jump.
import type { ScanResult, Snapshot } from '@porthole/shared';
import { createIncrementalAnalysis, type IncrementalUpdate } from '@porthole/core/engine/index.js';
import type { EstateModel as Model } from '@porthole/core/model/types.js';

export interface IncrementalInput {
  /** The previous cycle's snapshot. */
  previous: { snapshot: Snapshot };
  /** The snapshot after the change. */
  next: Snapshot;
}

export interface IncrementalRun {
  via: 'engine update';
  /** Median of `runs`. */
  ms: number;
  runs: number[];
  /** Which path each update took ('incremental': the scoped path; 'full': the fallback). */
  paths: IncrementalUpdate['path'][];
  /** Parts of `ms` where the path times them (the engine's update does not: null). */
  parts: { rebuildMs: number | null; reanalysisMs: number | null };
  /** The first update's findings delta (ids). */
  delta: { opened: string[]; changed: string[]; resolved: string[] };
  model: Model;
  result: ScanResult;
}

const round = (x: number) => Math.round(x * 10) / 10;
const UPDATES = 7;

export function measureIncremental(input: IncrementalInput): IncrementalRun {
  const engine = createIncrementalAnalysis(input.previous.snapshot);
  const runs: number[] = [];
  const paths: IncrementalUpdate['path'][] = [];
  let first: IncrementalUpdate | null = null;
  for (let i = 0; i < UPDATES; i++) {
    const t = performance.now();
    const update = engine.update(i % 2 === 0 ? input.next : input.previous.snapshot);
    runs.push(round(performance.now() - t));
    paths.push(update.path);
    first ??= update;
  }
  const ids = (fs: readonly { id: string }[]) => fs.map((f) => f.id);
  return {
    via: 'engine update',
    ms: [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!,
    runs,
    paths,
    parts: { rebuildMs: null, reanalysisMs: null },
    delta: {
      opened: ids(first!.delta.opened),
      changed: ids(first!.delta.changed),
      resolved: ids(first!.delta.resolved),
    },
    model: first!.analysis.model,
    result: first!.analysis.result,
  };
}
