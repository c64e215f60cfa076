// Porthole's own small file beside the AWS CLI outputs: what the CLI outputs cannot say (capture time,
// kinds whose last fetch failed). Batfish only reads aws_configs/, so the file sits at the folder root.
import { z } from 'zod';
import { SNAPSHOT_KINDS, type Snapshot, type SnapshotKind, type StaleMark } from '@porthole/shared';
import { SnapshotInputError, describeIssue, formatJsonPath } from './errors.ts';

export const METADATA_KEY = 'PortholeSnapshot';
export const METADATA_FILE = 'porthole-snapshot.json';

const StaleEntrySchema = z.object({
  account: z.string().nullable(),
  region: z.string().nullable(),
  kind: z.enum(SNAPSHOT_KINDS as [SnapshotKind, ...SnapshotKind[]]),
  error: z.string(),
  fetchedAt: z.string().nullable(),
});
type StaleEntry = z.infer<typeof StaleEntrySchema>;

const MetadataSchema = z.looseObject({
  formatVersion: z.number().optional(),
  capturedAt: z.string().nullable().optional(),
  stale: z.array(StaleEntrySchema).optional(),
});
export type SnapshotMetadata = z.infer<typeof MetadataSchema>;

export function parseMetadata(file: string, value: unknown): SnapshotMetadata {
  const result = MetadataSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new SnapshotInputError({
    file,
    jsonPath: formatJsonPath([METADATA_KEY, ...(issue?.path ?? [])]),
    detail: issue ? describeIssue(issue) : 'invalid metadata',
  });
}

/** The metadata to write for a snapshot, or null when there is nothing to say. */
export function metadataOf(snapshot: Snapshot): SnapshotMetadata | null {
  const stale: StaleEntry[] = [];
  for (const { account, region, stale: marks } of snapshot.partitions) {
    for (const [kind, mark] of Object.entries(marks ?? {}) as Array<[SnapshotKind, StaleMark | undefined]>) {
      if (mark) stale.push({ account, region, kind, error: mark.error, fetchedAt: mark.fetchedAt });
    }
  }
  if (!snapshot.capturedAt && stale.length === 0) return null;
  return {
    formatVersion: 1,
    capturedAt: snapshot.capturedAt ?? null,
    ...(stale.length > 0 ? { stale } : {}),
  };
}
