import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationBetween, formatDuration } from './duration.ts';

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000 };

const NEXT_UNIT: Record<string, number> = { d: 3_600_000, h: 60_000, min: 1000, s: 1000 };

/** The milliseconds a formatted text stands for, and the resolution its first unit allows. */
function read(text: string): { ms: number; resolution: number } {
  const parts = [...text.matchAll(/(\d+) (d|h|min|s)/g)];
  return {
    ms: parts.reduce((sum, [, n, u]) => sum + Number(n) * UNIT_MS[u!]!, 0),
    resolution: NEXT_UNIT[parts[0]![2]!]!,
  };
}

describe('formatDuration', () => {
  it('writes the two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(999)).toBe('0 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(100_000)).toBe('1 min 40 s');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration(3 * 3600_000)).toBe('3 h');
    expect(formatDuration(3 * 3600_000 + 20 * 60_000 + 59_000)).toBe('3 h 20 min');
    expect(formatDuration(50 * 3600_000)).toBe('2 d 2 h');
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(Number.NaN)).toBe('0 s');
  });

  it('rounds down to its smallest unit: never more, and less by under one of that unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 400 * 86_400_000 }), (ms) => {
        const text = formatDuration(ms);
        expect(text).toMatch(/^\d+ (d|h|min|s)( \d+ (h|min|s))?$/);
        const { ms: shown, resolution } = read(text);
        expect(shown).toBeLessThanOrEqual(ms);
        expect(ms - shown).toBeLessThan(resolution);
      }),
    );
  });

  it('is monotone: a longer time never reads shorter', () => {
    fc.assert(
      fc.property(fc.nat(100 * 86_400_000), fc.nat(100 * 86_400_000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(read(formatDuration(lo)).ms).toBeLessThanOrEqual(read(formatDuration(hi)).ms);
      }),
    );
  });

  it('measures between ISO instants', () => {
    expect(durationBetween('2026-01-01T00:00:00Z', '2026-01-01T00:00:20Z')).toBe('20 s');
    expect(durationBetween('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toBe('0 s');
  });
});
