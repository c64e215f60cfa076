// One held shard: the unchanged poll loop and alert dispatcher over the shard's working set, each cycle
// committed to PostgreSQL in one transaction that first checks the lease, then published. A commit that
// finds the lease gone (another daemon took the shard) or fails stops the runner: its working set is
// dropped, and whoever holds the shard next starts from what PostgreSQL has.
import type { Logger } from '../../log/logger.ts';
import type { AlertDelivery, TimelineEvent } from '@porthole/shared';
import { AlertDispatcher } from '../../alerts/dispatcher.ts';
import { pgAlertLedger } from '../../store/postgres/alertLedger.ts';
import { pgTx, type PgPool } from '../../store/postgres/pgDb.ts';
import {
  advanceMarks,
  commitShard,
  hydrateShard,
  memoryStore,
  trimWorkingSet,
  type CommitMarks,
} from '../../store/postgres/shardState.ts';
import type { Store } from '../../store/store.ts';
import type { DaemonConfig } from '../config/schema.ts';
import { inlineAnalyzer, type Analyzer } from '../analyzer.ts';
import { LatestState } from '../latest.ts';
import { PollLoop } from '../pollLoop.ts';
import { recordHistoryGap } from '../startup.ts';
import type { CycleOutcome, Engine, PollSource } from '../types.ts';
import { CrossShard } from './crossShard.ts';
import { fence, type HeldLease } from './leases.ts';
import type { ShardSpec } from './shardSources.ts';

export interface RunnerDeps {
  logger: Logger;
  pool: PgPool;
  daemon: string;
  engine: Engine;
  config: () => DaemonConfig;
  ttlMs: number;
  now: () => Date;
  fetch?: typeof fetch;
  defaultUrl: () => string | null;
  /** A committed cycle, its events carrying their estate-wide ids. */
  publish: (shard: string, outcome: CycleOutcome) => void;
  onDelivery: (d: AlertDelivery) => void;
  /** The runner stopped by itself (lease lost, commit failed). */
  onLost: (shard: string, reason: string) => void;
}

export class ShardRunner {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  private constructor(
    readonly spec: ShardSpec,
    readonly lease: HeldLease,
    readonly latest: LatestState,
    private readonly store: Store,
    private readonly marks: CommitMarks,
    private readonly loop: PollLoop,
    private readonly source: PollSource,
    private readonly alerts: AlertDispatcher,
    /** Holds the shard's model: explain, reach and a service's paths ask it. */
    readonly analyzer: Analyzer,
    private readonly cross: CrossShard,
    private readonly d: RunnerDeps,
  ) {}

  static async start(spec: ShardSpec, lease: HeldLease, d: RunnerDeps): Promise<ShardRunner> {
    const config = d.config();
    const store = memoryStore();
    const windowStart = (): string =>
      new Date(d.now().getTime() - d.config().findings.correlationWindowSeconds * 1000).toISOString();
    const marks = await hydrateShard(d.pool, spec.shard, store, windowStart());
    recordHistoryGap(store, config.pollIntervalSeconds, d.now());
    const latest = new LatestState(() => d.config().pollIntervalSeconds);
    const source = spec.source();
    const cross = new CrossShard(spec.shard, d.pool, () => d.config().pollIntervalSeconds, d.logger);
    // In this thread: a worker per shard would hold a second copy of each model for little gain here.
    const analyzer = inlineAnalyzer(cross.engine(d.engine), store.state.facts());
    const loop = new PollLoop({
      store,
      source,
      analyzer,
      latest,
      now: d.now,
      logger: d.logger,
      onCycle: () => undefined, // published once committed to PostgreSQL (below)
      settings: () => ({
        resolveAfterCycles: d.config().findings.resolveAfterCycles,
        correlationWindowSeconds: d.config().findings.correlationWindowSeconds,
      }),
    });
    const alerts = new AlertDispatcher(config.alerts, {
      store,
      now: d.now,
      defaultUrl: d.defaultUrl,
      logger: d.logger,
      ledger: pgAlertLedger(d.pool, spec.shard, d.daemon, d.ttlMs),
      onDelivery: d.onDelivery,
      ...(d.fetch ? { fetch: d.fetch } : {}),
    });
    const runner = new ShardRunner(
      spec,
      lease,
      latest,
      store,
      marks,
      loop,
      source,
      alerts,
      analyzer,
      cross,
      d,
    );
    runner.schedule(0);
    return runner;
  }

  /** A cycle of this runner committed an analysis: its analyzer answers paths. */
  get analysed(): boolean {
    return this.latest.analysed;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const t0 = Date.now();
      this.running = this.cycle().finally(() => {
        this.running = null;
        const interval = this.d.config().pollIntervalSeconds * 1000;
        this.schedule(Math.max(0, interval - (Date.now() - t0)));
      });
    }, ms);
  }

  private async cycle(): Promise<void> {
    try {
      await this.cross.refresh();
      const outcome = await this.loop.runCycle();
      if (this.stopped) return;
      const ids = await pgTx(this.d.pool, async (client) => {
        await fence(client, this.d.daemon, this.lease, this.d.ttlMs);
        const committed = await commitShard(client, this.spec.shard, this.d.daemon, this.store, this.marks);
        await this.cross.commit(client, outcome.at);
        return committed;
      });
      advanceMarks(this.store, this.marks);
      const windowStart = new Date(
        Date.parse(outcome.at) - this.d.config().findings.correlationWindowSeconds * 1000,
      ).toISOString();
      trimWorkingSet(this.store, windowStart);
      const events: TimelineEvent[] = outcome.events.map((e) => ({ ...e, id: ids.get(e.id) ?? e.id }));
      this.d.publish(this.spec.shard, { ...outcome, events });
      const alerts = this.d.config().alerts;
      this.alerts.reconfigure(alerts);
      if (outcome.ok) this.alerts.evaluate(outcome.open, this.d.config().findings.alertAfterCycles);
    } catch (err) {
      if (this.stopped) return;
      const reason = err instanceof Error ? err.message : String(err);
      void this.stop();
      this.d.onLost(this.spec.shard, reason);
    }
  }

  /** Finishes the cycle in flight (its commit is fenced either way) and the deliveries, then drops the set. */
  async stop(): Promise<void> {
    if (this.stopped && !this.running) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.loop.idle();
    await this.alerts.drain();
    this.alerts.stop();
    await this.analyzer.close();
    this.source.close?.();
    this.store.close();
  }
}
