// npm run -s bench -- [--size S|M|L|XL | --sizes S,M | --all-sizes] [--chart] [--json] [--seed N] [--no-live]
//                     [--no-fanout] [--no-daemon] [--clients 50] [--client-processes 2] [--cycles 5]
//                     [--api-interval 250] [--fresh] [--profile] [--daemon-from-source] [--out results.json]
// Per size: generates (or reuses) the estate, then measures in separate processes (runSize.ts). Prints a
// report, or with --json one object per size (benchJson). --chart (with several sizes) writes
// bench/results/growth.svg and growth.json; "XL grows no worse than linearly from L" is checked when both ran.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchJson } from './benchJson.ts';
import { writeGrowth, type GrowthFile } from './chart/writeGrowth.ts';
import { parseSize, SIZE_NAMES, type SizeName } from './estate/sizes.ts';
import { scriptPath } from './measure/child.ts';
import { summarise } from './measure/profileSummary.ts';
import type { BenchJson } from './measure/types.ts';
import { formatReport, type RunResults } from './report.ts';
import { runSize } from './runSize.ts';
import { checkLinearGrowth, formatChecks } from './targets.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    sizes: { type: 'string' },
    'all-sizes': { type: 'boolean', default: false },
    chart: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    'no-live': { type: 'boolean', default: false },
    'no-fanout': { type: 'boolean', default: false },
    'no-daemon': { type: 'boolean', default: false },
    clients: { type: 'string', default: '50' },
    'client-processes': { type: 'string', default: '2' },
    cycles: { type: 'string', default: '5' },
    'api-interval': { type: 'string', default: '250' },
    fresh: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    // The daemon phase runs the compiled agent (as deployed), building it when stale; this runs the sources.
    'daemon-from-source': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const sizes: SizeName[] = values['all-sizes']
  ? [...SIZE_NAMES]
  : (values.sizes ?? values.size).split(',').map(parseSize);
const seed = Number(values.seed);
const say = values.json ? () => undefined : (line: string) => console.error(`bench: ${line}`);
const repoRoot = scriptPath('../..');
const resultsDir = path.join(repoRoot, 'bench', 'results');
const profileDir = values.profile ? path.join(repoRoot, 'bench', '.profiles') : null;

const runs: RunResults[] = [];
const failed: GrowthFile['failed'] = [];
for (const size of sizes) {
  try {
    runs.push(
      await runSize({
        size,
        seed,
        fresh: values.fresh,
        live: !values['no-live'],
        fanout: !values['no-fanout'],
        daemon: !values['no-daemon'],
        clients: Number(values.clients),
        clientProcesses: Number(values['client-processes']),
        cycles: Number(values.cycles),
        apiIntervalMs: Number(values['api-interval']),
        profileDir,
        daemonFromSource: values['daemon-from-source'],
        say,
      }),
    );
  } catch (err) {
    // One size failing (time-out, out of memory) still leaves the others' figures.
    if (sizes.length === 1) throw err;
    const error = err instanceof Error ? err.message.slice(0, 2000) : String(err);
    failed.push({ size, error });
    say(`size ${size} failed: ${error}`);
  }
}

const jsons = runs.map(benchJson);
const linearFromL = linearCheck(jsons);
if (values.out) {
  const all = runs.map((r, i) => ({ ...r, json: jsons[i] }));
  writeFileSync(values.out, JSON.stringify(all.length === 1 ? all[0] : all, null, 2) + '\n');
}
if (values.json) {
  for (const j of jsons) console.log(JSON.stringify(j));
} else {
  console.log(runs.map(formatReport).join('\n\n'));
  if (linearFromL) console.log(['', ...formatChecks('XL against L, per target:', linearFromL)].join('\n'));
}
if (values.chart) {
  const machineAtStart = runs[0]?.machine;
  if (!machineAtStart) throw new Error('no size finished: nothing to chart');
  const files = writeGrowth(resultsDir, { seed, machine: machineAtStart, sizes: jsons, linearFromL, failed });
  say(`wrote ${files.svg} and ${files.json}`);
}
if (profileDir) printProfile(profileDir);

/** XL against L: from this run, or for a lone XL run from the committed results' L. */
function linearCheck(measured: BenchJson[]) {
  const xl = measured.find((j) => j.size === 'XL');
  if (!xl) return null;
  let l = measured.find((j) => j.size === 'L');
  const committed = path.join(resultsDir, 'growth.json');
  if (!l && existsSync(committed)) {
    l = (JSON.parse(readFileSync(committed, 'utf8')) as GrowthFile).sizes.find((j) => j.size === 'L');
    if (l) say(`XL compared with L from ${committed} (another run)`);
  }
  return l ? checkLinearGrowth(l, xl) : null;
}

function printProfile(dir: string): void {
  // The main thread's profile is the big one (tsx's loader thread writes a small second one).
  const main = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((x, y) => statSync(y).size - statSync(x).size)[0];
  if (!main) return;
  const s = summarise(main, repoRoot, 15);
  console.log(`\nprofile ${main} (${s.sampledMs} ms sampled), inclusive time:`);
  for (const h of s.total) console.log(`  ${String(h.totalMs).padStart(7)} ms  ${h.where}`);
}
