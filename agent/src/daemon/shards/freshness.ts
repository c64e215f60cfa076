// The estate's freshness from its shards': every stale kind and every kind's fetch time, the oldest
// successful cycle (the estate is only as fresh as its stalest shard), and the worst outcome.
import type { DataFreshness } from '@porthole/shared';

const RANK = { ok: 0, partial: 1, error: 2 } as const;

export function mergeFreshness(parts: readonly DataFreshness[], pollIntervalSeconds: number): DataFreshness {
  const times = (pick: (f: DataFreshness) => string | null | undefined): string[] =>
    parts
      .map(pick)
      .filter((t): t is string => typeof t === 'string')
      .sort();
  const cycles = times((f) => f.lastCycleAt);
  const oks = times((f) => f.lastOkAt);
  const outcomes = parts.map((f) => f.outcome).filter((o): o is keyof typeof RANK => !!o);
  return {
    lastCycleAt: cycles.at(-1) ?? null,
    pollIntervalSeconds,
    staleKinds: parts.flatMap((f) => f.staleKinds),
    // A shard that never succeeded makes the estate's last good time unknown.
    lastOkAt: oks.length === parts.length ? (oks[0] ?? null) : null,
    pollError: parts.find((f) => f.pollError)?.pollError ?? null,
    outcome: outcomes.sort((a, b) => RANK[b] - RANK[a])[0] ?? null,
    kinds: parts.flatMap((f) => f.kinds ?? []),
  };
}
