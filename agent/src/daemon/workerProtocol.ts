// Messages between the daemon and its analysis worker. The snapshot travels in slices of items, each its
// own postMessage with a turn of the event loop between them: one structured clone of a 2,000-service
// snapshot blocks the sending thread for ~0.5 s (and JSON + a transferred buffer ~0.4 s), a slice ~1 ms.
import type { Snapshot, SnapshotKind, SnapshotPartition } from '@porthole/shared';
import type { ExplainOptions, ReachOptions } from './analyzer.ts';

export type PartitionHead = Omit<SnapshotPartition, 'data'>;

export type ToWorker =
  | { type: 'snapshot'; partitions: PartitionHead[]; warnings: string[]; capturedAt: string | null }
  | { type: 'items'; partition: number; kind: SnapshotKind; items: unknown[] }
  | { type: 'analyse'; id: number; now: string; folder?: string }
  | { type: 'commit' }
  | { type: 'explain'; id: number; opts: ExplainOptions; now: string }
  | { type: 'reach'; id: number; req: ReachOptions; now: string }
  | {
      type: 'paths';
      id: number;
      name: string;
      now: string;
      scope: { account: string | null; region: string | null };
    };

export type FromWorker =
  | { type: 'ready' }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

/** Items per message: a slice of the largest kinds (tasks, security groups) clones in about a millisecond. */
export const SLICE = 250;

/** How long the sender may hold the event loop before it lets waiting requests run. */
const BUDGET_MS = 4;

/**
 * Sends a snapshot slice by slice, yielding to the event loop whenever it has held it for BUDGET_MS: a
 * request that arrives meanwhile waits at most that long, and a busy API cannot starve the transfer (one
 * yield per budget, not per slice).
 */
export async function sendSnapshot(post: (m: ToWorker) => void, snapshot: Snapshot): Promise<void> {
  let since = performance.now();
  post({
    type: 'snapshot',
    partitions: snapshot.partitions.map(({ data: _data, ...head }) => head),
    warnings: snapshot.warnings,
    capturedAt: snapshot.capturedAt ?? null,
  });
  for (const [partition, p] of snapshot.partitions.entries()) {
    for (const [kind, items] of Object.entries(p.data) as [SnapshotKind, unknown[] | undefined][]) {
      if (!items) continue;
      for (let start = 0; start === 0 || start < items.length; start += SLICE) {
        post({ type: 'items', partition, kind, items: items.slice(start, start + SLICE) });
        if (performance.now() - since < BUDGET_MS) continue;
        await new Promise<void>((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
  }
}

/** The worker's side: rebuilds the snapshot from the slices, in the order they came. */
export class SnapshotAssembler {
  private snapshot: Snapshot | null = null;

  begin(m: Extract<ToWorker, { type: 'snapshot' }>): void {
    this.snapshot = {
      partitions: m.partitions.map((head) => ({ ...head, data: {} })),
      warnings: m.warnings,
      capturedAt: m.capturedAt,
    };
  }

  add(m: Extract<ToWorker, { type: 'items' }>): void {
    const data = this.snapshot!.partitions[m.partition]!.data as Record<string, unknown[]>;
    const list = (data[m.kind] ??= []);
    for (const item of m.items) list.push(item);
  }

  /** The snapshot, handed over once: the worker keeps no second copy. */
  take(): Snapshot {
    const snapshot = this.snapshot;
    if (!snapshot) throw new Error('analysis requested before a snapshot was sent');
    this.snapshot = null;
    return snapshot;
  }
}
