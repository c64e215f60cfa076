// HA benchmark: the L estate (4 account/region shards) on 2 daemons sharing a throwaway PostgreSQL, against
// one daemon on SQLite. Per daemon: cycle time per shard and peak RSS; then one daemon is killed (SIGKILL)
// and the takeover is timed (lease taken, first committed cycle of the new owner).
//   npx tsx bench/ha/run.ts --estate bench/.estates/L-seed1-v3 [--interval 20]
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { spawnServe, waitUntil, type Child } from '../../test/integration/helpers/child.ts';
import { startPostgres } from '../../test/kit/postgres.ts';

const { values } = parseArgs({
  options: { estate: { type: 'string' }, interval: { type: 'string', default: '20' } },
});
const estate = path.resolve(values.estate ?? 'bench/.estates/L-seed1-v3');
const interval = Number(values.interval);

/** Peak and current RSS of a process, MB (Linux /proc). */
function rss(pid: number): { peakMb: number; nowMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peakMb: Math.round(kb('VmHWM') / 1024), nowMb: Math.round(kb('VmRSS') / 1024) };
}

async function sqliteBaseline(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'porthole-bench-sqlite-'));
  const child = spawnServe(['--snapshot', estate, '--port', '0'], {
    PORTHOLE_DATA_DIR: dir,
    PORTHOLE_POLL_INTERVAL_SECONDS: String(interval),
  });
  const url = await child.url;
  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(`${url}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  };
  await waitUntil(
    async () => ((await metric('porthole_poll_duration_seconds_count')) >= 3 ? true : null),
    600_000,
  );
  const result = {
    cycleMs: Math.round(
      ((await metric('porthole_poll_duration_seconds_sum')) /
        (await metric('porthole_poll_duration_seconds_count'))) *
        1000,
    ),
    ...rss(child.proc.pid!),
  };
  child.proc.kill('SIGTERM');
  await child.exited;
  return result;
}

async function ha(): Promise<Record<string, unknown>> {
  const db = await startPostgres();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'porthole-bench-ha-'));
  const config = path.join(dir, 'porthole.yaml');
  writeFileSync(
    config,
    JSON.stringify({
      port: 0,
      store: db.url,
      source: 'snapshot',
      snapshotDir: estate,
      pollIntervalSeconds: interval,
      ha: { leaseSeconds: 1.5 * interval },
    }),
  );
  const children = new Map<string, Child>(
    ['a', 'b'].map((id) => [id, spawnServe(['--config', config], { PORTHOLE_DAEMON_ID: id })]),
  );
  await Promise.all([...children.values()].map((c) => c.url));
  const cycles = async () =>
    (
      await client.query<{ daemon: string; shard: string; n: number; ms: number }>(
        `SELECT daemon, shard, count(*)::int AS n, avg(duration_ms)::int AS ms FROM cycles GROUP BY daemon, shard ORDER BY daemon, shard`,
      )
    ).rows;
  // Settled: two shards each, three cycles per shard.
  await waitUntil(async () => {
    const rows = await cycles();
    const owners = (
      await client.query(
        `SELECT owner, count(*)::int AS n FROM leases WHERE expires_at > now() GROUP BY owner`,
      )
    ).rows;
    return owners.length === 2 && owners.every((o) => o.n === 2) && rows.filter((r) => r.n >= 3).length >= 4
      ? rows
      : null;
  }, 900_000);
  const perDaemon = Object.fromEntries([...children].map(([id, c]) => [id, { ...rss(c.proc.pid!) }]));
  const before = await cycles();
  const victimShards = (
    await client.query<{ shard: string }>(`SELECT shard FROM leases WHERE owner = 'a' AND expires_at > now()`)
  ).rows.map((r) => r.shard);
  const killedAt = Date.now();
  children.get('a')!.proc.kill('SIGKILL');
  await waitUntil(async () => {
    const { rows } = await client.query(
      `SELECT shard FROM leases WHERE owner = 'b' AND shard = ANY($1) AND expires_at > now()`,
      [victimShards],
    );
    return rows.length === victimShards.length ? true : null;
  }, 600_000);
  const leaseTakenMs = Date.now() - killedAt;
  const { rows: lastA } = await client.query(
    `SELECT max(seq)::int AS seq, shard FROM cycles WHERE shard = ANY($1) GROUP BY shard`,
    [victimShards],
  );
  await waitUntil(async () => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM cycles c WHERE c.daemon = 'b' AND c.shard = ANY($1)`,
      [victimShards],
    );
    return rows[0].n >= victimShards.length ? true : null;
  }, 600_000);
  const firstCycleMs = Date.now() - killedAt;
  const result = {
    cycles: before,
    rss: perDaemon,
    survivorAfterTakeover: rss(children.get('b')!.proc.pid!),
    takeover: {
      shards: victimShards,
      lastSeqBefore: lastA,
      leaseTakenMs,
      firstCommittedCycleMs: firstCycleMs,
    },
  };
  children.get('b')!.proc.kill('SIGTERM');
  await children.get('b')!.exited;
  await client.end();
  await db.stop();
  return result;
}

const out = { estate, interval, sqlite: await sqliteBaseline(), ha: await ha() };
console.log(JSON.stringify(out, null, 2));
