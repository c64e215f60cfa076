// The human-readable report of a run: the figures next to the issue's targets, where the time goes, and what
// the engine found next to the failures the generator planted.
import { maxOf, pushAll } from '@porthole/shared';
import type { Manifest } from './estate/generate.ts';
import type { SizeName } from './estate/sizes.ts';
import type { Machine } from './machine.ts';
import { benchJson } from './benchJson.ts';
import type { AnalysisResult, DaemonResult, FanoutResult, LiveResult } from './measure/types.ts';
import { formatChecks } from './targets.ts';

export interface RunResults {
  size: SizeName;
  seed: number;
  machine: Machine;
  manifest: Manifest;
  analysis: AnalysisResult;
  live: LiveResult | null;
  fanout: FanoutResult | null;
  daemon: DaemonResult | null;
}

const n = (x: number) => x.toLocaleString('en-US');
const msText = (x: number) => (x >= 100 ? `${n(Math.round(x))} ms` : `${x.toFixed(1)} ms`);

/** "✓" or "✗ 30.7× over" against an upper bound. */
function verdict(value: number, limit: number): string {
  return value <= limit ? 'met' : `missed (${(value / limit).toFixed(1)}×)`;
}

export function formatReport(r: RunResults): string {
  const a = r.analysis;
  const c = a.counts;
  const m = r.machine;
  const analysisMs = a.analysisWarmMs ?? a.analysisColdMs;
  const rows: Array<[string, string, string]> = [
    [
      `load (read + validate ${n(r.manifest.files)} files, ${n(Math.round(r.manifest.bytes / 1e6))} MB)`,
      msText(a.loadMs),
      '',
    ],
    ['  floor: read + JSON.parse of the same files, same process', msText(a.parseFloorMs), ''],
    ['model build', msText(a.buildMs), ''],
    ['full analysis (model + rules), first run', msText(a.analysisColdMs), ''],
    [
      `full analysis, median of ${a.analysisRuns.length} later runs`,
      a.analysisWarmMs === null ? '-' : msText(a.analysisWarmMs),
      `< 500 ms: ${verdict(analysisMs, 500)}`,
    ],
    [
      `one service changed (${a.change.service}): ${a.change.incrementalVia}`,
      msText(a.change.fullMs),
      `< 20 ms: ${verdict(a.change.fullMs, 20)}`,
    ],
    [
      `  same, rules scoped to that service (bench harness, ${a.change.scopedTargets} targets)`,
      msText(a.change.scopedMs),
      `< 20 ms: ${verdict(a.change.scopedMs, 20)}${a.change.scopedMatchesFull ? '' : ' (findings differ!)'}`,
    ],
    ['peak RSS: load + first analysis', `${a.peakFirstCycleMb} MB`, ''],
    [
      `peak RSS: load + ${a.analysisRuns.length + 1} analyses + the one-service change`,
      `${a.peakRssMb} MB`,
      `< 300 MB: ${verdict(a.peakRssMb, 300)}`,
    ],
  ];
  if (r.live) {
    const { full, hot } = r.live;
    const floors = (p: typeof full) =>
      `floor ${n(p.independentFloor)}${p.floor !== p.independentFloor ? `, source's own ${n(p.floor)}` : ''}`;
    rows.push([
      `AWS calls, poll with every tier (${floors(full)})`,
      n(full.calls),
      `≤ 1.1 × floor: ${full.ratio <= 1.1 ? 'met' : 'missed'} (${full.ratio.toFixed(2)}×)`,
    ]);
    rows.push([
      `AWS calls, hot-tier poll (${floors(hot)})`,
      n(hot.calls),
      `≤ 1.1 × floor: ${hot.ratio <= 1.1 ? 'met' : 'missed'} (${hot.ratio.toFixed(2)}×)`,
    ]);
    rows.push([
      'live source poll time against the fake AWS (every tier / hot)',
      `${msText(full.ms)} / ${msText(hot.ms)}`,
      '',
    ]);
  }
  if (r.fanout) pushAll(rows, fanoutRows(r.fanout));
  if (r.daemon) pushAll(rows, daemonRows(r.daemon));
  const width = maxOf(rows.map((x) => x[0].length));
  const valueWidth = maxOf(rows.map((x) => x[1].length));
  const lines = [
    `Porthole benchmark, size ${r.size} (seed ${r.seed}): ${n(c.services)} services, ${n(c.tasks)} tasks, ${n(c.targets)} targets, ` +
      `${n(c.targetGroups)} target groups, ${n(c.loadBalancers)} ALBs, ${n(c.securityGroups)} SGs / ${n(c.securityGroupRules)} rules, ${n(c.networkAcls)} NACLs, ${a.partitions} account(s)`,
    `machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, node ${m.node}, load average ${m.loadAverage.join(' ')} at the start; commit ${m.commit}`,
    '',
    ...rows.map(([k, v, t]) => `  ${k.padEnd(width)}  ${v.padStart(valueWidth)}  ${t}`),
    '',
    ...formatChecks(`the issue's targets (set for L) on these figures:`, benchJson(r).checks),
    '',
    'where the analysis time goes (one full analysis, shared path evaluation first):',
    ...Object.entries(a.perRuleMs)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 6)
      .map(([rule, t]) => `  ${msText(t).padStart(10)}  ${rule}`),
    '',
    'planted failures → findings:',
    ...Object.entries(r.manifest.failures).map(
      ([mode, f]) =>
        `  ${String(f.count).padStart(4)} × ${mode.padEnd(26)} expects ${f.expectedRule} (found ${a.findingsByRule[f.expectedRule] ?? 0})`,
    ),
    `  services: ${Object.entries(a.servicesByStatus)
      .map(([s, k]) => `${n(k)} ${s}`)
      .join(', ')}`,
  ];
  return lines.join('\n');
}

