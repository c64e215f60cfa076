// Shard leases in PostgreSQL: claims never overlap, expiry frees a shard, a lost lease cannot commit, and
// the fair share spreads the shards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claim,
  ensureShards,
  fairShare,
  fence,
  heartbeat,
  LeaseLostError,
  release,
  renew,
} from '../../agent/src/daemon/shards/leases.ts';
import { openPg, pgTx, type PgPool } from '../../agent/src/store/postgres/pgDb.ts';
import { startPostgres, type TestPostgres } from '../kit/postgres.ts';
import { sleep } from './kit.ts';

const SHARDS = ['1/eu-west-1', '1/us-east-1', '2/eu-west-1', '2/us-east-1'];

describe('shard leases', () => {
  let db: TestPostgres;
  let pool: PgPool;
  beforeAll(async () => {
    db = await startPostgres();
    pool = await openPg(db.url);
    await ensureShards(pool, SHARDS);
    await ensureShards(pool, SHARDS); // idempotent
  });
  afterAll(async () => {
    await pool?.end();
    await db?.stop();
  });

  it('gives each shard to one daemon when several claim at once', async () => {
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((d) => claim(pool, d, SHARDS, 4, 60_000)));
    const claimed = claims.flat().map((l) => l.shard);
    expect(claimed.sort()).toEqual(SHARDS);
    for (const [i, d] of ['a', 'b', 'c', 'd'].entries()) {
      expect((await renew(pool, d, 60_000)).map((l) => l.shard)).toEqual(
        claims[i]!.map((l) => l.shard).sort(),
      );
    }
    for (const [i, d] of ['a', 'b', 'c', 'd'].entries())
      for (const l of claims[i]!) await release(pool, d, l);
  });

  it('frees an expired lease for another daemon, with a new epoch; the old owner can no longer commit', async () => {
    const [first] = await claim(pool, 'a', SHARDS.slice(0, 1), 1, 300);
    expect(await claim(pool, 'b', SHARDS.slice(0, 1), 1, 300)).toEqual([]);
    await sleep(400);
    expect(await renew(pool, 'a', 300)).toEqual([]);
    const [taken] = await claim(pool, 'b', SHARDS.slice(0, 1), 1, 60_000);
    expect(taken!.epoch).toBe(first!.epoch + 1);
    await expect(pgTx(pool, (c) => fence(c, 'a', first!, 60_000))).rejects.toBeInstanceOf(LeaseLostError);
    await expect(pgTx(pool, (c) => fence(c, 'b', taken!, 60_000))).resolves.toBeUndefined();
    await release(pool, 'b', taken!);
  });

  it('counts the daemons seen within the TTL', async () => {
    expect(await heartbeat(pool, 'x', null, 60_000)).toBeGreaterThanOrEqual(1);
    const before = await heartbeat(pool, 'y', 'http://127.0.0.1:1', 60_000);
    expect(await heartbeat(pool, 'y', 'http://127.0.0.1:1', 60_000)).toBe(before);
  });

  it('fair share: together the daemons can hold every shard, none holds more than one above another', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 50 }), (shards, daemons) => {
        const share = fairShare(shards, daemons);
        expect(share * daemons).toBeGreaterThanOrEqual(shards);
        expect((share - 1) * daemons).toBeLessThan(shards);
      }),
    );
  });
});
