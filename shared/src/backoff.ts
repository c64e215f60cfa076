// The one retry backoff: capped exponential with full jitter, for the dashboard's reconnects and the
// alert dispatcher's retries. "Full jitter" (AWS Architecture Blog, "Exponential Backoff And
// Jitter"): the delay is uniform in [0, min(cap, base·2^(attempt-1))]. Of the variants compared
// there it spreads clients best and does the least work, so a restarted daemon is not stampeded.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** min(max, base·2^(attempt-1)) for a 1-based attempt; nonsense attempts count as the first. */
export function backoffCeiling(attempt: number, opts: BackoffOptions): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  return Math.max(0, Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(n - 1, 40)));
}

/** The delay before retry `attempt`: the ceiling scaled by `random` in [0, 1] (full jitter). */
export function backoffDelay(attempt: number, random: number, opts: BackoffOptions): number {
  const r = Number.isFinite(random) ? Math.min(1, Math.max(0, random)) : 1;
  return Math.round(backoffCeiling(attempt, opts) * r);
}
