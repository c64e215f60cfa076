// The real engine behind the daemon's Engine seam. The seam passes the cycle time; the core's analysis is a
// pure function of the model and does not read it. Each cycle's snapshot goes through the core's incremental
// engine (docs/incremental.md): a hot poll that changed one service re-runs only what that change can reach.
import type { Snapshot } from '@porthole/shared';
import {
  createIncrementalAnalysis,
  explainUrl,
  reachPath,
  servicePaths,
  type IncrementalAnalysis,
} from '@porthole/core/engine/index.js';
import type { Engine } from './types.ts';

/** Engines kept at once: one per series of snapshots (a shard, with or without the others' slices). */
const MAX_SERIES = 8;

/**
 * A series is the set of account/regions a snapshot covers: the single daemon's estate, or one HA shard's
 * (with the slices it reads). Different series never feed one engine, so shards held by one daemon each
 * keep their own and a change of the set starts a fresh one (a full analysis, as on the first poll).
 */
const seriesOf = (snapshot: Snapshot): string =>
  snapshot.partitions
    .map((p) => `${p.account ?? '-'}/${p.region ?? '-'}`)
    .sort()
    .join(',');

export function createRealEngine(): Engine {
  const engines = new Map<string, IncrementalAnalysis>();
  return {
    analyze(snapshot) {
      const series = seriesOf(snapshot);
      const held = engines.get(series);
      engines.delete(series); // re-inserted last: the map is ordered by last use
      const engine = held ?? createIncrementalAnalysis(snapshot);
      const analysis = held ? engine.update(snapshot).analysis : engine.analysis;
      engines.set(series, engine);
      for (const oldest of engines.keys()) {
        if (engines.size <= MAX_SERIES) break;
        engines.delete(oldest);
      }
      return analysis;
    },
    explainUrl: (model, url, from, _now, request) => explainUrl(model, url, from, request),
    reachPath: (model, req) => reachPath(model, req),
    servicePaths: (model, name, _now, scope) => servicePaths(model, name, undefined, scope),
  };
}
