// The whole estate as any daemon serves it (HA mode): each shard's latest scan and freshness, from the
// runner when this daemon holds the shard and from PostgreSQL otherwise; findings, timeline and deliveries
// from PostgreSQL. Paths (explain, reach, a service's hops) need a model: the held shards' analyzers
// (heldPaths.ts asks each in turn).
import type {
  DataFreshness,
  ExplainRequest,
  FindingDetail,
  Overview,
  ReachRequest,
  ServiceDetail,
  ServiceVerdict,
} from '@porthole/shared';
import type { KindFreshness } from '@porthole/core/engine/freshness.js';
import { type ApiBackend, type EventFilter, type FindingFilter } from '../../server/backend.ts';
import type { PgReads } from '../../store/postgres/reads.ts';
import { toRecord } from '@porthole/core/timeline/state.js';
import { explainRequestOptions } from '../analyzer.ts';
import { LatestState } from '../latest.ts';
import { overviewOf } from '../view.ts';
import { mergeFreshness } from './freshness.ts';
import { explainOnHeldShards, reachOnHeldShards } from './heldPaths.ts';
import type { Lease } from './leases.ts';
import type { ShardRunner } from './runner.ts';

export class EstateView implements ApiBackend {
  /** Shards this daemon does not hold, as last read from PostgreSQL. */
  private readonly remote = new Map<string, { seq: number; latest: LatestState }>();
  private refreshed = false;

  constructor(
    private readonly d: {
      reads: PgReads;
      runners: () => ReadonlyMap<string, ShardRunner>;
      leases: () => Promise<{ daemon: string; held: string[]; leases: Lease[]; liveDaemons: number }>;
      label: string;
      pollIntervalSeconds: () => number;
      now: () => Date;
    },
  ) {}

  /** Re-reads the latest scan of every shard whose newest cycle changed since the last refresh. */
  async refresh(): Promise<void> {
    const cycles = await this.d.reads.shardCycles();
    const changed = cycles.filter((c) => this.remote.get(c.shard)?.seq !== c.seq);
    const shards = changed.map((c) => c.shard);
    const [kv, verdicts] = await Promise.all([
      this.d.reads.kv(shards, ['freshness.kinds']),
      this.d.reads.verdicts(shards),
    ]);
    for (const c of changed) {
      const latest = new LatestState(this.d.pollIntervalSeconds);
      const values = kv.get(c.shard);
      const v = verdicts.get(c.shard);
      // The verdict rows as the shard's last committed cycle left them (none yet: no scan).
      latest.scan = v ? { schemaVersion: 1, findings: [], warnings: [], ...v } : null;
      latest.kinds = (values?.get('freshness.kinds') as KindFreshness[] | undefined) ?? [];
      Object.assign(latest, {
        lastCycleAt: c.startedAt,
        lastOkAt: c.lastOkAt,
        pollError: c.ok ? null : c.error,
        outcome: c.ok ? 'ok' : 'error',
        firstCycleDone: true,
      });
      this.remote.set(c.shard, { seq: c.seq, latest });
    }
    this.refreshed = true;
  }

  /** Each shard once: the runner's live state where held, else what PostgreSQL had. */
  private shardStates(): LatestState[] {
    const runners = this.d.runners();
    const out = [...runners.values()].map((r) => r.latest);
    for (const [shard, { latest }] of this.remote) if (!runners.has(shard)) out.push(latest);
    return out;
  }

  ready(): boolean {
    return this.refreshed;
  }

  services(): ServiceVerdict[] {
    const now = this.d.now();
    return this.shardStates().flatMap((l) => l.services(now));
  }

  async overview(): Promise<Overview> {
    const services = this.services();
    const openFindings = (await this.d.reads.openFindings()).map(toRecord);
    return overviewOf({ source: this.d.label, services, openFindings, freshness: this.freshness() });
  }

  freshness(): DataFreshness {
    const now = this.d.now();
    return mergeFreshness(
      this.shardStates().map((l) => l.freshness(now)),
      this.d.pollIntervalSeconds(),
    );
  }

