// Which top-level key of an AWS CLI JSON output holds which snapshot kind, and how to read or write it.
// Batfish's convention: a file is recognised by its top-level key, never by its name.
import { SNAPSHOT_KINDS, type SnapshotKind } from '@porthole/shared';

/**
 * How the value under a top-level key is shaped:
 * - `array`: a list of items of the kind (`{"SecurityGroups": [...]}`), the CLI's usual output;
 * - `single`: one item (`aws ecs describe-task-definition` prints `{"taskDefinition": {...}, "tags": [...]}`);
 * - `listenersByLoadBalancer`: Batfish's wrapper `{"LoadBalancerListeners": [{LoadBalancerArn, Listeners}]}`.
 */
export type TopLevelShape = 'array' | 'single' | 'listenersByLoadBalancer';

export interface TopLevelKeyInfo {
  kind: SnapshotKind;
  shape: TopLevelShape;
}

/**
 * Every recognised top-level key. Each kind's own name is a key (the wrappers `ManagedPrefixListEntries`,
 * `LoadBalancerTargetHealth` and `TargetGroupAttributes` are kinds whose items are the wrapper entries).
 */
export const KIND_BY_TOP_LEVEL_KEY: Readonly<Record<string, TopLevelKeyInfo>> = Object.freeze({
  ...Object.fromEntries(SNAPSHOT_KINDS.map((kind) => [kind, { kind, shape: 'array' as const }])),
  LoadBalancerListeners: { kind: 'Listeners', shape: 'listenersByLoadBalancer' },
  taskDefinition: { kind: 'taskDefinitions', shape: 'single' },
});

/** The key a kind is written under: its own name (Listeners plain, target health and task definitions wrapped). */
export const TOP_LEVEL_KEY_BY_KIND: Readonly<Record<SnapshotKind, string>> = Object.freeze(
  Object.fromEntries(SNAPSHOT_KINDS.map((kind) => [kind, kind])) as Record<SnapshotKind, string>,
);

export function topLevelKeyInfo(key: string): TopLevelKeyInfo | undefined {
  return Object.hasOwn(KIND_BY_TOP_LEVEL_KEY, key) ? KIND_BY_TOP_LEVEL_KEY[key] : undefined;
}

/** Keys the CLI prints beside the data that carry nothing Porthole needs (pagination, request metadata). */
export const IGNORED_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  'NextToken',
  'nextToken',
  'NextMarker',
  'ResponseMetadata',
  // ECS describe-* list the ids it could not describe; the resources are simply absent from the data.
  'failures',
]);

/** Ignored only beside `taskDefinition` (describe-task-definition --include TAGS). */
export const IGNORED_BESIDE_TASK_DEFINITION = 'tags';

/** Hints for outputs people often save that lack the parent id Porthole needs. */
export const UNRECOGNISED_KEY_HINTS: Readonly<Record<string, string>> = Object.freeze({
  Entries:
    'get-managed-prefix-list-entries does not print the prefix list id; wrap it as {"ManagedPrefixListEntries": [{"PrefixListId": …, "Entries": […]}]}',
  TargetHealthDescriptions:
    'describe-target-health does not print the target group ARN; wrap it as {"LoadBalancerTargetHealth": [{"TargetGroupArn": …, "TargetHealthDescriptions": […]}]}',
  Attributes:
    'describe-target-group-attributes does not print the target group ARN; wrap it as {"TargetGroupAttributes": [{"TargetGroupArn": …, "Attributes": […]}]}',
  clusterArns: 'list-* outputs hold only ARNs; save the matching describe-* output instead',
  serviceArns: 'list-* outputs hold only ARNs; save the matching describe-* output instead',
  taskArns: 'list-* outputs hold only ARNs; save the matching describe-* output instead',
  containerInstanceArns: 'list-* outputs hold only ARNs; save the matching describe-* output instead',
  taskDefinitionArns: 'list-* outputs hold only ARNs; save the matching describe-* output instead',
});

/** The field that identifies an item of each kind; items with the same id merge (the later file wins). */
const PRIMARY_ID_FIELD: Readonly<Record<SnapshotKind, string>> = {
  SecurityGroups: 'GroupId',
  NetworkAcls: 'NetworkAclId',
  Subnets: 'SubnetId',
  RouteTables: 'RouteTableId',
  // Instances are grouped in reservations; a reservation without an id (hand-written) is kept as is.
  Reservations: 'ReservationId',
  NetworkInterfaces: 'NetworkInterfaceId',
  InternetGateways: 'InternetGatewayId',
  NatGateways: 'NatGatewayId',
  VpcEndpoints: 'VpcEndpointId',
  Vpcs: 'VpcId',
  PrefixLists: 'PrefixListId',
  ManagedPrefixListEntries: 'PrefixListId',
  LoadBalancers: 'LoadBalancerArn',
  TargetGroups: 'TargetGroupArn',
  Listeners: 'ListenerArn',
  Rules: 'RuleArn',
  LoadBalancerTargetHealth: 'TargetGroupArn',
  TargetGroupAttributes: 'TargetGroupArn',
  clusters: 'clusterArn',
  services: 'serviceArn',
  tasks: 'taskArn',
  containerInstances: 'containerInstanceArn',
  taskDefinitions: 'taskDefinitionArn',
};

/** The item's primary id, or null when it has none (such items are never deduplicated). */
export function primaryIdOf(kind: SnapshotKind, item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const id = (item as Record<string, unknown>)[PRIMARY_ID_FIELD[kind]];
  return typeof id === 'string' && id !== '' ? id : null;
}
