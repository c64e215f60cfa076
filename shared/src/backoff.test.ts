import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from './backoff.ts';

const OPTS = { baseMs: 1000, maxMs: 15_000 };
const options = fc.record({
  baseMs: fc.integer({ min: 0, max: 10_000 }),
  maxMs: fc.integer({ min: 0, max: 600_000 }),
});

describe('backoff (full jitter)', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 10, 1000].map((n) => backoffCeiling(n, OPTS))).toEqual([
      1000, 2000, 4000, 8000, 15_000, 15_000, 15_000,
    ]);
    expect(backoffCeiling(0, OPTS)).toBe(1000);
    expect(backoffCeiling(-3, OPTS)).toBe(1000);
    expect(backoffCeiling(Number.NaN, OPTS)).toBe(1000);
  });

  it('draws the delay anywhere from 0 to the ceiling (full, not equal, jitter)', () => {
    expect(backoffDelay(3, 0, OPTS)).toBe(0);
    expect(backoffDelay(3, 0.5, OPTS)).toBe(2000);
    expect(backoffDelay(3, 1, OPTS)).toBe(4000);
  });

  it('stays within [0, min(cap, base·2^(n-1))] for any attempt and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        options,
        (n, r, o) => {
          const delay = backoffDelay(n, r, o);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(o.maxMs);
          expect(delay).toBeLessThanOrEqual(Math.round(o.baseMs * 2 ** Math.max(0, Math.min(n - 1, 40))));
        },
      ),
    );
  });

  it('has a ceiling that never falls as attempts grow, and stops at the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        options,
        (a, b, o) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(backoffCeiling(lo, o)).toBeLessThanOrEqual(backoffCeiling(hi, o));
          expect(backoffCeiling(hi, o)).toBeLessThanOrEqual(o.maxMs);
        },
      ),
    );
  });

  it('scales with the random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(backoffDelay(n, lo, OPTS)).toBeLessThanOrEqual(backoffDelay(n, hi, OPTS));
        },
      ),
    );
  });
});
