// Per-model memo: every derived index or cached decision lives beside the model it was computed from, so it
// goes away with the model (no module-level cache outlives a poll) and an incremental update can drop exactly
// the tables its change makes stale (forget).
import type { EstateModel } from './types.ts';

const tables = new WeakMap<EstateModel, Map<string, Map<string, unknown>>>();

function table(model: EstateModel, name: string): Map<string, unknown> {
  let byName = tables.get(model);
  if (!byName) {
    byName = new Map();
    tables.set(model, byName);
  }
  let found = byName.get(name);
  if (!found) {
    found = new Map();
    byName.set(name, found);
  }
  return found;
}

/** The value for `key` in the model's table `name`, computed once per model. */
export function memo<T>(model: EstateModel, name: string, key: string, compute: () => T): T {
  const t = table(model, name);
  if (t.has(key)) return t.get(key) as T;
  const value = compute();
  t.set(key, value);
  return value;
}

/** Drop the model's tables (all, or the named ones): the model was patched and what they hold may be stale. */
export function forget(model: EstateModel, names?: readonly string[]): void {
  if (!names) {
    tables.delete(model);
    return;
  }
  const byName = tables.get(model);
  for (const name of names) byName?.delete(name);
}
