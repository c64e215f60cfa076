// PostgreSQL migration 2: a store written by the version that kept the diff baseline and the last scan as
// kv blobs opens with those blobs as fact and verdict rows (keyed as the SQLite tables key them), so the
// next owner of each shard diffs against the same baseline and serves the same verdicts.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceKey, targetKey } from '../../agent/src/store/cycleState.ts';
import { PG_MIGRATIONS } from '../../agent/src/store/postgres/migrations.ts';
import { openPg } from '../../agent/src/store/postgres/pgDb.ts';
import { hydrateShard, memoryStore } from '../../agent/src/store/postgres/shardState.ts';
import { startPostgres, type TestPostgres } from '../kit/postgres.ts';

const SHARD = '111111111111/eu-west-1';
const FACT = {
  kind: 'sg-rule',
  owner: 'sg-1',
  text: 'ingress tcp 8080 from sg-alb',
  fields: {},
  service: 'prod/web',
  resources: ['sg-1'],
};
const SERVICE = { name: 'prod/web', account: '111111111111', region: 'eu-west-1', status: 'healthy' };
const TARGET = { targetGroupArn: 'arn:aws:elasticloadbalancing:tg/web', id: '10.0.0.5', port: 8080 };

describe('PostgreSQL migration 2 (cycle state as rows)', () => {
  let db: TestPostgres;
  beforeAll(async () => {
    db = await startPostgres();
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('moves the kv blobs of a version-1 store into facts and verdicts rows', async () => {
    const old = new pg.Client({ connectionString: db.url });
    await old.connect();
    await old.query(PG_MIGRATIONS[0]!);
    await old.query(
      'CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1)',
    );
    await old.query('INSERT INTO kv (shard, key, value) VALUES ($1, $2, $3::jsonb), ($1, $4, $5::jsonb)', [
      SHARD,
      'diff.baseline',
      JSON.stringify({ 'sg|sg-1|in': FACT }),
      'scan.last',
      JSON.stringify({
        schemaVersion: 1,
        services: [SERVICE],
        targets: [TARGET],
        findings: [],
        warnings: [],
      }),
    ]);
    await old.end();

    const pool = await openPg(db.url);
    try {
      const { rows } = await pool.query<{ key: string }>('SELECT key FROM kv WHERE shard = $1', [SHARD]);
      expect(rows.map((r) => r.key)).toEqual(['facts.baseline']);
      const local = memoryStore();
      await hydrateShard(pool, SHARD, local, '2026-03-02T10:00:00.000Z');
      expect(local.state.facts()).toEqual({ 'sg|sg-1|in': FACT });
      expect(local.state.verdicts()).toEqual({ services: [SERVICE], targets: [TARGET] });
      const keys = local.db.prepare('SELECT kind, key FROM verdicts ORDER BY kind').all();
      expect(keys).toEqual([
        { kind: 'service', key: serviceKey(SERVICE) },
        { kind: 'target', key: targetKey(TARGET) },
      ]);
      local.close();
    } finally {
      await pool.end();
    }
  });
});
