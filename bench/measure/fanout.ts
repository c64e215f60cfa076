// Child: the daemon (real poll loop, store, socket.io) on 127.0.0.1 port 0 with the estate as its source, and
// N dashboard clients in a separate process. Cycle 1 is the estate as generated (every finding opens); each
// later cycle is one timeline step. For every delta the daemon broadcasts, we record when it was emitted and
// when each client got it. Args: <dir> <size> <seed> <clients> <cycles> <client processes>. Prints one JSON line.
import { startBenchDaemon } from './benchDaemon.ts';
import { emit, ms, peakRssMb, progress } from './child.ts';
import { ClientPool } from './clientPool.ts';
import { deliveryStats } from './fanoutStats.ts';
import type { FanoutResult } from './types.ts';

const [dir, sizeArg, seedArg, clientsArg, cyclesArg, processesArg] = process.argv.slice(2);
const clients = Number(clientsArg ?? 50);
const cycles = Number(cyclesArg ?? 5);
const clientProcesses = Number(processesArg ?? 2);
const clock = () => performance.timeOrigin + performance.now();

const { daemon, advance, tick, stop } = await startBenchDaemon({
  dir: dir!,
  size: sizeArg!,
  seed: Number(seedArg),
  dataDirPrefix: 'porthole-bench-',
  serveWeb: false,
  compiled: false,
  sourceInWorker: false,
});

// Every broadcast passes through io.emit: note its time; sizes are measured after the cycle.
const emitted: Array<{ event: string; t: number; args: unknown[] }> = [];
const io = daemon.io as unknown as { emit: (event: string, ...args: unknown[]) => boolean };
const broadcast = io.emit.bind(io);
io.emit = (event, ...args) => {
  emitted.push({ event, t: clock(), args });
  return broadcast(event, ...args);
};

const pool = new ClientPool(daemon.url, clients, clientProcesses);
await pool.ready();
progress(`${clients} clients in ${clientProcesses} processes connected to ${daemon.url}`);

const results: FanoutResult['cycles'] = [];
for (let c = 0; c < cycles; c++) {
  const change = c === 0 ? 'the estate as generated' : await advance();
  tick();
  emitted.length = 0;
  const t0 = performance.now();
  const outcome = await daemon.runCycle();
  const cycleMs = ms(t0);
  if (!outcome.ok) throw new Error(`cycle ${c + 1} failed: ${outcome.error}`);
  const before = pool.disconnects.length;
  const stats = deliveryStats(emitted, await pool.cycleDone());
  const drops = pool.disconnects.slice(before);
  const dropped = { count: drops.length, reasons: [...new Set(drops.map((d) => d.reason))] };
  const row = { cycle: c + 1, change, cycleMs, ...stats, dropped };
  results.push(row);
  progress(
    `cycle ${row.cycle} (${change}): ${cycleMs} ms; ${row.messages} deltas × ${clients} clients, drained in ${row.drainMs} ms (p95 ${row.p95Ms} ms)` +
      (dropped.count > 0 ? `; ${dropped.count} client(s) dropped (${dropped.reasons.join(', ')})` : ''),
  );
}

pool.close();
await stop();
emit({ clients, clientProcesses, cycles: results, peakRssMb: peakRssMb() });
