// LiveSource: polls every account/region in tiers. Hot (services, tasks, target health) every
// poll; warm (load balancers, listeners, rules, target groups, clusters) and cold (EC2 network
// objects) when their interval has passed, plus an immediate warm/cold refresh of a VPC where a
// target appeared, vanished or changed state. Failed kinds keep their data, marked stale.
import { SNAPSHOT_KINDS, type Snapshot, type SnapshotKind } from '@porthole/shared';
import { ScopeApi } from './api.ts';
import { CallCounter, type CallCounts } from './callCounter.ts';
import { destroyTargets, resolveTargets, type ScanTarget } from './clients.ts';
import { collectEc2Cold } from './collectEc2.ts';
import { collectClusters, collectEcsHot } from './collectEcs.ts';
import { collectElbWarm, collectTargetHealth } from './collectElb.ts';
import { DEFAULT_CONCURRENCY, type LiveAwsConfig } from './config.ts';
import type { CollectContext } from './context.ts';
import { addFloors, floorFor, type Floor, type TierRun } from './floor.ts';
import { BucketLimiter } from './limiter.ts';
import { ScopeStore } from './store.ts';
import { vpcOfTargetGroup } from './vpcs.ts';

/** Every kind the live source fills (target group attributes are not read: no check uses them). */
export const LIVE_KINDS: readonly SnapshotKind[] = SNAPSHOT_KINDS.filter(
  (k) => k !== 'TargetGroupAttributes',
);

export interface PollResult {
  snapshot: Snapshot;
  /** Calls made in this poll, per action and per account/region. */
  calls: CallCounts;
  /** The fewest calls this poll's tiers could have made for this estate. */
  floor: number;
  floorByAction: Record<string, number>;
  /** Per "account/region": which tiers ran and which VPCs were refreshed for a target change. */
  tiers: Record<string, TierRun>;
}

export interface LiveSourceOptions {
  config: LiveAwsConfig;
  /** Accounts/regions with their clients; resolved from the config on the first poll by default. */
  targets?: () => Promise<ScanTarget[]>;
}

interface ScopeState {
  api: ScopeApi;
  store: ScopeStore;
  lastWarm: number | null;
  lastCold: number | null;
  /** target → health state at the last poll; null before the first. */
  health: Map<string, { state: string; vpc: string | null }> | null;
}

export class LiveSource {
  private readonly counter = new CallCounter();
  private readonly limiter: BucketLimiter;
  private targets: ScanTarget[] | null = null;
  private scopes: ScopeState[] = [];
  private pending: Promise<void> | null = null;
  /** The last poll's counts and floor, for the daemon's metrics. */
  last: Omit<PollResult, 'snapshot'> | null = null;

  constructor(private readonly options: LiveSourceOptions) {
    this.limiter = new BucketLimiter({ ...DEFAULT_CONCURRENCY, ...options.config.concurrency });
  }

