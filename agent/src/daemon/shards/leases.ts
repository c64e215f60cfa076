// Shard leases in PostgreSQL: one row per account/region shard, owned by one daemon until its expiry. Every
// time comes from the database clock (now()), so daemons on hosts with skewed clocks agree on who holds what.
// A lease is renewed on every tick and checked (fenced) in the transaction that commits the shard's cycle:
// a daemon that lost its lease cannot commit, so a takeover never doubles an event.
import type { PgClient, PgPool } from '../../store/postgres/pgDb.ts';

export interface Lease {
  shard: string;
  owner: string | null;
  epoch: number;
  expiresAt: string;
  live: boolean;
}

export interface HeldLease {
  shard: string;
  epoch: number;
}

/** The commit of a shard's cycle found that this daemon no longer holds the shard. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

const seconds = (ms: number): number => ms / 1000;

/** Creates a lease row (free) for every configured shard. */
export async function ensureShards(pool: PgPool, shards: readonly string[]): Promise<void> {
  await pool.query(`INSERT INTO leases (shard) SELECT unnest($1::text[]) ON CONFLICT (shard) DO NOTHING`, [
    shards,
  ]);
}

/** Records that this daemon is alive; returns how many daemons are (seen within the lease TTL). */
export async function heartbeat(
  pool: PgPool,
  daemon: string,
  url: string | null,
  ttlMs: number,
): Promise<number> {
  await pool.query(
    `INSERT INTO daemons (id, url, started_at, seen_at) VALUES ($1, $2, now(), now())
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, seen_at = now()`,
    [daemon, url],
  );
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM daemons WHERE seen_at > now() - make_interval(secs => $1)`,
    [seconds(ttlMs)],
  );
  return Number(rows[0]!.n);
}

/** Extends every unexpired lease this daemon holds; returns them (a lease that expired meanwhile is gone). */
export async function renew(pool: PgPool, daemon: string, ttlMs: number): Promise<HeldLease[]> {
  const { rows } = await pool.query<{ shard: string; epoch: string }>(
    `UPDATE leases SET expires_at = now() + make_interval(secs => $2)
     WHERE owner = $1 AND expires_at > now() RETURNING shard, epoch`,
    [daemon, seconds(ttlMs)],
  );
  return rows
    .map((r) => ({ shard: r.shard, epoch: Number(r.epoch) }))
    .sort((a, b) => a.shard.localeCompare(b.shard));
}

/**
 * Takes up to `count` free or expired shards among `shards`. SKIP LOCKED: daemons claiming at the same moment
 * never wait for or take the same row; the epoch goes up with every change of owner.
 */
export async function claim(
  pool: PgPool,
  daemon: string,
  shards: readonly string[],
  count: number,
  ttlMs: number,
): Promise<HeldLease[]> {
  if (count <= 0) return [];
  const { rows } = await pool.query<{ shard: string; epoch: string }>(
    `UPDATE leases SET owner = $1, epoch = epoch + 1, expires_at = now() + make_interval(secs => $4)
     WHERE shard IN (
       SELECT shard FROM leases WHERE shard = ANY($2::text[]) AND expires_at <= now()
       ORDER BY shard LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING shard, epoch`,
    [daemon, shards, count, seconds(ttlMs)],
  );
  return rows.map((r) => ({ shard: r.shard, epoch: Number(r.epoch) }));
}

/** Gives a shard up at once (its runner has stopped), so another daemon can claim it on its next tick. */
export async function release(pool: PgPool, daemon: string, lease: HeldLease): Promise<void> {
  await pool.query(`UPDATE leases SET expires_at = now() WHERE shard = $1 AND owner = $2 AND epoch = $3`, [
    lease.shard,
    daemon,
    lease.epoch,
  ]);
}

/** Inside a shard's commit transaction: locks its lease row and checks this daemon still holds it. */
export async function fence(
  client: PgClient,
  daemon: string,
  lease: HeldLease,
  ttlMs: number,
): Promise<void> {
  const { rowCount } = await client.query(
    `UPDATE leases SET expires_at = now() + make_interval(secs => $4)
     WHERE shard = $1 AND owner = $2 AND epoch = $3 AND expires_at > now()`,
    [lease.shard, daemon, lease.epoch, seconds(ttlMs)],
  );
  if (rowCount !== 1) throw new LeaseLostError(`lease on shard ${lease.shard} lost (epoch ${lease.epoch})`);
}

export async function leases(pool: PgPool): Promise<Lease[]> {
  const { rows } = await pool.query<{
    shard: string;
    owner: string | null;
    epoch: string;
    expires_at: string;
    live: boolean;
  }>(
    `SELECT shard, owner, epoch, expires_at::text AS expires_at, expires_at > now() AS live FROM leases ORDER BY shard`,
  );
  return rows.map((r) => ({
    shard: r.shard,
    owner: r.owner,
    epoch: Number(r.epoch),
    expiresAt: r.expires_at,
    live: r.live,
  }));
}

/** Each daemon's fair share: ceil(shards / live daemons). */
export function fairShare(shards: number, liveDaemons: number): number {
  return Math.ceil(shards / Math.max(1, liveDaemons));
}
