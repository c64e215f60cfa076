// Freshness as data: per account/region and kind, when the data held was last fetched in full and the
// last error; per service verdict, whether it is stale and how old the oldest data behind it is.
// Pure: the caller passes the clock. Used where verdicts are served (daemon API/socket, CLI scan).
import { SNAPSHOT_KINDS, type ServiceVerdict, type Snapshot, type SnapshotKind } from '@porthole/shared';

export interface KindFreshness {
  account: string | null;
  region: string | null;
  kind: SnapshotKind;
  /** ISO time of the last successful fetch of the data held; null when it was never fetched. */
  fetchedAt: string | null;
  /** The last fetch's error; null when it worked. */
  error: string | null;
}

/**
 * What a snapshot says about its own freshness. A partition with per-kind fetch times (the live source)
 * is taken at its word: a kind without one was never fetched. Otherwise (a folder) every kind present
 * dates from the capture time, or from `readAt` when the folder does not say.
 */
export function kindFreshness(snapshot: Snapshot, readAt: string): KindFreshness[] {
  const out: KindFreshness[] = [];
  for (const p of snapshot.partitions) {
    for (const kind of SNAPSHOT_KINDS) {
      const mark = p.stale?.[kind];
      if (!mark && p.data[kind] === undefined) continue;
      const fetchedAt = mark
        ? mark.fetchedAt
        : p.fetchedAt
          ? (p.fetchedAt[kind] ?? null)
          : (snapshot.capturedAt ?? readAt);
      out.push({ account: p.account, region: p.region, kind, fetchedAt, error: mark?.error ?? null });
    }
  }
  return out;
}

export interface FreshnessContext {
  kinds: readonly KindFreshness[];
  /** The last poll's error (the data shown is from before it); null when it worked. */
  pollError: string | null;
  /** The last cycle that brought data; with `staleAfterMs`, no new data for that long is stale too. */
  lastOkAt: string | null;
  staleAfterMs: number | null;
  now: Date;
}

const scopeOf = (account: string | null, region: string | null): string =>
  `${account ?? '?'}/${region ?? '?'}`;

/** Each verdict with `stale`, `staleReason`, `dataFrom` (oldest data of its account/region) and its age. */
export function withFreshness(services: readonly ServiceVerdict[], ctx: FreshnessContext): ServiceVerdict[] {
  const byScope = new Map<string, KindFreshness[]>();
  for (const k of ctx.kinds) {
    const key = scopeOf(k.account, k.region);
    byScope.set(key, [...(byScope.get(key) ?? []), k]);
  }
  const nowMs = ctx.now.getTime();
  const overdue =
    ctx.lastOkAt !== null && ctx.staleAfterMs !== null && nowMs - Date.parse(ctx.lastOkAt) > ctx.staleAfterMs;
  return services.map((s) => {
    const kinds = byScope.get(scopeOf(s.account, s.region)) ?? [];
    const failed = kinds.filter((k) => k.error !== null);
    const times = kinds.map((k) => k.fetchedAt).filter((t): t is string => t !== null);
    const dataFrom = times.length > 0 ? times.reduce((a, b) => (a < b ? a : b)) : ctx.lastOkAt;
    const never = kinds.find((k) => k.fetchedAt === null);
    let staleReason: string | null = null;
    if (ctx.pollError !== null) staleReason = `poll failed: ${ctx.pollError}`;
    else if (failed.length > 0) {
      const first = failed[0]!;
      const more =
        failed.length > 1 ? ` (and ${failed.length - 1} more kind${failed.length > 2 ? 's' : ''})` : '';
      staleReason = `${first.kind}: ${first.error}${more}`;
    } else if (overdue) staleReason = `no successful poll since ${ctx.lastOkAt}`;
    else if (never) staleReason = `${never.kind} was never fetched`;
    return {
      ...s,
      stale: staleReason !== null,
      staleReason,
      dataFrom,
      dataAgeSeconds:
        dataFrom === null ? null : Math.max(0, Math.round((nowMs - Date.parse(dataFrom)) / 1000)),
    };
  });
}