  async poll(now: Date): Promise<PollResult> {
    // The poll's deadline: calls still running then are cancelled, their kinds kept and marked stale.
    const seconds = this.options.config.pollTimeoutSeconds;
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new Error(`poll deadline ${seconds} s passed`)),
      seconds * 1000,
    );
    try {
      return await this.pollUntil(now, { signal: deadline.signal, seconds });
    } finally {
      clearTimeout(timer);
      for (const s of this.scopes) s.api.deadline = null;
    }
  }

  private async pollUntil(
    now: Date,
    deadline: { signal: AbortSignal; seconds: number },
  ): Promise<PollResult> {
    const resolvedNow = await this.ensureScopes(deadline.signal);
    const nowIso = now.toISOString();
    const warnings: string[] = [];
    for (const s of this.scopes) s.api.deadline = deadline;
    const runs = await Promise.all(
      this.scopes.map((s) => this.pollScope(s, now.getTime(), nowIso, warnings)),
    );
    const calls = this.counter.take();
    // Finding the default identity's account costs one sts:GetCallerIdentity, once.
    const identity = resolvedNow && !this.options.targets && !this.options.config.accounts?.length;
    const identityFloor: Floor = {
      total: identity ? 1 : 0,
      byAction: identity ? { 'sts:GetCallerIdentity': 1 } : {},
    };
    const floor: Floor = addFloors([identityFloor, ...runs.map((r) => r.floor)]);
    const tiers = Object.fromEntries(this.scopes.map((s, i) => [s.api.key, runs[i]!.run]));
    const snapshot: Snapshot = {
      partitions: this.scopes.map((s) => s.store.toPartition(LIVE_KINDS)),
      warnings,
      capturedAt: nowIso,
    };
    this.last = { calls, floor: floor.total, floorByAction: floor.byAction, tiers };
    return { snapshot, ...this.last };
  }

  /** Makes the next poll refresh every tier (e.g. after a config change event). */
  invalidate(): void {
    for (const s of this.scopes) {
      s.lastWarm = null;
      s.lastCold = null;
    }
  }

  close(): void {
    if (this.targets) destroyTargets(this.targets);
  }

  /** Resolves the accounts/regions on first use; true when that happened in this call. */
  private async ensureScopes(signal: AbortSignal): Promise<boolean> {
    if (this.targets) return false;
    if (this.pending) {
      await this.pending; // another poll is resolving them
      return false;
    }
    this.pending = (async () => {
      const resolve =
        this.options.targets ?? (() => resolveTargets(this.options.config, this.counter, signal));
      const targets = await resolve();
      this.scopes = targets.map((t) => ({
        api: new ScopeApi(t.account, t.region, t.clients, this.limiter, this.counter),
        store: new ScopeStore(t.account, t.region),
        lastWarm: null,
        lastCold: null,
        health: null,
      }));
      this.targets = targets;
    })().finally(() => {
      this.pending = null;
    });
    await this.pending;
    return true;
  }

  private async pollScope(s: ScopeState, t: number, now: string, warnings: string[]) {
    const { hotSeconds, warmSeconds, coldSeconds } = this.options.config.intervals;
    // Half a hot interval of slack, so a poll that lands a moment early does not skip a tier.
    const due = (last: number | null, seconds: number) =>
      last === null || t - last >= (seconds - hotSeconds / 2) * 1000;
    const ctx: CollectContext = { api: s.api, store: s.store, now, warnings };
    const run: TierRun = {
      hot: true,
      warm: due(s.lastWarm, warmSeconds),
      cold: due(s.lastCold, coldSeconds),
      vpcs: [],
    };
    if (run.warm) {
      await Promise.all([collectClusters(ctx), collectElbWarm(ctx)]);
      s.lastWarm = t;
    }
    await Promise.all([collectEcsHot(ctx), collectTargetHealth(ctx)]);
    const changed = this.healthChanges(s);
    if (run.cold) {
      await collectEc2Cold(ctx);
      s.lastCold = t;
    }
    const triggered = run.warm && run.cold ? [] : changed;
    if (triggered.length > 0) {
      run.vpcs = triggered;
      if (!run.warm) await collectElbWarm(ctx, new Set(triggered));
      if (!run.cold) await collectEc2Cold(ctx, triggered);
    }
    return { run, floor: floorFor(s.store, run, s.store.newTaskDefinitions) };
  }

  /** VPCs where a target appeared, vanished or changed state since the last poll. */
  private healthChanges(s: ScopeState): string[] {
    const vpcOf = vpcOfTargetGroup(s.store);
    const current = new Map<string, { state: string; vpc: string | null }>();
    for (const group of s.store.items('LoadBalancerTargetHealth')) {
      const vpc = vpcOf.get(group.TargetGroupArn) ?? null;
      for (const d of group.TargetHealthDescriptions) {
        const key = `${group.TargetGroupArn}|${d.Target.Id}|${d.Target.Port ?? ''}`;
        current.set(key, { state: d.TargetHealth.State, vpc });
      }
    }
    const previous = s.health;
    s.health = current;
    if (!previous) return [];
    const vpcs = new Set<string>();
    for (const [key, now] of current)
      if (previous.get(key)?.state !== now.state && now.vpc) vpcs.add(now.vpc);
    for (const [key, before] of previous) if (!current.has(key) && before.vpc) vpcs.add(before.vpc);
    return [...vpcs].sort();
  }
}
