// Alert dispatch: fire after flap damping, one notification per alert group and sink, an update when
// findings join a group that fired, repeat on an interval, resolve when the group's last member resolves,
// retry with exponential backoff, and record every attempt. Alert state and group membership live in the
// store, so a restart neither re-fires nor forgets to resolve.
import type { AlertDelivery, FindingRecord } from '@porthole/shared';
import { toRecord, type AlertState, type FindingState } from '@porthole/core/timeline/state.js';
import type { Store } from '../store/store.ts';
import type { AlertsConfig, SinkConfig } from './config.ts';
import { assignGroups } from './groups.ts';
import { postJson, type PostResult } from './http.ts';
import { payloadFor, type AlertAction, type AlertGroup } from './payloads.ts';
import { sinksFor } from './route.ts';
import { nextState, placeholder } from './alertState.ts';

export interface AlertDeps {
  store: Store;
  now: () => Date;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onDelivery?: (delivery: AlertDelivery) => void;
  /** Where links point when alerts.externalUrl is not set: the daemon's own address, if reachable. */
  defaultUrl?: () => string | null;
  /** HA mode: the shared record of notifications (the delivery record is the lock). */
  ledger?: AlertLedger;
}

/** Several daemons, one notification: only the daemon whose claim commits first sends it. */
export interface AlertLedger {
  /** True when this daemon may send the notification (it claimed it, or already holds the claim). */
  claim(job: Job): Promise<boolean>;
  /** Every attempt, with the alert state it leaves when it worked. */
  recorded(delivery: AlertDelivery, state: AlertState | null, job: Job): Promise<void>;
}

export interface Job {
  sink: SinkConfig;
  action: AlertAction;
  group: AlertGroup;
  state: AlertState | null;
  update: boolean;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export class AlertDispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private config: AlertsConfig,
    private readonly deps: AlertDeps,
  ) {}

  reconfigure(config: AlertsConfig): void {
    this.config = config;
  }

  /** Decides what to send after a cycle; deliveries run in the background (see drain). */
  evaluate(open: readonly FindingState[], alertAfterCycles: number): void {
    if (this.abort.signal.aborted) return;
    const { store } = this.deps;
    const now = this.deps.now();
    const sinks = new Map(this.config.sinks.map((s) => [s.name, s]));
    const repeatMs = this.config.repeatIntervalMinutes * 60_000;
    const openIds = new Set(open.map((f) => f.id));
    const alertable = open.filter((f) => f.streak >= alertAfterCycles).map(toRecord); // flap damping

    const groups = store.tx(() => {
      const memberships = store.alertGroups.all();
      // A finding that resolved leaves its group; if it reopens it joins (or founds) one afresh.
      memberships
        .filter((m) => !openIds.has(m.findingId))
        .forEach((m) => store.alertGroups.leave(m.findingId));
      const existing = new Map(
        memberships.filter((m) => openIds.has(m.findingId)).map((m) => [m.findingId, m.groupKey]),
      );
      const { groupOf, joined } = assignGroups(alertable, existing);
      joined.forEach(([id, key]) => store.alertGroups.join(id, key, now.toISOString()));
      const byKey = new Map<string, FindingRecord[]>();
      for (const f of alertable) {
        const key = groupOf.get(f.id)!;
        byKey.set(key, [...(byKey.get(key) ?? []), f]);
      }
      return byKey;
    });

    const active = new Set<string>(); // "group|sink" pairs with something to say
    for (const [key, members] of groups) {
      for (const sink of this.config.sinks) {
        const routed = members.filter((m) => sinksFor(m, this.config).includes(sink.name));
        if (routed.length === 0) continue;
        active.add(`${key}|${sink.name}`);
        const state = store.deliveries.state(key, sink.name);
        const group = { key, members: routed };
        if (!state || state.resolvedAt !== null) {
          this.start({ sink, action: 'trigger', group, state, update: false });
        } else if (routed.some((m) => !state.members.includes(m.id))) {
          this.start({ sink, action: 'trigger', group, state, update: true }); // more affected
        } else if (repeatMs > 0 && now.getTime() - Date.parse(state.lastSentAt) >= repeatMs) {
          this.start({ sink, action: 'repeat', group, state, update: false });
        }
      }
    }
    // Resolve notices only where the group fired, once none of the findings it told about is open.
    for (const state of store.deliveries.firing()) {
      const sink = sinks.get(state.sink);
      if (!sink || active.has(`${state.findingId}|${state.sink}`)) continue;
      if (state.members.some((id) => openIds.has(id))) continue;
      const members = state.members.map((id) => {
        const row = store.findings.get(id);
        return row ? toRecord(row) : placeholder(id, state, now.toISOString());
      });
      if (members.some((m) => m.status === 'open')) continue;
      this.start({ sink, action: 'resolve', group: { key: state.findingId, members }, state, update: false });
    }
  }

  /** Waits for every delivery in flight (tests, and shutdown after stop()). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  /** Stops retrying: deliveries in flight finish their current attempt and give up. */
  stop(): void {
    this.abort.abort();
  }

  private start(job: Job): void {
    const key = `${job.group.key}|${job.sink.name}|${job.action}`;
    if (this.inFlight.has(key)) return;
    const run = this.deliver(job)
      .catch((err) => console.error(`porthole: alert delivery to ${job.sink.name} failed:`, err))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
  }

  private backoff(attempt: number, result: PostResult): number {
    const { initialBackoffMs, maxBackoffMs } = this.config.retry;
    const exponential = initialBackoffMs * 2 ** (attempt - 1);
    return Math.min(maxBackoffMs, Math.max(exponential, result.retryAfterMs ?? 0));
  }

  private async deliver(job: Job): Promise<void> {
    const { store } = this.deps;
    const sleep = this.deps.sleep ?? defaultSleep;
    const { attempts } = this.config.retry;
    if (this.deps.ledger && !(await this.deps.ledger.claim(job))) return;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const at = this.deps.now().toISOString();
      const body = payloadFor(job.sink, job.group, {
        action: job.action,
        externalUrl: this.config.externalUrl ?? this.deps.defaultUrl?.() ?? null,
        now: at,
        update: job.update,
      });
      const result = await postJson(job.sink.url, body, {
        timeoutMs: this.config.timeoutMs,
        headers: job.sink.type === 'webhook' ? job.sink.headers : {},
        signal: this.abort.signal,
        ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      });
      if (!store.db.open) return; // shutting down
      const delivery = store.tx(() => {
        const recorded = store.deliveries.record({
          at,
          findingId: job.group.key,
          sink: job.sink.name,
          action: job.action,
          attempt,
          ok: result.ok,
          statusCode: result.statusCode,
          error: result.error,
          findingIds: job.group.members.map((m) => m.id),
        });
        if (result.ok) store.deliveries.saveState(nextState(job, at));
        return recorded;
      });
      await this.deps.ledger?.recorded(delivery, result.ok ? nextState(job, at) : null, job);
      this.deps.onDelivery?.(delivery);
      if (result.ok || !result.retryable || attempt === attempts || this.abort.signal.aborted) return;
      await sleep(this.backoff(attempt, result), this.abort.signal);
      if (this.abort.signal.aborted) return;
    }
  }
}
