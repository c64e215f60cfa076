// What the daemon knows right now: the last verdicts, whether a model is held, and how fresh the data is.
import type { DataFreshness, ScanResult, ServiceVerdict, Snapshot, SnapshotKind } from '@porthole/shared';
import { SNAPSHOT_KINDS } from '@porthole/shared';
import { kindFreshness, withFreshness, type KindFreshness } from '@porthole/core/engine/freshness.js';
import type { StaleKind } from '@porthole/core/timeline/state.js';

export type CycleOutcomeKind = 'ok' | 'partial' | 'error';

export class LatestState {
  scan: ScanResult | null = null;
  /** True once a cycle of this process committed an analysis: its model (in the analyzer) answers paths. */
  analysed = false;
  /** ISO time of the last cycle (ok or not) and of the last one that brought data (never a failed poll). */
  lastCycleAt: string | null = null;
  lastOkAt: string | null = null;
  /** The error of the last cycle when it failed; null once a cycle succeeds. */
  pollError: string | null = null;
  /** The last cycle's outcome: every call worked, some failed, or the poll failed. */
  outcome: CycleOutcomeKind | null = null;
  /** Kinds the source marked stale in the last successful snapshot ("TargetGroups (1111/eu-west-1)"). */
  sourceStale: StaleKind[] = [];
  /** Per account/region and kind: last successful fetch and last error (moves only with new data). */
  kinds: KindFreshness[] = [];
  /** Set once the first cycle of this process has completed (ok or not): /readyz. */
  firstCycleDone = false;

  constructor(private readonly pollIntervalSeconds: () => number) {}

  /** Records a successful snapshot's freshness: per-kind fetch times, and per-kind stale marks. */
  noteSnapshot(snapshot: Snapshot, at: string): void {
    this.kinds = kindFreshness(snapshot, at);
    this.sourceStale = [];
    for (const partition of snapshot.partitions) {
      const scope = `${partition.account ?? '?'}/${partition.region ?? '?'}`;
      for (const kind of SNAPSHOT_KINDS) {
        const mark = partition.stale?.[kind as SnapshotKind];
        if (mark)
          this.sourceStale.push({ kind: `${kind} (${scope})`, error: mark.error, fetchedAt: mark.fetchedAt });
      }
    }
  }

  /** Data older than this without a new successful cycle is stale (one missed cycle is jitter). */
  private staleAfterMs(): number {
    return 2 * this.pollIntervalSeconds() * 1000;
  }

  /** Verdicts as served: each with `stale`, the reason, and the age of the oldest data behind it. */
  services(now: Date): ServiceVerdict[] {
    return withFreshness(this.scan?.services ?? [], {
      kinds: this.kinds,
      pollError: this.pollError,
      lastOkAt: this.lastOkAt,
      staleAfterMs: this.staleAfterMs(),
      now,
    });
  }

  /** The freshness pushed to clients: source stale marks, a failing poll, or data older than 2 intervals. */
  freshness(now: Date): DataFreshness {
    const staleKinds = [...this.sourceStale];
    const interval = this.pollIntervalSeconds();
    if (this.pollError !== null) {
      staleKinds.push({ kind: 'poll', error: this.pollError, fetchedAt: this.lastOkAt });
    } else if (this.lastOkAt && now.getTime() - Date.parse(this.lastOkAt) > this.staleAfterMs()) {
      const age = Math.round((now.getTime() - Date.parse(this.lastOkAt)) / 1000);
      staleKinds.push({
        kind: 'poll',
        error: `no successful poll for ${age}s (interval ${interval}s)`,
        fetchedAt: this.lastOkAt,
      });
    }
    return {
      lastCycleAt: this.lastCycleAt,
      pollIntervalSeconds: interval,
      staleKinds,
      lastOkAt: this.lastOkAt,
      pollError: this.pollError,
      outcome: this.outcome,
      kinds: this.kinds,
    };
  }
}
