// The daemon ↔ dashboard contract: REST payloads and the typed socket.io event map, used by both ends.
import { z } from 'zod';
import {
  FindingSchema,
  PathResultSchema,
  ServiceVerdictSchema,
  TargetVerdictSchema,
  HopSchema,
} from './finding.ts';

export const TimelineEventTypeSchema = z.enum([
  'target-health',
  'task-started',
  'task-stopped',
  'deployment',
  'security-group-rule-added',
  'security-group-rule-removed',
  'network-acl-entry-added',
  'network-acl-entry-removed',
  'route-added',
  'route-removed',
  'listener-changed',
  'rule-changed',
  'target-group-changed',
  'finding-opened',
  'finding-resolved',
  'data-stale',
  'data-fresh',
  // Added by the daemon: ALB subnets/AZs, security groups or scheme changed.
  'load-balancer-changed',
  // No poll ran for a while (the daemon was stopped): changes in that time show as one step after it.
  'history-gap',
]);
export type TimelineEventType = z.infer<typeof TimelineEventTypeSchema>;

export const TimelineEventSchema = z.object({
  id: z.number().int(),
  /** ISO time of the poll cycle that saw the change. */
  at: z.string(),
  type: TimelineEventTypeSchema,
  /** "cluster/service" when the event concerns one service. */
  service: z.string().nullable(),
  /** Ids/ARNs touched (SG id, NACL id, route table id, target group ARN, finding id …). */
  resources: z.array(z.string()),
  message: z.string(),
  /** For finding-opened: the config-change event that likely caused it, in words. */
  likelyCause: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const FindingRecordSchema = FindingSchema.extend({
  status: z.enum(['open', 'resolved']),
  firstSeen: z.string(),
  lastSeen: z.string(),
  resolvedAt: z.string().nullable(),
  likelyCause: z.string().nullable(),
});
export type FindingRecord = z.infer<typeof FindingRecordSchema>;

export const DataFreshnessSchema = z.object({
  /** ISO time of the last completed poll cycle, or null before the first. */
  lastCycleAt: z.string().nullable(),
  pollIntervalSeconds: z.number(),
  /** Kinds whose data is stale, with the error. */
  staleKinds: z.array(z.object({ kind: z.string(), error: z.string(), fetchedAt: z.string().nullable() })),
  /** ISO time of the last cycle that brought data (a failed poll never moves it). */
  lastOkAt: z.string().nullable().optional(),
  /** The last cycle's error when it failed; null once a cycle brings data again. */
  pollError: z.string().nullable().optional(),
  /** The last cycle: every call worked, some failed (data partly stale), or the poll failed. */
  outcome: z.enum(['ok', 'partial', 'error']).nullable().optional(),
  /** Per account/region and kind: the time of the last successful fetch (null: never) and the last error. */
  kinds: z
    .array(
      z.object({
        account: z.string().nullable(),
        region: z.string().nullable(),
        kind: z.string(),
        fetchedAt: z.string().nullable(),
        error: z.string().nullable(),
      }),
    )
    .optional(),
});
export type DataFreshness = z.infer<typeof DataFreshnessSchema>;

export const OverviewSchema = z.object({
  source: z.string(),
  services: z.array(ServiceVerdictSchema),
  openFindings: z.array(FindingRecordSchema),
  freshness: DataFreshnessSchema,
  counts: z.object({
    services: z.record(z.string(), z.number()),
    findings: z.record(z.string(), z.number()),
  }),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const ServiceDetailSchema = z.object({
  service: ServiceVerdictSchema,
  targets: z.array(TargetVerdictSchema),
  /** The request and reply path from a client through the ALB to the containers, hop by hop. */
  paths: z.array(
    z.object({
      title: z.string(),
      listener: z.string().nullable(),
      targetGroupArn: z.string().nullable(),
      hops: z.array(HopSchema),
    }),
  ),
  findings: z.array(FindingRecordSchema),
  events: z.array(TimelineEventSchema),
});
export type ServiceDetail = z.infer<typeof ServiceDetailSchema>;

/** The caller's ephemeral port range when known (CLI `--client-ports`); else 1024–65535 is assumed. */
const ClientPortsSchema = z
  .object({ from: z.number().int().min(1).max(65535), to: z.number().int().min(1).max(65535) })
  .refine((r) => r.from <= r.to, { message: 'from must not exceed to' });

export const ExplainRequestSchema = z.object({
  url: z.string().min(1).max(2048),
  from: z.string().max(256).optional(),
  /** The HTTP method (http-request-method rules); GET when absent. */
  method: z
    .string()
    .regex(/^[A-Za-z_-]{1,40}$/, 'an HTTP method: letters, "-" and "_", at most 40')
    .optional(),
  /** Request headers as "Name: value" (http-header and host-header rules). */
  headers: z.array(z.string().min(1).max(8192)).max(50).optional(),
  clientPorts: ClientPortsSchema.optional(),
});
export type ExplainRequest = z.infer<typeof ExplainRequestSchema>;

export const ReachRequestSchema = z.object({
  from: z.string().min(1).max(256),
  to: z.string().min(1).max(512),
  port: z.number().int().min(0).max(65535),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  clientPorts: ClientPortsSchema.optional(),
});
export type ReachRequest = z.infer<typeof ReachRequestSchema>;

export { PathResultSchema };

/** One attempt to deliver an alert to a sink (Slack, PagerDuty, webhook); every attempt is recorded. */
export const AlertDeliverySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  findingId: z.string(),
  sink: z.string(),
  action: z.enum(['trigger', 'repeat', 'resolve']),
  attempt: z.number().int(),
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  /** For a grouped notification (findingId is then the group key): every finding the message held. */
  findingIds: z.array(z.string()).optional(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;

/** GET /api/findings/:id/detail: one finding (open or resolved) with its history and the timeline around it. */
export const FindingDetailSchema = z.object({
  finding: FindingRecordSchema,
  /** Its finding-opened / finding-resolved events, oldest first: every episode. */
  history: z.array(TimelineEventSchema),
  /** Events on its own resources or service from before it opened until after it resolved, oldest first. */
  timeline: z.array(TimelineEventSchema),
  deliveries: z.array(AlertDeliverySchema),
});
export type FindingDetail = z.infer<typeof FindingDetailSchema>;

/** Standard error body of every REST endpoint. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  /** For validation errors: which field, and why. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Server → client pushes. On connect the server sends `overview` once; then only deltas. */
export interface ServerToClientEvents {
  overview: (overview: Overview) => void;
  'service:updated': (service: z.infer<typeof ServiceVerdictSchema>) => void;
  'finding:opened': (finding: FindingRecord) => void;
  'finding:resolved': (finding: FindingRecord) => void;
  'event:new': (event: TimelineEvent) => void;
  'data:freshness': (freshness: DataFreshness) => void;
}

export interface ClientToServerEvents {
  /** Ask for the full overview again (after a reconnect that could not recover). */
  'overview:get': (ack: (overview: Overview) => void) => void;
}
