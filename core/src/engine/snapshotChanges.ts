// Which parts of a snapshot changed between two polls: per account/region partition and data kind, and for
// the kinds the incremental path patches, which items (by their primary id). Items are compared by reference
// first (a source that keeps unchanged items, as the snapshot reader and the benchmark do, costs one
// comparison per item), then by content.
import { scopeKey, type Snapshot, type SnapshotKind, type SnapshotPartition } from '@porthole/shared';

/** The item id of the kinds whose changes are named item by item (AWS API output fields). */
export const ITEM_ID_FIELD = {
  services: 'serviceArn',
  tasks: 'taskArn',
  taskDefinitions: 'taskDefinitionArn',
  containerInstances: 'containerInstanceArn',
  LoadBalancerTargetHealth: 'TargetGroupArn',
  clusters: 'clusterArn',
  TargetGroupAttributes: 'TargetGroupArn',
  NetworkInterfaces: 'NetworkInterfaceId',
} as const satisfies Partial<Record<SnapshotKind, string>>;

export type ItemKind = keyof typeof ITEM_ID_FIELD;

export interface SnapshotDiff {
  /** "account/region|kind" keys of what differs; "*" when the partitions themselves differ (added, moved). */
  keys: Set<string>;
  /**
   * Per "account/region|kind" key of an item kind: the ids of the items added, removed or changed. Absent
   * for a changed key when its items cannot be named (an item without an id, or an id twice, or the kind
   * appeared, went missing or changed its stale mark): then only a full rebuild is exact.
   */
  items: Map<string, Set<string>>;
}

/** "account/region|kind" keys of what differs; "*" when the partitions themselves differ (added, moved). */
export function snapshotChanges(before: Snapshot, after: Snapshot): Set<string> {
  return snapshotDiff(before, after).keys;
}

export function snapshotDiff(before: Snapshot, after: Snapshot): SnapshotDiff {
  const diff: SnapshotDiff = { keys: new Set(), items: new Map() };
  if (!sameJson(before.warnings, after.warnings)) diff.keys.add('*');
  if (before.partitions.length !== after.partitions.length) diff.keys.add('*');
  after.partitions.forEach((part, i) => {
    const old = before.partitions[i];
    if (!old || scopeKey(old) !== scopeKey(part)) {
      diff.keys.add('*');
      return;
    }
    if (old !== part) comparePartition(old, part, diff);
  });
  return diff;
}

function comparePartition(old: SnapshotPartition, part: SnapshotPartition, diff: SnapshotDiff): void {
  const kinds = new Set([...Object.keys(old.data), ...Object.keys(part.data)] as SnapshotKind[]);
  for (const kind of kinds) {
    const a = old.data[kind] as readonly unknown[] | undefined;
    const b = part.data[kind] as readonly unknown[] | undefined;
    const key = `${scopeKey(part)}|${kind}`;
    // fetchedAt is not compared: the analysis does not read it (freshness does, outside the engine).
    if (!sameJson(old.stale?.[kind], part.stale?.[kind]) || !a !== !b) {
      diff.keys.add(key);
      continue;
    }
    if (a === b || !a || !b) continue;
    const field = (ITEM_ID_FIELD as Partial<Record<SnapshotKind, string>>)[kind];
    if (field) {
      const ids = changedItems(a, b, field);
      if (ids === null) diff.keys.add(key);
      else if (ids.size > 0) {
        diff.keys.add(key);
        diff.items.set(key, ids);
      }
    } else if (!sameItems(a, b)) diff.keys.add(key);
  }
}

/** Ids added, removed or changed; null when some item has no id or an id repeats (not nameable). */
function changedItems(a: readonly unknown[], b: readonly unknown[], field: string): Set<string> | null {
  const ids = new Set<string>();
  if (a.length === b.length) {
    // The common case: the same items in the same order, a few replaced, each keeping its id (so b repeats an
    // id only where a did; the build and the patch both take an id's last item).
    let aligned = true;
    for (let i = 0; i < a.length && aligned; i++) {
      if (a[i] === b[i]) continue;
      const id = idOf(a[i], field);
      if (id === null || id !== idOf(b[i], field)) aligned = false;
      else if (!sameValue(a[i], b[i])) ids.add(id);
    }
    if (aligned) return ids;
    ids.clear();
  }
  const olds = byId(a, field);
  const news = byId(b, field);
  if (!olds || !news) return null;
  for (const [id, item] of news) {
    const was = olds.get(id);
    if (was !== item && (was === undefined || !sameValue(was, item))) ids.add(id);
  }
  for (const id of olds.keys()) if (!news.has(id)) ids.add(id);
  // A reordering alone changes the model's iteration order: only a rebuild keeps it exact.
  if (ids.size === 0) return sameItems(a, b) ? ids : null;
  return ids;
}

function byId(items: readonly unknown[], field: string): Map<string, unknown> | null {
  const map = new Map<string, unknown>();
  for (const item of items) {
    const id = idOf(item, field);
    if (id === null || map.has(id)) return null;
    map.set(id, item);
  }
  return map;
}

function idOf(item: unknown, field: string): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const id = (item as Record<string, unknown>)[field];
  return typeof id === 'string' && id !== '' ? id : null;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
  return true;
}

/**
 * Equal JSON values (the snapshot holds parsed JSON only): structurally, without serialising. Key order is
 * not compared: the model reads fields by name.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  let count = 0;
  for (const k of keys) {
    if (x[k] === undefined) continue;
    count += 1;
    if (!sameValue(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) count -= 1;
  return count === 0;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
