// A shard's state between PostgreSQL (the record every daemon shares) and the working set of the daemon that
// holds the shard: an in-memory SQLite store the unchanged poll loop and dispatcher run on. On claim the
// working set is loaded from PostgreSQL (hydrate); after every cycle what it added is written back in one
// transaction that first checks the lease (commit). Local ids are the shard's sequence numbers, so cycle and
// event numbers continue across a takeover.
import type { FindingRow } from '../findings.ts';
import Database from 'better-sqlite3';
import type { Finding } from '@porthole/shared';
import { migrate } from '../db.ts';
import type { FindingState } from '@porthole/core/timeline/state.js';
import { Store } from '../store.ts';
import type { PgClient, PgPool } from './pgDb.ts';
import { commitCycleState, loadCycleState, type StateMarks } from './shardCycleState.ts';

/** What of the working set is already in PostgreSQL. */
export interface CommitMarks {
  cycleSeq: number;
  eventSeq: number;
  /** finding id → the JSON last written. */
  findings: Map<string, string>;
  /** The facts and verdicts rows in PostgreSQL; `written` is what the commit in flight wrote. */
  state: StateMarks;
  written?: StateMarks;
}

export function memoryStore(): Store {
  const db = new Database(':memory:');
  migrate(db);
  return new Store(db);
}

type PgFindingRow = FindingRow<Finding>;

const findingState = (r: PgFindingRow): FindingState => ({
  ...r.body,
  status: r.status,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  resolvedAt: r.resolved_at,
  likelyCause: r.likely_cause,
  streak: r.streak,
  missed: r.missed,
});

/** Loads the shard's kv, facts and verdicts, findings, recent events and last cycles, and alert state into `local`. */
export async function hydrateShard(
  pool: PgPool,
  shard: string,
  local: Store,
  windowStart: string,
): Promise<CommitMarks> {
  const q = <T extends object>(sql: string, params: unknown[] = [shard]) =>
    pool.query<T>(sql, params).then((r) => r.rows);
  const [kv, findings, events, cycles, states, groups, seqs] = await Promise.all([
    q<{ key: string; value: unknown }>('SELECT key, value FROM kv WHERE shard = $1'),
    q<PgFindingRow>('SELECT * FROM findings WHERE shard = $1'),
    q<Record<string, unknown>>(
      `SELECT seq, cycle_seq, at, type, service, resources, message, likely_cause FROM events
       WHERE shard = $1 AND at >= $2 ORDER BY seq`,
      [shard, windowStart],
    ),
    q<Record<string, unknown>>(
      `(SELECT * FROM cycles WHERE shard = $1 ORDER BY seq DESC LIMIT 1)
       UNION (SELECT * FROM cycles WHERE shard = $1 AND ok ORDER BY seq DESC LIMIT 1)`,
    ),
    q<Record<string, unknown>>('SELECT * FROM alert_state WHERE shard = $1'),
    q<{ finding_id: string; group_key: string; joined_at: string }>(
      'SELECT * FROM alert_groups WHERE shard = $1',
    ),
    q<{ cycle_seq: string | null; event_seq: string | null }>(
      `SELECT (SELECT max(seq) FROM cycles WHERE shard = $1) AS cycle_seq,
              (SELECT max(seq) FROM events WHERE shard = $1) AS event_seq`,
    ),
  ]);
  const loadState = await loadCycleState(pool, shard);
  const marks: CommitMarks = {
    cycleSeq: Number(seqs[0]?.cycle_seq ?? 0),
    eventSeq: Number(seqs[0]?.event_seq ?? 0),
    findings: new Map(),
    state: new Map(),
  };
  const db = local.db;
  local.tx(() => {
    marks.state = loadState(local);
    kv.forEach((r) => local.kv.set(r.key, r.value));
    for (const row of findings) {
      const state = findingState(row);
      local.findings.save(state);
      marks.findings.set(state.id, JSON.stringify(state));
    }
    const insertEvent = db.prepare(
      `INSERT INTO events (id, cycle_id, at, type, service, resources, message, likely_cause)
       VALUES (@seq, @cycle_seq, @at, @type, @service, @resources, @message, @likely_cause)`,
    );
    events.forEach((e) => insertEvent.run({ ...e, resources: JSON.stringify(e.resources) }));
    const insertCycle = db.prepare(
      `INSERT INTO cycles (id, started_at, finished_at, duration_ms, ok, error, source, services, open_findings, events)
       VALUES (@seq, @started_at, @finished_at, @duration_ms, @ok, @error, @source, @services, @open_findings, @events)`,
    );
    cycles.forEach((c) => insertCycle.run({ ...c, ok: c.ok ? 1 : 0 }));
    for (const s of states) {
      local.deliveries.saveState({
        findingId: s.finding_id as string,
        sink: s.sink as string,
        firedAt: s.fired_at as string,
        lastSentAt: s.last_sent_at as string,
        resolvedAt: (s.resolved_at as string | null) ?? null,
        members: (s.members as string[] | null) ?? [s.finding_id as string],
      });
    }
    groups.forEach((g) => local.alertGroups.join(g.finding_id, g.group_key, g.joined_at));
    // AUTOINCREMENT continues after the largest id ever used: the shard's sequences, not only what was loaded.
    const bump = db.prepare(
      `INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`,
    );
    const raise = db.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?');
    for (const [table, seq] of [
      ['cycles', marks.cycleSeq],
      ['events', marks.eventSeq],
    ] as const) {
      bump.run(table, seq, table);
      raise.run(seq, table);
    }
  });
  return marks;
}

