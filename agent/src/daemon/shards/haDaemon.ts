// The HA daemon (`store: postgres://…`): several daemons share the estate's account/region shards through
// leases in PostgreSQL. Each polls and analyses only the shards it holds; every daemon serves the whole
// estate (REST from PostgreSQL, socket.io deltas of every shard through the PostgreSQL adapter).
import { createLogger, type Logger } from '../../log/logger.ts';
import os from 'node:os';
import { createAdapter } from '@socket.io/postgres-adapter';
import { describeSinks } from '../../alerts/config.ts';
import { DaemonMetrics } from '../../server/metrics.ts';
import { openPg, redactUrl } from '../../store/postgres/pgDb.ts';
import { PgReads } from '../../store/postgres/reads.ts';
import { prunePg } from '../../store/postgres/retention.ts';
import { assertSafeBind } from '../config/bind.ts';
import type { DaemonConfig } from '../config/schema.ts';
import { createRealEngine } from '../engine.ts';
import type { Engine } from '../types.ts';
import { httpFront, reloadConfig } from '../httpFront.ts';
import { ShardCoordinator } from './coordinator.ts';
import { EstateView } from './estateView.ts';
import { leases as readLeases, release, type Lease } from './leases.ts';
import { publisher } from './publish.ts';
import { ShardRunner } from './runner.ts';
import { shardsOf } from './shardSources.ts';
import { shardOwnerGauge } from './metrics.ts';

export interface HaDaemonDeps {
  now?: () => Date;
  engine?: Engine;
  fetch?: typeof fetch;
  webDist?: string;
  processMetrics?: boolean;
  /** The daemon's logger (made by `serve`); a default one at the configured level otherwise. */
  logger?: Logger;
}

export interface HaDaemon {
  readonly url: string;
  readonly port: number;
  readonly config: DaemonConfig;
  readonly daemonId: string;
  readonly source: { label: string };
  readonly coordinator: ShardCoordinator;
  reload(next: DaemonConfig): string[];
  close(): Promise<void>;
}

export async function startHaDaemon(initial: DaemonConfig, deps: HaDaemonDeps = {}): Promise<HaDaemon> {
  assertSafeBind(initial);
  let config = initial;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? createLogger({ level: config.logLevel });
  const log = (line: string): void => logger.info(line);
  const engine = deps.engine ?? createRealEngine();
  const daemonId = config.ha.daemonId ?? `${os.hostname()}-${process.pid}`;
  const ttlMs = (config.ha.leaseSeconds ?? 1.5 * config.pollIntervalSeconds) * 1000;
  const specs = shardsOf(config);
  const pool = await openPg(config.store!, 20, logger);
  log(describeSinks(config.alerts));
  const runners = new Map<string, ShardRunner>();
  let leaseState: Lease[] = [];
  let ownUrl: string | null = null;
  const reads = new PgReads(pool);
  const label = `${specs.length} shards in ${redactUrl(config.store!)} (daemon ${daemonId})`;
  const view = new EstateView({
    reads,
    runners: () => runners,
    leases: async () => ({
      daemon: daemonId,
      held: [...coordinator.held.keys()].sort(),
      liveDaemons: coordinator.liveDaemons,
      leases: (leaseState = await readLeases(pool)),
    }),
    label,
    pollIntervalSeconds: () => config.pollIntervalSeconds,
    now,
  });
  const metrics = new DaemonMetrics(
    now,
    { services: () => view.services(), kinds: () => [...runners.values()].flatMap((r) => r.latest.kinds) },
    { processMetrics: deps.processMetrics ?? true },
  );
  shardOwnerGauge(metrics.registry, () => leaseState);

  const front = httpFront({ backend: view, metrics, logger, config, webDist: deps.webDist });
  const { io } = front;
  // Every daemon's clients get every shard's deltas: emits go through PostgreSQL NOTIFY.
  io.adapter(createAdapter(pool, { errorHandler: (err) => log(`socket.io adapter: ${err.message}`) }));
  const publish = publisher({ io, view, metrics, log, now });

  const coordinator: ShardCoordinator = new ShardCoordinator({
    pool,
    daemon: daemonId,
    shards: specs.map((s) => s.shard),
    ttlMs,
    url: () => ownUrl,
    log,
    start: async (lease) => {
      const spec = specs.find((s) => s.shard === lease.shard)!;
      runners.set(
        lease.shard,
        await ShardRunner.start(spec, lease, {
          pool,
          logger,
          daemon: daemonId,
          engine,
          config: () => config,
          ttlMs,
          now,
          defaultUrl: () => ownUrl,
          publish,
          onDelivery: (d) => {
            metrics.observeDelivery(d);
            log(
              `alert ${d.action} to ${d.sink} for ${d.findingId} ${d.ok ? 'delivered' : `failed: ${d.error}`}`,
            );
          },
          onLost: (shard, reason) => {
            log(`shard ${shard}: stopped: ${reason}`);
            runners.delete(shard);
            const held = coordinator.held.get(shard);
            coordinator.held.delete(shard);
            if (held) void release(pool, daemonId, held).catch(() => undefined);
          },
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        }),
      );
    },
    stop: async (shard) => {
      const runner = runners.get(shard);
      runners.delete(shard);
      await runner?.stop();
    },
  });
  await coordinator.init();

  const { port, url, ...listening } = await front.listen().catch(async (err: unknown) => {
    await pool.end();
    throw err;
  });
  ownUrl = listening.ownUrl;

  // A tick every third of the lease TTL: a lease is renewed at least twice before it can expire.
  let ticking: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  // Retention at start and hourly, as in the SQLite mode.
  const prune = async (): Promise<void> => {
    if (now().getTime() - lastPrune < 3_600_000) return;
    lastPrune = now().getTime();
    const removed = await prunePg(pool, now(), config.retention);
    if (removed > 0) log(`retention: removed ${removed} old rows`);
  };
  const tick = (): void => {
    ticking = coordinator
      .tick()
      .then(() => view.refresh())
      .then(async () => void (leaseState = await readLeases(pool)))
      .then(prune)
      .catch((err: unknown) =>
        log(`shard coordination failed: ${err instanceof Error ? err.message : String(err)}`),
      );
  };
  tick();
  const timer = setInterval(tick, Math.max(100, ttlMs / 3));
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    daemonId,
    coordinator,
    source: { label },
    get config() {
      return config;
    },
    reload(next) {
      const fixed = ['port', 'host', 'source', 'demo', 'aws', 'store', 'ha', 'token', 'server'] as const;
      const reloaded = reloadConfig(config, next, fixed);
      config = reloaded.config;
      return reloaded.messages;
    },
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await ticking;
        await coordinator.releaseAll();
        await front.close();
        await pool.end().catch(() => undefined);
      })();
      return closing;
    },
  };
}
