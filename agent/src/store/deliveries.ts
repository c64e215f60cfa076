// Alert delivery attempts (every one recorded) and per-sink alert state (fired, last sent, resolved).
import type { AlertDelivery } from '@porthole/shared';
import type { AlertState } from '@porthole/core/timeline/state.js';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

interface DeliveryRow {
  id: number;
  at: string;
  finding_id: string;
  sink: string;
  action: AlertDelivery['action'];
  attempt: number;
  ok: number;
  status_code: number | null;
  error: string | null;
  finding_ids: string | null;
}

interface StateRow {
  finding_id: string;
  sink: string;
  fired_at: string;
  last_sent_at: string;
  resolved_at: string | null;
  members: string | null;
}

const toState = (r: StateRow): AlertState => ({
  findingId: r.finding_id,
  sink: r.sink,
  firedAt: r.fired_at,
  lastSentAt: r.last_sent_at,
  resolvedAt: r.resolved_at,
  members: r.members ? (JSON.parse(r.members) as string[]) : [r.finding_id],
});

export class DeliveryRepo {
  private readonly insertStmt;
  private readonly stateGetStmt;
  private readonly stateUpsertStmt;
  private readonly firingStmt;

  private readonly sql: StatementCache;

  constructor(private readonly db: Db) {
    this.sql = new StatementCache(db);
    this.insertStmt = db.prepare(
      `INSERT INTO alert_deliveries (at, finding_id, sink, action, attempt, ok, status_code, error, finding_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.stateGetStmt = db.prepare('SELECT * FROM alert_state WHERE finding_id = ? AND sink = ?');
    this.stateUpsertStmt = db.prepare(
      `INSERT INTO alert_state (finding_id, sink, fired_at, last_sent_at, resolved_at, members)
       VALUES (@findingId, @sink, @firedAt, @lastSentAt, @resolvedAt, @members)
       ON CONFLICT(finding_id, sink) DO UPDATE SET fired_at = excluded.fired_at,
         last_sent_at = excluded.last_sent_at, resolved_at = excluded.resolved_at, members = excluded.members`,
    );
    this.firingStmt = db.prepare('SELECT * FROM alert_state WHERE resolved_at IS NULL');
  }

  record(d: Omit<AlertDelivery, 'id'>): AlertDelivery {
    const info = this.insertStmt.run(
      d.at,
      d.findingId,
      d.sink,
      d.action,
      d.attempt,
      d.ok ? 1 : 0,
      d.statusCode,
      d.error,
      d.findingIds ? JSON.stringify(d.findingIds) : null,
    );
    return { ...d, id: Number(info.lastInsertRowid) };
  }

  list(q: { findingId?: string; limit?: number } = {}): AlertDelivery[] {
    const rows = (
      q.findingId !== undefined
        ? this.sql
            .get(
              `SELECT * FROM alert_deliveries WHERE finding_id = ?
                 OR EXISTS (SELECT 1 FROM json_each(finding_ids) WHERE value = ?) ORDER BY id DESC LIMIT ?`,
            )
            .all(q.findingId, q.findingId, q.limit ?? 200)
        : this.sql.get('SELECT * FROM alert_deliveries ORDER BY id DESC LIMIT ?').all(q.limit ?? 200)
    ) as DeliveryRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      findingId: r.finding_id,
      sink: r.sink,
      action: r.action,
      attempt: r.attempt,
      ok: r.ok === 1,
      statusCode: r.status_code,
      error: r.error,
      ...(r.finding_ids ? { findingIds: JSON.parse(r.finding_ids) as string[] } : {}),
    }));
  }

  state(findingId: string, sink: string): AlertState | null {
    const row = this.stateGetStmt.get(findingId, sink) as StateRow | undefined;
    return row ? toState(row) : null;
  }

  saveState(state: AlertState): void {
    this.stateUpsertStmt.run({ ...state, members: JSON.stringify(state.members) });
  }

  /** Alerts that fired and have not been resolved at their sink. */
  firing(): AlertState[] {
    return (this.firingStmt.all() as StateRow[]).map(toState);
  }

  prune(beforeTime: string): number {
    const a = this.sql.get('DELETE FROM alert_deliveries WHERE at < ?').run(beforeTime).changes;
    const b = this.sql
      .get('DELETE FROM alert_state WHERE resolved_at IS NOT NULL AND resolved_at < ?')
      .run(beforeTime).changes;
    return a + b;
  }
}
