// What happens once a cycle is committed: metrics, socket.io deltas, alerts, retention.
import type { AlertDispatcher } from '../alerts/dispatcher.ts';
import { alertTitle } from '../alerts/titles.ts';
import type { DaemonMetrics } from '../server/metrics.ts';
import type { PortholeIo } from '../server/socket.ts';
import type { Store } from '../store/store.ts';
import type { DaemonConfig } from './config/schema.ts';
import type { LatestState } from './latest.ts';
import type { ChangeLog } from './changeLog.ts';
import type { CycleOutcome } from './types.ts';
import type { DaemonView } from './view.ts';

const PRUNE_EVERY_MS = 3_600_000;

export interface AfterCycleDeps {
  store: Store;
  latest: LatestState;
  metrics: DaemonMetrics;
  alerts: AlertDispatcher;
  view: DaemonView;
  now: () => Date;
  log: (line: string) => void;
  /** Repeated identical errors are logged once, with a count when they change or stop. */
  changeLog: ChangeLog;
  config: () => DaemonConfig;
  io: () => PortholeIo | null;
}

export function afterCycle(d: AfterCycleDeps) {
  let lastFreshness = '';
  /** Stale verdicts ("account|region|name") as last pushed. */
  let lastStale = new Set<string>();
  let lastPrune = 0;

  /**
   * Pushes data:freshness when forced (every cycle) or when the stale kinds changed, and the verdicts
   * whose stale flag changed (a failed poll, or no poll for two intervals), so the wall marks those tiles
   * at once. Deltas, not a new overview: a client has had its overview since it connected.
   */
  const pushFreshness = (force: boolean): void => {
    const freshness = d.latest.freshness(d.now());
    const key = JSON.stringify(freshness.staleKinds);
    const services = d.view.services();
    const keyOf = (s: (typeof services)[number]) => `${s.account}|${s.region}|${s.name}`;
    const stale = new Set(services.filter((s) => s.stale).map(keyOf));
    const flipped = services.filter((s) => stale.has(keyOf(s)) !== lastStale.has(keyOf(s)));
    lastStale = stale;
    for (const s of flipped) d.io()?.emit('service:updated', s);
    if (!force && key === lastFreshness) return;
    lastFreshness = key;
    d.io()?.emit('data:freshness', freshness);
  };

  /** Retention, at the first cycle and then hourly. */
  const prune = (): void => {
    if (d.now().getTime() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = d.now().getTime();
    const removed = d.store.prune(d.now(), d.config().retention);
    if (removed > 0) d.log(`retention: removed ${removed} old rows`);
  };

  const onCycle = (o: CycleOutcome): void => {
    const io = d.io();
    d.metrics.observeCycle(o);
    d.metrics.observeState(d.latest.scan, o.open);
    if (!o.ok) d.changeLog.note('poll', `poll failed: ${o.error}`);
    else d.changeLog.clear('poll', ({ count }) => `poll works again after ${count} failed`);
    for (const f of o.opened) {
      d.log(
        `finding opened (${f.severity}): ${alertTitle(f)}${f.likelyCause ? ` — likely cause: ${f.likelyCause}` : ''}`,
      );
    }
    for (const f of o.resolved) d.log(`finding resolved: ${alertTitle(f)}`);
    for (const f of o.opened) io?.emit('finding:opened', f);
    for (const f of o.resolved) io?.emit('finding:resolved', f);
    if (o.serviceSetChanged) io?.emit('overview', d.view.overview());
    else for (const s of o.changedServices) io?.emit('service:updated', s);
    for (const e of o.events) io?.emit('event:new', e);
    pushFreshness(true);
    if (o.ok) d.alerts.evaluate(o.open, d.config().findings.alertAfterCycles);
    prune();
  };

  return { onCycle, pushFreshness };
}
