// SDK output → snapshot items: CLI JSON form (ISO dates), validated against the shared schemas,
// secrets redacted (the same redaction the folder reader applies), before anything is kept.
import { KIND_SCHEMAS, type SnapshotData, type SnapshotKind } from '@porthole/shared';
import { redactItems } from '../redact.ts';
import { toCliJson, type Item } from './store.ts';

/** Items that fail their schema are dropped with a warning naming the kind and the field. */
export function ingest<K extends SnapshotKind>(
  kind: K,
  raw: readonly unknown[] | undefined,
  warnings: string[],
): Item<K>[] {
  const schema = KIND_SCHEMAS[kind];
  const items: Item<K>[] = [];
  for (const value of raw ?? []) {
    const parsed = schema.safeParse(toCliJson(value));
    if (parsed.success) items.push(parsed.data as Item<K>);
    else {
      const issue = parsed.error.issues[0];
      warnings.push(`live ${kind}: item dropped (${issue?.path.join('.') || '(root)'}: ${issue?.message})`);
    }
  }
  return redactItems(kind, items as NonNullable<SnapshotData[K]>) as Item<K>[];
}
