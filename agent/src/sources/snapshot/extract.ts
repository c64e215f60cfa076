// One parsed file → the kinds it holds, validated against the shared zod schemas and with wrappers flattened.
import { z } from 'zod';
import { KIND_SCHEMAS, type SnapshotKind } from '@porthole/shared';
import { SnapshotInputError, describeIssue, formatJsonPath, quotedValue } from './errors.ts';
import {
  IGNORED_BESIDE_TASK_DEFINITION,
  IGNORED_TOP_LEVEL_KEYS,
  UNRECOGNISED_KEY_HINTS,
  topLevelKeyInfo,
} from './keys.ts';
import { reportUnknownValues } from './openValues.ts';
import { METADATA_KEY, parseMetadata, type SnapshotMetadata } from './metadata.ts';
import { passesInPlace } from './inPlace.ts';

export interface ExtractedDocument {
  /** Items per kind, in file order. A kind present with no items means "known to be empty". */
  kinds: Map<SnapshotKind, unknown[]>;
  metadata: SnapshotMetadata | null;
  /** False when no top-level key was recognised (the file is skipped). */
  recognised: boolean;
}

type Path = Array<string | number>;

const LoadBalancerListenersSchema = z.looseObject({
  LoadBalancerArn: z.string(),
  Listeners: z.array(z.unknown()),
});

/**
 * `owned`: the caller hands the parsed JSON over (nobody else holds it), so items that certainly pass their
 * schema are kept as they are instead of as zod's copy (inPlace.ts); otherwise every item is a fresh copy.
 */
export function extractDocument(
  file: string,
  json: unknown,
  warnings: string[],
  owned = false,
): ExtractedDocument {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SnapshotInputError({
      file,
      jsonPath: '$',
      detail: `expected an object (an AWS CLI JSON output), received ${typeOf(json)}`,
    });
  }
  const doc = json as Record<string, unknown>;
  const out: ExtractedDocument = { kinds: new Map(), metadata: null, recognised: false };
  const add = (kind: SnapshotKind, items: unknown[]) => {
    const list = out.kinds.get(kind);
    // No spread into push: an argument list that long overflows the stack (150,000 items).
    if (list) for (const item of items) list.push(item);
    else out.kinds.set(kind, items);
  };
  for (const [key, value] of Object.entries(doc)) {
    if (IGNORED_TOP_LEVEL_KEYS.has(key)) continue;
    if (key === IGNORED_BESIDE_TASK_DEFINITION && Object.hasOwn(doc, 'taskDefinition')) continue;
    if (key === METADATA_KEY) {
      out.metadata = parseMetadata(file, value);
      out.recognised = true;
      continue;
    }
    const info = topLevelKeyInfo(key);
    if (!info) {
      const hint = Object.hasOwn(UNRECOGNISED_KEY_HINTS, key) ? ` (${UNRECOGNISED_KEY_HINTS[key]})` : '';
      warnings.push(`${file}: unrecognised top-level key "${key}" ignored${hint}`);
      continue;
    }
    out.recognised = true;
    if (info.shape === 'single') add(info.kind, [parseItem(file, info.kind, value, [key], warnings, owned)]);
    else if (info.shape === 'array') {
      add(
        info.kind,
        requireArray(file, value, [key]).map((item, i) =>
          parseItem(file, info.kind, item, [key, i], warnings, owned),
        ),
      );
    } else add('Listeners', flattenLoadBalancerListeners(file, value, key, warnings, owned));
  }
  return out;
}

/** `[{LoadBalancerArn, Listeners: [...]}]` → the listeners, each knowing its load balancer. */
function flattenLoadBalancerListeners(
  file: string,
  value: unknown,
  key: string,
  warnings: string[],
  owned: boolean,
): unknown[] {
  return requireArray(file, value, [key]).flatMap((entry, i) => {
    const group = parseWith(file, LoadBalancerListenersSchema, entry, [key, i]);
    return group.Listeners.map((listener, j) => {
      const parsed = parseItem(
        file,
        'Listeners',
        listener,
        [key, i, 'Listeners', j],
        warnings,
        owned,
      ) as Record<string, unknown>;
      return parsed.LoadBalancerArn == null ? { ...parsed, LoadBalancerArn: group.LoadBalancerArn } : parsed;
    });
  });
}

function parseItem(
  file: string,
  kind: SnapshotKind,
  item: unknown,
  path: Path,
  warnings: string[],
  owned: boolean,
): unknown {
  const schema = KIND_SCHEMAS[kind];
  const parsed = owned && passesInPlace(schema, item) ? item : parseWith(file, schema, item, path);
  reportUnknownValues(file, kind, parsed, path, warnings);
  return parsed;
}

function parseWith<S extends z.ZodType>(file: string, schema: S, value: unknown, path: Path): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const more =
    rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''} in this item)` : '';
  const quoted = first ? quotedValue(first, value) : null;
  throw new SnapshotInputError({
    file,
    jsonPath: formatJsonPath([...path, ...(first?.path ?? [])]),
    detail: `${quoted !== null ? `${quoted}: ` : ''}${first ? describeIssue(first) : 'invalid value'}${more}`,
  });
}

function requireArray(file: string, value: unknown, path: Path): unknown[] {
  if (Array.isArray(value)) return value;
  throw new SnapshotInputError({
    file,
    jsonPath: formatJsonPath(path),
    detail: `expected array, received ${typeOf(value)}`,
  });
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
