// The poll loop: snapshot → model → findings; the diff against the previous cycle becomes timeline events,
// committed in one transaction per cycle. Drivable step by step (runCycle) with an injected clock.
import type { ServiceVerdict, TimelineEvent } from '@porthole/shared';
import { toRecord, type NewEvent } from '@porthole/core/timeline/state.js';
import type { Store } from '../store/store.ts';
import { likelyCause } from '@porthole/core/timeline/correlate.js';
import { diffFacts, CONFIG_CHANGE_TYPES } from '@porthole/core/timeline/diff/diffFacts.js';
import { extractFacts, type FactSet } from '@porthole/core/timeline/diff/facts.js';
import type { LatestState } from './latest.ts';
import { advanceFindings, holdWhereStale } from '@porthole/core/timeline/lifecycle.js';
import {
  findingOpenedEvent,
  findingResolvedEvent,
  pollFailedEvent,
  pollRecoveredEvent,
  staleTransitionEvents,
} from '@porthole/core/timeline/timelineEvents.js';
import { partialPoll, pollWithDeadline, unusablePoll } from './pollOutcome.ts';
import type { CycleOutcome, Engine, PollSource } from './types.ts';

export interface LoopSettings {
  resolveAfterCycles: number;
  correlationWindowSeconds: number;
}

export interface LoopDeps {
  store: Store;
  source: PollSource;
  engine: Engine;
  latest: LatestState;
  now: () => Date;
  settings: () => LoopSettings;
  /** Called after every cycle, once its writes are committed. */
  onCycle: (outcome: CycleOutcome) => void;
}

const KV_BASELINE = 'diff.baseline';
const KV_CHECKPOINT = 'source.checkpoint';
const KV_SCAN = 'scan.last';
const KV_KINDS = 'freshness.kinds';

export class PollLoop {
  private baseline: FactSet | null;
  private failedCycles = 0;
  private inFlight: Promise<CycleOutcome> | null = null;

  constructor(private readonly deps: LoopDeps) {
    const { store, source, latest } = deps;
    // A restart resumes: diff against the last committed cycle, continue the demo timeline, serve the last scan.
    this.baseline = store.kv.get<FactSet>(KV_BASELINE);
    const checkpoint = store.kv.get<unknown>(KV_CHECKPOINT);
    if (checkpoint !== null) source.restore?.(checkpoint);
    latest.scan = store.kv.get(KV_SCAN);
    latest.kinds = store.kv.get(KV_KINDS) ?? [];
    latest.lastOkAt = store.cycles.lastOk()?.startedAt ?? null;
    latest.lastCycleAt = store.cycles.recent(1)[0]?.startedAt ?? null;
  }

