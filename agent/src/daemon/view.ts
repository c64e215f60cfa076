// The daemon as the API sees it: the last verdicts in memory, paths from the analyzer (which holds the
// model), findings and timeline from the store.
import type {
  ExplainRequest,
  FindingRecord,
  Overview,
  ReachRequest,
  ServiceDetail,
  TimelineEvent,
} from '@porthole/shared';
import { arnScope } from '@porthole/shared';
import { NotReadyError, type ApiBackend, type EventFilter, type FindingFilter } from '../server/backend.ts';
import { toRecord } from '@porthole/core/timeline/state.js';
import type { Store } from '../store/store.ts';
import { findingDetail } from './findingDetail.ts';
import type { LatestState } from './latest.ts';
import { explainRequestOptions, type Analyzer } from './analyzer.ts';
import type { PollSource } from './types.ts';

const DEFAULT_EVENTS = 200;

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** The overview both daemons serve (one daemon, or the HA estate view): the lists and their counts. */
export function overviewOf(o: Omit<Overview, 'counts'>): Overview {
  return {
    ...o,
    counts: {
      services: countBy(o.services, (s) => s.status),
      findings: countBy(o.openFindings, (f) => f.severity),
    },
  };
}

export class DaemonView implements ApiBackend {
  constructor(
    private readonly d: {
      store: Store;
      latest: LatestState;
      analyzer: Analyzer;
      source: PollSource;
      now: () => Date;
    },
  ) {}

  ready(): boolean {
    return this.d.latest.firstCycleDone;
  }

  overview(): Overview {
    const services = this.services();
    const openFindings = this.d.store.findings.open().map(toRecord);
    return overviewOf({ source: this.d.source.label, services, openFindings, freshness: this.freshness() });
  }

  /** Verdicts as served: each says whether it is stale and how old its data is. */
  services() {
    return this.d.latest.services(this.d.now());
  }

  async serviceDetail(
    name: string,
    scope: { account?: string; region?: string } = {},
  ): Promise<ServiceDetail | null> {
    const { latest, store, analyzer } = this.d;
    const inScope = (account: string | null, region: string | null): boolean =>
      (!scope.account || account === scope.account) && (!scope.region || region === scope.region);
    const service = this.services().find((s) => s.name === name && inScope(s.account, s.region));
    if (!service) return null;
    const at = latest.lastOkAt ? new Date(latest.lastOkAt) : this.d.now();
    // The same "cluster/service" may exist in several accounts/regions: keep what belongs to this one.
    const sameScope = (account: string | null | undefined, region: string | null | undefined): boolean =>
      (!account || !service.account || account === service.account) &&
      (!region || !service.region || region === service.region);
    const scopeOf = (arn: string): [string | undefined, string | undefined] => {
      const scope = arnScope(arn);
      return [scope?.account, scope?.region];
    };
    return {
      service,
      targets: (latest.scan?.targets ?? []).filter(
        (t) => t.service === name && sameScope(...scopeOf(t.targetGroupArn)),
      ),
      paths: latest.analysed
        ? await analyzer.servicePaths(name, at, { account: service.account, region: service.region })
        : [],
      findings: [
        ...store.findings.query({ service: name, limit: 100 }),
        // ALB, listener, subnet, NACL or route-table findings that affect this service (service: null).
        // Rows stored before `services` existed have none.
        ...store.findings.open().filter((f) => f.service === null && (f.services ?? []).includes(name)),
      ]
        .filter((f) => sameScope(f.account, f.region))
        .map(toRecord),
      events: store.events.query({ service: name, newestFirst: true, limit: 100 }).reverse(),
    };
  }

  findings(filter: FindingFilter): FindingRecord[] {
    return this.d.store.findings.query(filter).map(toRecord);
  }

  finding(id: string): FindingRecord | null {
    const row = this.d.store.findings.get(id);
    return row ? toRecord(row) : null;
  }

  findingDetail(id: string) {
    return findingDetail(this.d.store, id, this.d.now());
  }

  /** Chronological. With a cursor (id or time): the events after it; without: the newest `limit`. */
  events(filter: EventFilter): TimelineEvent[] {
    const { store } = this.d;
    const limit = filter.limit ?? DEFAULT_EVENTS;
    if (filter.afterId !== undefined || filter.sinceTime !== undefined)
      return store.events.query({ ...filter, limit });
    return store.events.query({ ...filter, limit, newestFirst: true }).reverse();
  }

  deliveries(filter: { findingId?: string; limit?: number }) {
    return this.d.store.deliveries.list(filter);
  }

  /** The time of the cycle whose model answers; NotReadyError before this process committed one. */
  private modelTime(): Date {
    const { latest } = this.d;
    if (!latest.analysed || !latest.lastOkAt) {
      throw new NotReadyError('no estate data yet: the first poll cycle has not succeeded');
    }
    return new Date(latest.lastOkAt);
  }

  explain(req: ExplainRequest) {
    const at = this.modelTime();
    const request = explainRequestOptions(req);
    return this.d.analyzer.explainUrl({ url: req.url, from: req.from, request }, at);
  }

  reach(req: ReachRequest) {
    return this.d.analyzer.reachPath(req, this.modelTime());
  }

  freshness() {
    return this.d.latest.freshness(this.d.now());
  }
}