function fanoutRows(f: FanoutResult): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [];
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
  const drops = (cycles: FanoutResult['cycles']) => {
    const count = cycles.reduce((s, x) => s + x.dropped.count, 0);
    const why = [...new Set(cycles.flatMap((x) => x.dropped.reasons))];
    return count > 0 ? `; ${count} client drop(s): ${why.join(', ')}` : '';
  };
  const first = f.cycles[0];
  const later = f.cycles.slice(1);
  const who = `${f.clients} clients in ${f.clientProcesses} processes`;
  if (first) {
    rows.push([
      `socket.io fan-out, first cycle: ${n(first.messages)} deltas (${mb(first.bytes)}) to ${who}`,
      `drained in ${msText(first.drainMs)}`,
      `p95 ${msText(first.p95Ms)}, ${n(first.perSecond)} deliveries/s${drops([first])}`,
    ]);
  }
  if (later.length > 0) {
    const worst = (k: 'p95Ms' | 'maxMs' | 'drainMs') => maxOf(later.map((x) => x[k]));
    const deltas = later.reduce((s, x) => s + x.messages, 0);
    const bytes = later.reduce((s, x) => s + x.bytes, 0);
    rows.push([
      `socket.io fan-out, ${later.length} timeline steps: ${n(deltas)} deltas (${mb(bytes)}) to ${who}`,
      `p95 ${msText(worst('p95Ms'))}, max ${msText(worst('maxMs'))}`,
      `slowest drain ${msText(worst('drainMs'))}${drops(later)}`,
    ]);
  }
  const cycleMs = [...f.cycles.map((x) => x.cycleMs)].sort((a, b) => a - b);
  rows.push([
    'daemon cycle time during the fan-out (poll + analysis + diff + store + publish), median',
    msText(cycleMs[Math.floor(cycleMs.length / 2)] ?? 0),
    '',
  ]);
  return rows;
}

function daemonRows(d: DaemonResult): Array<[string, string, string]> {
  const api = d.api;
  return [
    ['daemon, cold first cycle (every finding opens)', msText(d.firstCycleMs), ''],
    [
      `daemon, hot cycle (one change each), median of ${d.cycles.length}`,
      msText(d.cycleMs),
      `< 1,000 ms: ${verdict(d.cycleMs, 1000)}`,
    ],
    ['daemon process peak RSS', `${d.peakRssMb} MB`, `< 400 MB: ${verdict(d.peakRssMb, 400)}`],
    [
      `GET /api/services during hot cycles: ${n(api.requests)} requests due every ${api.intervalMs} ms, p99`,
      msText(api.p99Ms),
      `< 50 ms: ${verdict(api.p99Ms, 50)} (p50 ${msText(api.p50Ms)}, max ${msText(api.maxMs)}, idle p99 ${msText(api.idleP99Ms)}${api.errors ? `, ${api.errors} errors` : ''})`,
    ],
    ['dashboard #/wall first paint', d.wall.ms === null ? '-' : msText(d.wall.ms), d.wall.note ?? ''],
  ];
}
