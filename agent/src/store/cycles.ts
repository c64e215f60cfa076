// One row per poll cycle: when, how long, whether it worked, what it saw.
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

export interface CycleRecord {
  id: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  ok: boolean;
  error: string | null;
  source: string;
  services: number;
  openFindings: number;
  events: number;
}

interface CycleRow {
  id: number;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  ok: number;
  error: string | null;
  source: string;
  services: number;
  open_findings: number;
  events: number;
}

function toRecord(row: CycleRow): CycleRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    ok: row.ok === 1,
    error: row.error,
    source: row.source,
    services: row.services,
    openFindings: row.open_findings,
    events: row.events,
  };
}

export class CycleRepo {
  private readonly insertStmt;
  private readonly lastStmt;
  private readonly lastOkStmt;

  private readonly sql: StatementCache;

  constructor(private readonly db: Db) {
    this.sql = new StatementCache(db);
    this.insertStmt = db.prepare(
      `INSERT INTO cycles (started_at, finished_at, duration_ms, ok, error, source, services, open_findings, events)
       VALUES (@startedAt, @finishedAt, @durationMs, @ok, @error, @source, @services, @openFindings, @events)`,
    );
    this.lastStmt = db.prepare('SELECT * FROM cycles ORDER BY id DESC LIMIT ?');
    this.lastOkStmt = db.prepare('SELECT * FROM cycles WHERE ok = 1 ORDER BY id DESC LIMIT 1');
  }

  insert(cycle: Omit<CycleRecord, 'id'>): number {
    return Number(this.insertStmt.run({ ...cycle, ok: cycle.ok ? 1 : 0 }).lastInsertRowid);
  }

  /** Fills in what the cycle produced, once its findings and events are written. */
  setCounts(id: number, openFindings: number, events: number): void {
    this.sql
      .get('UPDATE cycles SET open_findings = ?, events = ? WHERE id = ?')
      .run(openFindings, events, id);
  }

  recent(limit = 50): CycleRecord[] {
    return (this.lastStmt.all(limit) as CycleRow[]).map(toRecord);
  }

  lastOk(): CycleRecord | null {
    const row = this.lastOkStmt.get() as CycleRow | undefined;
    return row ? toRecord(row) : null;
  }

  prune(beforeTime: string): number {
    return this.sql.get('DELETE FROM cycles WHERE started_at < ?').run(beforeTime).changes;
  }
}
