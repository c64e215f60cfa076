// Child: the daemon (real poll loop, store, socket.io) on 127.0.0.1 port 0 with the estate as its source, and
// N dashboard clients in a separate process. Cycle 1 is the estate as generated (every finding opens); each
// later cycle is one timeline step. For every delta the daemon broadcasts, we record when it was emitted and
// when each client got it. Args: <dir> <size> <seed> <clients> <cycles> <client processes>. Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DaemonConfigSchema } from '../../agent/src/daemon/config/schema.ts';
import { startDaemon } from '../../agent/src/daemon/daemon.ts';
import type { PollSource } from '../../agent/src/daemon/types.ts';
import { readSnapshotFolder } from '../../agent/src/sources/snapshot/index.ts';
import { unitAddresses } from '../estate/generate.ts';
import { parseSize } from '../estate/sizes.ts';
import { emit, ms, peakRssMb, progress } from './child.ts';
import { ClientPool } from './clientPool.ts';
import { deliveryStats } from './fanoutStats.ts';
import type { FanoutResult } from './types.ts';
import { Timeline } from './timeline.ts';
import { silentLogger } from '../../agent/src/log/logger.ts';

const [dir, sizeArg, seedArg, clientsArg, cyclesArg, processesArg] = process.argv.slice(2);
const clients = Number(clientsArg ?? 50);
const cycles = Number(cyclesArg ?? 5);
const clientProcesses = Number(processesArg ?? 2);
const clock = () => performance.timeOrigin + performance.now();

const timeline = new Timeline(
  unitAddresses(parseSize(sizeArg!), Number(seedArg)),
  await readSnapshotFolder(dir!),
);
const source: PollSource = {
  kind: 'snapshot',
  label: `benchmark estate ${sizeArg}`,
  poll: async () => ({ snapshot: timeline.snapshot, calls: null }),
};
const dataDir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-'));
let now = Date.parse('2025-03-14T10:00:00Z');
const config = {
  ...DaemonConfigSchema.parse({ port: 0, host: '127.0.0.1', dataDir }),
  pollIntervalSeconds: 30,
  token: null,
  configFile: null,
};
const daemon = await startDaemon(config, {
  source,
  now: () => new Date(now),
  autoStart: false,
  processMetrics: false,
  logger: silentLogger(),
  webDist: path.join(dataDir, 'no-web'),
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
  const change = c === 0 ? 'the estate as generated' : timeline.advance();
  now += 30_000;
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
await daemon.close();
rmSync(dataDir, { recursive: true, force: true });
emit({ clients, clientProcesses, cycles: results, peakRssMb: peakRssMb() });
