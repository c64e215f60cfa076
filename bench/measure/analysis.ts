// Child: load an estate folder, build the model, analyse it (cold, then warm runs), then change one service and
// re-analyse, both as the engine does today (incremental.ts) and scoped to that service (harness); then the
// load's floor (parseFloor.ts).
// Args: <dir> <size> <seed> <warm runs>. Prints one JSON line.
import type { ScanResult } from '@porthole/shared';
import { analyzeModel, analyzeSnapshot } from '@porthole/core/engine/index.js';
import { buildModel } from '@porthole/core/model/build.js';
import { createRuleContext } from '@porthole/core/rules/support/context.js';
import { RULES } from '@porthole/core/rules/registry.js';
import { readSnapshotFolder } from '../../agent/src/sources/snapshot/index.ts';
import { parseSize } from '../estate/sizes.ts';
import { emit, ms, peakRssMb, progress } from './child.ts';
import { countSnapshot } from './counts.ts';
import { measureIncremental } from './incremental.ts';
import { changeOneService } from './oneServiceChange.ts';
import { measureParseFloor } from './parseFloor.ts';
import { analyzeOneService, sameFindings } from './scopedAnalysis.ts';

const [dir, sizeArg, seedArg, runsArg] = process.argv.slice(2);
const size = parseSize(sizeArg!);
const seed = Number(seedArg);
const warmRuns = Number(runsArg ?? 3);
// The estate's story happens around 2025-03-14 (estate/src/demo/time.ts); analyse shortly after.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tally = <T>(items: T[], key: (t: T) => string) =>
  Object.fromEntries(
    [...items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>())].sort(
      ([a], [b]) => a.localeCompare(b),
    ),
  );

const rss: Record<string, number> = {};
const mark = (stage: string) => (rss[stage] = Math.round(process.memoryUsage().rss / 1024 / 1024));

let t = performance.now();
const snapshot = await readSnapshotFolder(dir!);
const loadMs = ms(t);
mark('afterLoad');
progress(`loaded ${dir} in ${loadMs} ms (${snapshot.warnings.length} warnings)`);

t = performance.now();
// The latest model stays alive to the end, as the daemon keeps the last cycle's model for explain/reach.
const model = buildModel(snapshot);
const buildMs = ms(t);
mark('afterModel');
t = performance.now();
const result: ScanResult = analyzeModel(model);
const rulesMs = ms(t);
mark('afterAnalysis');
const peakFirstCycleMb = peakRssMb();
progress(`cold: model ${buildMs} ms, rules ${rulesMs} ms`);

const warm: number[] = [];
for (let i = 0; i < warmRuns; i++) {
  t = performance.now();
  analyzeSnapshot(snapshot);
  warm.push(ms(t));
  progress(`warm analysis ${i + 1}/${warmRuns}: ${warm.at(-1)} ms`);
}

// One service changed as a hot poll sees it: its item, its tasks and its target health (grace-too-short).
const change = changeOneService(snapshot, size, seed, 'grace-too-short');
const incremental = measureIncremental({ previous: { snapshot }, next: change.snapshot });
const { model: changedModel, result: changedResult } = incremental;
const { rebuildMs, reanalysisMs } = incremental.parts;
const scopedRuns: number[] = [];
let scoped: ScanResult | null = null;
for (let i = 0; i < 5; i++) {
  t = performance.now();
  scoped = analyzeOneService(changedModel, change.serviceId);
  scopedRuns.push(ms(t));
}
const check = sameFindings(changedResult, scoped!, change.serviceKey);
// Two models are alive now, the latest and the changed one, as in a daemon cycle.
mark('afterChange');
// Peak RSS of what a daemon does (load, analyses, a change); the breakdown below is the benchmark's own.
const peakMb = peakRssMb();

// The load's floor, in this process and run, after the peak reading (its parsed copy would raise the peak).
const floor = await measureParseFloor(dir!);
progress(`parse floor: ${floor.files} files, ${floor.ms} ms (load ${loadMs} ms)`);

// Where the time goes: the shared per-target path evaluation, then each rule on top of it. On a fresh model
// (per-model indexes and caches are built inside the timings, as in a real cycle), dropped right after.
const perRuleMs = breakdown();
progress(
  `one service changed (${change.serviceKey}): engine update ${incremental.ms} ms; scoped ${median(scopedRuns)} ms`,
);

emit({
  loadMs,
  parseFloorMs: floor.ms,
  warnings: snapshot.warnings.length,
  partitions: snapshot.partitions.length,
  counts: countSnapshot(snapshot),
  buildMs,
  rulesColdMs: rulesMs,
  analysisColdMs: Math.round((buildMs + rulesMs) * 10) / 10,
  analysisWarmMs: warm.length > 0 ? median(warm) : null,
  analysisRuns: warm,
  perRuleMs,
  findingsByRule: tally(result.findings, (f) => f.rule),
  servicesByStatus: tally(result.services, (s) => s.status),
  change: {
    service: change.serviceKey,
    rebuildMs,
    reanalysisMs,
    fullMs: incremental.ms,
    incrementalVia: incremental.via,
    incrementalRuns: incremental.runs,
    incrementalPaths: incremental.paths,
    scopedMs: median(scopedRuns),
    scopedTargets: scoped!.targets.length,
    scopedFindings: check.scoped,
    scopedMatchesFull: check.equal,
    findingsAfter: check.full,
  },
  rssMb: rss,
  peakFirstCycleMb,
  peakRssMb: peakMb,
});

function breakdown(): Record<string, number> {
  const fresh = buildModel(snapshot);
  let start = performance.now();
  const ctx = createRuleContext(fresh);
  ctx.targets();
  const out: Record<string, number> = { 'ctx.targets (path evaluation)': ms(start) };
  for (const rule of RULES) {
    start = performance.now();
    rule.evaluate(fresh, ctx);
    out[rule.id] = ms(start);
  }
  // The rest of a full analysis (dedupe, verdicts, GC): a median full analysis minus model build and rules.
  const full = warm.length > 0 ? median(warm) : buildMs + rulesMs;
  const parts = Object.values(out).reduce((a, b) => a + b, 0);
  out['everything else (dedupe, verdicts, GC)'] = Math.max(0, Math.round((full - buildMs - parts) * 10) / 10);
  return out;
}
