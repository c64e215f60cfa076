// Findings lifecycle: first seen, last seen, resolved, with flap damping on both edges.
import type { Finding, Snapshot } from '@porthole/shared';
import type { FindingState } from './state.ts';

export interface LifecycleOptions {
  /** Consecutive absent cycles before an open finding resolves. */
  resolveAfterCycles: number;
  /**
   * True for a finding that must not resolve this cycle because data of its account/region is stale:
   * it may have vanished for want of data, not because it was fixed.
   */
  holdResolution: (finding: FindingState) => boolean;
}

export interface LifecycleResult {
  opened: FindingState[];
  resolved: FindingState[];
  /** Every finding still open after this cycle (including just opened). */
  open: FindingState[];
  /** Rows to write. */
  changed: FindingState[];
  /** Ids among `opened` that had been resolved before (a flap, or a regression). */
  reopened: Set<string>;
}

/** One successful cycle as the lifecycle sees it. */
export interface FindingsCycle {
  /** The findings the analysis emitted this cycle. */
  current: readonly Finding[];
  /** The stored findings that were open before it. */
  stillOpen: readonly FindingState[];
  /** The stored row of a finding id, open or resolved. */
  previous: (id: string) => FindingState | null;
  nowIso: string;
  /** Names the likely cause for findings that open now. */
  cause: (f: Finding) => string | null;
}

/** Advances the lifecycle by one successful cycle. */
export function advanceFindings(cycle: FindingsCycle, opts: LifecycleOptions): LifecycleResult {
  const { current, stillOpen, previous, nowIso, cause } = cycle;
  const openById = new Map(stillOpen.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const result: LifecycleResult = { opened: [], resolved: [], open: [], changed: [], reopened: new Set() };

  for (const finding of current) {
    if (seen.has(finding.id)) continue; // the engine's ids are unique; be safe anyway
    seen.add(finding.id);
    const existing = openById.get(finding.id) ?? null;
    if (existing) {
      const next: FindingState = {
        ...existing,
        ...finding,
        lastSeen: nowIso,
        streak: existing.streak + 1,
        missed: 0,
      };
      result.open.push(next);
      result.changed.push(next);
      continue;
    }
    const wasResolved = previous(finding.id);
    const opened: FindingState = {
      ...finding,
      status: 'open',
      firstSeen: nowIso,
      lastSeen: nowIso,
      resolvedAt: null,
      likelyCause: cause(finding),
      streak: 1,
      missed: 0,
    };
    result.opened.push(opened);
    if (wasResolved) result.reopened.add(finding.id);
    result.open.push(opened);
    result.changed.push(opened);
  }

  for (const existing of stillOpen) {
    if (seen.has(existing.id)) continue;
    const missed = opts.holdResolution(existing) ? existing.missed : existing.missed + 1;
    if (missed >= opts.resolveAfterCycles) {
      const resolved: FindingState = {
        ...existing,
        status: 'resolved',
        resolvedAt: nowIso,
        missed,
        streak: 0,
      };
      result.resolved.push(resolved);
      result.changed.push(resolved);
    } else {
      const kept: FindingState = { ...existing, missed };
      result.open.push(kept);
      result.changed.push(kept);
    }
  }
  return result;
}

/** Findings of an account/region whose data is partly stale do not resolve (unknown is not healthy). */
export function holdWhereStale(snapshot: Snapshot): (f: FindingState) => boolean {
  const stale = new Set(
    snapshot.partitions
      .filter((p) => Object.keys(p.stale ?? {}).length > 0)
      .map((p) => `${p.account ?? '?'}/${p.region ?? '?'}`),
  );
  if (stale.size === 0) return () => false;
  return (f) => f.account === null || f.region === null || stale.has(`${f.account}/${f.region}`);
}
