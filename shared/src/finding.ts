// The output contract of `scan --json`, `explain --json`, `reach --json`, the REST API and the socket.
import { z } from 'zod';
import { AlbAnswerSchema } from './albAnswer.ts';
import { RULE_IDS } from './ruleIds.ts';

export const SeveritySchema = z.enum(['critical', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const VerdictSchema = z.enum(['allow', 'deny', 'unknown']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** One piece of evidence: the exact SG rule, NACL entry, route, port, health reason or event. */
export const EvidenceSchema = z.object({
  kind: z.enum([
    'security-group-rule',
    'network-acl-entry',
    'route',
    'port',
    'listener',
    'target-health',
    'task',
    'service-event',
    'config',
    'missing-data',
  ]),
  component: z.string(),
  detail: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A change that is possible but not the answer: shown only under its `when` ("if you really need …"). */
export const FixAlternativeSchema = z.object({
  when: z.string(),
  summary: z.string(),
  awsCli: z.array(z.string()),
  terraform: z.string(),
});
export type FixAlternative = z.infer<typeof FixAlternativeSchema>;

export const FixSchema = z.object({
  summary: z.string(),
  /** Empty when the answer changes the caller, not AWS (e.g. "call :80"). */
  awsCli: z.array(z.string()),
  terraform: z.string(),
  alternatives: z.array(FixAlternativeSchema).optional(),
});
export type Fix = z.infer<typeof FixSchema>;

/**
 * confirmed: the data read proves the cause (or an observed symptom — stopped-task reason, service event,
 * target-health reason — agrees with it); likely: concluded with data missing that could change it, or by
 * elimination; unknown: could not be decided (rule `data-missing`).
 */
export const ConfidenceSchema = z.enum(['confirmed', 'likely', 'unknown']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

export const TargetRefSchema = z.object({
  targetGroupArn: z.string(),
  id: z.string(),
  port: z.number().int().nullable(),
});
export type TargetRef = z.infer<typeof TargetRefSchema>;

export const FindingSchema = z.object({
  /** Stable across polls for the same problem: rule + blocking component + service. */
  id: z.string(),
  rule: z.enum(RULE_IDS),
  severity: SeveritySchema,
  title: z.string(),
  explanation: z.string(),
  /** Blocking component id/ARN first, then the others involved. */
  resources: z.array(z.string()),
  /** "cluster/service", or null when the finding is not about one service. */
  service: z.string().nullable(),
  /**
   * Every "cluster/service" whose traffic crosses the blocking component (an ALB, listener, rule, subnet,
   * NACL or route table finding lists all services behind it); `[service]` for a service's own finding.
   */
  services: z.array(z.string()).default([]),
  confidence: ConfidenceSchema.default('likely'),
  /** What could change the conclusion: data kinds not read, endpoints not captured… Empty when nothing. */
  missing: z.array(z.string()).default([]),
  targets: z.array(TargetRefSchema),
  evidence: z.array(EvidenceSchema),
  fix: FixSchema,
  account: z.string().nullable(),
  region: z.string().nullable(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const TargetVerdictSchema = z.object({
  targetGroupArn: z.string(),
  id: z.string(),
  port: z.number().int().nullable(),
  availabilityZone: z.string().nullable(),
  state: z.string(),
  reason: z.string().nullable(),
  description: z.string().nullable(),
  service: z.string().nullable(),
  /** The rule id that explains this target's state; null when healthy or unexplained. */
  rootCause: z.enum(RULE_IDS).nullable(),
});
export type TargetVerdict = z.infer<typeof TargetVerdictSchema>;

export const ServiceStatusSchema = z.enum(['healthy', 'degraded', 'down', 'unknown']);
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

export const ServiceVerdictSchema = z.object({
  /** "cluster/service" */
  name: z.string(),
  cluster: z.string(),
  service: z.string(),
  arn: z.string(),
  account: z.string().nullable(),
  region: z.string().nullable(),
  status: ServiceStatusSchema,
  desiredCount: z.number().nullable(),
  runningCount: z.number().nullable(),
  /** Target counts by health state (healthy, unhealthy, initial, draining, unused, unavailable). */
  targetCounts: z.record(z.string(), z.number()),
  targetsTotal: z.number(),
  targetsHealthy: z.number(),
  topFinding: z
    .object({ id: z.string(), rule: z.enum(RULE_IDS), severity: SeveritySchema, title: z.string() })
    .nullable(),
  /** One sentence: why the service is in this state. */
  why: z.string(),
  findingIds: z.array(z.string()),
  /**
   * Set where verdicts are served (API, socket, CLI): true when data this verdict depends on failed to
   * refresh, or the last poll failed. `status` is then the last known one and must not be shown as current.
   */
  stale: z.boolean().optional(),
  /** ISO time of the oldest data this verdict depends on, and its age in seconds when it was served. */
  dataFrom: z.string().nullable().optional(),
  dataAgeSeconds: z.number().nullable().optional(),
  /** Why it is stale, naming what failed ("Timeout: ec2:DescribeSubnets after 3 attempts"). */
  staleReason: z.string().nullable().optional(),
});
export type ServiceVerdict = z.infer<typeof ServiceVerdictSchema>;

export const ScanResultSchema = z.object({
  schemaVersion: z.literal(1),
  findings: z.array(FindingSchema),
  targets: z.array(TargetVerdictSchema),
  services: z.array(ServiceVerdictSchema),
  warnings: z.array(z.string()),
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

export const HopSchema = z.object({
  component: z.string(),
  kind: z.string(),
  direction: z.enum(['inbound', 'outbound', 'forward']),
  /** Which leg of the conversation: the request, or the reply back to the caller. */
  leg: z.enum(['request', 'reply']),
  verdict: VerdictSchema,
  detail: z.string(),
});
export type Hop = z.infer<typeof HopSchema>;

/** One request of an explained conversation (the redirect target a client follows). */
export const ExplainLegSchema = z.object({
  url: z.string(),
  verdict: z.enum(['reachable', 'blocked', 'unknown']),
  summary: z.string(),
  hops: z.array(HopSchema),
  answer: AlbAnswerSchema.optional(),
});
export type ExplainLeg = z.infer<typeof ExplainLegSchema>;

export const PathResultSchema = z.object({
  reachable: z.boolean(),
  verdict: z.enum(['reachable', 'blocked', 'unknown']),
  summary: z.string(),
  hops: z.array(HopSchema),
  findings: z.array(FindingSchema),
  /** explain only: what the load balancer answers (rule, action, status, weighted split). */
  answer: AlbAnswerSchema.optional(),
  /** explain only: the requests a client makes by following redirects, in order. */
  legs: z.array(ExplainLegSchema).optional(),
  /** What the answer assumed where the snapshot cannot say (e.g. the client's ephemeral port range). */
  assumptions: z.array(z.string()).optional(),
});
export type PathResult = z.infer<typeof PathResultSchema>;
