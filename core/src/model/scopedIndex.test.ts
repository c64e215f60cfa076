// ScopedIndex against a plain Map keyed by "account/region|id": every lookup (get, has, inScope, lookupAll,
// values, size) agrees after any sequence of sets, and after withScope copies (the patched model's indexes),
// which leave the index they came from as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scopeKey, type SnapshotScope } from '@porthole/shared';
import { ScopedIndex } from './scopedIndex.ts';

const scope = fc.record({
  account: fc.constantFrom('111111111111', '222222222222', null),
  region: fc.constantFrom('eu-west-1', 'us-east-1', null),
});
const id = fc.constantFrom('a', 'b', 'c', 'd');
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), scope, id, value: fc.nat(99) }),
  fc.record({
    kind: fc.constant('withScope' as const),
    scope,
    sets: fc.array(fc.tuple(id, fc.nat(99)), { maxLength: 3 }),
    deletes: fc.array(id, { maxLength: 2 }),
  }),
);

type Reference = Map<string, { scope: SnapshotScope; id: string; value: number }>;

function agree(index: ScopedIndex<number>, ref: Reference): void {
  expect(index.size).toBe(ref.size);
  expect([...index.values()].sort()).toEqual([...ref.values()].map((e) => e.value).sort());
  for (const s of [...ref.values()].map((e) => e.scope)) {
    for (const i of ['a', 'b', 'c', 'd']) {
      const want = ref.get(`${scopeKey(s)}|${i}`)?.value;
      expect(index.get(s, i)).toBe(want);
      expect(index.has(s, i)).toBe(want !== undefined);
    }
    const inScope = [...ref.values()].filter((e) => scopeKey(e.scope) === scopeKey(s)).map((e) => e.value);
    expect(index.inScope(s).sort()).toEqual(inScope.sort());
  }
  for (const i of ['a', 'b', 'c', 'd']) {
    const holders = [...ref.values()].filter((e) => e.id === i).map((e) => e.value);
    expect(
      index
        .lookupAll(i)
        .map((h) => h.value)
        .sort(),
    ).toEqual(holders.sort());
  }
}

describe('ScopedIndex', () => {
  it('agrees with a flat map after sets and withScope copies; a copy never changes its source', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        let index = new ScopedIndex<number>();
        let ref: Reference = new Map();
        for (const o of ops) {
          if (o.kind === 'set') {
            index.set(o.scope, o.id, o.value);
            ref.set(`${scopeKey(o.scope)}|${o.id}`, { scope: o.scope, id: o.id, value: o.value });
          } else {
            const before = new Map(ref);
            const next = index.withScope(o.scope, (items) => {
              for (const [i, v] of o.sets) items.set(i, v);
              for (const i of o.deletes) items.delete(i);
            });
            agree(index, before);
            ref = new Map(ref);
            for (const [i, v] of o.sets)
              ref.set(`${scopeKey(o.scope)}|${i}`, { scope: o.scope, id: i, value: v });
            for (const i of o.deletes) ref.delete(`${scopeKey(o.scope)}|${i}`);
            index = next;
          }
          agree(index, ref);
        }
      }),
      { numRuns: 200 },
    );
  });
});
