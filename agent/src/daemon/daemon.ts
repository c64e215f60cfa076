// Assembles the daemon: store, source, poll loop, alerts, REST + socket.io + metrics on one HTTP server.
import { AlertDispatcher } from '../alerts/dispatcher.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { DaemonMetrics } from '../server/metrics.ts';
import type { PortholeIo } from '../server/socket.ts';
import type { Store } from '../store/store.ts';
import { describeSinks } from '../alerts/config.ts';
import { ChangeLog } from './changeLog.ts';
import { cycleErrorHandler, openDataDir, recordHistoryGap } from './startup.ts';
import { assertSafeBind } from './config/bind.ts';
import type { DaemonConfig } from './config/schema.ts';
import { inlineAnalyzer, type Analyzer } from './analyzer.ts';
import { workerAnalyzer } from './workerAnalyzer.ts';
import { LatestState } from './latest.ts';
import { PollLoop } from './pollLoop.ts';
import { Scheduler } from './scheduler.ts';
import type { CycleOutcome, Engine, PollSource } from './types.ts';
import { afterCycle } from './afterCycle.ts';
import { DaemonView } from './view.ts';
import { httpFront, reloadConfig } from './httpFront.ts';

export interface DaemonDeps {
  now?: () => Date;
  source?: PollSource;
  /** Analyse in this thread with this engine (tests); by default the real engine runs in a worker thread. */
  engine?: Engine;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  webDist?: string;
  /** Start the poll schedule (default true). Tests leave it off and call runCycle(). */
  autoStart?: boolean;
  /** Collect Node process metrics (default true). */
  processMetrics?: boolean;
  /** The daemon's logger (default: a new one at the configured level). */
  logger?: Logger;
  /** The daemon cannot go on (its database became damaged): the message to print before exiting 2. */
  onFatal?: (message: string) => void;
}

export interface Daemon {
  readonly url: string;
  readonly port: number;
  readonly config: DaemonConfig;
  readonly store: Store;
  readonly loop: PollLoop;
  readonly alerts: AlertDispatcher;
  readonly latest: LatestState;
  readonly metrics: DaemonMetrics;
  readonly io: PortholeIo;
  readonly source: PollSource;
  runCycle(): Promise<CycleOutcome>;
  /** Pushes data:freshness if it changed (the timer calls it; tests call it after moving the clock). */
  checkFreshness(): void;
  /** Applies a new config: poll interval, findings, retention and alerts live; the rest needs a restart. */
  reload(next: DaemonConfig): string[];
  close(): Promise<void>;
}

const RESTART_FIELDS = [
  'port',
  'host',
  'dataDir',
  'source',
  'snapshotDir',
  'demo',
  'aws',
  'token',
  'server',
  'store',
  'ha',
] as const;

export async function startDaemon(initial: DaemonConfig, deps: DaemonDeps = {}): Promise<Daemon> {
  assertSafeBind(initial);
  let config = initial;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? createLogger({ level: initial.logLevel });
  const { lock, store, source } = await openDataDir(config, now(), deps.source);
  // The committed baseline is read once here (and again only when a crashed worker restarts).
  const loadBaseline = () => store.state.facts();
  const analyzer: Analyzer = deps.engine
    ? inlineAnalyzer(deps.engine, loadBaseline())
    : workerAnalyzer({ loadBaseline, log: (line) => logger.warn(line) });
  const changeLog = new ChangeLog((line, level) => logger[level](line), now);
  recordHistoryGap(store, config.pollIntervalSeconds, now());
  logger.info(describeSinks(config.alerts));
  const latest = new LatestState(() => config.pollIntervalSeconds);
  const metrics = new DaemonMetrics(
    now,
    { services: () => latest.services(now()), kinds: () => latest.kinds },
    {
      processMetrics: deps.processMetrics ?? true,
    },
  );
  let ownUrl: string | null = null;
  const alerts = new AlertDispatcher(config.alerts, {
    store,
    logger,
    now,
    // Without alerts.externalUrl, links use the address the daemon listens on — unless that is the
    // wildcard (0.0.0.0, ::), which no browser can open; set alerts.externalUrl then.
    defaultUrl: () => ownUrl,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    onDelivery: (d) => {
      metrics.observeDelivery(d);
      const what = `alert ${d.action} to ${d.sink} for ${d.findingId}`;
      const fields = { sink: d.sink, action: d.action, finding: d.findingId, attempt: d.attempt };
      if (d.ok) logger.info(fields, `${what} delivered (HTTP ${d.statusCode ?? '?'}, attempt ${d.attempt})`);
      else logger.warn(fields, `${what} failed (attempt ${d.attempt}): ${d.error}`);
    },
  });
  const view = new DaemonView({ store, latest, analyzer, source, now });
  let io: PortholeIo | null = null;
  const { onCycle, pushFreshness } = afterCycle({
    store,
    latest,
    metrics,
    alerts,
    view,
    now,
    logger,
    changeLog,
    config: () => config,
    io: () => io,
  });

  const loop = new PollLoop({
    store,
    source,
    analyzer,
    latest,
    now,
    onCycle,
    logger,
    settings: () => ({
      resolveAfterCycles: config.findings.resolveAfterCycles,
      correlationWindowSeconds: config.findings.correlationWindowSeconds,
    }),
  });
  metrics.observeState(latest.scan, store.findings.open());

  // The first cycle needs the analysis worker: "serving" is said (and the schedule starts) once it has loaded.
  await analyzer.ready?.();
  const front = httpFront({
    backend: view,
    metrics,
    logger,
    config,
    webDist: deps.webDist,
    demo: source.demo,
  });
  io = front.io;
  let listening;
  try {
    listening = await front.listen();
  } catch (err) {
    await analyzer.close();
    store.close();
    lock.release();
    throw err;
  }
  const { port, url } = listening;
  ownUrl = listening.ownUrl;

  const onCycleError = cycleErrorHandler({
    store,
    changeLog,
    now,
    stop: () => scheduler.stop(),
    fatal: deps.onFatal ?? ((message) => logger.fatal(message)),
  });
  const scheduler = new Scheduler(
    async () => {
      await loop.runCycle();
      changeLog.clear('cycle', ({ count }) => `cycles complete again after ${count} failed`);
    },
    () => config.pollIntervalSeconds * 1000,
    onCycleError,
  );
  const freshnessTimer = setInterval(() => pushFreshness(false), 5000);
  freshnessTimer.unref();
  if (deps.autoStart ?? true) scheduler.start();

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    get config() {
      return config;
    },
    store,
    loop,
    alerts,
    latest,
    metrics,
    io: front.io,
    source,
    runCycle: () => loop.runCycle(),
    checkFreshness: () => pushFreshness(false),
    reload(next) {
      const reloaded = reloadConfig(config, next, RESTART_FIELDS);
      config = reloaded.config;
      alerts.reconfigure(config.alerts);
      logger.level = config.logLevel;
      return reloaded.messages;
    },
    close() {
      closing ??= (async () => {
        scheduler.stop();
        clearInterval(freshnessTimer);
        await loop.idle();
        alerts.stop();
        await alerts.drain();
        await front.close();
        source.close?.();
        await analyzer.close();
        store.close();
        lock.release();
      })();
      return closing;
    },
  };
}
