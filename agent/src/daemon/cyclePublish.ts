// The publish step of a cycle: what changed in the verdicts (the rows to store and the deltas to push), the
// daemon's in-memory state moved to the new cycle, and the outcome reported to the listeners (metrics,
// socket.io, alerts). Only verdicts that differ from the last cycle's travel on.
import type { ScanResult, ServiceVerdict, TargetVerdict } from '@porthole/shared';
import { toRecord } from '@porthole/core/timeline/state.js';
import { serviceKey, targetKey, type VerdictDelta } from '../store/store.ts';
import type { Committed } from './cycleCommit.ts';
import type { LatestState } from './latest.ts';
import type { CycleOutcome } from './types.ts';

function rowsDelta<T>(before: readonly T[], after: readonly T[], key: (t: T) => string) {
  const previous = new Map(before.map((t) => [key(t), JSON.stringify(t)]));
  const upsert = after.filter((t) => previous.get(key(t)) !== JSON.stringify(t));
  const kept = new Set(after.map(key));
  const remove = [...previous.keys()].filter((k) => !kept.has(k));
  return { upsert, remove };
}

/** The verdict rows that turn the last cycle's verdicts into this one's. */
export function verdictDelta(
  before: { services: ServiceVerdict[]; targets: TargetVerdict[] } | null,
  after: ScanResult,
): VerdictDelta {
  return {
    services: rowsDelta(before?.services ?? [], after.services, serviceKey),
    targets: rowsDelta(before?.targets ?? [], after.targets, targetKey),
  };
}

export interface PublishOptions {
  latest: LatestState;
  startedAt: Date;
  durationMs: number;
  outcome: 'ok' | 'partial';
  result: ScanResult;
  verdicts: VerdictDelta;
  committed: Committed;
  calls: CycleOutcome['calls'];
}

/** Moves the in-memory state to the committed cycle and describes it for the listeners. */
export function publishCycle(o: PublishOptions): CycleOutcome {
  const { latest, result, verdicts, committed } = o;
  const at = o.startedAt.toISOString();
  const known = new Set((latest.scan?.services ?? []).map(serviceKey));
  const serviceSetChanged =
    verdicts.services.remove.length > 0 || verdicts.services.upsert.some((s) => !known.has(serviceKey(s)));
  const changedKeys = new Set(verdicts.services.upsert.map(serviceKey));
  Object.assign(latest, {
    // Findings live in the store; the scan kept in memory is what the API serves from it.
    scan: { ...result, findings: [] },
    analysed: true,
    lastCycleAt: at,
    lastOkAt: at,
    pollError: null,
    outcome: o.outcome,
    firstCycleDone: true,
  });
  return {
    ok: true,
    outcome: o.outcome,
    at,
    durationMs: o.durationMs,
    error: null,
    events: committed.events,
    opened: committed.life.opened.map(toRecord),
    resolved: committed.life.resolved.map(toRecord),
    open: committed.life.open,
    // Pushed as served: with stale marks and data age.
    changedServices: latest.services(o.startedAt).filter((s) => changedKeys.has(serviceKey(s))),
    serviceSetChanged,
    calls: o.calls,
  };
}
