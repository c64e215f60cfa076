// Timeline events the loop writes itself: findings opened/resolved, data stale/fresh.
import type { FindingRecord } from '@porthole/shared';
import type { NewEvent, StaleKind } from './state.ts';

export function duration(fromIso: string, toIso: string): string {
  let s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, (s || (!d && !h && !m)) && `${s}s`];
  return parts.filter(Boolean).join(' ');
}

export function findingOpenedEvent(f: FindingRecord, at: string, reopened: boolean): NewEvent {
  return {
    at,
    type: 'finding-opened',
    service: f.service,
    resources: [f.id, ...f.resources],
    message: `${reopened ? 'Finding reopened' : 'Finding opened'} (${f.severity}): ${f.title}`,
    likelyCause: f.likelyCause,
  };
}

export function findingResolvedEvent(f: FindingRecord, at: string): NewEvent {
  return {
    at,
    type: 'finding-resolved',
    service: f.service,
    resources: [f.id, ...f.resources],
    message: `Finding resolved after ${duration(f.firstSeen, at)}: ${f.title}`,
    likelyCause: null,
  };
}

export function pollFailedEvent(error: string, lastOkAt: string | null, at: string): NewEvent {
  const held = lastOkAt ? `; showing data from ${lastOkAt}` : '; no data yet';
  return {
    at,
    type: 'data-stale',
    service: null,
    resources: [],
    message: `Poll failed: ${error}${held}`,
    likelyCause: null,
  };
}

export function pollRecoveredEvent(failedCycles: number, at: string): NewEvent {
  return {
    at,
    type: 'data-fresh',
    service: null,
    resources: [],
    message: `Poll recovered after ${failedCycles} failed cycle${failedCycles === 1 ? '' : 's'}`,
    likelyCause: null,
  };
}

/** Events for kinds that turned stale or fresh since the previous successful cycle. */
export function staleTransitionEvents(before: StaleKind[], after: StaleKind[], at: string): NewEvent[] {
  const was = new Set(before.map((k) => k.kind));
  const now = new Set(after.map((k) => k.kind));
  const turnedStale = after.filter((k) => !was.has(k.kind));
  const turnedFresh = before.filter((k) => !now.has(k.kind));
  const out: NewEvent[] = [];
  if (turnedStale.length > 0) {
    out.push({
      at,
      type: 'data-stale',
      service: null,
      resources: [],
      message: `Data stale: ${turnedStale.map((k) => `${k.kind}: ${k.error}`).join('; ')}`,
      likelyCause: null,
    });
  }
  if (turnedFresh.length > 0) {
    out.push({
      at,
      type: 'data-fresh',
      service: null,
      resources: [],
      message: `Data fresh again: ${turnedFresh.map((k) => k.kind).join(', ')}`,
      likelyCause: null,
    });
  }
  return out;
}

/**
 * After a restart: no cycle ran between the last stored one and now. The diff of the first cycle after it
 * folds everything that changed meanwhile into one step, so the timeline says so.
 */
export function historyGapEvent(lastCycle: { id: number; startedAt: string }, at: string): NewEvent {
  return {
    at,
    type: 'history-gap',
    service: null,
    resources: [],
    message:
      `History gap: no poll from ${lastCycle.startedAt} (cycle ${lastCycle.id}) to ${at} ` +
      `(${duration(lastCycle.startedAt, at)}); Porthole was not running, so changes made meanwhile appear at the next poll`,
    likelyCause: null,
  };
}
