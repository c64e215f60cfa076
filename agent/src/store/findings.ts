// Findings lifecycle rows: the finding as last seen plus first/last seen, resolution and flap counters.
import type { Finding, Severity } from '@porthole/shared';
import type { FindingState } from '@porthole/core/timeline/state.js';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

/** A findings row as the database returns it (SQLite: body as JSON text; PostgreSQL jsonb: parsed). */
export interface FindingRow<Body = string> {
  id: string;
  status: 'open' | 'resolved';
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  streak: number;
  missed: number;
  likely_cause: string | null;
  body: Body;
}

export interface FindingQuery {
  status?: 'open' | 'resolved';
  service?: string;
  severity?: Severity;
  limit?: number;
}

function toState(row: FindingRow): FindingState {
  const finding = JSON.parse(row.body) as Finding;
  return {
    ...finding,
    status: row.status,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    resolvedAt: row.resolved_at,
    likelyCause: row.likely_cause,
    streak: row.streak,
    missed: row.missed,
  };
}

const COLUMNS = 'id, status, first_seen, last_seen, resolved_at, streak, missed, likely_cause, body';

export class FindingRepo {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly openStmt;

  private readonly sql: StatementCache;

  constructor(private readonly db: Db) {
    this.sql = new StatementCache(db);
    this.upsertStmt = db.prepare(
      `INSERT INTO findings (id, rule, severity, service, status, first_seen, last_seen, resolved_at,
         streak, missed, likely_cause, body)
       VALUES (@id, @rule, @severity, @service, @status, @firstSeen, @lastSeen, @resolvedAt,
         @streak, @missed, @likelyCause, @body)
       ON CONFLICT(id) DO UPDATE SET rule = excluded.rule, severity = excluded.severity,
         service = excluded.service, status = excluded.status, first_seen = excluded.first_seen,
         last_seen = excluded.last_seen, resolved_at = excluded.resolved_at, streak = excluded.streak,
         missed = excluded.missed, likely_cause = excluded.likely_cause, body = excluded.body`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM findings WHERE id = ?`);
    this.openStmt = db.prepare(`SELECT ${COLUMNS} FROM findings WHERE status = 'open' ORDER BY first_seen`);
  }

  save(state: FindingState): void {
    const { status, firstSeen, lastSeen, resolvedAt, likelyCause, streak, missed, ...finding } = state;
    this.upsertStmt.run({
      id: finding.id,
      rule: finding.rule,
      severity: finding.severity,
      service: finding.service,
      status,
      firstSeen,
      lastSeen,
      resolvedAt,
      streak,
      missed,
      likelyCause,
      body: JSON.stringify(finding),
    });
  }

  get(id: string): FindingState | null {
    const row = this.getStmt.get(id) as FindingRow | undefined;
    return row ? toState(row) : null;
  }

  open(): FindingState[] {
    return (this.openStmt.all() as FindingRow[]).map(toState);
  }

  query(q: FindingQuery = {}): FindingState[] {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['status', q.status],
      ['service', q.service],
      ['severity', q.severity],
    ] as const) {
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    const sql =
      `SELECT ${COLUMNS} FROM findings` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY status = 'open' DESC, last_seen DESC LIMIT ?`;
    params.push(q.limit ?? 500);
    return (this.sql.get(sql).all(...params) as FindingRow[]).map(toState);
  }

  /** Forgets findings resolved before `beforeTime`. */
  prune(beforeTime: string): number {
    return this.sql.get(`DELETE FROM findings WHERE status = 'resolved' AND resolved_at < ?`).run(beforeTime)
      .changes;
  }
}
