// npm run -s bench -- [--size S|M|L] [--json] [--seed N] [--no-live] [--no-fanout] [--clients 50] [--cycles 5]
//                     [--client-processes 2] [--fresh] [--profile] [--out results.json]
// Generates (or reuses) the estate, then measures in separate processes: analysis, the live source's API calls
// against a fake AWS, and the socket.io fan-out. Prints a report, or with --json one object (benchJson).
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureEstate } from './estateCache.ts';
import { parseSize } from './estate/sizes.ts';
import { machine } from './machine.ts';
import { runChild, scriptPath } from './measure/child.ts';
import { summarise } from './measure/profileSummary.ts';
import type { AnalysisResult, FanoutResult, LiveResult } from './measure/types.ts';
import { benchJson, formatReport, type RunResults } from './report.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    'no-live': { type: 'boolean', default: false },
    'no-fanout': { type: 'boolean', default: false },
    clients: { type: 'string', default: '50' },
    'client-processes': { type: 'string', default: '2' },
    cycles: { type: 'string', default: '5' },
    fresh: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const size = parseSize(values.size);
const seed = Number(values.seed);
const say = values.json ? () => undefined : (line: string) => console.error(`bench: ${line}`);
const minutes = (m: number) => m * 60_000;
const onProgress = (line: string) => say(`  ${line}`);

say(`estate ${size}, seed ${seed}`);
const estate = await ensureEstate(size, seed, values.fresh);
say(
  estate.generatedMs === null
    ? `reusing ${estate.dir}`
    : `generated ${estate.dir} in ${estate.generatedMs} ms`,
);

const repoRoot = scriptPath('../..');
const profileDir = path.join(repoRoot, 'bench', '.profiles');
if (values.profile) {
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
}
const warmRuns = { S: 5, M: 3, L: 1 }[size];
say('analysis');
const analysis = await runChild<AnalysisResult>(
  scriptPath('./analysis.ts'),
  [estate.dir, size, String(seed), String(warmRuns)],
  {
    timeoutMs: minutes(30),
    onProgress,
    nodeFlags: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  },
);
let live: LiveResult | null = null;
if (!values['no-live']) {
  say('live source against a fake AWS');
  live = await runChild<LiveResult>(scriptPath('./live.ts'), [estate.dir], {
    timeoutMs: minutes(15),
    onProgress,
  });
}
let fanout: FanoutResult | null = null;
if (!values['no-fanout']) {
  say(`socket.io fan-out to ${values.clients} clients`);
  const args = [estate.dir, size, String(seed), values.clients, values.cycles, values['client-processes']];
  fanout = await runChild<FanoutResult>(scriptPath('./fanout.ts'), args, {
    timeoutMs: minutes(30),
    onProgress,
  });
}

const results: RunResults = {
  size,
  seed,
  machine: machine(),
  manifest: estate.manifest,
  analysis,
  live,
  fanout,
};
if (values.out)
  writeFileSync(values.out, JSON.stringify({ ...results, json: benchJson(results) }, null, 2) + '\n');
if (values.json) console.log(JSON.stringify(benchJson(results)));
else console.log(formatReport(results));
if (values.profile) {
  // The main thread's profile is the big one (tsx's loader thread writes a small second one).
  const main = readdirSync(profileDir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(profileDir, f))
    .sort((x, y) => statSync(y).size - statSync(x).size)[0];
  if (main) {
    const s = summarise(main, repoRoot, 15);
    console.log(`\nprofile ${main} (${s.sampledMs} ms sampled), inclusive time:`);
    for (const h of s.total) console.log(`  ${String(h.totalMs).padStart(7)} ms  ${h.where}`);
  }
}
