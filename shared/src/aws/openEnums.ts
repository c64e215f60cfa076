// Lists AWS extends over time (new reason codes, states, protocols). An undocumented value in one of
// these fields is kept, reported as a warning naming the file and JSON path, and treated as unknown —
// never refused (a capture from a newer AWS must still load) and never read as a known value.
// Closed lists (Scheme, TargetType, networkMode, route State, …) are refused instead: see values.ts.
import type { SnapshotKind } from '../snapshot.ts';

/** ELB API reference, TargetHealth.State (TargetHealthStateEnum). */
export const TARGET_HEALTH_STATES = [
  'initial',
  'healthy',
  'unhealthy',
  'unhealthy.draining',
  'unused',
  'draining',
  'unavailable',
] as const;

/** ELB API reference, TargetHealth.Reason (TargetHealthReasonEnum). */
export const TARGET_HEALTH_REASONS = [
  'Elb.RegistrationInProgress',
  'Elb.InitialHealthChecking',
  'Target.ResponseCodeMismatch',
  'Target.Timeout',
  'Target.FailedHealthChecks',
  'Elb.InternalError',
  'Target.NotRegistered',
  'Target.NotInUse',
  'Target.InvalidState',
  'Target.IpUnusable',
  'Target.DeregistrationInProgress',
  'Target.HealthCheckDisabled',
] as const;

/** ELB API reference, ProtocolEnum (listeners and target groups). */
export const ELB_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'];

export function isKnownTargetState(state: string): boolean {
  return (TARGET_HEALTH_STATES as readonly string[]).includes(state);
}

export interface OpenEnumField {
  kind: SnapshotKind;
  /** Path inside one item; '*' walks every element of an array. */
  path: ReadonlyArray<string>;
  known: readonly string[];
  /** What Porthole does with an undocumented value. */
  effect: string;
}

export const OPEN_ENUM_FIELDS: readonly OpenEnumField[] = [
  {
    kind: 'LoadBalancerTargetHealth',
    path: ['TargetHealthDescriptions', '*', 'TargetHealth', 'State'],
    known: TARGET_HEALTH_STATES,
    effect: "the target's service is unknown",
  },
  {
    kind: 'LoadBalancerTargetHealth',
    path: ['TargetHealthDescriptions', '*', 'TargetHealth', 'Reason'],
    known: TARGET_HEALTH_REASONS,
    effect: 'no rule explains the target (root cause unexplained)',
  },
  {
    kind: 'LoadBalancers',
    path: ['IpAddressType'],
    known: ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'],
    effect: 'not used by any check',
  },
  {
    kind: 'Listeners',
    path: ['Protocol'],
    known: ELB_PROTOCOLS,
    effect: 'kept as written (never read as HTTP or HTTPS)',
  },
  {
    kind: 'TargetGroups',
    path: ['Protocol'],
    known: ELB_PROTOCOLS,
    effect: 'kept as written',
  },
  {
    kind: 'TargetGroups',
    path: ['HealthCheckProtocol'],
    known: ELB_PROTOCOLS,
    effect: 'kept as written',
  },
  {
    kind: 'services',
    path: ['launchType'],
    known: ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'],
    effect: 'checks that depend on the launch type treat it as neither EC2 nor FARGATE',
  },
];
