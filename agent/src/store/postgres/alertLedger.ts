// The shared record of notifications (HA mode). Each notification has a name that every daemon derives the
// same way from the alert state it loaded — group, sink, action and the episode (which firing, which repeat)
// — and the daemon whose INSERT of that name commits first sends it; the others skip it. A claim whose
// sender died before the sink accepted it is taken over once it is older than the lease TTL: in that
// window a notification can go twice (at least once), never zero times.
import type { AlertDelivery } from '@porthole/shared';
import type { AlertLedger, Job } from '../../alerts/dispatcher.ts';
import type { AlertState } from '@porthole/core/timeline/state.js';
import { pgTx, type PgPool } from './pgDb.ts';

/** The notification's name: the same job evaluated by two daemons gets the same name. */
export function notificationName(job: Job): string {
  const { group, sink, action, state } = job;
  const episode =
    action === 'trigger'
      ? job.update
        ? `update:${group.members
            .map((m) => m.id)
            .sort()
            .join(',')}`
        : `fire:${state?.resolvedAt ?? 'first'}`
      : action === 'repeat'
        ? `repeat:${state?.lastSentAt ?? ''}`
        : `resolve:${state?.firedAt ?? ''}`;
  return `${group.key}|${sink.name}|${action}|${episode}`;
}

export function pgAlertLedger(
  pool: PgPool,
  shard: string,
  daemon: string,
  staleClaimMs: number,
): AlertLedger {
  return {
    async claim(job) {
      const { rowCount } = await pool.query(
        `INSERT INTO alert_claims (shard, notification, daemon) VALUES ($1, $2, $3)
         ON CONFLICT (shard, notification) DO UPDATE SET daemon = excluded.daemon, claimed_at = now()
         WHERE alert_claims.delivered_at IS NULL
           AND (alert_claims.daemon = excluded.daemon OR alert_claims.claimed_at < now() - make_interval(secs => $4))`,
        [shard, notificationName(job), daemon, staleClaimMs / 1000],
      );
      return rowCount === 1;
    },
    async recorded(d: AlertDelivery, state: AlertState | null, job: Job) {
      await pgTx(pool, async (c) => {
        await c.query(
          `INSERT INTO alert_deliveries (shard, daemon, at, finding_id, sink, action, attempt, ok, status_code, error,
             finding_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`,
          [
            shard,
            daemon,
            d.at,
            d.findingId,
            d.sink,
            d.action,
            d.attempt,
            d.ok,
            d.statusCode,
            d.error,
            d.findingIds ? JSON.stringify(d.findingIds) : null,
          ],
        );
        if (!state) return;
        await c.query(`UPDATE alert_claims SET delivered_at = now() WHERE shard = $1 AND notification = $2`, [
          shard,
          notificationName(job),
        ]);
        await c.query(
          `INSERT INTO alert_state (shard, finding_id, sink, fired_at, last_sent_at, resolved_at, members)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
           ON CONFLICT (shard, finding_id, sink) DO UPDATE SET fired_at = excluded.fired_at,
             last_sent_at = excluded.last_sent_at, resolved_at = excluded.resolved_at, members = excluded.members`,
          [
            shard,
            state.findingId,
            state.sink,
            state.firedAt,
            state.lastSentAt,
            state.resolvedAt,
            JSON.stringify(state.members),
          ],
        );
      });
    },
  };
}
