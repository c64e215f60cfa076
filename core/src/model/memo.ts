// Per-model memo: every derived index or cached decision lives beside the model it was computed from, so it
// goes away with the model (no module-level cache outlives a poll).
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
  // One lookup on a hit (keys are long and built per call: each lookup hashes them).
  const found = t.get(key);
  if (found !== undefined || t.has(key)) return found as T;
  const value = compute();
  t.set(key, value);
  return value;
}
