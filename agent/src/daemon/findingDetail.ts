// The finding page's data: the finding (open or resolved, from the store), each time it opened and
// resolved, the timeline around it on its own resources and service, and the alerts sent for it.
import type { FindingDetail, TimelineEvent } from '@porthole/shared';
import { toRecord } from '@porthole/core/timeline/state.js';
import type { Store } from '../store/store.ts';

/** How far before the first opening the timeline reaches back (the default correlation window). */
const BEFORE_MS = 30 * 60_000;
/** And how far after the last resolution. */
const AFTER_MS = 10 * 60_000;
const MAX_EVENTS = 200;

export function findingDetail(store: Store, id: string, now: Date): FindingDetail | null {
  const row = store.findings.get(id);
  if (!row) return null;
  const finding = toRecord(row);
  const history = store.events.aboutFinding(id);
  const firstOpened = history[0]?.at ?? finding.firstSeen;
  const from = new Date(Date.parse(firstOpened) - BEFORE_MS).toISOString();
  const end =
    finding.status === 'resolved' && finding.resolvedAt
      ? Date.parse(finding.resolvedAt) + AFTER_MS
      : now.getTime();
  const to = new Date(Math.max(end, Date.parse(finding.lastSeen))).toISOString();
  // Only its own resources (never a group that merely references one of them), its service, itself.
  const own = new Set([id, ...finding.resources, ...finding.targets.map((t) => t.targetGroupArn)]);
  const related = (e: TimelineEvent): boolean =>
    (e.resources[0] !== undefined && own.has(e.resources[0])) ||
    (finding.service !== null && e.service === finding.service);
  const timeline = store.events.between(from, to).filter(related);
  return {
    finding,
    history,
    timeline: timeline.slice(-MAX_EVENTS),
    deliveries: store.deliveries.list({ findingId: id, limit: 100 }),
  };
}
