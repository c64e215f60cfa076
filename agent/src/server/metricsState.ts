// Gauges computed at scrape time from what the daemon holds: per-service status (one-hot) and targets,
// and per account/region/kind data age. Computed then, because ages and staleness move with the clock.
import { ServiceStatusSchema, TARGET_HEALTH_STATES } from '@porthole/shared';
import type { ServiceStatus, ServiceVerdict } from '@porthole/shared';
import { Gauge, type Registry } from 'prom-client';
import type { MetricsState } from './metrics.ts';

export const CYCLE_OUTCOMES = ['ok', 'partial', 'error'] as const;
export const SERVICE_STATUSES = ServiceStatusSchema.options;
/** ELB target health states (ELB API reference, TargetHealth.State). */
export const TARGET_STATES = TARGET_HEALTH_STATES;

const SERVICE_LABELS = ['account', 'region', 'cluster', 'service'] as const;

/**
 * The status a metric shows: a stale verdict keeps its last known status in the API (with `stale: true`),
 * but a metric has no such flag beside it in `sum by (status)`, so there it counts as unknown — never as
 * the healthy it last was.
 */
export function metricStatus(s: Pick<ServiceVerdict, 'status' | 'stale'>): ServiceStatus {
  return s.stale ? 'unknown' : s.status;
}

export function registerStateGauges(registry: Registry, now: () => Date, state: MetricsState): void {
  const registers = [registry];
  const scope = (s: { account: string | null; region: string | null; cluster: string; service: string }) => ({
    account: s.account ?? '',
    region: s.region ?? '',
    cluster: s.cluster,
    service: s.service,
  });
  new Gauge({
    name: 'porthole_service_status',
    help: 'Porthole status of each ECS service: 1 for its current status (unknown while stale), 0 for the others',
    labelNames: [...SERVICE_LABELS, 'status'],
    registers,
    collect() {
      this.reset();
      for (const s of state.services()) {
        const current = metricStatus(s);
        for (const status of SERVICE_STATUSES) this.set({ ...scope(s), status }, current === status ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'porthole_services',
    help: 'ECS services by Porthole status (stale verdicts count as unknown)',
    labelNames: ['status'],
    registers,
    collect() {
      this.reset();
      // Every status from the start, so an alert rule needs no absent().
      const counts = new Map<string, number>(SERVICE_STATUSES.map((status) => [status, 0]));
      for (const s of state.services()) counts.set(metricStatus(s), counts.get(metricStatus(s))! + 1);
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'porthole_service_stale',
    help: '1 when the data behind the service verdict failed to refresh (its status is then the last known)',
    labelNames: [...SERVICE_LABELS],
    registers,
    collect() {
      this.reset();
      for (const s of state.services()) this.set(scope(s), s.stale ? 1 : 0);
    },
  });
  new Gauge({
    name: 'porthole_service_targets',
    help: 'Load balancer targets of each ECS service by health state',
    labelNames: [...SERVICE_LABELS, 'state'],
    registers,
    collect() {
      this.reset();
      for (const s of state.services()) {
        const states = new Set<string>([...TARGET_STATES, ...Object.keys(s.targetCounts)]);
        for (const st of states) this.set({ ...scope(s), state: st }, s.targetCounts[st] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'porthole_data_age_seconds',
    help: 'Seconds since the data held was last fetched successfully, by kind, account and region',
    labelNames: ['kind', 'account', 'region'],
    registers,
    collect() {
      this.reset();
      const nowMs = now().getTime();
      for (const k of state.kinds()) {
        // A kind never fetched has no age: porthole_data_stale says so instead of a made-up "now".
        if (k.fetchedAt === null) continue;
        const labels = { kind: k.kind, account: k.account ?? '', region: k.region ?? '' };
        this.set(labels, Math.max(0, (nowMs - Date.parse(k.fetchedAt)) / 1000));
      }
    },
  });
  new Gauge({
    name: 'porthole_data_stale',
    help: '1 when the last fetch of a kind failed (or it was never fetched), by kind, account and region',
    labelNames: ['kind', 'account', 'region'],
    registers,
    collect() {
      this.reset();
      for (const k of state.kinds()) {
        const labels = { kind: k.kind, account: k.account ?? '', region: k.region ?? '' };
        this.set(labels, k.error !== null || k.fetchedAt === null ? 1 : 0);
      }
    },
  });
}
