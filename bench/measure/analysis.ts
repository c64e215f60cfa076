// Child: load an estate folder, build the model, analyse it (cold, then warm runs), then change one service and
// re-analyse, both as the engine does today (rebuild + full analysis) and scoped to that service (harness).
// Args: <dir> <size> <seed> <warm runs>. Prints one JSON line.
import type { ScanResult } from '@porthole/shared';
import { analyzeModel, analyzeSnapshot } from '../../agent/src/engine/index.ts';
import { buildModel } from '../../agent/src/model/build.ts';
import { createRuleContext } from '../../agent/src/rules/context.ts';
import { RULES } from '../../agent/src/rules/registry.ts';
import { readSnapshotFolder } from '../../agent/src/sources/snapshot/index.ts';
import { parseSize } from '../estate/sizes.ts';
import { emit, ms, peakRssMb, progress } from './child.ts';
import { countSnapshot } from './counts.ts';
import { changeOneService } from './oneServiceChange.ts';
import { analyzeOneService, sameFindings } from './scopedAnalysis.ts';

const [dir, sizeArg, seedArg, runsArg] = process.argv.slice(2);
const size = parseSize(sizeArg!);
const seed = Number(seedArg);
const warmRuns = Number(runsArg ?? 3);
// The estate's story happens around 2025-03-14 (agent/src/demo/time.ts); analyse shortly after.
const now = new Date('2025-03-14T10:00:00Z');
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
const model = buildModel(snapshot);
const buildMs = ms(t);
mark('afterModel');
t = performance.now();
const result: ScanResult = analyzeModel(model, { now });
const rulesMs = ms(t);
mark('afterAnalysis');
progress(`cold: model ${buildMs} ms, rules ${rulesMs} ms`);

const warm: number[] = [];
for (let i = 0; i < warmRuns; i++) {
  t = performance.now();
  analyzeSnapshot(snapshot, { now });
  warm.push(ms(t));
  progress(`warm analysis ${i + 1}/${warmRuns}: ${warm.at(-1)} ms`);
}

// Where the time goes: the shared per-target path evaluation, then each rule on top of it.
t = performance.now();
const ctx = createRuleContext(model, now);
ctx.targets();
const perRuleMs: Record<string, number> = { 'ctx.targets (path evaluation)': ms(t) };
for (const rule of RULES) {
  t = performance.now();
  rule.evaluate(model, ctx);
  perRuleMs[rule.id] = ms(t);
}

const change = changeOneService(snapshot, size, seed);
t = performance.now();
const changedModel = buildModel(change.snapshot);
const rebuildMs = ms(t);
t = performance.now();
const changedResult = analyzeModel(changedModel, { now });
const reanalysisMs = ms(t);
const scopedRuns: number[] = [];
let scoped: ScanResult | null = null;
for (let i = 0; i < 5; i++) {
  t = performance.now();
  scoped = analyzeOneService(changedModel, change.serviceId, now);
  scopedRuns.push(ms(t));
}
const check = sameFindings(changedResult, scoped!, change.serviceKey);
progress(
  `one service changed (${change.serviceKey}): rebuild ${rebuildMs} ms + analysis ${reanalysisMs} ms; scoped ${median(scopedRuns)} ms`,
);

emit({
  loadMs,
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
    fullMs: Math.round((rebuildMs + reanalysisMs) * 10) / 10,
    scopedMs: median(scopedRuns),
    scopedTargets: scoped!.targets.length,
    scopedFindings: check.scoped,
    scopedMatchesFull: check.equal,
    findingsAfter: check.full,
  },
  rssMb: rss,
  peakRssMb: peakRssMb(),
});
