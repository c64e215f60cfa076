// Latency figures of the API client loop (apiClient.ts): only the requests that fell due inside a measured
// window (a hot daemon cycle) count.
export interface Sample {
  /** When the request was due, on the shared clock (performance.timeOrigin + now). */
  at: number;
  ms: number;
  ok: boolean;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The p-th quantile (0..1) of ascending values, nearest rank. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function latencyStats(
  samples: readonly Sample[],
  windows: ReadonlyArray<{ startedAt: number; endedAt: number }>,
  intervalMs: number,
) {
  const inside = samples.filter((s) => windows.some((w) => s.at >= w.startedAt && s.at <= w.endedAt));
  const ms = inside.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: inside.length,
    p50Ms: round(quantile(ms, 0.5)),
    p99Ms: round(quantile(ms, 0.99)),
    maxMs: round(ms.at(-1) ?? 0),
    errors: inside.filter((s) => !s.ok).length,
    intervalMs,
  };
}
