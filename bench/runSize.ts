// One size's benchmark: generate (or reuse) the estate, then measure in separate processes: the analysis, the
// live source's API calls against a fake AWS, the socket.io fan-out and the daemon's hot cycles.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureEstate } from './estateCache.ts';
import type { SizeName } from './estate/sizes.ts';
import { machine } from './machine.ts';
import { runChild, scriptPath } from './measure/child.ts';
import { buildAgent, compiledAgentFresh } from './measure/compiledAgent.ts';
import type { AnalysisResult, DaemonResult, FanoutResult, LiveResult } from './measure/types.ts';
import type { RunResults } from './report.ts';

export interface RunOptions {
  size: SizeName;
  seed: number;
  fresh: boolean;
  live: boolean;
  fanout: boolean;
  daemon: boolean;
  clients: number;
  clientProcesses: number;
  /** Fan-out cycles, and the daemon's hot cycles (at least 5). */
  cycles: number;
  /** The API client loop's request interval during the daemon's cycles. */
  apiIntervalMs: number;
  profileDir: string | null;
  /** Run the daemon phase from the sources through tsx, not from the compiled agent (compiledAgent.ts). */
  daemonFromSource: boolean;
  say: (line: string) => void;
}

const minutes = (m: number) => m * 60_000;
const WARM_RUNS: Record<SizeName, number> = { S: 5, M: 3, L: 1, XL: 1 };
// XL's daemon holds the estate, two models and the store's copies: more than V8's default heap limit.
const BIG_HEAP: Record<SizeName, string[]> = { S: [], M: [], L: [], XL: ['--max-old-space-size=16384'] };

export async function runSize(o: RunOptions): Promise<RunResults> {
  const { size, seed, say } = o;
  const onProgress = (line: string) => say(`  ${line}`);
  const host = machine();
  say(`estate ${size}, seed ${seed}; load average ${host.loadAverage.join(' ')} on ${host.cores} cores`);
  const estate = await ensureEstate(size, seed, o.fresh);
  say(
    estate.generatedMs === null
      ? `reusing ${estate.dir}`
      : `generated ${estate.dir} in ${estate.generatedMs} ms`,
  );
  if (o.profileDir) {
    rmSync(o.profileDir, { recursive: true, force: true });
    mkdirSync(o.profileDir, { recursive: true });
  }
  say('analysis');
  const analysis = await runChild<AnalysisResult>(
    scriptPath('./analysis.ts'),
    [estate.dir, size, String(seed), String(WARM_RUNS[size])],
    {
      timeoutMs: minutes(30),
      onProgress,
      nodeFlags: [
        ...BIG_HEAP[size],
        ...(o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(o.profileDir)}`] : []),
      ],
    },
  );
  let live: LiveResult | null = null;
  if (o.live) {
    say('live source against a fake AWS');
    live = await runChild<LiveResult>(scriptPath('./live.ts'), [estate.dir], {
      timeoutMs: minutes(15),
      onProgress,
      nodeFlags: BIG_HEAP[size],
    });
  }
  let fanout: FanoutResult | null = null;
  if (o.fanout) {
    say(`socket.io fan-out to ${o.clients} clients`);
    const args = [
      estate.dir,
      size,
      String(seed),
      String(o.clients),
      String(o.cycles),
      String(o.clientProcesses),
    ];
    fanout = await runChild<FanoutResult>(scriptPath('./fanout.ts'), args, {
      timeoutMs: minutes(30),
      onProgress,
      nodeFlags: BIG_HEAP[size],
    });
  }
  let daemon: DaemonResult | null = null;
  if (o.daemon) {
    say(`daemon: hot cycles with GET /api/services every ${o.apiIntervalMs} ms`);
    const compiled = !o.daemonFromSource;
    if (compiled && !compiledAgentFresh()) {
      say('  building the agent (its dist is missing or older than its sources)');
      buildAgent();
    }
    const mode = compiled ? 'compiled' : 'source';
    const args = [estate.dir, size, String(seed), String(o.cycles), String(o.apiIntervalMs), mode];
    daemon = await runChild<DaemonResult>(scriptPath('./daemonCycles.ts'), args, {
      timeoutMs: minutes(30),
      onProgress,
      nodeFlags: BIG_HEAP[size],
      loader: compiled ? 'node' : 'tsx',
    });
  }
  return { size, seed, machine: host, manifest: estate.manifest, analysis, live, fanout, daemon };
}
