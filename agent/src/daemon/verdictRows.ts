// A cycle's verdicts on their way back from the analysis worker: 15,000 target and service rows at L, of
// which a hot cycle changes a few dozen. A row equal to one of the verdicts last committed travels as that
// row's index in the committed list (both sides hold the same committed lists, moved on at each commit), a
// changed or new row as itself, so the daemon's thread deserialises kilobytes instead of ~8 MB per cycle.
import type { ScanResult, ServiceVerdict, TargetVerdict } from '@porthole/shared';
import { serviceKey, targetKey, type VerdictDelta } from '../store/store.ts';
import type { CycleAnalysis } from './analyzer.ts';

export type Verdicts = Pick<ScanResult, 'services' | 'targets'>;
type Row<T> = number | T;

/** A CycleAnalysis as it crosses the thread boundary. */
export type WireAnalysis = Omit<CycleAnalysis, 'result'> & {
  result: Omit<ScanResult, 'services' | 'targets'> & {
    services: Row<ServiceVerdict>[];
    targets: Row<TargetVerdict>[];
  };
};

/** The worker's side: `committed` the verdicts of the cycle last committed, null after a (re)start. */
export function toWire(analysis: CycleAnalysis, committed: Verdicts | null): WireAnalysis {
  const delta = analysis.verdicts;
  if (!committed || !delta) return analysis;
  const { result } = analysis;
  return {
    ...analysis,
    result: {
      ...result,
      services: sameKeyRows(committed.services, result.services, delta.services, serviceKey),
      targets: sameKeyRows(committed.targets, result.targets, delta.targets, targetKey),
    },
  };
}

function sameKeyRows<T>(
  committed: readonly T[],
  next: readonly T[],
  delta: VerdictDelta['services'] | VerdictDelta['targets'],
  key: (t: T) => string,
): Row<T>[] {
  const at = new Map<string, number>();
  committed.forEach((row, i) => at.set(key(row), i));
  // An unchanged row is not the committed object (each analysis makes its rows): it is the committed row of
  // the same key, which the delta found equal.
  const changed = new Set(delta.upsert as readonly unknown[] as T[]);
  return next.map((row) => (changed.has(row) ? row : (at.get(key(row)) ?? row)));
}

/** The rows of an analysis: what becomes `committed` on both sides once its cycle is committed. */
export const verdictsOf = (a: { result: Verdicts }): Verdicts => ({
  services: a.result.services,
  targets: a.result.targets,
});

/** The daemon's side: the rows back in full, from its own copy of the committed verdicts. */
export function fromWire(wire: WireAnalysis, committed: Verdicts | null): CycleAnalysis {
  const rows = <T>(list: Row<T>[], from: readonly T[] | undefined): T[] =>
    list.map((row) => {
      if (typeof row !== 'number') return row;
      const found = from?.[row];
      if (found === undefined) throw new Error(`verdict row ${row} is not among the committed verdicts`);
      return found;
    });
  const { result } = wire;
  return {
    ...wire,
    result: {
      ...result,
      services: rows(result.services, committed?.services),
      targets: rows(result.targets, committed?.targets),
    },
  };
}
