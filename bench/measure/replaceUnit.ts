// Swaps one unit's items in a loaded snapshot for those of a re-planned unit (same ids, other settings), so a
// change costs one unit's rendering and validation instead of the whole estate's.
import type { Snapshot, SnapshotKind } from '@porthole/shared';
import { primaryIdOf, snapshotFromDocuments } from '../../agent/src/sources/snapshot/index.ts';
import { unitDocuments } from '../estate/documents.ts';
import type { UnitPlan } from '../estate/plan.ts';

export function replaceUnit(base: Snapshot, before: UnitPlan, after: UnitPlan): Snapshot {
  const { account, region } = after.ids;
  const oldPart = snapshotFromDocuments(unitDocuments(before)).partitions[0]!;
  const newPart = snapshotFromDocuments(unitDocuments(after)).partitions[0]!;
  const partitions = base.partitions.map((part) => {
    if (part.account !== account || part.region !== region) return part;
    const data = { ...part.data } as Record<string, unknown[]>;
    for (const kind of Object.keys(newPart.data) as SnapshotKind[]) {
      const oldIds = new Set((oldPart.data[kind] ?? []).map((item) => primaryIdOf(kind, item)));
      const fresh = new Map(
        (newPart.data[kind] ?? []).map((item) => [primaryIdOf(kind, item), item as unknown]),
      );
      const kept = (data[kind] ?? []).flatMap((item) => {
        const id = primaryIdOf(kind, item);
        if (fresh.has(id)) return [fresh.get(id)];
        return oldIds.has(id) ? [] : [item];
      });
      const seen = new Set(kept.map((item) => primaryIdOf(kind, item)));
      data[kind] = [...kept, ...[...fresh].filter(([id]) => !seen.has(id)).map(([, item]) => item)];
    }
    return { ...part, data };
  });
  return { ...base, partitions };
}
