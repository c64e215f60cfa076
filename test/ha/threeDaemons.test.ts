// Three real daemons (child processes, the real engine) on one PostgreSQL over the demo estate in four
// account/region shards. One is killed with SIGKILL: its shards are taken over within two poll intervals,
// no cycle or event is lost or doubled (numbers contiguous per shard, no two owners at once), every alert
// reaches the receiver exactly once, and a socket.io client on one daemon sees another daemon's deltas.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServe, waitUntil, type Child } from '../integration/helpers/child.ts';
import { startPostgres, type TestPostgres } from '../kit/postgres.ts';
import { liveOwners, notificationKey, SCOPES, sleep, startReceiver, type Receiver } from './kit.ts';

const INTERVAL_S = 2;
const IDS = ['a', 'b', 'c'] as const;

describe('three HA daemons, one killed', () => {
  let db: TestPostgres;
  let client: pg.Client;
  let receiver: Receiver;
  const children = new Map<string, Child>();
  let socket: Socket | null = null;

  beforeAll(async () => {
    [db, receiver] = await Promise.all([startPostgres(), startReceiver()]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    socket?.close();
    for (const c of children.values()) c.proc.kill('SIGKILL');
    await client?.end();
    await Promise.all([db?.stop(), receiver?.close()]);
  });

  const dumpOnFail = (): string =>
    [...children]
      .map(
        ([id, c]) =>
          `--- ${id}\n${c
            .output()
            .split('\n')
            .filter((l) => /shard|coordination|fail|error/i.test(l))
            .slice(-40)
            .join('\n')}`,
      )
      .join('\n');
  [...children].map(([id, c]) => `--- ${id}\n${c.output().slice(-3000)}`).join('\n');
  it('keeps every shard polled by one daemon, takes over a dead one, alerts once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'porthole-ha-'));
    const config = path.join(dir, 'porthole.yaml');
    writeFileSync(
      config,
      JSON.stringify({
        port: 0,
        store: db.url,
        pollIntervalSeconds: INTERVAL_S,
        demo: { seed: 1, scopes: SCOPES },
        ha: { leaseSeconds: 1.25 * INTERVAL_S },
        alerts: {
          repeatIntervalMinutes: 0,
          sinks: [{ type: 'webhook', name: 'receiver', url: receiver.url }],
        },
      }),
    );
    for (const id of IDS) {
      children.set(id, spawnServe(['--config', config], { PORTHOLE_DAEMON_ID: id, PORTHOLE_DATA_DIR: dir }));
    }
    const urls = new Map(
      await Promise.all(IDS.map(async (id) => [id, await children.get(id)!.url] as const)),
    );
    // Settled: every shard held, nobody above the fair share of ceil(4 / 3) = 2.
    const owners = await waitUntil(async () => {
      void dumpOnFail;
      const o = await liveOwners(client);
      const counts = [...o.values()].reduce(
        (m, d) => m.set(d, (m.get(d) ?? 0) + 1),
        new Map<string, number>(),
      );
      return o.size === 4 && [...counts.values()].every((n) => n <= 2) ? o : null;
    }, 45_000).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${dumpOnFail()}`);
    });

    // A client on a daemon sees the deltas of shards another daemon holds.
    const viewer = IDS.find((id) => [...owners.values()].filter((o) => o === id).length < 2)!;
    const seen: number[] = [];
    socket = connect(urls.get(viewer)!, { transports: ['websocket'] });
    socket.on('event:new', (e: { id: number }) => void seen.push(e.id));
    await sleep(3 * INTERVAL_S * 1000);
    // Any daemon reports the leases (/readyz) and who owns what (/metrics).
    const ready = (await (await fetch(`${urls.get(viewer)}/readyz`)).json()) as {
      shards: { daemon: string; leases: Array<{ shard: string; owner: string; live: boolean }> };
    };
    expect(ready.shards.daemon).toBe(viewer);
    expect(ready.shards.leases.filter((l) => l.live)).toHaveLength(4);
    const metrics = await (await fetch(`${urls.get(viewer)}/metrics`)).text();
    expect(metrics.match(/^porthole_shard_owner\{shard="[^"]+",daemon="[abc]"\} 1$/gm)).toHaveLength(4);

    const now = await liveOwners(client);
    const victim = IDS.find((id) => id !== viewer && [...now.values()].includes(id))!;
    const victimShards = [...now].filter(([, o]) => o === victim).map(([s]) => s);
    // Mid-cycle: halfway through the next cycle of one of its shards (its last cycle + one interval).
    const { rows: last } = await client.query<{ started_at: string; duration_ms: number }>(
      'SELECT started_at, duration_ms FROM cycles WHERE shard = $1 ORDER BY seq DESC LIMIT 1',
      [victimShards[0]],
    );
    const midCycle = Date.parse(last[0]!.started_at) + INTERVAL_S * 1000 + last[0]!.duration_ms / 2;
    await sleep(Math.max(0, midCycle - Date.now()));
    const killedAt = Date.now();
    children.get(victim)!.proc.kill('SIGKILL');
    await waitUntil(async () => {
      const o = await liveOwners(client);
      return victimShards.every((s) => o.has(s) && o.get(s) !== victim) ? o : null;
    }, 30_000);
    const takeoverMs = Date.now() - killedAt;
    console.log(`takeover of ${victimShards.join(', ')} after SIGKILL: ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThan(2 * INTERVAL_S * 1000);

    await sleep(5 * INTERVAL_S * 1000);
    for (const id of IDS.filter((i) => i !== victim)) children.get(id)!.proc.kill('SIGTERM');
    await Promise.all(IDS.filter((i) => i !== victim).map((id) => children.get(id)!.exited));

    // Cycles and events: numbered 1..n per shard, without gaps or repeats.
    const { rows: seqs } = await client.query<{
      shard: string;
      t: string;
      n: number;
      lo: number;
      hi: number;
    }>(
      `SELECT shard, 'cycles' AS t, count(*)::int AS n, min(seq)::int AS lo, max(seq)::int AS hi FROM cycles GROUP BY shard
       UNION ALL SELECT shard, 'events', count(*)::int, min(seq)::int, max(seq)::int FROM events GROUP BY shard`,
    );
    expect(seqs.filter((r) => r.t === 'cycles')).toHaveLength(4);
    for (const r of seqs) expect([r.lo, r.n]).toEqual([1, r.hi]);
    // One owner at a time: no two daemons' cycles of a shard overlap, and no poll time repeats.
    const { rows: overlaps } = await client.query(
      `SELECT a.shard FROM cycles a JOIN cycles b ON a.shard = b.shard AND a.seq < b.seq
       WHERE a.daemon <> b.daemon AND b.started_at < a.finished_at`,
    );
    expect(overlaps).toEqual([]);
    const { rows: doubled } = await client.query(
      `SELECT shard, at, type, message FROM events GROUP BY shard, at, type, message HAVING count(*) > 1`,
    );
    expect(doubled).toEqual([]);
    const { rows: pollers } = await client.query<{ shard: string; daemons: string[] }>(
      `SELECT shard, array_agg(DISTINCT daemon) AS daemons FROM cycles GROUP BY shard`,
    );
    expect(pollers.some((p) => p.daemons.includes(victim) && p.daemons.length > 1)).toBe(true);

    // Alerts: none twice; every delivery the store recorded reached the receiver.
    const keys = receiver.received.map(notificationKey);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length - new Set(keys).size).toBe(0);
    const { rows: claims } = await client.query<{ delivered: number; pending: number }>(
      `SELECT count(delivered_at)::int AS delivered, (count(*) - count(delivered_at))::int AS pending FROM alert_claims`,
    );
    // Every recorded delivery arrived. A notification the killed daemon sent after claiming it but before
    // recording the answer arrived too and its claim stays pending (the claim is the lock: nobody else sends
    // it), so what arrived is between the recorded deliveries and those plus the pending claims.
    expect(receiver.received.length).toBeGreaterThanOrEqual(claims[0]!.delivered);
    expect(receiver.received.length).toBeLessThanOrEqual(claims[0]!.delivered + claims[0]!.pending);
    console.log(
      `alerts: ${keys.length} received, ${keys.length - new Set(keys).size} duplicated, ${claims[0]!.pending} claimed but unsent`,
    );
    // An open finding seen long enough (streak ≥ 2) has fired.
    const fired = new Set(receiver.received.flatMap((b) => b.alerts.map((a) => a.startsAt + a.fingerprint)));
    const { rows: open } = await client.query<{ body: { id: string }; first_seen: string }>(
      `SELECT body, first_seen FROM findings WHERE status = 'open' AND streak >= 3`,
    );
    const { fingerprint } = await import('../../agent/src/alerts/payloads.ts');
    for (const f of open) expect(fired.has(f.first_seen + fingerprint(f.body.id))).toBe(true);

    // Deltas from shards the viewer did not hold reached its client.
    const { rows: foreign } = await client.query(
      `SELECT e.id FROM events e JOIN cycles c ON c.shard = e.shard AND c.seq = e.cycle_seq
       WHERE e.id = ANY($1::bigint[]) AND c.daemon <> $2`,
      [seen, viewer],
    );
    expect(foreign.length).toBeGreaterThan(0);
  }, 90_000);
});