/**
 * Writes what the working set gained since `marks` (call inside the transaction that fenced the lease).
 * Returns the estate-wide event ids by shard sequence, for the socket.io deltas.
 */
export async function commitShard(
  client: PgClient,
  shard: string,
  daemon: string,
  local: Store,
  marks: CommitMarks,
): Promise<Map<number, number>> {
  const db = local.db;
  const cycles = db.prepare('SELECT * FROM cycles WHERE id > ? ORDER BY id').all(marks.cycleSeq) as Record<
    string,
    unknown
  >[];
  for (const c of cycles) {
    await client.query(
      `INSERT INTO cycles (shard, seq, daemon, started_at, finished_at, duration_ms, ok, error, source, services,
         open_findings, events) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        shard,
        c.id,
        daemon,
        c.started_at,
        c.finished_at,
        c.duration_ms,
        c.ok === 1,
        c.error,
        c.source,
        c.services,
        c.open_findings,
        c.events,
      ],
    );
  }
  const events = db.prepare('SELECT * FROM events WHERE id > ? ORDER BY id').all(marks.eventSeq) as Record<
    string,
    unknown
  >[];
  const ids = new Map<number, number>();
  for (const e of events) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO events (shard, seq, cycle_seq, at, type, service, resources, message, likely_cause)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) RETURNING id`,
      [shard, e.id, e.cycle_id, e.at, e.type, e.service, e.resources, e.message, e.likely_cause],
    );
    ids.set(Number(e.id), Number(rows[0]!.id));
  }
  const changed = local.findings
    .query({ limit: 1_000_000 })
    .filter((f) => marks.findings.get(f.id) !== JSON.stringify(f));
  for (const f of changed) {
    const { status, firstSeen, lastSeen, resolvedAt, likelyCause, streak, missed, ...finding } = f;
    await client.query(
      `INSERT INTO findings (shard, id, rule, severity, service, status, first_seen, last_seen, resolved_at, streak,
         missed, likely_cause, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
       ON CONFLICT (shard, id) DO UPDATE SET rule = excluded.rule, severity = excluded.severity,
         service = excluded.service, status = excluded.status, first_seen = excluded.first_seen,
         last_seen = excluded.last_seen, resolved_at = excluded.resolved_at, streak = excluded.streak,
         missed = excluded.missed, likely_cause = excluded.likely_cause, body = excluded.body`,
      [
        shard,
        f.id,
        f.rule,
        f.severity,
        f.service,
        status,
        firstSeen,
        lastSeen,
        resolvedAt,
        streak,
        missed,
        likelyCause,
        JSON.stringify(finding),
      ],
    );
  }
  const kv = db.prepare('SELECT key, value FROM kv').all() as { key: string; value: string }[];
  for (const { key, value } of kv) {
    await client.query(
      `INSERT INTO kv (shard, key, value) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (shard, key) DO UPDATE SET value = excluded.value`,
      [shard, key, value],
    );
  }
  await client.query('DELETE FROM alert_groups WHERE shard = $1', [shard]);
  for (const g of local.alertGroups.all()) {
    await client.query(
      'INSERT INTO alert_groups (shard, finding_id, group_key, joined_at) VALUES ($1, $2, $3, $4)',
      [shard, g.findingId, g.groupKey, g.joinedAt],
    );
  }
  marks.written = await commitCycleState(client, shard, local, marks.state);
  // Advanced only by the caller once the transaction committed.
  return ids;
}

/** After a commit: what is now in PostgreSQL. */
export function advanceMarks(local: Store, marks: CommitMarks): void {
  const db = local.db;
  marks.cycleSeq = (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM cycles').get() as { n: number }).n;
  marks.eventSeq = (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM events').get() as { n: number }).n;
  for (const f of local.findings.query({ limit: 1_000_000 })) marks.findings.set(f.id, JSON.stringify(f));
  if (marks.written) marks.state = marks.written;
  delete marks.written;
}

/** The working set keeps what the loop reads back: drop events older than the correlation window. */
export function trimWorkingSet(local: Store, windowStart: string): void {
  local.db.prepare('DELETE FROM events WHERE at < ?').run(windowStart);
  local.db
    .prepare(
      'DELETE FROM cycles WHERE id < (SELECT MAX(id) FROM cycles WHERE ok = 1) AND id < (SELECT MAX(id) FROM cycles)',
    )
    .run();
}
