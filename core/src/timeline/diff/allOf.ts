import { pushAll } from '@porthole/shared';
import type { Snapshot, SnapshotData } from '@porthole/shared';

/** Concatenates each kind's items over every partition (account/region) of the snapshot. */
export function allOf<K extends keyof SnapshotData>(
  snapshot: Snapshot,
  kind: K,
): NonNullable<SnapshotData[K]> {
  const out: unknown[] = [];
  for (const partition of snapshot.partitions) pushAll(out, partition.data[kind] ?? []);
  return out as NonNullable<SnapshotData[K]>;
}
