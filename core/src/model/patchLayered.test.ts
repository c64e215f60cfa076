import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap } from './patchLayered.ts';

type Op = { op: 'set'; key: number; value: string } | { op: 'delete'; key: number } | { op: 'clear' };

const key = fc.integer({ min: 0, max: 30 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.string({ maxLength: 3 }) }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
);
const entries = fc.uniqueArray(fc.tuple(key, fc.string({ maxLength: 3 })), { selector: ([k]) => k });

function apply(map: Map<number, string>, ops: Op[]): unknown[] {
  const returned: unknown[] = [];
  for (const o of ops) {
    if (o.op === 'set') returned.push(map.set(o.key, o.value) === map);
    else if (o.op === 'delete') returned.push(map.delete(o.key));
    else map.clear();
  }
  return returned;
}

/** Everything a reader of the model can see of a Map. */
function observe(map: Map<number, string>) {
  const each: [number, string][] = [];
  map.forEach((v, k, m) => {
    expect(m).toBe(map);
    each.push([k, v]);
  });
  const probes = Array.from({ length: 32 }, (_, k) => [map.has(k), map.get(k)]);
  return {
    size: map.size,
    entries: [...map.entries()],
    iterated: [...map],
    keys: [...map.keys()],
    values: [...map.values()],
    each,
    probes,
    tag: Object.prototype.toString.call(map),
  };
}

describe('LayeredMap', () => {
  it('behaves as a copied Map under the same set/delete/clear calls, across stacked layers', () => {
    fc.assert(
      fc.property(
        entries,
        fc.array(fc.record({ ops: fc.array(op, { maxLength: 12 }), look: fc.boolean() }), {
          minLength: 1,
          maxLength: 10,
        }),
        (init, rounds) => {
          const base = new Map(init);
          const before = observe(base);
          let copied = new Map(base);
          let layered: Map<number, string> = base;
          const layers: Map<number, string>[] = [];
          for (const { ops, look } of rounds) {
            copied = new Map(copied);
            layered = LayeredMap.over(layered);
            expect(apply(layered, ops)).toEqual(apply(copied, ops));
            // Iterating a layer caches it flat; unobserved layers stack up to be merged.
            if (look) expect(observe(layered)).toEqual(observe(copied));
            layers.push(layered);
          }
          expect(observe(layered)).toEqual(observe(copied));
          // No layer writes through to what it was made over.
          expect(observe(base)).toEqual(before);
          expect(layers.every((l) => l instanceof Map)).toBe(true);
        },
      ),
    );
  });

  it('flattens deep stacks into a plain Map', () => {
    let m: Map<number, string> = new Map(Array.from({ length: 100 }, (_, i) => [i, `${i}`] as const));
    for (let i = 0; i < 10; i++) {
      m = LayeredMap.over(m);
      m.set(i, 'x');
    }
    expect(m.get(3)).toBe('x');
    expect(m.size).toBe(100);
  });
});
