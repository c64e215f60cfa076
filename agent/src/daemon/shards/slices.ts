// The part of a shard's snapshot other shards need to analyse paths that cross accounts and regions (an ALB
// in one shard with an ip target in a peered VPC of another): the EC2 network kinds, with their stale marks
// and fetch times. Each owner commits its shard's slice (encoded once per change); an ALB shard's owner adds
// the other shards' latest slices as extra partitions, marked stale when older than two poll intervals.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import {
  KIND_SCHEMAS,
  scopeKey,
  type ScanResult,
  type Snapshot,
  type SnapshotKind,
  type SnapshotPartition,
} from '@porthole/shared';
import type { EncodedSlice } from '../../store/postgres/shardSlices.ts';

/** What the cross-account path reads (core/src/net/paths/peeredHops.ts): ENIs, their SGs, subnets, NACLs, routes. */
export const SLICE_KINDS = [
  'Vpcs',
  'Subnets',
  'NetworkInterfaces',
  'SecurityGroups',
  'NetworkAcls',
  'RouteTables',
  'PrefixLists',
  'ManagedPrefixListEntries',
] as const satisfies readonly SnapshotKind[];

/** Bodies above this are gzipped (a large account's ENIs and SGs run to megabytes of JSON). */
const GZIP_ABOVE = 64 * 1024;

/** The shard's partitions cut down to the slice kinds; null when no partition holds any of them. */
export function sliceOf(snapshot: Snapshot): SnapshotPartition[] | null {
  const parts = snapshot.partitions.map((p) => {
    const pick = (rec: object | undefined): Record<string, unknown> => {
      const from = (rec ?? {}) as Record<string, unknown>;
      return Object.fromEntries(SLICE_KINDS.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
    };
    return {
      account: p.account,
      region: p.region,
      data: pick(p.data),
      ...(p.stale ? { stale: pick(p.stale) } : {}),
      ...(p.fetchedAt ? { fetchedAt: pick(p.fetchedAt) } : {}),
    } as SnapshotPartition;
  });
  return parts.some((p) => Object.keys(p.data).length > 0) ? parts : null;
}

/** Encodes the slice; unchanged content (same hash as `previous`) is not compressed again. */
export function encodeSlice(parts: SnapshotPartition[], previous: EncodedSlice | null = null): EncodedSlice {
  const json = Buffer.from(JSON.stringify(parts));
  const hash = createHash('sha256').update(json).digest('hex');
  if (previous?.hash === hash) return previous;
  return json.length > GZIP_ABOVE
    ? { hash, encoding: 'gzip', body: gzipSync(json) }
    : { hash, encoding: 'json', body: json };
}

const StaleMarkSchema = z.object({ error: z.string(), fetchedAt: z.string().nullable() });
const kindRecord = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(SLICE_KINDS), value).optional();
const SliceSchema = z.array(
  z.object({
    account: z.string().nullable(),
    region: z.string().nullable(),
    data: z.object(
      Object.fromEntries(SLICE_KINDS.map((k) => [k, z.array(KIND_SCHEMAS[k]).optional()])) as {
        [K in (typeof SLICE_KINDS)[number]]: z.ZodOptional<z.ZodArray<(typeof KIND_SCHEMAS)[K]>>;
      },
    ),
    stale: kindRecord(StaleMarkSchema),
    fetchedAt: kindRecord(z.string()),
  }),
);

/** A committed slice back into partitions (validated: it crossed the database). */
export function decodeSlice(encoding: string, body: Buffer): SnapshotPartition[] {
  const json = encoding === 'gzip' ? gunzipSync(body) : body;
  return SliceSchema.parse(JSON.parse(json.toString('utf8'))) as SnapshotPartition[];
}

/**
 * Whether the shard needs the others' slices: it has an ip target group with a target registered for
 * AvailabilityZone "all", which AWS requires for an address outside the group's VPC (ELB API,
 * "TargetDescription"). Without it every target is resolved in the shard's own VPCs.
 */
export function needsForeignSlices(snapshot: Snapshot): boolean {
  return snapshot.partitions.some((p) => {
    const ipGroups = new Set(
      (p.data.TargetGroups ?? []).filter((g) => g.TargetType === 'ip').map((g) => g.TargetGroupArn),
    );
    return (p.data.LoadBalancerTargetHealth ?? []).some(
      (h) =>
        ipGroups.has(h.TargetGroupArn) &&
        (h.TargetHealthDescriptions ?? []).some((d) => d.Target?.AvailabilityZone === 'all'),
    );
  });
}

export interface ForeignSlice {
  shard: string;
  polledAt: string;
  /** Seconds since its owner last committed it (database clock). */
  ageSeconds: number;
  partitions: SnapshotPartition[];
}

/**
 * The snapshot with the other shards' partitions appended (never one of its own scopes). A slice whose owner
 * has not committed for more than two poll intervals has every kind marked stale: the hops that read it
 * answer unknown, never allowed.
 */
export function withForeign(snapshot: Snapshot, slices: ForeignSlice[], intervalSeconds: number): Snapshot {
  const own = new Set(snapshot.partitions.map(scopeKey));
  const extra = slices.flatMap((s) =>
    s.partitions
      .filter((p) => !own.has(scopeKey(p)))
      .map((p) => (s.ageSeconds > 2 * intervalSeconds ? staleCopy(p, s) : p)),
  );
  return extra.length > 0 ? { ...snapshot, partitions: [...snapshot.partitions, ...extra] } : snapshot;
}

function staleCopy(p: SnapshotPartition, s: ForeignSlice): SnapshotPartition {
  const error = `shard ${s.shard} not committed for ${Math.round(s.ageSeconds)} s (more than two poll intervals): its owner stopped`;
  const stale = { ...p.stale };
  for (const kind of Object.keys(p.data) as SnapshotKind[])
    stale[kind] ??= { error, fetchedAt: p.fetchedAt?.[kind] ?? s.polledAt };
  return { ...p, stale };
}

/** Findings and verdicts stay with the partitions' owners: drop what the analysis says about foreign scopes. */
export function ownResult(result: ScanResult, snapshot: Snapshot): ScanResult {
  const own = new Set(snapshot.partitions.map(scopeKey));
  const mine = (x: { account: string | null; region: string | null }) => own.has(scopeKey(x));
  return { ...result, findings: result.findings.filter(mine), services: result.services.filter(mine) };
}
