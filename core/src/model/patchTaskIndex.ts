// Tasks by ENI ("account/region|eni-…" → task ARNs), one index per tasks Map: a patch looks the changed ENIs'
// tasks up (patchInterfaces.ts) instead of walking every task of both models. Built by one walk the first time
// a model's tasks are asked; a patched model's index is its parent's layered (patchLayered.ts) with the tasks
// the patch replaced, added or removed.
import { scopeKey } from '@porthole/shared';
import { LayeredMap } from './patchLayered.ts';
import type { TaskModel } from './types.ts';

type Tasks = ReadonlyMap<string, TaskModel>;
const INDEX = new WeakMap<Tasks, Map<string, readonly string[]>>();

const keyOf = (t: TaskModel) => (t.eniId ? `${scopeKey(t.scope)}|${t.eniId}` : null);

export function tasksByEni(tasks: Tasks): ReadonlyMap<string, readonly string[]> {
  let index = INDEX.get(tasks);
  if (!index) {
    const built = new Map<string, string[]>();
    for (const t of tasks.values()) {
      const key = keyOf(t);
      if (!key) continue;
      const list = built.get(key);
      if (list) list.push(t.arn);
      else built.set(key, [t.arn]);
    }
    index = built;
    INDEX.set(tasks, index);
  }
  return index;
}

/** `touched`: every task ARN whose entry differs between `old` and `tasks`. */
export function carryTaskIndex(old: Tasks, tasks: Tasks, touched: Iterable<string>): void {
  // The old model's tasks walked once, so that no patched (layered) map needs walking.
  const parent = tasksByEni(old) as Map<string, readonly string[]>;
  const index = LayeredMap.over(parent);
  for (const arn of new Set(touched)) {
    const was = old.get(arn);
    const wasKey = was ? keyOf(was) : null;
    if (wasKey) {
      const kept = (index.get(wasKey) ?? []).filter((a) => a !== arn);
      if (kept.length > 0) index.set(wasKey, kept);
      else index.delete(wasKey);
    }
    const now = tasks.get(arn);
    const nowKey = now ? keyOf(now) : null;
    if (nowKey) index.set(nowKey, [...(index.get(nowKey) ?? []), arn]);
  }
  INDEX.set(tasks, index);
}
