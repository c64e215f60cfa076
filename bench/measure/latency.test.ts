import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latencyStats, quantile } from './latency.ts';

describe('API latency figures', () => {
  it('p99 is the nearest-rank quantile: of 100 values the 99th, of 10 the largest', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(hundred, 0.99)).toBe(99);
    expect(quantile(hundred, 0.5)).toBe(50);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99)).toBe(10);
    expect(quantile([], 0.99)).toBe(0);
  });

  it('counts only requests due inside a window, whatever their latency', () => {
    const samples = [
      { at: 5, ms: 900, ok: true }, // before the cycle: not counted
      { at: 10, ms: 40, ok: true },
      { at: 20, ms: 60, ok: false },
      { at: 31, ms: 5000, ok: true }, // after the cycle
    ];
    const s = latencyStats(samples, [{ startedAt: 10, endedAt: 30 }], 50);
    expect(s).toMatchObject({ requests: 2, maxMs: 60, p99Ms: 60, errors: 1, intervalMs: 50 });
  });

  it('p50 ≤ p99 ≤ max, and max is the slowest request in the windows', () => {
    const sample = fc.record({
      at: fc.integer({ min: 0, max: 100 }),
      ms: fc.integer({ min: 0, max: 10_000 }),
      ok: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1 }), (samples) => {
        const s = latencyStats(samples, [{ startedAt: 0, endedAt: 100 }], 10);
        expect(s.p50Ms).toBeLessThanOrEqual(s.p99Ms);
        expect(s.p99Ms).toBeLessThanOrEqual(s.maxMs);
        expect(s.maxMs).toBe(Math.max(...samples.map((x) => x.ms)));
      }),
    );
  });
});
