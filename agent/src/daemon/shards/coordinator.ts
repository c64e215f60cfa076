// Which shards this daemon works on. Every tick: say it is alive, renew its leases, drop the shards whose
// lease it lost, then move toward its fair share — ceil(shards / live daemons): release extras (a daemon
// joined) after their runner stopped, or claim free and expired shards (a daemon left or died).
import type { PgPool } from '../../store/postgres/pgDb.ts';
import { claim, ensureShards, fairShare, heartbeat, release, renew, type HeldLease } from './leases.ts';

export interface CoordinatorDeps {
  pool: PgPool;
  daemon: string;
  shards: readonly string[];
  ttlMs: number;
  url: () => string | null;
  /** Start working on a shard just claimed; throws when it cannot (the lease is then released). */
  start: (lease: HeldLease) => Promise<void>;
  /** Stop working on a shard (lost or to be released); resolves once nothing more is committed for it. */
  stop: (shard: string) => Promise<void>;
  log: (line: string) => void;
}

export class ShardCoordinator {
  readonly held = new Map<string, HeldLease>();
  liveDaemons = 0;
  private ticking: Promise<void> | null = null;

  constructor(private readonly d: CoordinatorDeps) {}

  async init(): Promise<void> {
    await ensureShards(this.d.pool, this.d.shards);
  }

  /** One round; concurrent callers share it. */
  tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async round(): Promise<void> {
    const { pool, daemon, ttlMs } = this.d;
    this.liveDaemons = await heartbeat(pool, daemon, this.d.url(), ttlMs);
    const renewed = new Set((await renew(pool, daemon, ttlMs)).map((l) => l.shard));
    for (const shard of [...this.held.keys()].filter((s) => !renewed.has(s))) {
      this.d.log(`shard ${shard}: lease lost, stopping`);
      this.held.delete(shard);
      await this.d.stop(shard);
    }
    const fair = fairShare(this.d.shards.length, this.liveDaemons);
    if (this.held.size > fair) {
      // Release the last ones by name: daemons agree on the order, so releases do not bounce back and forth.
      const extras = [...this.held.values()]
        .sort((a, b) => b.shard.localeCompare(a.shard))
        .slice(0, this.held.size - fair);
      for (const lease of extras) {
        this.held.delete(lease.shard);
        await this.d.stop(lease.shard);
        await release(pool, daemon, lease);
        this.d.log(`shard ${lease.shard}: released (fair share ${fair} of ${this.liveDaemons} daemons)`);
      }
    } else if (this.held.size < fair) {
      for (const lease of await claim(pool, daemon, this.d.shards, fair - this.held.size, ttlMs)) {
        try {
          await this.d.start(lease);
          this.held.set(lease.shard, lease);
          this.d.log(`shard ${lease.shard}: claimed (epoch ${lease.epoch})`);
        } catch (err) {
          this.d.log(
            `shard ${lease.shard}: cannot start: ${err instanceof Error ? err.message : String(err)}`,
          );
          await release(pool, daemon, lease);
        }
      }
    }
  }

  /** Shutdown: stop every runner, then free the leases so the others take over at once. */
  async releaseAll(): Promise<void> {
    await this.ticking?.catch(() => undefined);
    for (const lease of [...this.held.values()]) {
      this.held.delete(lease.shard);
      await this.d.stop(lease.shard);
      await release(this.d.pool, this.d.daemon, lease).catch(() => undefined);
    }
    await this.d.pool.query('DELETE FROM daemons WHERE id = $1', [this.d.daemon]).catch(() => undefined);
  }
}
