// Drives a real daemon in-process: temp data dir, OS-chosen port, fake clock, no poll timer — each
// step() advances the clock by one poll interval and runs one cycle, then waits for alert deliveries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@porthole/shared';
import {
  DaemonConfigSchema,
  DEFAULT_POLL_SECONDS,
  type DaemonConfig,
  type DaemonConfigInput,
} from '../../../agent/src/daemon/config/schema.ts';
import { startDaemon, type Daemon, type DaemonDeps } from '../../../agent/src/daemon/daemon.ts';
import type { CycleOutcome, PollSource } from '../../../agent/src/daemon/types.ts';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { applyScenarios, type ScenarioName } from '@porthole/estate/demo/scenarios.js';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { silentLogger } from '../../../agent/src/log/logger.ts';

export const START = Date.parse('2026-03-02T10:40:00.000Z');

export class FakeClock {
  constructor(public ms = START) {}
  now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'porthole-daemon-'));
}

export function testConfig(input: DaemonConfigInput, token: string | null = null): DaemonConfig {
  const parsed = DaemonConfigSchema.parse({ port: 0, ...input });
  return {
    ...parsed,
    pollIntervalSeconds: parsed.pollIntervalSeconds ?? DEFAULT_POLL_SECONDS[parsed.source],
    token,
    configFile: null,
  };
}

/**
 * The demo estate with the given seed stories applied at each step (one step per poll; the last step
 * repeats). Steps go through the same snapshot reader and engine as the real demo timeline.
 */
export function scriptedSource(steps: ScenarioName[][]): PollSource & { step: number } {
  const base = buildDemoEstate();
  const source = {
    kind: 'demo' as const,
    label: 'scripted demo estate',
    step: 0,
    async poll() {
      const names = steps[Math.min(source.step, steps.length - 1)] ?? [];
      source.step++;
      return { snapshot: snapshotFromDocuments(applyScenarios(base, names)), calls: null };
    },
    checkpoint: () => source.step,
    restore: (s: unknown) => void (source.step = typeof s === 'number' ? s : 0),
  };
  return source;
}

/** The DNS name of one of the demo estate's load balancers (the model lives in the analysis worker). */
export function demoLoadBalancerDns(name: string): string {
  const lbs = snapshotFromDocuments(buildDemoEstate()).partitions.flatMap((p) => p.data.LoadBalancers ?? []);
  const lb = lbs.find((l) => l.LoadBalancerName === name);
  if (!lb?.DNSName) throw new Error(`no load balancer ${name} in the demo estate`);
  return lb.DNSName;
}

export interface TestDaemon {
  daemon: Daemon;
  clock: FakeClock;
  dataDir: string;
  /** Advances the clock one poll interval, runs a cycle, waits for alert deliveries. */
  step(): Promise<CycleOutcome>;
  get(pathname: string, init?: RequestInit): Promise<Response>;
  post(pathname: string, body: unknown, init?: RequestInit): Promise<Response>;
  socket(token?: string): Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Closes the daemon; `keepData` leaves the data dir for a restart. */
  stop(keepData?: boolean): Promise<void>;
}

export async function startTestDaemon(
  opts: {
    input?: DaemonConfigInput;
    token?: string | null;
    source?: PollSource;
    clock?: FakeClock;
    dataDir?: string;
    deps?: DaemonDeps;
  } = {},
): Promise<TestDaemon> {
  const clock = opts.clock ?? new FakeClock();
  const dataDir = opts.dataDir ?? tempDataDir();
  const config = testConfig({ dataDir, ...opts.input }, opts.token ?? null);
  const daemon = await startDaemon(config, {
    now: clock.now,
    autoStart: false,
    processMetrics: false,
    logger: silentLogger(),
    webDist: path.join(dataDir, 'no-web-dist'),
    ...(opts.source ? { source: opts.source } : {}),
    ...opts.deps,
  });
  const sockets: Socket[] = [];
  const auth = (init?: RequestInit): HeadersInit => ({
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...(init?.headers as Record<string, string> | undefined),
  });
  return {
    daemon,
    clock,
    dataDir,
    async step() {
      clock.advance(daemon.config.pollIntervalSeconds);
      const outcome = await daemon.runCycle();
      await daemon.alerts.drain();
      return outcome;
    },
    get: (p, init) => fetch(`${daemon.url}${p}`, { ...init, headers: auth(init) }),
    post: (p, body, init) =>
      fetch(`${daemon.url}${p}`, {
        ...init,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(init) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    socket(token = opts.token ?? undefined) {
      const s = connect(daemon.url, {
        transports: ['websocket'],
        reconnection: true,
        reconnectionDelay: 50,
        ...(token ? { auth: { token } } : {}),
      });
      sockets.push(s);
      return s;
    },
    async stop(keepData = false) {
      sockets.forEach((s) => s.disconnect());
      await daemon.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the next `event` the socket receives (or rejects after `ms`, wall time). */
export function nextEvent<T>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
