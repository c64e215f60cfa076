// The load/refetch logic of a detail view (finding page, service drill-down), free of Svelte so it is unit
// tested: load on mount and when the inputs change; after a live batch that concerns the view, refetch once,
// coalesced; an answer that arrives after a newer load started is dropped (a fast click never shows the
// previous page's data).

export interface RefetchState<T> {
  value: T | null;
  error: string;
  loading: boolean;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LiveRefetch<T> {
  private seenRevision = 0;
  private generation = 0;
  private timer: unknown;
  private loading = true;

  constructor(
    /** Receives every state change (the runes wrapper copies it into $state). */
    private readonly publish: (state: Partial<RefetchState<T>>) => void,
    /** Deltas arriving within this window cause one refetch. */
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Starts a load now; `fetch` is called synchronously (a Svelte effect tracks what it reads). */
  load(fetch: () => Promise<T>): Promise<void> {
    const generation = ++this.generation;
    let pending: Promise<T>;
    try {
      pending = fetch();
    } catch (err) {
      pending = Promise.reject(err);
    }
    return pending.then(
      (value) => this.settle(generation, { value, error: '' }),
      (err: unknown) => this.settle(generation, { error: err instanceof Error ? err.message : String(err) }),
    );
  }

  private settle(generation: number, state: Partial<RefetchState<T>>): void {
    if (generation !== this.generation) return;
    this.loading = false;
    this.publish({ ...state, loading: false });
  }

  /** A live batch was applied: refetch (after `delayMs`) when it concerns this view and no load is running. */
  onLive(revision: number, concerns: boolean, refetch: () => void): void {
    if (revision === this.seenRevision) return;
    this.seenRevision = revision;
    if (!concerns || this.loading) return;
    this.timers.clear(this.timer);
    this.timer = this.timers.set(refetch, this.delayMs);
  }

  dispose(): void {
    this.timers.clear(this.timer);
    this.generation++;
  }
}
