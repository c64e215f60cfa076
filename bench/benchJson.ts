// The one JSON object of `npm run -s bench -- --json`: the figures the targets name.
import type { RunResults } from './report.ts';
import type { BenchJson } from './measure/types.ts';
import { checkTargets } from './targets.ts';

export function benchJson(r: RunResults): BenchJson {
  const a = r.analysis;
  const paths = [...new Set(a.change.incrementalPaths)].join('/');
  const notes: string[] = [
    `incrementalMs: ${a.change.incrementalVia}, median of ${a.change.incrementalRuns.length} (${paths} path)`,
  ];
  if (!r.live) notes.push('apiCallsPerCycle, apiCallFloor: not measured (--no-live)');
  if (!r.daemon)
    notes.push('daemonCycleMs, daemonRssMb, apiP99Ms, wallFirstPaintMs: not measured (--no-daemon)');
  if (r.daemon?.wall.note) notes.push(r.daemon.wall.note);
  const figures: Omit<BenchJson, 'checks'> = {
    size: r.size,
    services: a.counts.services,
    tasks: a.counts.tasks,
    targetGroups: a.counts.targetGroups,
    securityGroups: a.counts.securityGroups,
    targets: a.counts.targets,
    loadMs: a.loadMs,
    parseFloorMs: a.parseFloorMs,
    analysisMs: a.analysisWarmMs ?? a.analysisColdMs,
    incrementalMs: a.change.fullMs,
    peakRssMb: a.peakRssMb,
    apiCallsPerCycle: r.live?.full.calls ?? null,
    apiCallFloor: r.live?.full.independentFloor ?? null,
    daemonCycleMs: r.daemon?.cycleMs ?? null,
    daemonRssMb: r.daemon?.peakRssMb ?? null,
    apiP99Ms: r.daemon?.api.p99Ms ?? null,
    wallFirstPaintMs: r.daemon?.wall.ms ?? null,
    notes,
  };
  return { ...figures, checks: checkTargets(figures) };
}
