// The poll loop: poll → analyse → commit → publish, one cycle at a time. Each step is its own module
// (pollOutcome.ts, analyzer.ts, cycleCommit.ts, cyclePublish.ts); this class keeps what lives across
// cycles (failed-cycle count, the cycle in flight) and is drivable step by step with an injected clock.
import type { Logger } from '../log/logger.ts';
import type { Analyzer } from './analyzer.ts';
import { KV_CHECKPOINT, KV_KINDS, commitCycle, commitFailedCycle, type CycleRow } from './cycleCommit.ts';
import { publishCycle, verdictDelta } from './cyclePublish.ts';
import type { LatestState } from './latest.ts';
import { partialPoll, pollWithDeadline, unusablePoll } from './pollOutcome.ts';
import type { CycleOutcome, PollResult, PollSource } from './types.ts';
import type { Store } from '../store/store.ts';

export interface LoopSettings {
  resolveAfterCycles: number;
  correlationWindowSeconds: number;
}

export interface LoopDeps {
  store: Store;
  source: PollSource;
  analyzer: Analyzer;
  latest: LatestState;
  now: () => Date;
  settings: () => LoopSettings;
  logger: Logger;
  /** Called after every cycle, once its writes are committed. */
  onCycle: (outcome: CycleOutcome) => void;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class PollLoop {
  private failedCycles = 0;
  private inFlight: Promise<CycleOutcome> | null = null;

  constructor(private readonly deps: LoopDeps) {
    const { store, source, latest } = deps;
    // A restart resumes: continue the demo timeline, serve the last verdicts (the analyzer diffs against
    // the stored baseline; findings and events are in their tables).
    const checkpoint = store.kv.get<unknown>(KV_CHECKPOINT);
    if (checkpoint !== null) source.restore?.(checkpoint);
    const verdicts = store.state.verdicts();
    latest.scan =
      verdicts.services.length > 0 ? { schemaVersion: 1, findings: [], warnings: [], ...verdicts } : null;
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
    const row: CycleRow = {
      startedAt: this.deps.now(),
      t0: performance.now(),
      finishedAt: this.deps.now,
      source: this.deps.source.label,
    };
    const { source, analyzer } = this.deps;
    let polled: PollResult;
    let analysis;
    try {
      if (source.folder !== undefined || source.inWorker) {
        // The analyzer reads the folder or polls the source itself; the loop gets the snapshot's head for
        // freshness.
        const input = source.folder !== undefined ? { folder: source.folder } : { source: source.inWorker! };
        analysis = await analyzer.analyse(input, row.startedAt);
        polled = { snapshot: analysis.head!, calls: null };
      } else {
        polled = await pollWithDeadline(source, row.startedAt);
        // A poll where every call failed brought no data: it is a failed poll, not an empty estate.
        const unusable = unusablePoll(polled);
        if (unusable) return this.failed(row, unusable);
        analysis = await analyzer.analyse({ snapshot: polled.snapshot }, row.startedAt);
      }
    } catch (err) {
      return this.failed(row, message(err));
    }
    return this.commitAndPublish(row, polled, analysis);
  }

  private commitAndPublish(
    row: CycleRow,
    polled: PollResult,
    analysis: Awaited<ReturnType<Analyzer['analyse']>>,
  ): CycleOutcome {
    const { store, source, latest, analyzer } = this.deps;
    const staleBefore = latest.sourceStale;
    const kindsBefore = latest.kinds;
    latest.noteSnapshot(polled.snapshot, row.startedAt.toISOString());
    const verdicts = analysis.verdicts ?? verdictDelta(latest.scan, analysis.result);
    let committed;
    try {
      committed = commitCycle({
        store,
        cycle: row,
        snapshot: polled.snapshot,
        analysis,
        verdicts,
        failedBefore: this.failedCycles,
        stale: { before: staleBefore, after: latest.sourceStale },
        kinds: latest.kinds,
        checkpoint: source.checkpoint?.(),
        settings: this.deps.settings(),
      });
    } catch (err) {
      // Nothing was written: the freshness stays that of the data still served.
      Object.assign(latest, { sourceStale: staleBefore, kinds: kindsBefore });
      throw err;
    }
    analyzer.commit();
    this.failedCycles = 0;
    return this.report(
      publishCycle({
        latest,
        startedAt: row.startedAt,
        durationMs: performance.now() - row.t0,
        outcome: partialPoll(polled) ? 'partial' : 'ok',
        result: analysis.result,
        verdicts,
        committed,
        calls: polled.calls,
      }),
    );
  }

  private failed(row: CycleRow, error: string): CycleOutcome {
    const { store, latest } = this.deps;
    const events = commitFailedCycle({
      store,
      cycle: row,
      error,
      services: latest.scan?.services.length ?? 0,
      failedBefore: this.failedCycles,
      lastOkAt: latest.lastOkAt,
    });
    this.failedCycles++;
    const at = row.startedAt.toISOString();
    Object.assign(latest, { lastCycleAt: at, pollError: error, outcome: 'error', firstCycleDone: true });
    return this.report({
      ok: false,
      outcome: 'error',
      at,
      durationMs: performance.now() - row.t0,
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
      this.deps.logger.error({ err }, 'cycle listener failed');
    }
    return outcome;
  }
}
