// The live store: socket deltas batched into one reactive state, plus a ticking clock for "x ago".
import { applyDeltas, emptyLive, type LiveData, type LiveDelta } from '../lib/liveState.ts';
import { connectLive, type ConnectionState, type LiveConnection } from '../lib/socket.ts';
import { api, token } from './session.ts';

/** Deltas arriving within this window are applied together (a poll cycle sends many at once). */
const BATCH_MS = 50;
/** On first connect, backfill the timeline this far back (tiles show "time since last change"). */
const BACKFILL_MS = 24 * 3600 * 1000;
const BACKFILL_LIMIT = 1000;
const BACKFILL_PAGES = 5;

class LiveStore {
  data: LiveData = $state.raw(emptyLive());
  connection: ConnectionState = $state.raw({ status: 'connecting', attempt: 0, error: null });
  now = $state(Date.now());
  /** Browser time the last push arrived: "last updated". */
  lastMessageAt: number | null = $state(null);

  private queue: LiveDelta[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private conn: LiveConnection | null = null;

  start(): void {
    if (this.conn) return;
    setInterval(() => (this.now = Date.now()), 1000);
    this.conn = connectLive({
      baseUrl: document.baseURI,
      token,
      onDelta: (d) => this.push(d),
      onConnection: (c) => (this.connection = c),
      onConnected: () => void this.backfill(),
    });
  }

  /** Fetch timeline events missed while disconnected (or the last day, on first load), a page at a time. */
  private async backfill(): Promise<void> {
    let since = this.data.events[0]
      ? String(this.data.events[0].id)
      : new Date(Date.now() - BACKFILL_MS).toISOString();
    try {
      for (let page = 0; page < BACKFILL_PAGES; page++) {
        const events = await api.events({ since, limit: BACKFILL_LIMIT });
        if (events.length > 0) this.push({ kind: 'events', events });
        const last = events.at(-1);
        if (events.length < BACKFILL_LIMIT || !last) break;
        since = String(last.id);
      }
    } catch {
      // The socket keeps us current; a failed backfill only leaves older history out.
    }
  }

  push(delta: LiveDelta): void {
    this.queue.push(delta);
    this.lastMessageAt = Date.now();
    if (this.flushTimer === undefined) this.flushTimer = setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 0) this.data = applyDeltas(this.data, batch, new Date().toISOString());
  }
}

export const live = new LiveStore();
