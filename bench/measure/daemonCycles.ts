// Child: the real daemon (poll loop, analysis, diff, SQLite store, socket.io publish) on 127.0.0.1 port 0, its
// source serving the estate and one timeline change per cycle (timeline.ts). Cycle 1 is the cold start (every
// finding opens); the next `cycles` are hot cycles, each timed whole (daemon.runCycle). Meanwhile a client loop
// in its own process (apiClient.ts) asks GET /api/services on a schedule, one request at a time; the requests due during a hot
// cycle give apiP99Ms. Then, if bench/measure/wallPaint.ts exists, the dashboard's first paint.
// Args: <dir> <size> <seed> <cycles> <api interval ms> [compiled|source] [worker|main-thread]. Prints one
// JSON line. `compiled` runs the daemon from agent/dist, this script then under plain Node (compiledAgent.ts,
// runSize.ts); the estate's Timeline is polled in the analysis worker unless `main-thread` (benchDaemon.ts).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startBenchDaemon } from './benchDaemon.ts';
import { emit, ms, peakRssMb, progress, scriptPath } from './child.ts';
import { latencyStats, type Sample } from './latency.ts';
import type { DaemonResult } from './types.ts';
import { wallFirstPaint, WALL_PAINT_MODULE } from './wallFirstPaint.ts';

const [dir, sizeArg, seedArg, cyclesArg, intervalArg, modeArg, sourceArg] = process.argv.slice(2);
const hotCycles = Math.max(5, Number(cyclesArg ?? 5));
// A probe of the event loop, not a load test (one request in flight, apiClient.ts): an open-loop probe, a
// request every 250 ms whatever was outstanding, built a backlog on the loaded 2-core machine that never
// drained between L's cycles and measured itself.
const intervalMs = Number(intervalArg ?? 250);
const clock = () => performance.timeOrigin + performance.now();
// Without the built dashboard the page never paints: no figure, rather than a two-minute timeout.
const webBuilt = existsSync(new URL('../../web/dist/index.html', import.meta.url));

const { daemon, advance, tick, stop } = await startBenchDaemon({
  dir: dir!,
  size: sizeArg!,
  seed: Number(seedArg),
  dataDirPrefix: 'porthole-bench-daemon-',
  serveWeb: webBuilt && existsSync(WALL_PAINT_MODULE),
  compiled: modeArg === 'compiled',
  sourceInWorker: sourceArg !== 'main-thread',
});

async function cycle(): Promise<{ cycleMs: number; startedAt: number; endedAt: number }> {
  tick();
  const startedAt = clock();
  const t0 = performance.now();
  const outcome = await daemon.runCycle();
  const cycleMs = ms(t0);
  if (!outcome.ok) throw new Error(`cycle failed: ${outcome.error}`);
  return { cycleMs, startedAt, endedAt: clock() };
}

const first = await cycle();
// Where the peak is reached: the cold cycle reads the estate and opens every finding.
const coldPeak = peakRssMb();
progress(`cold cycle (the estate as generated): ${first.cycleMs} ms, peak RSS so far ${coldPeak} MB`);

const client = fork(scriptPath('./apiClient.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const fromClient = <T>(type: string) =>
  new Promise<T>((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      client.off('message', on);
      resolve(m as T);
    };
    client.on('message', on);
  });
const started = fromClient('started');
client.send({ type: 'start', url: daemon.url, intervalMs });
await started;
// A quiet second first: the same requests while no cycle runs, for comparison.
const pause = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));
const idle = { startedAt: clock(), endedAt: clock() + 1000 };
await pause(1000);

const cycles: DaemonResult['cycles'] = [];
for (let c = 0; c < hotCycles; c++) {
  // The change is the benchmark's work, in this process: done between cycles, each side of it a pause in
  // which the requests held up drain (a real daemon idles a poll interval between cycles), so neither the
  // change nor its backlog lands in a cycle's requests.
  const change = await advance();
  await pause(1000);
  const timed = await cycle();
  cycles.push({ cycle: c + 2, change, ...timed });
  progress(`hot cycle ${c + 1}/${hotCycles} (${change}): ${timed.cycleMs} ms, peak RSS ${peakRssMb()} MB`);
  await pause(1000);
}
const samples = fromClient<{ samples: Sample[] }>('samples');
client.send({ type: 'stop' });
const answered = (await samples).samples;
const api = {
  ...latencyStats(answered, cycles, intervalMs),
  idleP99Ms: latencyStats(answered, [idle], intervalMs).p99Ms,
};
progress(
  `GET /api/services during the hot cycles: ${api.requests} requests, p99 ${api.p99Ms} ms (idle p99 ${api.idleP99Ms} ms)`,
);
const daemonPeak = peakRssMb();

const services = daemon.latest.scan?.services.length ?? 0;
const wall = webBuilt
  ? await wallFirstPaint({ url: daemon.url, services })
  : { ms: null, note: 'wallFirstPaintMs: the dashboard is not built (npm run build -w web)' };
if (wall.note) progress(wall.note);

await stop();
const sorted = cycles.map((x) => x.cycleMs).sort((a, b) => a - b);
const result: DaemonResult = {
  cycles,
  firstCycleMs: first.cycleMs,
  cycleMs: sorted[Math.floor(sorted.length / 2)]!,
  peakRssMb: daemonPeak,
  api,
  wall,
};
emit(result);
