// Wall screen maths: how many tiles fit a TV (1080p or 4K), how to page them, and which go first.
import type { ServiceStatus, ServiceVerdict } from '@porthole/shared';
import { compareBySeverity, countByStatus } from './services.ts';

export interface GridInput {
  width: number;
  height: number;
  count: number;
  minTileWidth: number;
  minTileHeight: number;
  gap: number;
}

export interface GridLayout {
  cols: number;
  rows: number;
  /** Tiles shown per page (cols × rows, or fewer when everything fits). */
  perPage: number;
  pages: number;
  tileWidth: number;
  tileHeight: number;
}

/**
 * Minimum tile size as a share of the screen, so text stays readable from ~5 m on any resolution:
 * at 1080p this is ~365 × 220 px (5 × 4 tiles a page); 4K gets the same grid at twice the pixels.
 */
export function wallTileMinimum(
  width: number,
  height: number,
): { minTileWidth: number; minTileHeight: number } {
  return { minTileWidth: Math.max(260, width * 0.19), minTileHeight: Math.max(150, height * 0.22) };
}

function tileSize(extent: number, n: number, gap: number): number {
  return (extent - gap * (n - 1)) / n;
}

export function fitGrid(input: GridInput): GridLayout {
  const { width, height, gap, minTileWidth: minW, minTileHeight: minH } = input;
  const count = Math.max(0, Math.floor(input.count));
  const maxCols = Math.max(1, Math.floor((width + gap) / (minW + gap)));
  const maxRows = Math.max(1, Math.floor((height + gap) / (minH + gap)));
  const capacity = maxCols * maxRows;
  if (count > capacity) {
    return {
      cols: maxCols,
      rows: maxRows,
      perPage: capacity,
      pages: Math.ceil(count / capacity),
      tileWidth: tileSize(width, maxCols, gap),
      tileHeight: tileSize(height, maxRows, gap),
    };
  }
  // Everything fits on one page: pick the column count that makes tiles largest relative to the minimum
  // shape, preferring fewer empty cells on ties.
  const n = Math.max(1, count);
  let best: GridLayout | null = null;
  let bestScore = -Infinity;
  let bestEmpty = Infinity;
  for (let cols = 1; cols <= Math.min(maxCols, n); cols++) {
    const rows = Math.ceil(n / cols);
    if (rows > maxRows) continue;
    const w = tileSize(width, cols, gap);
    const h = tileSize(height, rows, gap);
    const score = Math.min(w / minW, h / minH);
    const empty = cols * rows - n;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && empty < bestEmpty)) {
      best = { cols, rows, perPage: n, pages: 1, tileWidth: w, tileHeight: h };
      bestScore = score;
      bestEmpty = empty;
    }
  }
  return best ?? { cols: 1, rows: 1, perPage: 1, pages: 1, tileWidth: width, tileHeight: height };
}

/**
 * Base font size for a tile, px: grows with the tile so a half-empty wall uses its space. At this size a
 * tile holds at least 10.6 em of height (state row 1.1 em, name 1.5 em, three lines of the 1.2 em reason,
 * "changed …" 0.7 em, gaps and padding) and ~14 em across; a taller tile gives the reason more lines.
 */
export function tileFontPx(tileWidth: number, tileHeight: number): number {
  return Math.round(Math.max(12, Math.min(96, tileHeight / 10.6, tileWidth / 14)));
}

/**
 * Wall order: down services first, the most recently changed first (a tile that just turned red lands
 * on page one), then everything else by severity.
 */
export function wallOrder(
  services: readonly ServiceVerdict[],
  lastChange: Readonly<Record<string, string>>,
): ServiceVerdict[] {
  const changedAt = (s: ServiceVerdict) => Date.parse(lastChange[s.name] ?? '') || 0;
  return [...services].sort((a, b) => {
    if (a.status === 'down' && b.status === 'down') {
      const byRecency = changedAt(b) - changedAt(a);
      if (byRecency !== 0) return byRecency;
    }
    return compareBySeverity(a, b);
  });
}

/** Names that are down now but were not in `previouslyDown`. */
export function newlyDown(
  previouslyDown: ReadonlySet<string>,
  services: readonly ServiceVerdict[],
): string[] {
  return services.filter((s) => s.status === 'down' && !previouslyDown.has(s.name)).map((s) => s.name);
}

export function pageItems<T>(items: readonly T[], page: number, perPage: number): T[] {
  const p = Math.max(0, page);
  return items.slice(p * perPage, p * perPage + perPage);
}

/** Next page in the rotation; wraps, and copes with the page count shrinking under it. */
export function nextPage(page: number, pages: number): number {
  if (pages <= 1) return 0;
  return (Math.max(0, page) + 1) % pages;
}

/**
 * The wall header's counts: a stale verdict (its own data is old, or the whole view is stale) counts as
 * unknown, whatever its last status was — a wall never shows green it cannot vouch for.
 */
export function wallCounts(
  services: readonly ServiceVerdict[],
  allStale: boolean,
): Record<ServiceStatus, number> {
  return countByStatus(
    services.map((s) => (allStale || s.stale === true ? { ...s, status: 'unknown' as const } : s)),
  );
}
