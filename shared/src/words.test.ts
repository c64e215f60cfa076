import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearestNames, noun, plural } from './words.ts';

describe('plural', () => {
  it('uses the singular only for one', () => {
    expect(plural(1, 'target')).toBe('1 target');
    expect(plural(0, 'target')).toBe('0 targets');
    expect(plural(2, 'hop')).toBe('2 hops');
    expect(plural(3, 'container instance')).toBe('3 container instances');
    expect(plural(2, 'NAT gateway')).toBe('2 NAT gateways');
    expect(plural(2, 'entry')).toBe('2 entries');
    expect(noun(5, 'service')).toBe('services');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });
  it('never writes "(s)"', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.constantFrom('target', 'hop', 'service', 'task', 'finding'), (n, w) => {
        const text = plural(n, w);
        expect(text).not.toContain('(s)');
        expect(text.endsWith('s')).toBe(n !== 1);
      }),
    );
  });
});

describe('editDistance', () => {
  it('is symmetric, zero only for equal strings, and at most the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a.toLowerCase() === b.toLowerCase());
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('wbe', 'web')).toBe(1);
  });
});

describe('nearestNames / didYouMean', () => {
  const services = ['prod/web', 'prod/api', 'prod/admin', 'ops/orders', 'ops/worker'];
  it('finds the service a typo meant', () => {
    expect(nearestNames('prod/wbe', services)[0]).toBe('prod/web');
    expect(nearestNames('ops/order', services)[0]).toBe('ops/orders');
  });
  it('finds a config key from its start', () => {
    expect(didYouMean('pollInterval', ['port', 'host', 'pollIntervalSeconds', 'dataDir'])).toBe(
      'did you mean pollIntervalSeconds?',
    );
  });
  it('suggests nothing for an unrelated word', () => {
    expect(nearestNames('zzzzzz', services)).toEqual([]);
    expect(didYouMean('kubernetes', ['port', 'host'])).toBe('');
  });
  it('only suggests candidates, never the word itself', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 8 }),
        (w, c) => {
          for (const n of nearestNames(w, c)) {
            expect(c).toContain(n);
            expect(n.toLowerCase()).not.toBe(w.toLowerCase());
          }
        },
      ),
    );
  });
});
