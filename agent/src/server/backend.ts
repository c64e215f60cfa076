// What the HTTP and socket layers need from the daemon; the daemon implements it (daemon/view.ts).
import type {
  AlertDelivery,
  DataFreshness,
  ExplainRequest,
  FindingDetail,
  FindingRecord,
  Overview,
  PathResult,
  ReachRequest,
  ServiceDetail,
  ServiceVerdict,
  Severity,
  TimelineEvent,
  TimelineEventType,
} from '@porthole/shared';

export interface FindingFilter {
  status?: 'open' | 'resolved';
  service?: string;
  severity?: Severity;
  limit?: number;
}

export interface EventFilter {
  afterId?: number;
  sinceTime?: string;
  service?: string;
  types?: TimelineEventType[];
  limit?: number;
}

/** The SQLite daemon answers at once; the HA daemon reads PostgreSQL. */
export type MaybePromise<T> = T | Promise<T>;

export interface ApiBackend {
  /** True once the first poll cycle of this process has completed. */
  ready(): boolean;
  overview(): MaybePromise<Overview>;
  services(): MaybePromise<ServiceVerdict[]>;
  /** "cluster/service"; `scope` picks one when the same name exists in several accounts/regions.
   * Async in the daemon: the service's paths come from the model, which the analysis worker keeps. */
  serviceDetail(
    name: string,
    scope?: { account?: string; region?: string },
  ): MaybePromise<ServiceDetail | null>;
  findings(filter: FindingFilter): MaybePromise<FindingRecord[]>;
  finding(id: string): MaybePromise<FindingRecord | null>;
  /** One finding, open or resolved, with its history, the timeline around it and its alert deliveries. */
  findingDetail(id: string): MaybePromise<FindingDetail | null>;
  events(filter: EventFilter): MaybePromise<TimelineEvent[]>;
  deliveries(filter: { findingId?: string; limit?: number }): MaybePromise<AlertDelivery[]>;
  /** Throws NotReadyError before the first successful cycle, PathInputError on bad input. */
  explain(req: ExplainRequest): MaybePromise<PathResult>;
  reach(req: ReachRequest): MaybePromise<PathResult>;
  freshness(): MaybePromise<DataFreshness>;
  /** HA mode only: the shards this daemon holds and the lease of every shard (for /readyz). */
  shards?(): MaybePromise<unknown>;
}

/** No model yet (the first cycle has not succeeded): the API answers 503. */
export class NotReadyError extends Error {
  override name = 'NotReadyError';
}
