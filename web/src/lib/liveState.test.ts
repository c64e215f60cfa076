import { describe, expect, it } from 'vitest';
import type { Overview } from '@porthole/shared';
import { applyDeltas, emptyLive, mergeEvents } from './liveState.ts';
import { ev, finding, sv } from '../../test-kit/builders.ts';

const T0 = '2025-01-01T10:00:00.000Z';
const T1 = '2025-01-01T10:00:10.000Z';

function overview(services = [sv('p/a', 'healthy'), sv('p/b', 'healthy')]): Overview {
  return {
    source: 'demo',
    services,
    openFindings: [],
    freshness: { lastCycleAt: T0, pollIntervalSeconds: 10, staleKinds: [] },
    counts: { services: {}, findings: {} },
  };
}

describe('applyDeltas', () => {
  it('loads the overview', () => {
    const s = applyDeltas(emptyLive(), [{ kind: 'overview', overview: overview() }], T0);
    expect(s.loaded).toBe(true);
    expect([...s.services.keys()]).toEqual(['p/a', 'p/b']);
    expect(s.freshness?.lastCycleAt).toBe(T0);
    expect(s.revision).toBe(1);
  });

  it('applies a service delta and records when its status changed', () => {
    const s0 = applyDeltas(emptyLive(), [{ kind: 'overview', overview: overview() }], T0);
    const s1 = applyDeltas(s0, [{ kind: 'service', service: sv('p/a', 'down', 0, 1) }], T1);
    expect(s1.services.get('p/a')?.status).toBe('down');
    expect(s1.lastChange['p/a']).toBe(T1);
    expect(s1.lastChange['p/b']).toBeUndefined();
    expect([...s1.touched]).toEqual(['p/a']);
    expect(s0.services.get('p/a')?.status).toBe('healthy');
  });

  it('a re-sent identical verdict is not a change', () => {
    const s0 = applyDeltas(emptyLive(), [{ kind: 'overview', overview: overview() }], T0);
    const s1 = applyDeltas(s0, [{ kind: 'service', service: sv('p/a', 'healthy') }], T1);
    expect(s1.lastChange['p/a']).toBeUndefined();
  });

  it('a fresh overview after reconnect replaces services and notes changes', () => {
    const s0 = applyDeltas(emptyLive(), [{ kind: 'overview', overview: overview() }], T0);
    const s1 = applyDeltas(s0, [{ kind: 'overview', overview: overview([sv('p/a', 'degraded', 1, 2)]) }], T1);
    expect([...s1.services.keys()]).toEqual(['p/a']);
    expect(s1.lastChange['p/a']).toBe(T1);
  });

  it('opens and resolves findings', () => {
    const f = finding('f1', 'p/a');
    const s1 = applyDeltas(emptyLive(), [{ kind: 'finding-opened', finding: f }], T0);
    expect(s1.findings.has('f1')).toBe(true);
    expect(s1.touched.has('p/a')).toBe(true);
    const s2 = applyDeltas(s1, [{ kind: 'finding-resolved', finding: { ...f, status: 'resolved' } }], T1);
    expect(s2.findings.size).toBe(0);
  });

  it('events feed the timeline, newest first, and the service last-change time', () => {
    const s = applyDeltas(
      emptyLive(),
      [
        { kind: 'events', events: [ev(1, T0, 'p/a'), ev(2, T1, 'p/a')] },
        { kind: 'event', event: ev(3, T0, null, 'data-stale') },
      ],
      T1,
    );
    expect(s.events.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(s.lastChange['p/a']).toBe(T1);
  });

  it('updates freshness', () => {
    const s = applyDeltas(
      emptyLive(),
      [{ kind: 'freshness', freshness: { lastCycleAt: T1, pollIntervalSeconds: 5, staleKinds: [] } }],
      T1,
    );
    expect(s.freshness?.pollIntervalSeconds).toBe(5);
  });
});

describe('mergeEvents', () => {
  it('dedupes by id and caps the list', () => {
    const merged = mergeEvents([ev(1, T0, null), ev(2, T0, null)], [ev(2, T1, null), ev(3, T1, null)], 2);
    expect(merged.map((e) => e.id)).toEqual([3, 2]);
    expect(merged[1]?.at).toBe(T1);
  });
});
