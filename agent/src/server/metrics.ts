// Prometheus metrics (prom-client). Porthole's own series are prefixed porthole_; Node's default metrics
// keep their standard names (process_*, nodejs_*) so stock dashboards work. One registry per daemon.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AlertDelivery, ScanResult, ServiceVerdict } from '@porthole/shared';
import type { KindFreshness } from '@porthole/core/engine/freshness.js';
import type { CallCounts } from '../sources/aws/callCounter.ts';
import type { FindingState } from '@porthole/core/timeline/state.js';
import { CYCLE_OUTCOMES, TARGET_STATES, registerStateGauges } from './metricsState.ts';

/**
 * prom-client's gauges that end in _total: `promtool check metrics` rejects a _total suffix on a
 * non-counter, and `nodejs_active_handles` / `nodejs_active_requests` (by type) carry the same counts.
 */
const GAUGES_NAMED_TOTAL = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export interface MetricsState {
  /** Verdicts as served (with `stale`), read at scrape time. */
  services: () => ServiceVerdict[];
  /** Per account/region and kind: the last successful fetch, read at scrape time. */
  kinds: () => readonly KindFreshness[];
}

export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly targets;
  private readonly openFindings;
  private readonly awsCalls;
  private readonly awsCallFailures;
  private readonly pollDuration;
  private readonly cycles;
  private readonly events;
  private readonly deliveries;
  private readonly lastSuccess;

  constructor(now: () => Date, state: MetricsState, opts: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (opts.processMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
      for (const name of GAUGES_NAMED_TOTAL) this.registry.removeSingleMetric(name);
    }
    this.targets = new Gauge({
      name: 'porthole_targets',
      help: 'Load balancer targets by health state',
      labelNames: ['state'],
      registers,
    });
    this.openFindings = new Gauge({
      name: 'porthole_open_findings',
      help: 'Open findings by rule and severity',
      labelNames: ['rule', 'severity'],
      registers,
    });
    this.awsCalls = new Counter({
      name: 'porthole_aws_api_calls_total',
      help: 'AWS API calls made by the live source, by service and action',
      labelNames: ['service', 'action'],
      registers,
    });
    this.awsCallFailures = new Counter({
      name: 'porthole_aws_api_call_failures_total',
      help: 'AWS API calls that failed after retries, by service and action',
      labelNames: ['service', 'action'],
      registers,
    });
    this.pollDuration = new Histogram({
      name: 'porthole_poll_duration_seconds',
      help: 'Duration of a poll cycle (fetch, analyse, diff, store)',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.cycles = new Counter({
      name: 'porthole_poll_cycles_total',
      help: 'Poll cycles by outcome: ok, partial (some data failed to refresh), error (the poll failed)',
      labelNames: ['outcome'],
      registers,
    });
    this.events = new Counter({
      name: 'porthole_timeline_events_total',
      help: 'Timeline events recorded, by type',
      labelNames: ['type'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'porthole_alert_deliveries_total',
      help: 'Alert delivery attempts by sink, action and outcome',
      labelNames: ['sink', 'action', 'outcome'],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'porthole_last_successful_poll_timestamp_seconds',
      help: 'Unix time of the last poll cycle in which every call worked',
      registers,
    });
    // Every label value from the start, so an alert rule needs no absent().
    for (const outcome of CYCLE_OUTCOMES) this.cycles.inc({ outcome }, 0);
    this.zeroStates();
    registerStateGauges(this.registry, now, state);
  }

  private zeroStates(): void {
    for (const state of TARGET_STATES) this.targets.set({ state }, 0);
  }

  observeCycle(c: {
    outcome: 'ok' | 'partial' | 'error';
    durationMs: number;
    at: string;
    events: Array<{ type: string }>;
    calls: CallCounts | null;
  }): void {
    this.pollDuration.observe(c.durationMs / 1000);
    this.cycles.inc({ outcome: c.outcome });
    if (c.outcome === 'ok') this.lastSuccess.set(Date.parse(c.at) / 1000);
    for (const e of c.events) this.events.inc({ type: e.type });
    for (const [key, n] of Object.entries(c.calls?.byAction ?? {})) this.awsCalls.inc(splitAction(key), n);
    for (const [key, n] of Object.entries(c.calls?.failures ?? {}))
      this.awsCallFailures.inc(splitAction(key), n);
  }

  observeState(scan: ScanResult | null, open: readonly FindingState[]): void {
    this.targets.reset();
    this.openFindings.reset();
    this.zeroStates();
    // Counted here, then one inc per label set: prom-client hashes the labels at every inc, and at L that
    // was 13,000 hashes on the event loop each cycle.
    const states = new Map<string, number>();
    for (const t of scan?.targets ?? []) states.set(t.state, (states.get(t.state) ?? 0) + 1);
    for (const [state, n] of states) this.targets.inc({ state }, n);
    const findings = new Map<string, { rule: string; severity: string; n: number }>();
    for (const f of open) {
      const key = `${f.rule}|${f.severity}`;
      const seen = findings.get(key) ?? { rule: f.rule, severity: f.severity, n: 0 };
      findings.set(key, { ...seen, n: seen.n + 1 });
    }
    for (const { rule, severity, n } of findings.values()) this.openFindings.inc({ rule, severity }, n);
  }

  observeDelivery(d: AlertDelivery): void {
    this.deliveries.inc({ sink: d.sink, action: d.action, outcome: d.ok ? 'ok' : 'error' });
  }
}

/** "ecs:DescribeTasks" → { service: "ecs", action: "DescribeTasks" } */
function splitAction(key: string): { service: string; action: string } {
  const i = key.indexOf(':');
  return i < 0 ? { service: 'unknown', action: key } : { service: key.slice(0, i), action: key.slice(i + 1) };
}
