import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fitGrid,
  newlyDown,
  nextPage,
  pageItems,
  tileFontPx,
  wallCounts,
  wallOrder,
  wallTileMinimum,
} from './wallLayout.ts';
import { sv } from '../../test-kit/builders.ts';

function grid(width: number, height: number, count: number) {
  return fitGrid({ width, height, count, gap: 12, ...wallTileMinimum(width, height) });
}

describe('fitGrid', () => {
  it('fits 20 tiles a page on a 1080p wall and pages the rest', () => {
    const g = grid(1880, 960, 45);
    expect(g.cols * g.rows).toBe(g.perPage);
    expect(g.pages).toBe(Math.ceil(45 / g.perPage));
    expect(g.tileWidth).toBeGreaterThanOrEqual(wallTileMinimum(1880, 960).minTileWidth);
    expect(g.tileHeight).toBeGreaterThanOrEqual(wallTileMinimum(1880, 960).minTileHeight);
  });

  it('gives 4K the same grid as 1080p, at twice the pixels (text scales with the tile)', () => {
    const hd = grid(1880, 960, 45);
    const uhd = grid(3760, 1920, 45);
    expect([uhd.cols, uhd.rows, uhd.pages]).toEqual([hd.cols, hd.rows, hd.pages]);
    expect(tileFontPx(uhd.tileWidth, uhd.tileHeight)).toBeGreaterThan(
      tileFontPx(hd.tileWidth, hd.tileHeight),
    );
  });

  it('uses one page with the largest tiles when everything fits', () => {
    const g = grid(1880, 960, 6);
    expect(g.pages).toBe(1);
    expect(g.perPage).toBe(6);
    expect(g.cols * g.rows).toBeGreaterThanOrEqual(6);
    expect([g.cols, g.rows]).toEqual([3, 2]);
  });

  it('one service fills the screen; zero services still yields a valid grid', () => {
    expect(grid(1880, 960, 1)).toMatchObject({ cols: 1, rows: 1, pages: 1 });
    expect(grid(1880, 960, 0)).toMatchObject({ pages: 1 });
  });

  it('never returns zero columns on a tiny screen', () => {
    const g = grid(200, 100, 10);
    expect(g.cols).toBeGreaterThanOrEqual(1);
    expect(g.rows).toBeGreaterThanOrEqual(1);
    expect(g.pages).toBe(10);
  });
});

describe('wallOrder', () => {
  const services = [
    sv('a/ok', 'healthy'),
    sv('a/old', 'down'),
    sv('a/new', 'down'),
    sv('a/warn', 'degraded'),
  ];
  it('puts the most recently red tile first so it lands on page one', () => {
    const order = wallOrder(services, { 'a/old': '2025-01-01T10:00:00Z', 'a/new': '2025-01-01T11:00:00Z' });
    expect(order.map((s) => s.name)).toEqual(['a/new', 'a/old', 'a/warn', 'a/ok']);
  });

  it('detects services that just went down', () => {
    expect(newlyDown(new Set(['a/old']), services)).toEqual(['a/new']);
    expect(newlyDown(new Set(['a/old', 'a/new']), services)).toEqual([]);
  });
});

describe('paging', () => {
  it('slices pages and rotates with wrap-around', () => {
    expect(pageItems([1, 2, 3, 4, 5], 1, 2)).toEqual([3, 4]);
    expect(pageItems([1, 2, 3, 4, 5], 2, 2)).toEqual([5]);
    expect(nextPage(0, 3)).toBe(1);
    expect(nextPage(2, 3)).toBe(0);
    expect(nextPage(5, 3)).toBe(0);
    expect(nextPage(0, 1)).toBe(0);
  });
});

describe('wallCounts', () => {
  const status = fc.constantFrom('healthy', 'degraded', 'down', 'unknown' as const);
  const verdicts = fc.array(fc.record({ status, stale: fc.boolean() }), { maxLength: 40 });
  const build = (list: { status: 'healthy' | 'degraded' | 'down' | 'unknown'; stale: boolean }[]) =>
    list.map((v, i) => ({ ...sv(`c/s${i}`, v.status), stale: v.stale }));

  it('never counts a stale verdict by its last status: only fresh ones are healthy, degraded or down', () => {
    fc.assert(
      fc.property(verdicts, fc.boolean(), (list, allStale) => {
        const counts = wallCounts(build(list), allStale);
        const fresh = allStale ? [] : list.filter((v) => !v.stale);
        for (const st of ['healthy', 'degraded', 'down'] as const) {
          expect(counts[st]).toBe(fresh.filter((v) => v.status === st).length);
        }
        expect(counts.unknown).toBe(list.length - fresh.filter((v) => v.status !== 'unknown').length);
      }),
    );
  });

  it('a stale healthy service is not green', () => {
    const counts = wallCounts([{ ...sv('prod/web', 'healthy'), stale: true }], false);
    expect(counts).toMatchObject({ healthy: 0, unknown: 1 });
  });
});