  /** Runs one cycle; concurrent callers share the cycle in flight. */
  runCycle(): Promise<CycleOutcome> {
    this.inFlight ??= this.cycle().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Resolves when no cycle is in flight. */
  async idle(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  private async cycle(): Promise<CycleOutcome> {
    const { store, source, engine, latest } = this.deps;
    const started = this.deps.now();
    const at = started.toISOString();
    const t0 = performance.now();
    let polled;
    let analysis;
    try {
      polled = await pollWithDeadline(source, started);
      // A poll where every call failed brought no data: it is a failed poll, not an empty estate.
      const unusable = unusablePoll(polled);
      if (unusable) return this.failed(at, t0, unusable);
      analysis = engine.analyze(polled.snapshot, { now: started });
    } catch (err) {
      return this.failed(at, t0, err instanceof Error ? err.message : String(err));
    }
    const { result, model } = analysis;
    const outcome = partialPoll(polled) ? 'partial' : 'ok';
    const facts = extractFacts(polled.snapshot);
    const changes = this.baseline ? diffFacts(this.baseline, facts) : [];
    const staleBefore = latest.sourceStale;
    latest.noteSnapshot(polled.snapshot, at);
    const settings = this.deps.settings();

    const committed = store.tx(() => {
      const cycleId = store.cycles.insert({
        startedAt: at,
        finishedAt: this.deps.now().toISOString(),
        durationMs: performance.now() - t0,
        ok: true,
        error: null,
        source: source.label,
        services: result.services.length,
        openFindings: 0,
        events: 0,
      });
      const events: TimelineEvent[] = [];
      const add = (e: NewEvent): void => void events.push(store.events.insert(e, cycleId));
      if (this.failedCycles > 0) add(pollRecoveredEvent(this.failedCycles, at));
      staleTransitionEvents(staleBefore, latest.sourceStale, at).forEach(add);
      for (const c of changes) add({ ...c, at, likelyCause: null });

      const windowStart = new Date(
        started.getTime() - settings.correlationWindowSeconds * 1000,
      ).toISOString();
      const candidates = store.events.changesSince(windowStart, CONFIG_CHANGE_TYPES);
      const life = advanceFindings(
        result.findings,
        store.findings.open(),
        (id) => store.findings.get(id),
        at,
        { resolveAfterCycles: settings.resolveAfterCycles, holdResolution: holdWhereStale(polled.snapshot) },
        (f) => likelyCause(f, candidates, store.findings.get(f.id)?.resolvedAt ?? null),
      );
      life.changed.forEach((f) => store.findings.save(f));
      life.opened.forEach((f) => add(findingOpenedEvent(toRecord(f), at, life.reopened.has(f.id))));
      life.resolved.forEach((f) => add(findingResolvedEvent(toRecord(f), at)));

      store.kv.set(KV_BASELINE, facts);
      store.kv.set(KV_SCAN, result);
      store.kv.set(KV_KINDS, latest.kinds);
      if (source.checkpoint) store.kv.set(KV_CHECKPOINT, source.checkpoint());
      store.cycles.setCounts(cycleId, life.open.length, events.length);
      return { events, life };
    });

    // The same "cluster/service" may exist in several accounts/regions.
    const keyOf = (s: ServiceVerdict): string => `${s.account}|${s.region}|${s.name}`;
    const previous = new Map((latest.scan?.services ?? []).map((s) => [keyOf(s), JSON.stringify(s)]));
    const changedNames = new Set(
      result.services.filter((s) => previous.get(keyOf(s)) !== JSON.stringify(s)).map(keyOf),
    );
    const serviceSetChanged =
      previous.size !== result.services.length || result.services.some((s) => !previous.has(keyOf(s)));
    this.baseline = facts;
    this.failedCycles = 0;
    Object.assign(latest, {
      scan: result,
      model,
      lastCycleAt: at,
      lastOkAt: at,
      pollError: null,
      outcome,
      firstCycleDone: true,
    });
    // Pushed as served: with stale marks and data age.
    const changedServices = latest.services(started).filter((s) => changedNames.has(keyOf(s)));
    return this.report({
      ok: true,
      outcome,
      at,
      durationMs: performance.now() - t0,
      error: null,
      events: committed.events,
      opened: committed.life.opened.map(toRecord),
      resolved: committed.life.resolved.map(toRecord),
      open: committed.life.open,
      changedServices,
      serviceSetChanged,
      calls: polled.calls,
    });
  }

  private failed(at: string, t0: number, error: string): CycleOutcome {
    const { store, latest, source } = this.deps;
    const events = store.tx(() => {
      const cycleId = store.cycles.insert({
        startedAt: at,
        finishedAt: this.deps.now().toISOString(),
        durationMs: performance.now() - t0,
        ok: false,
        error,
        source: source.label,
        services: latest.scan?.services.length ?? 0,
        openFindings: 0,
        events: 0,
      });
      return this.failedCycles === 0
        ? [store.events.insert(pollFailedEvent(error, latest.lastOkAt, at), cycleId)]
        : [];
    });
    this.failedCycles++;
    Object.assign(latest, { lastCycleAt: at, pollError: error, outcome: 'error', firstCycleDone: true });
    return this.report({
      ok: false,
      outcome: 'error',
      at,
      durationMs: performance.now() - t0,
      error,
      events,
      opened: [],
      resolved: [],
      open: store.findings.open(),
      changedServices: [],
      serviceSetChanged: false,
      calls: null,
    });
  }

  private report(outcome: CycleOutcome): CycleOutcome {
    try {
      this.deps.onCycle(outcome);
    } catch (err) {
      // A listener's bug must not stop the loop: the cycle is committed already.
      console.error('porthole: cycle listener failed:', err);
    }
    return outcome;
  }
}
