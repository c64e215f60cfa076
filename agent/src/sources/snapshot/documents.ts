// Parsed AWS CLI outputs → Snapshot. Pure: no file system; the caller gives each document's path.
import {
  SNAPSHOT_KINDS,
  scopeKey,
  type Snapshot,
  type SnapshotData,
  type SnapshotKind,
  type SnapshotPartition,
  type SnapshotScope,
} from '@porthole/shared';
import { redactSnapshotData } from '../redact.ts';
import { extractDocument } from './extract.ts';
import { primaryIdOf } from './keys.ts';
import type { SnapshotMetadata } from './metadata.ts';
import { detectScope, resolveScopes } from './scope.ts';

export interface SnapshotDocument {
  /** The file as it should appear in messages (e.g. `snap/aws_configs/us-east-1/sg.json`). */
  file: string;
  /** The parsed JSON, exactly as the AWS CLI printed it. */
  json: unknown;
  /** The path to read account/region folders from, when it differs from `file` (e.g. an absolute path). */
  scopePath?: string;
  /** The JSON was parsed for this snapshot alone (no one else holds it): items may be kept, not copied. */
  owned?: boolean;
}

/** Items of one kind in one partition, deduplicated by primary id as they arrive. */
class KindBucket {
  readonly items: unknown[] = [];
  private readonly indexById = new Map<string, number>();
  constructor(private readonly kind: SnapshotKind) {}

  add(item: unknown): void {
    const id = primaryIdOf(this.kind, item);
    const at = id === null ? undefined : this.indexById.get(id);
    if (at !== undefined) {
      this.items[at] = item; // the later file wins, the first position is kept
      return;
    }
    if (id !== null) this.indexById.set(id, this.items.length);
    this.items.push(item);
  }
}

interface PartitionBuilder {
  scope: SnapshotScope;
  buckets: Map<SnapshotKind, KindBucket>;
  stale?: SnapshotPartition['stale'];
}

/**
 * Builds a snapshot from parsed files, in the order given (later files win on duplicate ids).
 * Throws SnapshotInputError on a wrong shape; unknown keys and skipped files become warnings.
 */
export function snapshotFromDocuments(docs: ReadonlyArray<SnapshotDocument>): Snapshot {
  const assembler = new SnapshotAssembler();
  for (const doc of docs) assembler.add(doc);
  return assembler.finish();
}

/**
 * The same, one document at a time: each is validated and reduced to its items as it arrives, so the caller
 * can drop the parsed JSON at once (a folder never has to sit in memory twice, raw and validated).
 */
export class SnapshotAssembler {
  private readonly warnings: string[] = [];
  private readonly withData: Array<{
    file: string;
    scope: SnapshotScope;
    kinds: Map<SnapshotKind, unknown[]>;
  }> = [];
  private metadata: SnapshotMetadata | null = null;

  add(doc: SnapshotDocument): void {
    const extracted = extractDocument(doc.file, doc.json, this.warnings, doc.owned ?? false);
    if (!extracted.recognised) {
      this.warnings.push(`${doc.file}: no recognised AWS CLI output; file skipped`);
      return;
    }
    if (extracted.metadata) this.metadata = extracted.metadata;
    if (extracted.kinds.size === 0) return;
    const scope = detectScope(doc.scopePath ?? doc.file, doc.json);
    this.withData.push({ file: doc.file, scope, kinds: extracted.kinds });
  }

  finish(): Snapshot {
    const { warnings, withData, metadata } = this;
    const scopes = resolveScopes(withData, warnings);
    const partitions = new Map<string, PartitionBuilder>();
    const partitionFor = (scope: SnapshotScope): PartitionBuilder => {
      const key = scopeKey(scope);
      let builder = partitions.get(key);
      if (!builder) partitions.set(key, (builder = { scope, buckets: new Map() }));
      return builder;
    };
    withData.forEach(({ kinds }, i) => {
      const { buckets } = partitionFor(scopes[i] ?? { account: null, region: null });
      for (const [kind, items] of kinds) {
        let bucket = buckets.get(kind);
        if (!bucket) buckets.set(kind, (bucket = new KindBucket(kind)));
        for (const item of items) bucket.add(item);
      }
    });
    withData.length = 0; // the buckets hold the items now
    for (const mark of metadata?.stale ?? []) {
      const builder = partitionFor({ account: mark.account, region: mark.region });
      builder.stale = { ...builder.stale, [mark.kind]: { error: mark.error, fetchedAt: mark.fetchedAt } };
    }
    return {
      partitions: [...partitions.values()].sort(compareScopes).map(buildPartition),
      warnings,
      capturedAt: metadata?.capturedAt ?? null,
    };
  }
}

function buildPartition({ scope, buckets, stale }: PartitionBuilder): SnapshotPartition {
  const data: Record<string, unknown[]> = {};
  for (const kind of SNAPSHOT_KINDS) {
    const bucket = buckets.get(kind);
    if (bucket) data[kind] = bucket.items;
  }
  return {
    account: scope.account,
    region: scope.region,
    // Items were validated against KIND_SCHEMAS by extractDocument.
    data: redactSnapshotData(data as SnapshotData),
    ...(stale ? { stale } : {}),
  };
}

/** Known accounts and regions first, in order; unknowns last. Keeps output independent of file order. */
function compareScopes(a: PartitionBuilder, b: PartitionBuilder): number {
  return compareNullable(a.scope.account, b.scope.account) || compareNullable(a.scope.region, b.scope.region);
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
