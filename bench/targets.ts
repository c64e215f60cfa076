// The targets, checked on a run's figures (never in timed unit tests). They are set for L; other sizes
// are checked against the same limits for the growth picture. A figure not measured is "unmeasured", not met.
import { maxOf } from '@porthole/shared';
import type { BenchJson } from './measure/types.ts';

export interface TargetCheck {
  figure: string;
  /** The limit in words, e.g. "< 500 ms" or "≤ 1.5 × parseFloorMs". */
  target: string;
  value: number | null;
  limit: number | null;
  status: 'met' | 'missed' | 'unmeasured';
  /** value / limit: below 1 is headroom, above 1 how far over. */
  ratio: number | null;
}

type Figures = Omit<BenchJson, 'checks'>;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function check(
  figure: string,
  target: string,
  value: number | null,
  limit: number | null,
  strict: boolean,
): TargetCheck {
  if (value === null || limit === null || limit <= 0)
    return { figure, target, value, limit, status: 'unmeasured', ratio: null };
  const met = strict ? value < limit : value <= limit;
  return { figure, target, value, limit, status: met ? 'met' : 'missed', ratio: round3(value / limit) };
}

export function checkTargets(j: Figures): TargetCheck[] {
  const floorLimit = (x: number | null, k: number) => (x === null ? null : Math.round(x * k * 10) / 10);
  return [
    check('analysisMs', '< 500 ms', j.analysisMs, 500, true),
    check('incrementalMs', '< 20 ms', j.incrementalMs, 20, true),
    check('peakRssMb', '< 300 MB', j.peakRssMb, 300, true),
    check('loadMs', '≤ 1.5 × parseFloorMs', j.loadMs, floorLimit(j.parseFloorMs, 1.5), false),
    check('daemonCycleMs', '< 1,000 ms', j.daemonCycleMs, 1000, true),
    check('daemonRssMb', '< 400 MB', j.daemonRssMb, 400, true),
    check('apiP99Ms', '< 50 ms', j.apiP99Ms, 50, true),
    check(
      'apiCallsPerCycle',
      '≤ 1.1 × apiCallFloor',
      j.apiCallsPerCycle,
      floorLimit(j.apiCallFloor, 1.1),
      false,
    ),
    check('wallFirstPaintMs', '< 1,000 ms', j.wallFirstPaintMs, 1000, true),
  ];
}

const PER_TARGET: ReadonlyArray<keyof Figures> = [
  'loadMs',
  'analysisMs',
  'incrementalMs',
  'peakRssMb',
  'daemonCycleMs',
  'daemonRssMb',
];

/**
 * "XL grows no worse than linearly from L": per registered target, each figure at XL must be at most its
 * figure at L. `limit` is L's figure scaled by the targets ratio; `ratio` compares the per-target costs.
 */
export function checkLinearGrowth(l: Figures, xl: Figures): TargetCheck[] {
  const scale = xl.targets / l.targets;
  return PER_TARGET.map((key) => {
    const [a, b] = [l[key], xl[key]] as [number | null, number | null];
    const limit = a === null ? null : Math.round(a * scale * 10) / 10;
    return check(`${key} per target, XL vs L`, `≤ L × ${scale.toFixed(2)} (linear)`, b, limit, false);
  });
}

export function formatChecks(title: string, checks: readonly TargetCheck[]): string[] {
  const n = (x: number | null) => (x === null ? '-' : x.toLocaleString('en-US'));
  const margin = (c: TargetCheck) =>
    c.ratio === null ? '' : c.ratio <= 1 ? `${c.ratio}× of the limit` : `${c.ratio}× over the limit`;
  const width = maxOf(checks.map((c) => c.figure.length));
  return [
    title,
    ...checks.map(
      (c) =>
        `  ${c.status.padEnd(10)} ${c.figure.padEnd(width)}  ${n(c.value).padStart(9)}  ${c.target}` +
        (c.limit === null ? '' : ` (= ${n(c.limit)})`) +
        (margin(c) ? `: ${margin(c)}` : ''),
    ),
  ];
}
