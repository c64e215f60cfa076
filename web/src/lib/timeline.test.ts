import { describe, expect, it } from 'vitest';
import { eventGroup, eventsFor, relatedEvents, eventTime, eventTypeLabel, filterEvents } from './timeline.ts';
import { ev } from '../../test-kit/builders.ts';

const events = [
  { ...ev(3, '2025-01-01T10:02:00Z', 'p/a', 'finding-opened'), message: 'Security group blocks' },
  ev(2, '2025-01-01T10:01:00Z', 'p/a', 'security-group-rule-removed'),
  ev(1, '2025-01-01T10:00:00Z', 'p/b', 'target-health'),
];

describe('timeline', () => {
  it('groups event types', () => {
    expect(eventGroup('finding-opened')).toBe('alert');
    expect(eventGroup('route-removed')).toBe('change');
    expect(eventGroup('task-stopped')).toBe('health');
    expect(eventGroup('data-stale')).toBe('data');
  });

  it('labels types briefly', () => {
    expect(eventTypeLabel('security-group-rule-removed')).toBe('SG rule removed');
    expect(eventTypeLabel('network-acl-entry-added')).toBe('NACL entry added');
    expect(eventTypeLabel('finding-opened')).toBe('Finding opened');
  });

  it('filters by group, service and text', () => {
    expect(filterEvents(events, { groups: ['alert'], service: '', query: '' }).map((e) => e.id)).toEqual([3]);
    expect(filterEvents(events, { groups: [], service: 'p/b', query: '' }).map((e) => e.id)).toEqual([1]);
    expect(filterEvents(events, { groups: [], service: '', query: 'security' }).map((e) => e.id)).toEqual([
      3,
    ]);
    expect(eventsFor(events, 'p/a')).toHaveLength(2);
  });

  it('adds estate-wide changes that touched the service findings resources', () => {
    const change = {
      ...ev(4, '2025-01-01T10:00:30Z', null, 'security-group-rule-removed'),
      resources: ['sg-1'],
    };
    const other = { ...ev(5, '2025-01-01T10:00:40Z', null, 'route-removed'), resources: ['rtb-9'] };
    const related = relatedEvents([...events, change, other], 'p/a', ['sg-1', 'i-2']);
    expect(related.map((e) => e.id)).toEqual([3, 2, 4]);
  });

  it('shows only the time for today and the date otherwise', () => {
    const now = Date.parse('2025-01-01T10:05:00Z');
    expect(eventTime('2025-01-01T10:02:00Z', now)).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(eventTime('2024-12-20T10:02:00Z', now)).toMatch(/Dec/);
    expect(eventTime('nonsense', now)).toBe('nonsense');
  });
});
