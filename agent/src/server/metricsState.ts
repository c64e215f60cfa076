// Gauges computed at scrape time from what the daemon holds: per-service status (one-hot) and targets,
// and per account/region/kind data age. Computed then, because ages and staleness move with the clock.
import { ServiceStatusSchema, TARGET_HEALTH_STATES } from '@porthole/shared';
import { Gauge, type Registry } from 'prom-client';
import type { MetricsState } from './metrics.ts';

export const CYCLE_OUTCOMES = ['ok', 'partial', 'error'] as const;
export const SERVICE_STATUSES = ServiceStatusSchema.options;
/** ELB target health states (ELB API reference, TargetHealth.State). */
export const TARGET_STATES = TARGET_HEALTH_STATES;

const SERVICE_LABELS = ['account', 'region', 'cluster', 'service'] as const;

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
    help: 'Porthole status of each ECS service: 1 for its current status, 0 for the others',
    labelNames: [...SERVICE_LABELS, 'status'],
    registers,
    collect() {
      this.reset();
      for (const s of state.services())
        for (const status of SERVICE_STATUSES) this.set({ ...scope(s), status }, s.status === status ? 1 : 0);
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
