// Retention in the shared store: the SQLite mode's policy (retention.days, retention.maxEvents) over every
// shard. Each shard's newest cycle and event stay, so its numbering continues after a long quiet spell.
// Any daemon may run it; two running at once delete the same rows once.
import type { RetentionPolicy } from '../store.ts';
import { pgTx, type PgPool } from './pgDb.ts';

const KEEP_NEWEST = (table: string): string =>
  `(${table}.shard, ${table}.seq) NOT IN (SELECT shard, max(seq) FROM ${table} GROUP BY shard)`;

export async function prunePg(pool: PgPool, now: Date, policy: RetentionPolicy): Promise<number> {
  const before = new Date(now.getTime() - policy.days * 86_400_000).toISOString();
  const statements: Array<[string, unknown[]]> = [
    [`DELETE FROM events WHERE at < $1 AND ${KEEP_NEWEST('events')}`, [before]],
    [
      `DELETE FROM events WHERE ${KEEP_NEWEST('events')}
       AND id <= (SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET $1)`,
      [policy.maxEvents],
    ],
    [`DELETE FROM cycles WHERE started_at < $1 AND ${KEEP_NEWEST('cycles')}`, [before]],
    [`DELETE FROM findings WHERE status = 'resolved' AND resolved_at < $1`, [before]],
    ['DELETE FROM alert_deliveries WHERE at < $1', [before]],
    ['DELETE FROM alert_state WHERE resolved_at IS NOT NULL AND resolved_at < $1', [before]],
    ['DELETE FROM alert_claims WHERE claimed_at < $1::timestamptz AND delivered_at IS NOT NULL', [before]],
    ['DELETE FROM daemons WHERE seen_at < $1::timestamptz', [before]],
  ];
  return pgTx(pool, async (c) => {
    let removed = 0;
    for (const [sql, params] of statements) removed += (await c.query(sql, params)).rowCount ?? 0;
    return removed;
  });
}
