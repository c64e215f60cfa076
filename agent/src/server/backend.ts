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

export interface ApiBackend {
  /** True once the first poll cycle of this process has completed. */
  ready(): boolean;
  overview(): Overview;
  services(): ServiceVerdict[];
  /** "cluster/service"; `scope` picks one when the same name exists in several accounts/regions. */
  /** Async: the service's paths come from the model, which the daemon keeps in its analysis worker. */
  serviceDetail(
    name: string,
    scope?: { account?: string; region?: string },
  ): ServiceDetail | null | Promise<ServiceDetail | null>;
  findings(filter: FindingFilter): FindingRecord[];
  finding(id: string): FindingRecord | null;
  /** One finding, open or resolved, with its history, the timeline around it and its alert deliveries. */
  findingDetail(id: string): FindingDetail | null;
  events(filter: EventFilter): TimelineEvent[];
  deliveries(filter: { findingId?: string; limit?: number }): AlertDelivery[];
  /** Throws NotReadyError before the first successful cycle, PathInputError on bad input. */
  explain(req: ExplainRequest): PathResult | Promise<PathResult>;
  reach(req: ReachRequest): PathResult | Promise<PathResult>;
  freshness(): DataFreshness;
}

/** No model yet (the first cycle has not succeeded): the API answers 503. */
export class NotReadyError extends Error {
  override name = 'NotReadyError';
}
