// The commit step of a cycle: one transaction with the cycle row, its events, the findings lifecycle, and
// the deltas of the cycle state (changed facts, changed verdicts). Nothing here writes a whole scan.
import type { ScanResult, Snapshot, TimelineEvent } from '@porthole/shared';
import { likelyCause } from '@porthole/core/timeline/correlate.js';
import { CONFIG_CHANGE_TYPES } from '@porthole/core/timeline/diff/diffFacts.js';
import { advanceFindings, holdWhereStale, type LifecycleResult } from '@porthole/core/timeline/lifecycle.js';
import {
  findingOpenedEvent,
  findingResolvedEvent,
  pollFailedEvent,
  pollRecoveredEvent,
  staleTransitionEvents,
} from '@porthole/core/timeline/timelineEvents.js';
import { toRecord, type NewEvent, type StaleKind } from '@porthole/core/timeline/state.js';
import type { Store, VerdictDelta } from '../store/store.ts';
import type { CycleAnalysis } from './analyzer.ts';
import type { KindFreshness } from '@porthole/core/engine/freshness.js';

export const KV_CHECKPOINT = 'source.checkpoint';
export const KV_KINDS = 'freshness.kinds';

export interface CycleRow {
  startedAt: Date;
  /** performance.now() at the start, for the duration. */
  t0: number;
  finishedAt: () => Date;
  source: string;
}

export interface CommitOptions {
  store: Store;
  cycle: CycleRow;
  snapshot: Snapshot;
  analysis: CycleAnalysis;
  verdicts: VerdictDelta;
  /** Failed cycles just before this one (a recovery event when > 0). */
  failedBefore: number;
  stale: { before: StaleKind[]; after: StaleKind[] };
  kinds: KindFreshness[];
  checkpoint: unknown;
  settings: { resolveAfterCycles: number; correlationWindowSeconds: number };
}

export interface Committed {
  events: TimelineEvent[];
  life: LifecycleResult;
}

function insertCycle(store: Store, c: CycleRow, ok: boolean, error: string | null, services: number): number {
  return store.cycles.insert({
    startedAt: c.startedAt.toISOString(),
    finishedAt: c.finishedAt().toISOString(),
    durationMs: performance.now() - c.t0,
    ok,
    error,
    source: c.source,
    services,
    openFindings: 0,
    events: 0,
  });
}

/** Commits a cycle that brought data; throws (and writes nothing) when the store fails. */
export function commitCycle(o: CommitOptions): Committed {
  const { store, analysis, settings } = o;
  const result: ScanResult = analysis.result;
  const at = o.cycle.startedAt.toISOString();
  return store.tx(() => {
    const cycleId = insertCycle(store, o.cycle, true, null, result.services.length);
    const events: TimelineEvent[] = [];
    const add = (e: NewEvent): void => void events.push(store.events.insert(e, cycleId));
    if (o.failedBefore > 0) add(pollRecoveredEvent(o.failedBefore, at));
    staleTransitionEvents(o.stale.before, o.stale.after, at).forEach(add);
    for (const c of analysis.changes) add({ ...c, at, likelyCause: null });

    const windowStart = new Date(
      o.cycle.startedAt.getTime() - settings.correlationWindowSeconds * 1000,
    ).toISOString();
    const candidates = store.events.changesSince(windowStart, CONFIG_CHANGE_TYPES);
    const life = advanceFindings(
      {
        current: result.findings,
        stillOpen: store.findings.open(),
        previous: (id) => store.findings.get(id),
        nowIso: at,
        cause: (f) => likelyCause(f, candidates, store.findings.get(f.id)?.resolvedAt ?? null),
      },
      { resolveAfterCycles: settings.resolveAfterCycles, holdResolution: holdWhereStale(o.snapshot) },
    );
    life.changed.forEach((f) => store.findings.save(f));
    life.opened.forEach((f) => add(findingOpenedEvent(toRecord(f), at, life.reopened.has(f.id))));
    life.resolved.forEach((f) => add(findingResolvedEvent(toRecord(f), at)));

    store.state.applyFacts(analysis.facts);
    store.state.applyVerdicts(o.verdicts);
    store.kv.set(KV_KINDS, o.kinds);
    if (o.checkpoint !== undefined) store.kv.set(KV_CHECKPOINT, o.checkpoint);
    store.cycles.setCounts(cycleId, life.open.length, events.length);
    return { events, life };
  });
}

/** Commits a failed cycle: its row and, for the first of a run of failures, one data-stale event. */
export function commitFailedCycle(o: {
  store: Store;
  cycle: CycleRow;
  error: string;
  services: number;
  failedBefore: number;
  lastOkAt: string | null;
}): TimelineEvent[] {
  const { store } = o;
  return store.tx(() => {
    const cycleId = insertCycle(store, o.cycle, false, o.error, o.services);
    const at = o.cycle.startedAt.toISOString();
    return o.failedBefore === 0
      ? [store.events.insert(pollFailedEvent(o.error, o.lastOkAt, at), cycleId)]
      : [];
  });
}
