// Reconnect backoff: exponential with full jitter, capped, so a restarted daemon is not stampeded.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 15_000 };

/** Delay before retry `attempt` (1-based): min(max, base·2^(attempt-1)) scaled by `random` in [0.5, 1]. */
export function backoffDelay(
  attempt: number,
  random: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random));
  return Math.round(ceiling * (0.5 + r / 2));
}
