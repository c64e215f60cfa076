import { describe, expect, it } from 'vitest';
import type { DataFreshness } from '@porthole/shared';
import { ago, clockText, dataAgeText, formatElapsed, staleKindsText, staleness, zoneText } from './time.ts';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const fresh = (secondsAgo: number, poll = 10): DataFreshness => ({
  lastCycleAt: new Date(NOW - secondsAgo * 1000).toISOString(),
  pollIntervalSeconds: poll,
  staleKinds: [],
});

describe('formatElapsed / ago', () => {
  it('uses compact units', () => {
    expect(formatElapsed(2000)).toBe('now');
    expect(formatElapsed(42_000)).toBe('42 s');
    expect(formatElapsed(5 * 60_000)).toBe('5 min');
    expect(formatElapsed(3 * 3600_000)).toBe('3 h');
    expect(formatElapsed(3 * 3600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatElapsed(50 * 3600_000)).toBe('2 d 2 h');
    expect(formatElapsed(-5)).toBe('now');
  });

  it('says "just now", "x ago" or a dash', () => {
    expect(ago(new Date(NOW - 1000).toISOString(), NOW)).toBe('just now');
    expect(ago(new Date(NOW - 90_000).toISOString(), NOW)).toBe('1 min 30 s ago');
    expect(ago(null, NOW)).toBe('—');
    expect(ago('garbage', NOW)).toBe('—');
  });

  it('formats a 24-hour clock', () => {
    expect(clockText(new Date(2025, 0, 1, 9, 5, 7).getTime())).toBe('09:05:07');
  });
});

describe('staleness', () => {
  it('is stale whenever the socket is down, and says so when a token is missing', () => {
    expect(staleness(fresh(1), 'disconnected', NOW)).toMatchObject({ stale: true });
    expect(staleness(fresh(1), 'connecting', NOW).reason).toMatch(/reconnecting/);
    expect(staleness(fresh(1), 'unauthorized', NOW).reason).toMatch(/token/);
  });

  it('is stale before the first cycle', () => {
    expect(staleness({ ...fresh(0), lastCycleAt: null }, 'connected', NOW).stale).toBe(true);
    expect(staleness(null, 'connected', NOW).stale).toBe(true);
  });

  it('allows up to two poll intervals, then goes stale', () => {
    expect(staleness(fresh(19), 'connected', NOW).stale).toBe(false);
    expect(staleness(fresh(20), 'connected', NOW).stale).toBe(false);
    const late = staleness(fresh(21), 'connected', NOW);
    expect(late.stale).toBe(true);
    expect(late.reason).toContain('expected every 10 s');
  });

  it('is stale from the first failed poll, however recent the cycle', () => {
    const failed: DataFreshness = {
      ...fresh(1),
      lastOkAt: new Date(NOW - 6 * 60_000).toISOString(),
      pollError: 'SecurityGroups.json: Unexpected token',
      outcome: 'error',
    };
    const s = staleness(failed, 'connected', NOW);
    expect(s.stale).toBe(true);
    expect(s.reason).toBe(
      'The last poll failed: SecurityGroups.json: Unexpected token. Showing data from 11:54 UTC · 6 min old.',
    );
  });

  it('counts the two intervals from the last cycle that brought data, not the last cycle', () => {
    const failingQuietly: DataFreshness = { ...fresh(1), lastOkAt: new Date(NOW - 60_000).toISOString() };
    expect(staleness(failingQuietly, 'connected', NOW).stale).toBe(true);
  });

  it('tells the data time in UTC and its age', () => {
    expect(dataAgeText('2025-01-01T11:54:00Z', NOW)).toBe('data from 11:54 UTC · 6 min old');
    expect(dataAgeText('2025-01-01T11:59:58Z', NOW)).toBe('data from 11:59 UTC · just fetched');
    expect(dataAgeText(null, NOW)).toBe('');
  });

  it('lists stale kinds separately', () => {
    expect(staleKindsText(fresh(1))).toBe('');
    expect(
      staleKindsText({
        ...fresh(1),
        staleKinds: [{ kind: 'TargetHealth', error: 'throttled', fetchedAt: null }],
      }),
    ).toContain('TargetHealth');
  });
});

describe('zoneText', () => {
  it('names the zone next to a clock', () => {
    const t = Date.UTC(2026, 0, 15, 12, 0, 0);
    expect(zoneText(t, 'UTC')).toBe('UTC');
    expect(zoneText(t, 'Europe/Berlin')).toMatch(/^(CET|GMT\+1)$/);
    expect(zoneText(t, 'America/New_York')).toMatch(/^(EST|GMT-5)$/);
  });
  it('falls back to "local" for a zone it cannot name', () => {
    expect(zoneText(0, 'Not/AZone')).toBe('local');
  });
});
