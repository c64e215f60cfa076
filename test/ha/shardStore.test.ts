// The shard store contract: what the poll loop wrote into a shard's SQLite working set is what the next
// owner loads back from PostgreSQL (findings, kv, facts and verdicts as deltas, alert state and groups), numbering continues after the
// last committed cycle and event, the alert ledger lets one daemon send each notification, and retention
// keeps each shard's newest rows.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceVerdict } from '@porthole/shared';
import type { Job } from '../../agent/src/alerts/dispatcher.ts';
import { findingArb } from '../../agent/test-kit/findingArbitrary.ts';
import { pgAlertLedger } from '../../agent/src/store/postgres/alertLedger.ts';
import { openPg, pgTx, type PgPool } from '../../agent/src/store/postgres/pgDb.ts';
import { prunePg } from '../../agent/src/store/postgres/retention.ts';
import {
  advanceMarks,
  commitShard,
  hydrateShard,
  memoryStore,
} from '../../agent/src/store/postgres/shardState.ts';
import { startPostgres, type TestPostgres } from '../kit/postgres.ts';
import { sleep } from './kit.ts';

const AT = '2026-03-02T10:00:00.000Z';
const cycle = (startedAt: string) => ({
  startedAt,
  finishedAt: startedAt,
  durationMs: 5,
  ok: true,
  error: null,
  source: 'demo',
  services: 3,
  openFindings: 0,
  events: 1,
});
const FACT = {
  kind: 'route' as const,
  owner: 'rtb-1',
  text: 'route 0.0.0.0/0 via igw-1',
  fields: { target: 'igw-1' },
  service: null,
  resources: ['rtb-1'],
};
const VERDICT: ServiceVerdict = {
  name: 'prod/web',
  cluster: 'prod',
  service: 'web',
  arn: 'arn:aws:ecs:eu-west-1:111111111111:service/prod/web',
  account: '111111111111',
  region: 'eu-west-1',
  status: 'healthy',
  desiredCount: 2,
  runningCount: 2,
  targetCounts: { healthy: 2 },
  targetsTotal: 2,
  targetsHealthy: 2,
  topFinding: null,
  why: 'all targets healthy',
  findingIds: [],
};
const event = (at: string, message: string) => ({
  at,
  type: 'route-removed' as const,
  service: 'prod/web',
  resources: ['rtb-1'],
  message,
  likelyCause: null,
});

describe('shard store (SQLite working set ⇄ PostgreSQL)', () => {
  let db: TestPostgres;
  let pool: PgPool;
  beforeAll(async () => {
    db = await startPostgres();
    pool = await openPg(db.url);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.stop();
  });

  it('hands the next owner exactly what was committed, and numbering continues', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(findingArb, { selector: (f) => f.id, maxLength: 5 }),
        async (findings) => {
          const shard = `shard-${n++}`;
          const first = memoryStore();
          const marks = await hydrateShard(pool, shard, first, AT);
          const states = findings.map((f, i) => ({
            ...f,
            status: i % 2 ? ('resolved' as const) : ('open' as const),
            firstSeen: AT,
            lastSeen: AT,
            resolvedAt: i % 2 ? AT : null,
            likelyCause: null,
            streak: i + 1,
            missed: 0,
          }));
          first.tx(() => {
            const id = first.cycles.insert(cycle(AT));
            first.events.insert(event(AT, 'route 0.0.0.0/0 removed'), id);
            states.forEach((s) => first.findings.save(s));
            first.state.applyFacts({ upsert: { 'route|rtb-1|0.0.0.0/0': FACT }, remove: [] });
            first.state.applyVerdicts({
              services: { upsert: [VERDICT], remove: [] },
              targets: { upsert: [], remove: [] },
            });
            first.alertGroups.join('f-1', 'group-1', AT);
          });
          await pgTx(pool, (c) => commitShard(c, shard, 'a', first, marks));
          advanceMarks(first, marks);

          const next = memoryStore();
          await hydrateShard(pool, shard, next, AT);
          expect(next.findings.query({ limit: 100 }).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
            states.sort((x, y) => x.id.localeCompare(y.id)),
          );
          expect(next.state.facts()).toEqual({ 'route|rtb-1|0.0.0.0/0': FACT });
          expect(next.state.verdicts()).toEqual({ services: [VERDICT], targets: [] });
          expect(next.alertGroups.all()).toEqual([{ findingId: 'f-1', groupKey: 'group-1', joinedAt: AT }]);
          expect(next.cycles.insert(cycle(AT))).toBe(2);
          expect(next.events.insert(event(AT, 'again'), 2).id).toBe(2);
          // The next commit writes the delta: the fact and the verdict that went away are gone.
          first.tx(() => {
            first.state.applyFacts({ upsert: {}, remove: ['route|rtb-1|0.0.0.0/0'] });
            first.state.applyVerdicts({
              services: { upsert: [], remove: ['111111111111|eu-west-1|prod/web'] },
              targets: { upsert: [], remove: [] },
            });
          });
          await pgTx(pool, (c) => commitShard(c, shard, 'a', first, marks));
          advanceMarks(first, marks);
          const after = memoryStore();
          await hydrateShard(pool, shard, after, AT);
          expect(after.state.facts()).toEqual({});
          expect(after.state.verdicts()).toEqual({ services: [], targets: [] });
          first.close();
          next.close();
          after.close();
        },
      ),
      { numRuns: 15 },
    );
  });

  it('lets one daemon send a notification; a dead sender’s claim is taken over after the TTL', async () => {
    const job = {
      sink: { name: 'hook', type: 'webhook' },
      action: 'trigger',
      group: { key: 'g-1', members: [{ id: 'f-1' }] },
      state: null,
      update: false,
    } as unknown as Job;
    const [a, b] = ['a', 'b'].map((d) => pgAlertLedger(pool, 'ledger', d, 300));
    const wins = await Promise.all([a!.claim(job), b!.claim(job)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = wins[0] ? [a!, b!] : [b!, a!];
    expect(await winner.claim(job)).toBe(true); // a retry of its own claim
    await sleep(400);
    expect(await loser.claim(job)).toBe(true); // the claim went stale undelivered
    const delivery = {
      id: 1,
      at: AT,
      findingId: 'g-1',
      sink: 'hook',
      action: 'trigger' as const,
      attempt: 1,
      ok: true,
      statusCode: 200,
      error: null,
      findingIds: ['f-1'],
    };
    const state = {
      findingId: 'g-1',
      sink: 'hook',
      firedAt: AT,
      lastSentAt: AT,
      resolvedAt: null,
      members: ['f-1'],
    };
    await loser.recorded(delivery, state, job);
    await sleep(400);
    expect(await Promise.all([a!.claim(job), b!.claim(job)])).toEqual([false, false]);
  });

  it('retention removes old rows but keeps each shard’s newest cycle and event', async () => {
    const shard = 'old';
    const local = memoryStore();
    const marks = await hydrateShard(pool, shard, local, AT);
    local.tx(() => {
      for (const day of ['01', '02']) {
        const id = local.cycles.insert(cycle(`2025-01-${day}T00:00:00.000Z`));
        local.events.insert(event(`2025-01-${day}T00:00:00.000Z`, day), id);
      }
    });
    await pgTx(pool, (c) => commitShard(c, shard, 'a', local, marks));
    expect(await prunePg(pool, new Date(AT), { days: 14, maxEvents: 200_000 })).toBeGreaterThanOrEqual(2);
    const { rows } = await pool.query('SELECT seq::int FROM events WHERE shard = $1', [shard]);
    expect(rows).toEqual([{ seq: 2 }]);
    local.close();
  });
});
