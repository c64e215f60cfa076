import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { KIND_SCHEMAS } from '@porthole/shared';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { snapshotFromDocuments, type SnapshotDocument } from './documents.ts';
import { SnapshotInputError } from './errors.ts';
import { passesInPlace } from './inPlace.ts';

type Json = unknown;
type Path = Array<string | number>;

/** Every path to a value inside `json` (objects and arrays included). */
function pathsOf(json: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(json)) json.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (json && typeof json === 'object')
    for (const [k, v] of Object.entries(json)) pathsOf(v, [...at, k], out);
  return out;
}

const DELETE = Symbol('delete');

/** A copy of `json` with the value at `path` replaced (or its key removed). */
function mutate(json: Json, path: Path, value: Json | typeof DELETE): Json {
  if (path.length === 0) return value === DELETE ? undefined : value;
  const copy = structuredClone(json) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value !== DELETE) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

/** The outcome of loading documents: the snapshot, or the error a user would see. */
function outcome(docs: SnapshotDocument[]): unknown {
  try {
    return snapshotFromDocuments(docs);
  } catch (error) {
    if (error instanceof SnapshotInputError) return { error: error.message };
    throw error;
  }
}

// Values a snapshot field might wrongly hold: other JSON types and the bounds the schemas check.
const oddValue = fc.oneof(
  fc.constant<typeof DELETE>(DELETE),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-2, -1, 0, 255, 256, 32767, 32768, 65535, 65536, 1.5, 2 ** 53),
  fc.constantFrom('', 'tcp', '-1', '6', 'allow', 'deny', '10.0.0.0/33', '10.0.0.1', '::/0', 'x', '1.2.3'),
);

describe('validation in place', () => {
  const docs = buildDemoEstate();

  it('vouches for every item of the demo estate, and such an item equals its zod copy', () => {
    const snapshot = snapshotFromDocuments(docs);
    for (const partition of snapshot.partitions) {
      for (const [kind, items] of Object.entries(partition.data)) {
        const schema = KIND_SCHEMAS[kind as keyof typeof KIND_SCHEMAS];
        for (const item of items ?? []) {
          expect(passesInPlace(schema, item), kind).toBe(true);
          expect(isDeepStrictEqual(schema.parse(item), item)).toBe(true);
        }
      }
    }
  });

  it('never vouches for what zod refuses: a folder read in place loads, or fails, exactly as with zod', () => {
    const targets = docs.flatMap((doc, d) => pathsOf(doc.json).map((path) => ({ d, path })));
    fc.assert(
      fc.property(fc.nat(targets.length - 1), oddValue, (i, value) => {
        const { d, path } = targets[i]!;
        const changed = docs.map((doc, j) =>
          j === d ? { ...doc, json: mutate(doc.json, path, value) } : doc,
        );
        const copied = outcome(changed);
        const kept = outcome(changed.map((doc) => ({ ...doc, owned: true })));
        expect(kept).toEqual(copied);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves to zod what its copy would change: a "__proto__" key, a strict object', () => {
    const withProto = JSON.parse('{"GroupId": "sg-1", "__proto__": {"x": 1}}') as unknown;
    expect(passesInPlace(KIND_SCHEMAS.SecurityGroups, withProto)).toBe(false);
    expect(passesInPlace(z.object({ a: z.string() }), { a: 'x' })).toBe(false);
    expect(passesInPlace(z.looseObject({ a: z.string() }), { a: 'x', b: 1 })).toBe(true);
  });
});
