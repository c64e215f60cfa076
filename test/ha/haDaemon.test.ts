// Two HA daemons in one process over one PostgreSQL and the demo estate in four account/region shards:
// the shards split fairly, each shard's cycles and events are numbered without gaps or repeats, and each
// daemon serves every shard.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaDaemon, type HaDaemon } from '../../agent/src/daemon/shards/haDaemon.ts';
import { testConfig } from '../integration/helpers/daemon.ts';
import { waitUntil } from '../integration/helpers/child.ts';
import { startPostgres, type TestPostgres } from '../kit/postgres.ts';
import { SCOPES } from './kit.ts';

describe('HA daemons on PostgreSQL', () => {
  let db: TestPostgres;
  let client: pg.Client;
  const daemons: HaDaemon[] = [];

  beforeAll(async () => {
    db = await startPostgres();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await Promise.all(daemons.map((d) => d.close()));
    await client?.end();
    await db?.stop();
  });

  it('rebalance the shards when a daemon joins, number each shard contiguously and serve the whole estate', async () => {
    const config = (id: string) =>
      testConfig({
        store: db.url,
        pollIntervalSeconds: 0.5,
        demo: { seed: 1, scopes: SCOPES },
        ha: { daemonId: id, leaseSeconds: 1 },
      });
    daemons.push(await startHaDaemon(config('a'), { processMetrics: false, log: () => undefined }));
    // Alone, a takes every shard; when b joins, a releases down to its fair share and b takes the rest.
    await waitUntil(async () => (daemons[0]!.coordinator.held.size === 4 ? true : null), 20_000);
    daemons.push(await startHaDaemon(config('b'), { processMetrics: false, log: () => undefined }));
    await waitUntil(async () => {
      const { rows } = await client.query(
        `SELECT owner, count(*)::int AS n FROM leases WHERE expires_at > now() GROUP BY owner ORDER BY owner`,
      );
      return rows.length === 2 && rows.every((r) => r.n === 2) ? rows : null;
    }, 20_000);
    await waitUntil(async () => {
      const { rows } = await client.query(`SELECT shard, min(seq)::int AS lo FROM cycles GROUP BY shard`);
      return rows.length === 4 ? rows : null;
    }, 20_000);
    await new Promise((r) => setTimeout(r, 2000));
    const { rows: gaps } = await client.query(
      `SELECT shard, count(*)::int AS n, max(seq)::int AS hi FROM cycles GROUP BY shard`,
    );
    for (const g of gaps) expect(g.n).toBe(g.hi);
    const { rows: ev } = await client.query(
      `SELECT shard, count(*)::int AS n, max(seq)::int AS hi FROM events GROUP BY shard`,
    );
    for (const e of ev) expect(e.n).toBe(e.hi);
    for (const d of daemons) {
      const overview = (await (await fetch(`${d.url}/api/overview`)).json()) as {
        services: Array<{ account: string; region: string }>;
      };
      const scopes = new Set(overview.services.map((s) => `${s.account}/${s.region}`));
      expect(scopes.size).toBe(4);
      // Every shard's service pages and timeline, whichever daemon holds it.
      for (const { account, region } of SCOPES) {
        const res = await fetch(`${d.url}/api/services/prod/web?account=${account}&region=${region}`);
        expect(res.status).toBe(200);
        const detail = (await res.json()) as { service: { account: string; region: string } };
        expect(detail.service).toMatchObject({ account, region });
      }
      const events = (await (await fetch(`${d.url}/api/events?limit=1000`)).json()) as Array<{ id: number }>;
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      expect(events.length).toBeLessThanOrEqual(rows[0]!.n);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    }
  }, 60_000);
});
