// The timeline: append-only events, read by id cursor, time, service and type.
import { pushAll } from '@porthole/shared';
import type { TimelineEvent, TimelineEventType } from '@porthole/shared';
import type { NewEvent } from '@porthole/core/timeline/state.js';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

interface EventRow {
  id: number;
  at: string;
  type: string;
  service: string | null;
  resources: string;
  message: string;
  likely_cause: string | null;
}

export interface EventQuery {
  /** Only events with an id greater than this (a cursor). */
  afterId?: number;
  /** Only events at or after this ISO time. */
  sinceTime?: string;
  service?: string;
  types?: TimelineEventType[];
  /** Most recent first when true (the default is oldest first, for cursors). */
  newestFirst?: boolean;
  limit?: number;
}

function toEvent(row: EventRow): TimelineEvent {
  return {
    id: row.id,
    at: row.at,
    type: row.type as TimelineEventType,
    service: row.service,
    resources: JSON.parse(row.resources) as string[],
    message: row.message,
    likelyCause: row.likely_cause,
  };
}

export class EventRepo {
  private readonly insertStmt;
  private readonly maxIdStmt;

  private readonly sql: StatementCache;

  constructor(private readonly db: Db) {
    this.sql = new StatementCache(db);
    this.insertStmt = db.prepare(
      `INSERT INTO events (cycle_id, at, type, service, resources, message, likely_cause)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.maxIdStmt = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events');
  }

  /** Inserts one event and returns it with its id. Call inside the cycle's transaction. */
  insert(event: NewEvent, cycleId: number | null): TimelineEvent {
    const info = this.insertStmt.run(
      cycleId,
      event.at,
      event.type,
      event.service,
      JSON.stringify(event.resources),
      event.message,
      event.likelyCause,
    );
    return { ...event, id: Number(info.lastInsertRowid) };
  }

  lastId(): number {
    return (this.maxIdStmt.get() as { id: number }).id;
  }

  query(q: EventQuery = {}): TimelineEvent[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.afterId !== undefined) {
      where.push('id > ?');
      params.push(q.afterId);
    }
    if (q.sinceTime !== undefined) {
      where.push('at >= ?');
      params.push(q.sinceTime);
    }
    if (q.service !== undefined) {
      where.push('service = ?');
      params.push(q.service);
    }
    if (q.types && q.types.length > 0) {
      where.push(`type IN (${q.types.map(() => '?').join(',')})`);
      pushAll(params, q.types);
    }
    const sql =
      'SELECT id, at, type, service, resources, message, likely_cause FROM events' +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY id ${q.newestFirst ? 'DESC' : 'ASC'} LIMIT ?`;
    params.push(q.limit ?? 500);
    return (this.sql.get(sql).all(...params) as EventRow[]).map(toEvent);
  }

  /** A finding's finding-opened / finding-resolved events (its id is their first resource), oldest first. */
  aboutFinding(findingId: string, limit = 200): TimelineEvent[] {
    return (
      this.sql
        .get(
          `SELECT id, at, type, service, resources, message, likely_cause FROM events
           WHERE type IN ('finding-opened', 'finding-resolved') AND json_extract(resources, '$[0]') = ?
           ORDER BY id DESC LIMIT ?`,
        )
        .all(findingId, limit) as EventRow[]
    )
      .map(toEvent)
      .reverse();
  }

  /** Events with `from <= at <= to`, oldest first. */
  between(from: string, to: string, limit = 2000): TimelineEvent[] {
    return (
      this.sql
        .get(
          `SELECT id, at, type, service, resources, message, likely_cause FROM events
           WHERE at >= ? AND at <= ? ORDER BY id LIMIT ?`,
        )
        .all(from, to, limit) as EventRow[]
    ).map(toEvent);
  }

  /** Config-change events at or after `sinceTime`, newest first: the candidates for a likely cause. */
  changesSince(sinceTime: string, types: readonly TimelineEventType[]): TimelineEvent[] {
    return this.query({ sinceTime, types: [...types], newestFirst: true, limit: 1000 });
  }

  /** Deletes events older than `beforeTime`; keeps at most `maxEvents` newest. Returns rows deleted. */
  prune(beforeTime: string, maxEvents: number): number {
    const byAge = this.sql.get('DELETE FROM events WHERE at < ?').run(beforeTime).changes;
    const byCount = this.sql
      .get('DELETE FROM events WHERE id <= (SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET ?)')
      .run(maxEvents).changes;
    return byAge + byCount;
  }
}
