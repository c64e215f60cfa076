// The real daemon the bench children drive (daemonCycles.ts, fanout.ts): on 127.0.0.1 port 0, its source the
// estate folder stepped by a Timeline, no auto-start, a clock the child moves one poll interval per cycle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DaemonConfigSchema } from '../../agent/src/daemon/config/schema.ts';
import { startDaemon, type Daemon } from '../../agent/src/daemon/daemon.ts';
import type { PollSource } from '../../agent/src/daemon/types.ts';
import { silentLogger } from '../../agent/src/log/logger.ts';
import { readSnapshotFolder } from '../../agent/src/sources/snapshot/index.ts';
import { unitAddresses } from '../estate/generate.ts';
import { parseSize } from '../estate/sizes.ts';
import { Timeline } from './timeline.ts';

const POLL_INTERVAL_SECONDS = 30;

export interface BenchDaemon {
  daemon: Daemon;
  timeline: Timeline;
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
}

export async function startBenchDaemon(opts: BenchDaemonOptions): Promise<BenchDaemon> {
  const timeline = new Timeline(
    unitAddresses(parseSize(opts.size), opts.seed),
    await readSnapshotFolder(opts.dir),
  );
  const source: PollSource = {
    kind: 'snapshot',
    label: `benchmark estate ${opts.size}`,
    poll: async () => ({ snapshot: timeline.snapshot, calls: null }),
  };
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
    timeline,
    tick: () => {
      now += POLL_INTERVAL_SECONDS * 1000;
    },
    stop: async () => {
      await daemon.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