  async serviceDetail(
    name: string,
    scope: { account?: string; region?: string } = {},
  ): Promise<ServiceDetail | null> {
    const service = this.services().find(
      (s) =>
        s.name === name &&
        (!scope.account || s.account === scope.account) &&
        (!scope.region || s.region === scope.region),
    );
    if (!service) return null;
    const runner = [...this.d.runners().values()].find(
      (r) => r.spec.account === service.account && r.spec.region === service.region,
    );
    // The shard the service belongs to: its targets and the time of its data.
    const state = this.shardStates().find((l) =>
      l.scan?.services.some(
        (s) => s.name === name && s.account === service.account && s.region === service.region,
      ),
    );
    const at = state?.lastOkAt ? new Date(state.lastOkAt) : this.d.now();
    const sameScope = (f: { account?: string | null; region?: string | null }): boolean =>
      (!f.account || !service.account || f.account === service.account) &&
      (!f.region || !service.region || f.region === service.region);
    const findings = [
      ...(await this.d.reads.findings({ service: name, limit: 100 })),
      ...(await this.d.reads.openFindings()).filter(
        (f) => f.service === null && (f.services ?? []).includes(name),
      ),
    ];
    return {
      service,
      targets: (state?.scan?.targets ?? []).filter((t) => t.service === name),
      paths: runner?.analysed
        ? await runner.analyzer.servicePaths(name, at, {
            account: service.account,
            region: service.region,
          })
        : [],
      findings: findings.filter(sameScope).map(toRecord),
      events: (await this.d.reads.events({ service: name, newestFirst: true, limit: 100 })).reverse(),
    };
  }

  async findings(filter: FindingFilter) {
    return (await this.d.reads.findings(filter)).map(toRecord);
  }

  async finding(id: string) {
    const row = await this.d.reads.finding(id);
    return row ? toRecord(row) : null;
  }

  async findingDetail(id: string): Promise<FindingDetail | null> {
    const row = await this.d.reads.finding(id);
    if (!row) return null;
    const finding = toRecord(row);
    const history = (
      await this.d.reads.events({ aboutFinding: id, newestFirst: true, limit: 200 })
    ).reverse();
    const from = new Date(Date.parse(history[0]?.at ?? finding.firstSeen) - 30 * 60_000).toISOString();
    const end = finding.resolvedAt ? Date.parse(finding.resolvedAt) + 10 * 60_000 : this.d.now().getTime();
    const to = new Date(Math.max(end, Date.parse(finding.lastSeen))).toISOString();
    const own = new Set([id, ...finding.resources, ...finding.targets.map((t) => t.targetGroupArn)]);
    const timeline = (await this.d.reads.events({ between: [from, to], limit: 2000 })).filter(
      (e) =>
        (e.resources[0] !== undefined && own.has(e.resources[0])) ||
        (finding.service !== null && e.service === finding.service),
    );
    return {
      finding,
      history,
      timeline: timeline.slice(-200),
      deliveries: await this.d.reads.deliveries({ findingId: id, limit: 100 }),
    };
  }

  async events(filter: EventFilter) {
    const limit = filter.limit ?? 200;
    if (filter.afterId !== undefined || filter.sinceTime !== undefined)
      return this.d.reads.events({ ...filter, limit });
    return (await this.d.reads.events({ ...filter, limit, newestFirst: true })).reverse();
  }

  deliveries(filter: { findingId?: string; limit?: number }) {
    return this.d.reads.deliveries(filter);
  }

  explain(req: ExplainRequest) {
    const request = explainRequestOptions(req);
    return explainOnHeldShards(this.d.runners(), (analyzer, at) =>
      analyzer.explainUrl({ url: req.url, from: req.from, request }, at),
    );
  }

  reach(req: ReachRequest) {
    return reachOnHeldShards(this.d.runners(), (analyzer, at) => analyzer.reachPath(req, at));
  }

  shards() {
    return this.d.leases();
  }
}
