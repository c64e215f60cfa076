// What the daemon knows right now: the last scan and model, and how fresh its data is.
import type { DataFreshness, ScanResult, Snapshot, SnapshotKind } from '@porthole/shared';
import { SNAPSHOT_KINDS } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';

export interface StaleKind {
  kind: string;
  error: string;
  fetchedAt: string | null;
}

export class LatestState {
  scan: ScanResult | null = null;
  model: EstateModel | null = null;
  /** ISO time of the last cycle (ok or not) and of the last successful one. */
  lastCycleAt: string | null = null;
  lastOkAt: string | null = null;
  /** The error of the last cycle when it failed; null once a cycle succeeds. */
  pollError: string | null = null;
  /** Kinds the source marked stale in the last successful snapshot ("TargetGroups (1111/eu-west-1)"). */
  sourceStale: StaleKind[] = [];
  /** kind → ISO time of the data held (for the data-age metric). */
  fetchedAt = new Map<string, string>();
  /** Set once the first cycle of this process has completed (ok or not): /readyz. */
  firstCycleDone = false;

  constructor(private readonly pollIntervalSeconds: () => number) {}

  /** Records a successful snapshot's freshness: capture time, and per-kind stale marks. */
  noteSnapshot(snapshot: Snapshot, at: string): void {
    const dataTime = snapshot.capturedAt ?? at;
    this.fetchedAt.clear();
    this.sourceStale = [];
    for (const partition of snapshot.partitions) {
      const scope = `${partition.account ?? '?'}/${partition.region ?? '?'}`;
      for (const kind of SNAPSHOT_KINDS) {
        const mark = partition.stale?.[kind as SnapshotKind];
        if (mark) {
          this.sourceStale.push({ kind: `${kind} (${scope})`, error: mark.error, fetchedAt: mark.fetchedAt });
          const held = this.fetchedAt.get(kind);
          if (mark.fetchedAt && (!held || mark.fetchedAt < held)) this.fetchedAt.set(kind, mark.fetchedAt);
        } else if (partition.data[kind as SnapshotKind] && !this.fetchedAt.has(kind)) {
          this.fetchedAt.set(kind, dataTime);
        }
      }
    }
  }

  /** The freshness pushed to clients: source stale marks, a failing poll, or data older than 2 intervals. */
  freshness(now: Date): DataFreshness {
    const staleKinds = [...this.sourceStale];
    const interval = this.pollIntervalSeconds();
    if (this.pollError !== null) {
      staleKinds.push({ kind: 'poll', error: this.pollError, fetchedAt: this.lastOkAt });
    } else if (this.lastOkAt && now.getTime() - Date.parse(this.lastOkAt) > 2 * interval * 1000) {
      const age = Math.round((now.getTime() - Date.parse(this.lastOkAt)) / 1000);
      staleKinds.push({
        kind: 'poll',
        error: `no successful poll for ${age}s (interval ${interval}s)`,
        fetchedAt: this.lastOkAt,
      });
    }
    return { lastCycleAt: this.lastCycleAt, pollIntervalSeconds: interval, staleKinds };
  }
}
