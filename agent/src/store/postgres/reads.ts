// What any daemon serves of the whole estate, read from PostgreSQL: findings, the timeline (estate-wide
// ids), alert deliveries, and each shard's last cycles and latest scan.
import type {
  AlertDelivery,
  Finding,
  ServiceVerdict,
  TargetVerdict,
  TimelineEvent,
  TimelineEventType,
} from '@porthole/shared';
import type { EventQuery } from '../events.ts';
import type { FindingQuery } from '../findings.ts';
import type { FindingState } from '@porthole/core/timeline/state.js';
import type { PgPool } from './pgDb.ts';

interface EventRow {
  id: string;
  at: string;
  type: string;
  service: string | null;
  resources: string[];
  message: string;
  likely_cause: string | null;
}

const toEvent = (r: EventRow): TimelineEvent => ({
  id: Number(r.id),
  at: r.at,
  type: r.type as TimelineEventType,
  service: r.service,
  resources: r.resources,
  message: r.message,
  likelyCause: r.likely_cause,
});

const toFinding = (r: Record<string, unknown>): FindingState => ({
  ...(r.body as Finding),
  status: r.status as 'open' | 'resolved',
  firstSeen: r.first_seen as string,
  lastSeen: r.last_seen as string,
  resolvedAt: (r.resolved_at as string | null) ?? null,
  likelyCause: (r.likely_cause as string | null) ?? null,
  streak: r.streak as number,
  missed: r.missed as number,
});

const EVENT_COLUMNS = 'id, at, type, service, resources, message, likely_cause';

export class PgReads {
  constructor(private readonly pool: PgPool) {}

  async events(
    q: EventQuery & { between?: [string, string]; aboutFinding?: string },
  ): Promise<TimelineEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.afterId !== undefined) add('id > ?', q.afterId);
    if (q.sinceTime !== undefined) add('at >= ?', q.sinceTime);
    if (q.service !== undefined) add('service = ?', q.service);
    if (q.types?.length) add('type = ANY(?::text[])', q.types);
    if (q.between) {
      add('at >= ?', q.between[0]);
      add('at <= ?', q.between[1]);
    }
    if (q.aboutFinding !== undefined) {
      where.push(`type IN ('finding-opened', 'finding-resolved')`);
      add('resources->>0 = ?', q.aboutFinding);
    }
    params.push(q.limit ?? 500);
    const sql =
      `SELECT ${EVENT_COLUMNS} FROM events` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY id ${q.newestFirst ? 'DESC' : 'ASC'} LIMIT $${params.length}`;
    return (await this.pool.query<EventRow>(sql, params)).rows.map(toEvent);
  }

  async findings(q: FindingQuery = {}): Promise<FindingState[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['status', q.status],
      ['service', q.service],
      ['severity', q.severity],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    params.push(q.limit ?? 500);
    const sql =
      'SELECT * FROM findings' +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY status = 'open' DESC, last_seen DESC LIMIT $${params.length}`;
    return (await this.pool.query(sql, params)).rows.map(toFinding);
  }

  async openFindings(): Promise<FindingState[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM findings WHERE status = 'open' ORDER BY first_seen`,
    );
    return rows.map(toFinding);
  }

  async finding(id: string): Promise<FindingState | null> {
    const { rows } = await this.pool.query('SELECT * FROM findings WHERE id = $1 LIMIT 1', [id]);
    return rows[0] ? toFinding(rows[0]) : null;
  }

  async deliveries(q: { findingId?: string; limit?: number } = {}): Promise<AlertDelivery[]> {
    const { rows } =
      q.findingId !== undefined
        ? await this.pool.query(
            `SELECT * FROM alert_deliveries WHERE finding_id = $1 OR finding_ids ? $1 ORDER BY id DESC LIMIT $2`,
            [q.findingId, q.limit ?? 200],
          )
        : await this.pool.query('SELECT * FROM alert_deliveries ORDER BY id DESC LIMIT $1', [q.limit ?? 200]);
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at as string,
      findingId: r.finding_id as string,
      sink: r.sink as string,
      action: r.action as AlertDelivery['action'],
      attempt: r.attempt as number,
      ok: r.ok as boolean,
      statusCode: (r.status_code as number | null) ?? null,
      error: (r.error as string | null) ?? null,
      ...(r.finding_ids ? { findingIds: r.finding_ids as string[] } : {}),
    }));
  }

  /** Per shard: the newest cycle's seq and time, and the newest successful one's time. */
  async shardCycles(): Promise<
    Array<{
      shard: string;
      seq: number;
      startedAt: string;
      ok: boolean;
      error: string | null;
      lastOkAt: string | null;
    }>
  > {
    const { rows } = await this.pool.query(
      `SELECT DISTINCT ON (c.shard) c.shard, c.seq, c.started_at, c.ok, c.error,
         (SELECT max(started_at) FROM cycles o WHERE o.shard = c.shard AND o.ok) AS last_ok_at
       FROM cycles c ORDER BY c.shard, c.seq DESC`,
    );
    return rows.map((r) => ({
      shard: r.shard as string,
      seq: Number(r.seq),
      startedAt: r.started_at as string,
      ok: r.ok as boolean,
      error: (r.error as string | null) ?? null,
      lastOkAt: (r.last_ok_at as string | null) ?? null,
    }));
  }

  /** kv values of the given shards, by shard then key. */
  async kv(shards: readonly string[], keys: readonly string[]): Promise<Map<string, Map<string, unknown>>> {
    const out = new Map<string, Map<string, unknown>>();
    if (shards.length === 0) return out;
    const { rows } = await this.pool.query<{ shard: string; key: string; value: unknown }>(
      'SELECT shard, key, value FROM kv WHERE shard = ANY($1::text[]) AND key = ANY($2::text[])',
      [shards, keys],
    );
    for (const r of rows) {
      if (!out.has(r.shard)) out.set(r.shard, new Map());
      out.get(r.shard)!.set(r.key, r.value);
    }
    return out;
  }

  /** The last verdicts of the given shards (the rows each cycle's commit keeps current), by shard. */
  async verdicts(
    shards: readonly string[],
  ): Promise<Map<string, { services: ServiceVerdict[]; targets: TargetVerdict[] }>> {
    const out = new Map<string, { services: ServiceVerdict[]; targets: TargetVerdict[] }>();
    if (shards.length === 0) return out;
    const { rows } = await this.pool.query<{ shard: string; kind: string; body: unknown }>(
      'SELECT shard, kind, body FROM verdicts WHERE shard = ANY($1::text[]) ORDER BY shard, kind, key',
      [shards],
    );
    for (const r of rows) {
      if (!out.has(r.shard)) out.set(r.shard, { services: [], targets: [] });
      const v = out.get(r.shard)!;
      if (r.kind === 'service') v.services.push(r.body as ServiceVerdict);
      else v.targets.push(r.body as TargetVerdict);
    }
    return out;
  }
}
