// Which parts of a snapshot changed between two polls: per account/region partition and data kind. Items are
// compared by reference first (a source that keeps unchanged items, as the snapshot reader and the benchmark
// do, costs one comparison per item), then by content.
import { scopeKey, type Snapshot, type SnapshotKind, type SnapshotPartition } from '@porthole/shared';

/** "account/region|kind" keys of what differs; "*" when the partitions themselves differ (added, moved). */
export function snapshotChanges(before: Snapshot, after: Snapshot): Set<string> {
  const changed = new Set<string>();
  if (!sameJson(before.warnings, after.warnings)) changed.add('*');
  if (before.partitions.length !== after.partitions.length) changed.add('*');
  after.partitions.forEach((part, i) => {
    const old = before.partitions[i];
    if (!old || scopeKey(old) !== scopeKey(part)) {
      changed.add('*');
      return;
    }
    for (const kind of changedKinds(old, part)) changed.add(`${scopeKey(part)}|${kind}`);
  });
  return changed;
}

function changedKinds(old: SnapshotPartition, part: SnapshotPartition): SnapshotKind[] {
  if (old === part) return [];
  const out: SnapshotKind[] = [];
  const kinds = new Set([...Object.keys(old.data), ...Object.keys(part.data)] as SnapshotKind[]);
  for (const kind of kinds) {
    const a = old.data[kind] as readonly unknown[] | undefined;
    const b = part.data[kind] as readonly unknown[] | undefined;
    const stale = !sameJson(old.stale?.[kind], part.stale?.[kind]);
    // fetchedAt is not compared: the analysis does not read it (freshness does, outside the engine).
    if (stale || !sameItems(a, b)) out.push(kind);
  }
  return out;
}

function sameItems(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameJson(a[i], b[i])) return false;
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
