// Cross-shard analysis with two real daemons (child processes) on one PostgreSQL: snapshot shards where the
// web ALB (account 111122223333) has an ip target in a peered VPC of account 444455556666, whose route back
// is a blackhole. The ALB shard's owner reports the cross-account finding from the other shard's committed
// slice; once the other owner is killed (its lease outlives two poll intervals) the target turns unknown
// (stale data), never healthy; after the takeover the finding is back.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER, peerAccountDocs, peeredAlbDocs } from '../../core/test-kit/peeredEstate.ts';
import { ids } from '../../core/test-kit/ruleTestKit.ts';
import { spawnServe, waitUntil, type Child } from '../integration/helpers/child.ts';
import { startPostgres, type TestPostgres } from '../kit/postgres.ts';
import { liveOwners, sleep } from './kit.ts';

const INTERVAL_S = 2;
const ALB_SHARD = `${ids.account}/${ids.region}`;
const PEER_SHARD = `${PEER.account}/${ids.region}`;

interface Row {
  rule: string;
  status: string;
  body: { targets: Array<{ id: string }>; evidence: Array<{ detail: string }> };
}

describe('cross-shard analysis on two HA daemons', () => {
  let db: TestPostgres;
  let client: pg.Client;
  const children = new Map<string, Child>();

  beforeAll(async () => {
    db = await startPostgres();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    for (const c of children.values()) c.proc.kill('SIGKILL');
    await client?.end();
    await db?.stop();
  });

  /** Open findings of the ALB shard about the peered target. */
  const peerFindings = async (): Promise<Row[]> => {
    const { rows } = await client.query<Row>(
      `SELECT rule, status, body FROM findings WHERE shard = $1 AND status = 'open'`,
      [ALB_SHARD],
    );
    return rows.filter((r) => r.body.targets.some((t) => t.id === PEER.ip));
  };
  const dump = () => [...children].map(([id, c]) => `--- ${id}\n${c.output().slice(-2000)}`).join('\n');

  it('computes the cross-account finding in the ALB shard and turns it unknown when the peer shard goes stale', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'porthole-xshard-'));
    const peer = peerAccountDocs(ids.region);
    const tables = peer.find((d) => d.json.RouteTables)!.json.RouteTables as Array<{ Routes: Json[] }>;
    tables[0]!.Routes[1]!.State = 'blackhole';
    for (const doc of [...peeredAlbDocs().docs, ...peer]) {
      const file = path.join(dir, 'snap', doc.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(doc.json));
    }
    const config = path.join(dir, 'porthole.yaml');
    writeFileSync(
      config,
      JSON.stringify({
        port: 0,
        store: db.url,
        source: 'snapshot',
        snapshotDir: path.join(dir, 'snap'),
        pollIntervalSeconds: INTERVAL_S,
        // The lease outlives two intervals: a killed owner's slice goes stale before anyone takes over.
        ha: { leaseSeconds: 10 },
        findings: { resolveAfterCycles: 1 },
      }),
    );
    for (const id of ['a', 'b'])
      children.set(id, spawnServe(['--config', config], { PORTHOLE_DAEMON_ID: id, PORTHOLE_DATA_DIR: dir }));
    await Promise.all([...children.values()].map((c) => c.url));
    const owners = await waitUntil(async () => {
      const o = await liveOwners(client);
      return o.size === 2 && o.get(ALB_SHARD) !== o.get(PEER_SHARD) ? o : null;
    }, 60_000).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${dump()}`);
    });

    // Fresh: the ALB shard's owner finds the blackhole in account B's route table, from B's slice.
    const fresh = await waitUntil(async () => {
      const rows = await peerFindings();
      return rows.some((r) => r.rule === 'peer-route-missing') ? rows : null;
    }, 30_000);
    expect(fresh.map((r) => r.rule)).toEqual(['peer-route-missing']);
    const { rows: slices } = await client.query<{ shard: string; encoding: string }>(
      'SELECT shard, encoding FROM shard_slices ORDER BY shard',
    );
    expect(slices.map((s) => s.shard)).toEqual([ALB_SHARD, PEER_SHARD]);
    const { rows: authors } = await client.query<{ daemon: string }>(
      'SELECT DISTINCT daemon FROM cycles WHERE shard = $1',
      [ALB_SHARD],
    );
    expect(authors.map((a) => a.daemon)).toEqual([owners.get(ALB_SHARD)]);

    const ages: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { rows } = await client.query<{ age: number }>(
        'SELECT extract(epoch FROM now() - committed_at)::float8 AS age FROM shard_slices WHERE shard = $1',
        [PEER_SHARD],
      );
      ages.push(rows[0]!.age);
      await sleep(200);
    }
    console.log(`peer slice age while its owner lives: max ${Math.max(...ages).toFixed(2)} s`);
    // The peer shard's owner dies: past two intervals its slice is stale and the target unknown.
    const victim = owners.get(PEER_SHARD)!;
    children.get(victim)!.proc.kill('SIGKILL');
    const killedAt = Date.now();
    let sawHealthy = false;
    const stale = await waitUntil(async () => {
      const rows = await peerFindings();
      if (rows.length === 0) sawHealthy = true;
      const unknown = rows.find(
        (r) =>
          r.rule === 'data-missing' && r.body.evidence.some((e) => e.detail.includes('not committed for')),
      );
      return unknown && !rows.some((r) => r.rule === 'peer-route-missing') ? rows : null;
    }, 30_000);
    console.log(`peered target unknown ${Date.now() - killedAt} ms after SIGKILL of the peer shard's owner`);
    expect(sawHealthy).toBe(false);
    // Each rule whose hop reads account B's data says it is unknown (SG, NACLs, route).
    expect(new Set(stale.map((r) => r.rule))).toEqual(new Set(['data-missing']));

    // The survivor takes the peer shard over: its slice is fresh again, and so is the finding.
    await waitUntil(async () => {
      const rows = await peerFindings();
      if (rows.length === 0) sawHealthy = true;
      return rows.some((r) => r.rule === 'peer-route-missing') ? rows : null;
    }, 30_000);
    expect(sawHealthy).toBe(false);
    expect((await liveOwners(client)).get(PEER_SHARD)).not.toBe(victim);
  }, 150_000);
});

type Json = Record<string, unknown>;
