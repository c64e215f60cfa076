// What an update did to the findings, by id: opened, changed (same id, other content), resolved.
import type { Finding } from '@porthole/shared';

export interface FindingsDelta {
  opened: Finding[];
  /** Same id, other content (title, targets, evidence …). */
  changed: Finding[];
  resolved: Finding[];
}

/**
 * Field by field: a finding the incremental path kept shares every field but its post-step ones (id,
 * targets, services) with its earlier self, so only those are serialised to compare.
 */
export function findingsDelta(before: readonly Finding[], after: readonly Finding[]): FindingsDelta {
  const old = new Map(before.map((f) => [f.id, f]));
  const ids = new Set(after.map((f) => f.id));
  const delta: FindingsDelta = { opened: [], changed: [], resolved: before.filter((f) => !ids.has(f.id)) };
  for (const f of after) {
    const was = old.get(f.id);
    if (!was) delta.opened.push(f);
    else if (!sameFinding(was, f)) delta.changed.push(f);
  }
  return delta;
}

function sameFinding(a: Finding, b: Finding): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof Finding)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k] || JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
