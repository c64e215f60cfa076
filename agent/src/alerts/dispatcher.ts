// Alert dispatch: fire after flap damping, repeat on an interval, resolve only what fired, retry with
// exponential backoff, and record every attempt. Alert state lives in the store, so a restart neither
// re-fires nor forgets to resolve.
import type { AlertDelivery, FindingRecord } from '@porthole/shared';
import type { AlertState, FindingState, Store } from '../store/store.ts';
import { toRecord } from '../store/store.ts';
import type { AlertsConfig, SinkConfig } from './config.ts';
import { postJson, type PostResult } from './http.ts';
import { payloadFor, type AlertAction } from './payloads.ts';
import { sinksFor } from './route.ts';

export interface AlertDeps {
  store: Store;
  now: () => Date;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onDelivery?: (delivery: AlertDelivery) => void;
}

interface Job {
  sink: SinkConfig;
  action: AlertAction;
  finding: FindingRecord;
  state: AlertState | null;
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
    for (const finding of open) {
      if (finding.streak < alertAfterCycles) continue; // flap damping
      const record = toRecord(finding);
      for (const name of sinksFor(record, this.config)) {
        const state = store.deliveries.state(finding.id, name);
        const sink = sinks.get(name)!;
        if (!state || state.resolvedAt !== null)
          this.start({ sink, action: 'trigger', finding: record, state });
        else if (repeatMs > 0 && now.getTime() - Date.parse(state.lastSentAt) >= repeatMs) {
          this.start({ sink, action: 'repeat', finding: record, state });
        }
      }
    }
    // Resolve notices only for alerts that fired at that sink and whose finding is no longer open.
    const openIds = new Set(open.map((f) => f.id));
    for (const state of store.deliveries.firing()) {
      const sink = sinks.get(state.sink);
      if (openIds.has(state.findingId) || !sink) continue;
      const row = store.findings.get(state.findingId);
      if (row?.status === 'open') continue;
      const finding = row ? toRecord(row) : placeholder(state, now.toISOString());
      this.start({ sink, action: 'resolve', finding, state });
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
    const key = `${job.finding.id}|${job.sink.name}|${job.action}`;
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
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const at = this.deps.now().toISOString();
      const body = payloadFor(job.sink, job.finding, {
        action: job.action,
        externalUrl: this.config.externalUrl ?? null,
        now: at,
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
          findingId: job.finding.id,
          sink: job.sink.name,
          action: job.action,
          attempt,
          ok: result.ok,
          statusCode: result.statusCode,
          error: result.error,
        });
        if (result.ok) store.deliveries.saveState(nextState(job, at));
        return recorded;
      });
      this.deps.onDelivery?.(delivery);
      if (result.ok || !result.retryable || attempt === attempts || this.abort.signal.aborted) return;
      await sleep(this.backoff(attempt, result), this.abort.signal);
      if (this.abort.signal.aborted) return;
    }
  }
}

function nextState(job: Job, at: string): AlertState {
  const base = { findingId: job.finding.id, sink: job.sink.name };
  if (job.action === 'trigger') return { ...base, firedAt: at, lastSentAt: at, resolvedAt: null };
  const state = job.state ?? { ...base, firedAt: at, lastSentAt: at, resolvedAt: null };
  return job.action === 'repeat' ? { ...state, lastSentAt: at } : { ...state, resolvedAt: at };
}

/** A resolve notice for a finding whose row retention already removed: enough for every sink. */
function placeholder(state: AlertState, now: string): FindingRecord {
  return {
    id: state.findingId,
    rule: 'data-missing',
    severity: 'info',
    title: `Finding ${state.findingId}`,
    explanation: '',
    resources: [],
    service: null,
    services: [],
    confidence: 'unknown',
    missing: [],
    targets: [],
    evidence: [],
    fix: { summary: '', awsCli: [], terraform: '' },
    account: null,
    region: null,
    status: 'resolved',
    firstSeen: state.firedAt,
    lastSeen: state.lastSentAt,
    resolvedAt: now,
    likelyCause: null,
  };
}
