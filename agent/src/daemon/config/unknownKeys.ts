// "Unrecognized key" in words a person can act on: the field that is wrong, and the setting they most
// likely meant ("pollInterval: unknown setting; did you mean pollIntervalSeconds?").
import { didYouMean } from '@porthole/shared';
import type { z } from 'zod';

interface SchemaDef {
  type?: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
}

/** The object schema at `path` inside `schema`, looking through defaults, prefaults, optionals and pipes. */
function objectAt(schema: unknown, path: ReadonlyArray<PropertyKey>): Record<string, unknown> | null {
  let node: unknown = schema;
  for (let depth = 0; depth < path.length + 8 && node;) {
    const def = (node as { def?: SchemaDef }).def;
    if (!def) return null;
    if (def.type === 'object') {
      const shape = def.shape ?? (node as { shape?: Record<string, unknown> }).shape ?? {};
      if (depth >= path.length) return shape;
      node = shape[String(path[depth])];
      depth++;
    } else node = def.innerType ?? def.in;
    if (!node) return null;
  }
  return null;
}

/** One line per unknown key, naming the full field path; null when the issue is not about unknown keys. */
export function unknownKeyMessages(
  schema: z.ZodType,
  issue: z.core.$ZodIssue,
  where: (path: PropertyKey[]) => string,
): string[] | null {
  if (issue.code !== 'unrecognized_keys') return null;
  const known = Object.keys(objectAt(schema, issue.path) ?? {});
  return issue.keys.map((key) => {
    const hint = didYouMean(key, known);
    const list = known.length > 0 && !hint ? ` (known: ${known.join(', ')})` : '';
    return `${where([...issue.path, key])}: unknown setting${hint ? `; ${hint}` : list}`;
  });
}
