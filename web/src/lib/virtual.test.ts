import { describe, expect, it } from 'vitest';
import { moveIndex, scrollTopFor, visibleWindow } from './virtual.ts';

describe('visibleWindow', () => {
  it('renders only the rows in view plus overscan, and pads the rest', () => {
    const w = visibleWindow(52 * 1000, 520, 52, 2000, 5);
    expect(w.start).toBe(995);
    expect(w.end).toBe(1000 + 11 + 5);
    expect(w.padTop).toBe(995 * 52);
    expect(w.padTop + (w.end - w.start) * 52 + w.padBottom).toBe(2000 * 52);
  });

  it('keeps the window small for 2,000 rows anywhere in the list', () => {
    for (const top of [0, 12_345, 2000 * 52]) {
      const w = visibleWindow(top, 900, 52, 2000);
      expect(w.end - w.start).toBeLessThanOrEqual(40);
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeLessThanOrEqual(2000);
    }
  });

  it('copes with empty lists and short lists', () => {
    expect(visibleWindow(0, 500, 52, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
    expect(visibleWindow(0, 500, 52, 3)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });
});

describe('scrollTopFor', () => {
  it('scrolls only as far as needed to show a row', () => {
    expect(scrollTopFor(5, 0, 520, 52)).toBe(0);
    expect(scrollTopFor(10, 0, 520, 52)).toBe(52);
    expect(scrollTopFor(2, 520, 520, 52)).toBe(104);
  });
});

describe('moveIndex', () => {
  it('moves with arrows, pages and Home/End, clamped to the list', () => {
    expect(moveIndex('ArrowDown', 0, 10, 5)).toBe(1);
    expect(moveIndex('ArrowUp', 0, 10, 5)).toBe(0);
    expect(moveIndex('PageDown', 8, 10, 5)).toBe(9);
    expect(moveIndex('PageUp', 8, 10, 5)).toBe(3);
    expect(moveIndex('Home', 8, 10, 5)).toBe(0);
    expect(moveIndex('End', 0, 10, 5)).toBe(9);
  });

  it('ignores other keys and empty lists', () => {
    expect(moveIndex('a', 0, 10, 5)).toBeNull();
    expect(moveIndex('ArrowDown', 0, 0, 5)).toBeNull();
  });
});
