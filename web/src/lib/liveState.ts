// The dashboard's live model: the overview from connect, then socket deltas applied in batches. Pure.
import type { DataFreshness, FindingRecord, Overview, ServiceVerdict, TimelineEvent } from '@porthole/shared';

/** Newest timeline events kept in memory for the feed and the tiles' "last change". */
export const MAX_EVENTS = 500;

export interface LiveData {
  loaded: boolean;
  source: string;
  services: ReadonlyMap<string, ServiceVerdict>;
  /** Open findings by id. */
  findings: ReadonlyMap<string, FindingRecord>;
  freshness: DataFreshness | null;
  /** Newest first, at most MAX_EVENTS. */
  events: readonly TimelineEvent[];
  /** ISO time a service last changed (status or target counts seen by us, or a timeline event). */
  lastChange: Readonly<Record<string, string>>;
  /** Services touched by the last applied batch ("cluster/service"); detail views refetch on these. */
  touched: ReadonlySet<string>;
  /** Increments with every applied batch. */
  revision: number;
}

export type LiveDelta =
  | { kind: 'overview'; overview: Overview }
  | { kind: 'service'; service: ServiceVerdict }
  | { kind: 'finding-opened'; finding: FindingRecord }
  | { kind: 'finding-resolved'; finding: FindingRecord }
  | { kind: 'event'; event: TimelineEvent }
  | { kind: 'events'; events: readonly TimelineEvent[] }
  | { kind: 'freshness'; freshness: DataFreshness };

export function emptyLive(): LiveData {
  return {
    loaded: false,
    source: '',
    services: new Map(),
    findings: new Map(),
    freshness: null,
    events: [],
    lastChange: {},
    touched: new Set(),
    revision: 0,
  };
}

function changed(prev: ServiceVerdict | undefined, next: ServiceVerdict): boolean {
  if (!prev) return false;
  return (
    prev.status !== next.status ||
    prev.targetsHealthy !== next.targetsHealthy ||
    prev.targetsTotal !== next.targetsTotal
  );
}

function later(a: string | undefined, b: string): string {
  if (!a) return b;
  return (Date.parse(b) || 0) > (Date.parse(a) || 0) ? b : a;
}

/** Merge events by id, newest (highest id) first, capped. */
export function mergeEvents(
  existing: readonly TimelineEvent[],
  incoming: readonly TimelineEvent[],
  max = MAX_EVENTS,
): TimelineEvent[] {
  const byId = new Map<number, TimelineEvent>();
  for (const e of existing) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, max);
}

/** Applies a batch of deltas at once: one new state object, so views re-render once per batch. */
export function applyDeltas(state: LiveData, deltas: readonly LiveDelta[], nowIso: string): LiveData {
  const services = new Map(state.services);
  const findings = new Map(state.findings);
  const lastChange: Record<string, string> = { ...state.lastChange };
  const touched = new Set<string>();
  let { freshness, source, loaded } = state;
  let events: readonly TimelineEvent[] = state.events;
  const noteEvents = (list: readonly TimelineEvent[]) => {
    events = mergeEvents(events, list);
    for (const e of list) {
      if (!e.service) continue;
      lastChange[e.service] = later(lastChange[e.service], e.at);
      touched.add(e.service);
    }
  };
  for (const d of deltas) {
    switch (d.kind) {
      case 'overview': {
        const o = d.overview;
        const next = new Map(o.services.map((s) => [s.name, s]));
        for (const s of next.values()) {
          if (changed(services.get(s.name), s)) lastChange[s.name] = nowIso;
          touched.add(s.name);
        }
        services.clear();
        for (const [k, v] of next) services.set(k, v);
        findings.clear();
        for (const f of o.openFindings) findings.set(f.id, f);
        freshness = o.freshness;
        source = o.source;
        loaded = true;
        break;
      }
      case 'service':
        if (changed(services.get(d.service.name), d.service)) lastChange[d.service.name] = nowIso;
        services.set(d.service.name, d.service);
        touched.add(d.service.name);
        break;
      case 'finding-opened':
        findings.set(d.finding.id, d.finding);
        if (d.finding.service) touched.add(d.finding.service);
        break;
      case 'finding-resolved':
        findings.delete(d.finding.id);
        if (d.finding.service) touched.add(d.finding.service);
        break;
      case 'event':
        noteEvents([d.event]);
        break;
      case 'events':
        noteEvents(d.events);
        break;
      case 'freshness':
        freshness = d.freshness;
        break;
    }
  }
  return {
    loaded,
    source,
    services,
    findings,
    freshness,
    events,
    lastChange,
    touched,
    revision: state.revision + 1,
  };
}
