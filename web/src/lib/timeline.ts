// Timeline and alert feed: what each event type is called, which group it belongs to, and filtering.
import type { TimelineEvent, TimelineEventType } from '@porthole/shared';

export type EventGroup = 'alert' | 'change' | 'health' | 'data';

const GROUP: Record<TimelineEventType, EventGroup> = {
  'finding-opened': 'alert',
  'finding-resolved': 'alert',
  'security-group-rule-added': 'change',
  'security-group-rule-removed': 'change',
  'network-acl-entry-added': 'change',
  'network-acl-entry-removed': 'change',
  'route-added': 'change',
  'route-removed': 'change',
  'listener-changed': 'change',
  'rule-changed': 'change',
  'target-group-changed': 'change',
  'load-balancer-changed': 'change',
  deployment: 'change',
  'target-health': 'health',
  'task-started': 'health',
  'task-stopped': 'health',
  'data-stale': 'data',
  'data-fresh': 'data',
  'history-gap': 'data',
};

export const GROUP_LABELS: Record<EventGroup, string> = {
  alert: 'Alerts',
  change: 'Config changes',
  health: 'Health',
  data: 'Data',
};

export function eventGroup(type: TimelineEventType): EventGroup {
  return GROUP[type] ?? 'data';
}

/** "SG rule removed", "Finding opened" … short enough for a column. */
export function eventTypeLabel(type: TimelineEventType): string {
  const text = type
    .replace('security-group', 'SG')
    .replace('network-acl', 'NACL')
    .replace('load-balancer', 'ALB')
    .replace(/-/g, ' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

export interface EventFilter {
  /** Empty = all groups. */
  groups: readonly EventGroup[];
  /** "cluster/service" or '' for all. */
  service: string;
  query: string;
}

export function filterEvents(events: readonly TimelineEvent[], f: EventFilter): TimelineEvent[] {
  const groups = new Set(f.groups);
  const terms = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  return events.filter((e) => {
    if (groups.size > 0 && !groups.has(eventGroup(e.type))) return false;
    if (f.service && e.service !== f.service) return false;
    if (terms.length === 0) return true;
    const text =
      `${e.message} ${e.service ?? ''} ${e.resources.join(' ')} ${e.likelyCause ?? ''}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
}

/** Events about one service, newest first. */
export function eventsFor(events: readonly TimelineEvent[], service: string): TimelineEvent[] {
  return events.filter((e) => e.service === service);
}

/**
 * A service's events plus estate-wide changes (no service, e.g. an SG rule removed) that touched any of
 * `resources`: the drill-down shows the change right before the finding it caused.
 */
export function relatedEvents(
  events: readonly TimelineEvent[],
  service: string,
  resources: readonly string[],
): TimelineEvent[] {
  const touched = new Set(resources);
  return events.filter(
    (e) => e.service === service || (e.service === null && e.resources.some((r) => touched.has(r))),
  );
}

/** Local date and time for a timeline row: "14:05:09" today, "24 Nov 14:05" on other days. */
export function eventTime(iso: string, now: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const hm = d.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: sameDay ? '2-digit' : undefined,
  });
  return sameDay ? hm : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${hm}`;
}
