// The daemon's hold on its data dir: the lock (one daemon per data dir), the checked store, the source;
// a history-gap event when it was down for a while; and what a failing cycle means.
import { isDamageCode } from '../store/db.ts';
import { lockDataDir, Store, StoreDamagedError, type DataDirLock } from '../store/store.ts';
import type { ChangeLog } from './changeLog.ts';
import type { DaemonConfig } from './config/schema.ts';
import { createSource } from './sources.ts';
import { historyGapEvent } from '@porthole/core/timeline/timelineEvents.js';
import type { PollSource } from './types.ts';

export interface DataDir {
  lock: DataDirLock;
  store: Store;
  source: PollSource;
}

/** Locks the data dir, opens (and checks) the store, creates the source; undoes what it did on failure. */
export async function openDataDir(
  config: DaemonConfig,
  now: Date,
  source: PollSource | undefined,
): Promise<DataDir> {
  // One daemon per data dir: a second one would record every event and send every alert twice.
  const lock = lockDataDir(config.dataDir);
  try {
    const store = Store.open(config.dataDir, now);
    try {
      return { lock, store, source: source ?? (await createSource(config)) };
    } catch (err) {
      store.close();
      throw err;
    }
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** No cycle for more than two intervals before this start: the timeline says history has a gap. */
export function recordHistoryGap(store: Store, pollIntervalSeconds: number, now: Date): void {
  const lastCycle = store.cycles.recent(1)[0];
  if (lastCycle && now.getTime() - Date.parse(lastCycle.startedAt) > 2 * pollIntervalSeconds * 1000)
    store.events.insert(historyGapEvent(lastCycle, now.toISOString()), null);
}

/**
 * A cycle that threw: a damaged database stops the daemon (every further cycle would fail the same
 * way); anything else (a full disk) is logged once and counted until it changes.
 */
export function cycleErrorHandler(d: {
  store: Store;
  changeLog: ChangeLog;
  now: () => Date;
  stop: () => void;
  fatal: (message: string) => void;
}): (err: unknown) => void {
  return (err) => {
    const message = err instanceof Error ? err.message : String(err);
    if (isDamageCode((err as { code?: unknown } | null)?.code)) {
      d.stop();
      d.fatal(new StoreDamagedError(d.store.db.name, message, d.now()).message);
      return;
    }
    d.changeLog.note('cycle', `cycle failed: ${message}`);
  };
}
