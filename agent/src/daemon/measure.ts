// Measures the daemon on the demo estate: cycle time and memory over many cycles, in-process with a fake
// clock (no waiting for poll intervals). Not a test: run it and read the numbers.
//   node --expose-gc --import tsx agent/src/daemon/measure.ts [cycles=1000] [seed=1]
import { pushAll } from '@porthole/shared';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DaemonConfigSchema } from './config/schema.ts';
import { startDaemon } from './daemon.ts';
import { silentLogger } from '../log/logger.ts';

const cycles = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 1);
const dataDir = mkdtempSync(path.join(tmpdir(), 'porthole-measure-'));
let clock = Date.parse('2026-03-02T10:00:00.000Z');
const config = {
  ...DaemonConfigSchema.parse({ port: 0, dataDir, demo: { seed } }),
  pollIntervalSeconds: 10,
  token: null,
  configFile: null,
};
const daemon = await startDaemon(config, {
  now: () => new Date(clock),
  autoStart: false,
  logger: silentLogger(),
});

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const memory = () => {
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
};
const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const run = async (n: number): Promise<number[]> => {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    clock += 10_000;
    const t0 = performance.now();
    const outcome = await daemon.runCycle();
    times.push(performance.now() - t0);
    if (!outcome.ok) throw new Error(`cycle failed: ${outcome.error}`);
  }
  return times;
};

await run(10); // warm-up: JIT, zod schemas, prepared statements
const before = memory();
const all: number[] = [];
const checkpoints: string[] = [];
for (let done = 0; done < cycles;) {
  const n = Math.min(250, cycles - done);
  pushAll(all, await run(n));
  done += n;
  const m = memory();
  checkpoints.push(`${done}: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}`);
}
const times = all.sort((a, b) => a - b);
const after = memory();
// socket.io's connection-state recovery keeps every push for 2 minutes of wall time (the replay buffer)
// and prunes it every 2 minutes; the cycles above ran in far less, so the buffer still holds them all.
const adapter = daemon.io.of('/').adapter as unknown as { packets?: unknown[] };
const buffered = adapter.packets?.length ?? 0;
const bufferedBytes = JSON.stringify(adapter.packets ?? []).length;
let settled: { rss: number; heapUsed: number } | null = null;
if (process.env.SETTLE !== '0') {
  await new Promise((r) => setTimeout(r, 250_000)); // two prune intervals
  settled = memory();
}
const events = daemon.store.events.lastId();
await daemon.close();
const dbBytes = ['porthole.db', 'porthole.db-wal']
  .map((f) => path.join(dataDir, f))
  .reduce((sum, f) => sum + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
rmSync(dataDir, { recursive: true, force: true });

const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(
  `demo estate seed ${seed}: ${cycles} cycles after 10 warm-up cycles (${gc ? 'with' : 'WITHOUT'} --expose-gc)`,
);
console.log(
  `cycle time: mean ${mean.toFixed(1)} ms, p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`,
);
console.log(
  `memory: rss ${mb(before.rss)} → ${mb(after.rss)}, heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)}`,
);
console.log(`memory after each 250 cycles: ${checkpoints.join('; ')}`);
console.log(`socket.io replay buffer at the end: ${buffered} packets, ~${mb(bufferedBytes)} of JSON`);
if (settled) {
  console.log(
    `after the replay buffer expired (idle 250 s): rss ${mb(settled.rss)}, heap used ${mb(settled.heapUsed)}`,
  );
}
console.log(`store: ${events} timeline events, database ${mb(dbBytes)}`);
