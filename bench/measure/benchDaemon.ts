// The real daemon the bench children drive (daemonCycles.ts, fanout.ts): on 127.0.0.1 port 0, its source the
// estate folder stepped by a Timeline, no auto-start, a clock the child moves one poll interval per cycle.
// With `sourceInWorker` the Timeline runs in the daemon's analysis worker (timelineSource.ts), as a
// snapshot folder is read there when deployed; else on the daemon's thread, as the live AWS source polls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Daemon } from '../../agent/src/daemon/daemon.ts';
import type { PollSource } from '../../agent/src/daemon/types.ts';
import { agentModules } from './compiledAgent.ts';
import { unitAddresses } from '../estate/generate.ts';
import { parseSize } from '../estate/sizes.ts';
import { Timeline } from './timeline.ts';
import { timelineRemote, type TimelineSourceOptions } from './timelineSource.ts';

const POLL_INTERVAL_SECONDS = 30;

export interface BenchDaemon {
  daemon: Daemon;
  /** Moves the estate one timeline step on: what changed, in words. */
  advance(): Promise<string>;
  /** Moves the daemon's clock one poll interval on: call before each cycle. */
  tick(): void;
  /** Stops the daemon and removes its data folder. */
  stop(): Promise<void>;
}

export interface BenchDaemonOptions {
  dir: string;
  size: string;
  seed: number;
  dataDirPrefix: string;
  /** Serve the built dashboard (only when its first paint is measured). */
  serveWeb: boolean;
  /** Run the compiled agent (agent/dist, as deployed) rather than its sources (compiledAgent.ts). */
  compiled: boolean;
  /** Poll the Timeline in the analysis worker (timelineSource.ts) rather than on the daemon's thread. */
  sourceInWorker: boolean;
}

async function timelineSource(
  opts: BenchDaemonOptions,
  read: (dir: string) => Promise<Timeline['snapshot']>,
): Promise<{ source: PollSource; advance(): Promise<string>; close(): void }> {
  const label = `benchmark estate ${opts.size}`;
  if (opts.sourceInWorker) {
    const options: TimelineSourceOptions = { dir: opts.dir, size: opts.size, seed: opts.seed };
    const module = new URL('./timelineSource.ts', import.meta.url).href;
    const remote = timelineRemote();
    const source: PollSource = {
      kind: 'snapshot',
      label,
      inWorker: { module, options },
      poll: () => Promise.reject(new Error('polled in the analysis worker')),
    };
    return { source, advance: remote.advance, close: remote.close };
  }
  const timeline = new Timeline(unitAddresses(parseSize(opts.size), opts.seed), await read(opts.dir));
  const source: PollSource = {
    kind: 'snapshot',
    label,
    poll: async () => ({ snapshot: timeline.snapshot, calls: null }),
  };
  return { source, advance: async () => timeline.advance(), close: () => undefined };
}

export async function startBenchDaemon(opts: BenchDaemonOptions): Promise<BenchDaemon> {
  const { DaemonConfigSchema, startDaemon, silentLogger, readSnapshotFolder } = await agentModules(
    opts.compiled,
  );
  const { source, advance, close } = await timelineSource(opts, readSnapshotFolder);
  const dataDir = mkdtempSync(path.join(tmpdir(), opts.dataDirPrefix));
  let now = Date.parse('2025-03-14T10:00:00Z');
  const config = {
    ...DaemonConfigSchema.parse({ port: 0, host: '127.0.0.1', dataDir }),
    pollIntervalSeconds: POLL_INTERVAL_SECONDS,
    token: null,
    configFile: null,
  };
  const daemon = await startDaemon(config, {
    source,
    now: () => new Date(now),
    autoStart: false,
    processMetrics: false,
    logger: silentLogger(),
    ...(opts.serveWeb ? {} : { webDist: path.join(dataDir, 'no-web') }),
  });
  return {
    daemon,
    advance,
    tick: () => {
      now += POLL_INTERVAL_SECONDS * 1000;
    },
    stop: async () => {
      await daemon.close();
      close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
