// The shard_slices table (PostgreSQL migration 3): each shard's network slice, written in its owner's fenced
// cycle transaction; the body only when its hash changed, the commit time every cycle.
import type { PgClient, PgPool } from './pgDb.ts';

/** A shard's slice as stored: its content hash (sha256 of the JSON) and the body, gzipped when large. */
export interface EncodedSlice {
  hash: string;
  encoding: 'json' | 'gzip';
  body: Buffer;
}

/** Records this cycle's slice: the whole row when the hash differs from the stored one, else the times only. */
export async function commitSlice(
  client: PgClient,
  shard: string,
  polledAt: string,
  slice: EncodedSlice,
): Promise<'written' | 'touched'> {
  const touched = await client.query(
    'UPDATE shard_slices SET polled_at = $2, committed_at = now() WHERE shard = $1 AND hash = $3',
    [shard, polledAt, slice.hash],
  );
  if ((touched.rowCount ?? 0) > 0) return 'touched';
  await client.query(
    `INSERT INTO shard_slices (shard, polled_at, hash, encoding, body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (shard) DO UPDATE SET polled_at = excluded.polled_at, committed_at = now(),
       hash = excluded.hash, encoding = excluded.encoding, body = excluded.body`,
    [shard, polledAt, slice.hash, slice.encoding, slice.body],
  );
  return 'written';
}

export interface SliceRow {
  shard: string;
  polledAt: string;
  hash: string;
  ageSeconds: number;
  /** Null when the caller already holds this hash decoded (the body is not sent again). */
  encoding: string | null;
  body: Buffer | null;
}

/** Every other shard's slice; bodies only for hashes the caller does not hold. */
export async function readSlices(pool: PgPool, except: string, known: string[]): Promise<SliceRow[]> {
  const { rows } = await pool.query<{
    shard: string;
    polled_at: string;
    hash: string;
    age: number;
    encoding: string | null;
    body: Buffer | null;
  }>(
    `SELECT shard, polled_at, hash, extract(epoch FROM now() - committed_at)::float8 AS age,
       CASE WHEN hash = ANY($2::text[]) THEN NULL ELSE encoding END AS encoding,
       CASE WHEN hash = ANY($2::text[]) THEN NULL ELSE body END AS body
     FROM shard_slices WHERE shard <> $1 ORDER BY shard`,
    [except, known],
  );
  return rows.map((r) => ({
    shard: r.shard,
    polledAt: r.polled_at,
    hash: r.hash,
    ageSeconds: r.age,
    encoding: r.encoding,
    body: r.body,
  }));
}
