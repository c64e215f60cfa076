// Array helpers that work at any length. Spreading an array into a call (`push(...items)`,
// `Math.max(...values)`) puts every element on the stack and throws RangeError past ~100,000
// elements; eslint forbids those forms, these replace them.

/** Appends every item to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest value, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let best = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > best) best = v;
  }
  return any ? best : empty;
}

/** The smallest value, or `empty` when there is none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let best = Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v < best) best = v;
  }
  return any ? best : empty;
}
