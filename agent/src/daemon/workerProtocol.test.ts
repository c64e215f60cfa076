// The snapshot's way to the analysis worker: whatever the sequence of polls, the worker assembles exactly the
// snapshot polled; only items it does not hold travel; an item kept between polls stays the same object on
// the worker's side too (the engine's incremental path compares by reference); a send the worker may not
// have taken (reset) is followed by a whole one.
import fc from 'fast-check';
import type { Snapshot, SnapshotKind } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import { SnapshotAssembler, SnapshotSender, type ToWorker } from './workerProtocol.ts';

const KINDS: SnapshotKind[] = ['SecurityGroups', 'tasks', 'Subnets'];

/** One poll: per partition and kind, items by index into the pool (kept) or -1 (a new object). */
const pollArb = fc.record({
  lists: fc.array(
    fc.array(fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 700 }), {
      minLength: KINDS.length,
      maxLength: KINDS.length,
    }),
    { minLength: 1, maxLength: 3 },
  ),
  lost: fc.boolean(),
});

function connect() {
  const sender = new SnapshotSender();
  const worker = new SnapshotAssembler();
  let sentItems = 0;
  const post = (m: ToWorker): void => {
    // Across the thread boundary every message is a structured clone.
    const copy = structuredClone(m);
    if (copy.type === 'snapshot') worker.begin(copy);
    if (copy.type === 'items') {
      worker.add(copy);
      sentItems += copy.items.length;
    }
    if (copy.type === 'list') worker.list(copy);
  };
  return { sender, worker, post, sent: () => sentItems };
}

describe('snapshot transfer to the analysis worker', () => {
  it('assembles every poll exactly and sends only the items the worker does not hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pollArb, { minLength: 1, maxLength: 6 }), async (polls) => {
        const pool = Array.from({ length: 41 }, (_, i) => ({ GroupId: `sg-${i}`, rules: [i] }));
        const link = connect();
        let holds = new Set<object>();
        let previous: Map<string, unknown> | null = null;
        let fresh = 0;
        for (const poll of polls) {
          const snapshot: Snapshot = {
            partitions: poll.lists.map((kinds, p) => ({
              account: `11111111111${p}`,
              region: 'eu-west-1',
              data: Object.fromEntries(
                kinds.map((ids, k) => [KINDS[k], ids.map((i) => (i < 0 ? { fresh: fresh++ } : pool[i]!))]),
              ),
            })),
            warnings: [],
            capturedAt: null,
          };
          const items = new Set(snapshot.partitions.flatMap((p) => Object.values(p.data).flat()) as object[]);
          const before = link.sent();
          await link.sender.send(link.post, snapshot);
          expect(link.sent() - before).toBe([...items].filter((i) => !holds.has(i)).length);
          if (poll.lost) {
            // The worker failed before taking it: the daemon resets, the next poll goes whole.
            link.sender.reset();
            holds = new Set();
            previous = null;
            continue;
          }
          const taken = link.worker.take();
          expect(taken).toEqual(snapshot);
          // The worker's copy of an item kept since the last poll is the object it had.
          const byId = new Map(
            taken.partitions.flatMap((p) =>
              Object.values(p.data)
                .flat()
                .map((i) => [JSON.stringify(i), i] as [string, unknown]),
            ),
          );
          for (const [key, item] of byId) if (previous?.has(key)) expect(previous.get(key)).toBe(item);
          previous = byId;
          holds = items;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to assemble a snapshot naming an item it never got', () => {
    const worker = new SnapshotAssembler();
    worker.begin({
      type: 'snapshot',
      partitions: [{ account: '1', region: 'r' }],
      warnings: [],
      capturedAt: null,
    });
    worker.list({ type: 'list', partition: 0, kind: 'tasks', ids: [7] });
    expect(() => worker.take()).toThrow(/item 7 was never sent/);
  });
});
