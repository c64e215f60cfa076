// Messages between the daemon and its analysis worker. A snapshot travels as its new items only: every item
// object gets a number the first time it is sent, and the worker keeps the items of the last snapshot by
// number, so a poll that keeps its unchanged items (the live source keeps every tier's last good items, the
// snapshot reader and the benchmark keep theirs) sends the few that changed, not the estate. The worker then
// holds the same objects as last cycle for what did not change, which the engine's incremental path compares
// by reference. New items go in slices, each its own postMessage with a turn of the event loop between them:
// one structured clone of a 2,000-service snapshot blocks the sending thread for ~0.5 s, a slice ~1 ms.
// Items are never edited in place once polled (a source makes new objects for what changed): an item edited in
// place would keep its number and the worker its old content.
import type { Snapshot, SnapshotKind, SnapshotPartition } from '@porthole/shared';
import type { ExplainOptions, ReachOptions } from './analyzer.ts';
import type { WorkerSourceSpec } from './workerSource.ts';

export type PartitionHead = Omit<SnapshotPartition, 'data'>;

export type ToWorker =
  | { type: 'snapshot'; partitions: PartitionHead[]; warnings: string[]; capturedAt: string | null }
  /** Items the worker does not hold yet, with their numbers. */
  | { type: 'items'; ids: number[]; items: unknown[] }
  /** One partition's list of a kind, in order, by item number. */
  | { type: 'list'; partition: number; kind: SnapshotKind; ids: number[] }
  | { type: 'analyse'; id: number; now: string; folder?: string; source?: WorkerSourceSpec }
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
 * The daemon's side, one per worker (a new worker holds nothing: a new sender). Numbers are kept in a
 * WeakMap, so an item the source dropped is not kept alive by them.
 */
export class SnapshotSender {
  private readonly numbers = new WeakMap<object, number>();
  private next = 1;
  /** The numbers of the last snapshot sent: what the worker holds. */
  private held = new Set<number>();

  private numberOf(item: unknown): number {
    if (typeof item !== 'object' || item === null) return this.next++;
    let n = this.numbers.get(item);
    if (n === undefined) this.numbers.set(item, (n = this.next++));
    return n;
  }

  /**
   * Sends a snapshot, yielding to the event loop whenever it has held it for BUDGET_MS: a request that
   * arrives meanwhile waits at most that long, and a busy API cannot starve the transfer.
   */
  async send(post: (m: ToWorker) => void, snapshot: Snapshot): Promise<void> {
    let since = performance.now();
    const pause = async (): Promise<void> => {
      if (performance.now() - since < BUDGET_MS) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    };
    post({
      type: 'snapshot',
      partitions: snapshot.partitions.map(({ data: _data, ...head }) => head),
      warnings: snapshot.warnings,
      capturedAt: snapshot.capturedAt ?? null,
    });
    // Every number in this snapshot: what the worker holds once it has taken it.
    const listed = new Set<number>();
    let slice: { ids: number[]; items: unknown[] } = { ids: [], items: [] };
    const flush = async (): Promise<void> => {
      if (slice.ids.length === 0) return;
      post({ type: 'items', ...slice });
      slice = { ids: [], items: [] };
      await pause();
    };
    for (const [partition, p] of snapshot.partitions.entries()) {
      for (const [kind, items] of Object.entries(p.data) as [SnapshotKind, unknown[] | undefined][]) {
        if (!items) continue;
        const ids = new Array<number>(items.length);
        for (let i = 0; i < items.length; i++) {
          const n = (ids[i] = this.numberOf(items[i]));
          // A list of thousands of kept items is a loop of lookups: let requests in between, too.
          if ((i & 2047) === 2047) await pause();
          if (listed.has(n)) continue;
          listed.add(n);
          if (this.held.has(n)) continue;
          slice.ids.push(n);
          slice.items.push(items[i]);
          if (slice.ids.length >= SLICE) await flush();
        }
        await flush();
        post({ type: 'list', partition, kind, ids });
      }
    }
    this.held = listed;
  }

  /** The worker may not hold what was sent last (it failed to take it): the next send sends every item. */
  reset(): void {
    this.held = new Set();
  }
}

/** The worker's side: rebuilds the snapshot from the new items and the ones it kept from the last. */
export class SnapshotAssembler {
  private snapshot: Snapshot | null = null;
  private kept = new Map<number, unknown>();
  private incoming = new Map<number, unknown>();
  private lists: Extract<ToWorker, { type: 'list' }>[] = [];

  begin(m: Extract<ToWorker, { type: 'snapshot' }>): void {
    this.snapshot = {
      partitions: m.partitions.map((head) => ({ ...head, data: {} })),
      warnings: m.warnings,
      capturedAt: m.capturedAt,
    };
    this.incoming = new Map();
    this.lists = [];
  }

  add(m: Extract<ToWorker, { type: 'items' }>): void {
    for (let i = 0; i < m.ids.length; i++) this.incoming.set(m.ids[i]!, m.items[i]);
  }

  list(m: Extract<ToWorker, { type: 'list' }>): void {
    this.lists.push(m);
  }

  /** The snapshot, handed over once; its items are kept (by number) for the next one. */
  take(): Snapshot {
    const snapshot = this.snapshot;
    if (!snapshot) throw new Error('analysis requested before a snapshot was sent');
    const kept = new Map<number, unknown>();
    for (const { partition, kind, ids } of this.lists) {
      const items = ids.map((n) => {
        const item = this.incoming.has(n) ? this.incoming.get(n) : this.kept.get(n);
        if (item === undefined) throw new Error(`snapshot item ${n} was never sent to the analysis worker`);
        kept.set(n, item);
        return item;
      });
      (snapshot.partitions[partition]!.data as Record<string, unknown[]>)[kind] = items;
    }
    Object.assign(this, { snapshot: null, kept, incoming: new Map(), lists: [] });
    return snapshot;
  }
}
