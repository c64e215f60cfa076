// The snapshot: everything Porthole knows about an estate at one moment, in the AWS CLI's own shapes.
// Both the folder reader and the live AWS source produce it; the model is built from it alone.
import type { z } from 'zod';
import * as ec2 from './aws/ec2.ts';
import * as elb from './aws/elbv2.ts';
import * as ecs from './aws/ecs.ts';

/** Normalised kinds (wrappers flattened). Each maps to the item schema of its array. */
export const KIND_SCHEMAS = {
  SecurityGroups: ec2.SecurityGroupSchema,
  NetworkAcls: ec2.NetworkAclSchema,
  Subnets: ec2.SubnetSchema,
  RouteTables: ec2.RouteTableSchema,
  Reservations: ec2.ReservationSchema,
  NetworkInterfaces: ec2.NetworkInterfaceSchema,
  InternetGateways: ec2.InternetGatewaySchema,
  NatGateways: ec2.NatGatewaySchema,
  VpcEndpoints: ec2.VpcEndpointSchema,
  Vpcs: ec2.VpcSchema,
  PrefixLists: ec2.PrefixListSchema,
  ManagedPrefixListEntries: ec2.ManagedPrefixListEntriesSchema,
  LoadBalancers: elb.LoadBalancerSchema,
  TargetGroups: elb.TargetGroupSchema,
  Listeners: elb.ListenerSchema,
  Rules: elb.RuleSchema,
  LoadBalancerTargetHealth: elb.TargetGroupHealthSchema,
  TargetGroupAttributes: elb.TargetGroupAttributesSchema,
  clusters: ecs.ClusterSchema,
  services: ecs.ServiceSchema,
  tasks: ecs.TaskSchema,
  containerInstances: ecs.ContainerInstanceSchema,
  taskDefinitions: ecs.TaskDefinitionSchema,
} as const;

export type SnapshotKind = keyof typeof KIND_SCHEMAS;
export const SNAPSHOT_KINDS = Object.keys(KIND_SCHEMAS) as SnapshotKind[];

export type SnapshotData = { [K in SnapshotKind]?: z.infer<(typeof KIND_SCHEMAS)[K]>[] };

/** Why a kind's data cannot be trusted as current (live source: the last fetch failed). */
export interface StaleMark {
  error: string;
  /** ISO time of the data we still hold (the last successful fetch), or null if never fetched. */
  fetchedAt: string | null;
}

export interface SnapshotScope {
  account: string | null;
  region: string | null;
}

export interface SnapshotPartition extends SnapshotScope {
  data: SnapshotData;
  /** Kinds whose data is present but stale; checks that rely on them answer unknown. */
  stale?: Partial<Record<SnapshotKind, StaleMark>>;
  /** ISO time each kind's data was last fetched in full (live source); absent: the snapshot's capturedAt. */
  fetchedAt?: Partial<Record<SnapshotKind, string>>;
}

export interface Snapshot {
  partitions: SnapshotPartition[];
  /** Non-fatal problems met while reading (unknown keys, files skipped). */
  warnings: string[];
  /** ISO time the data was captured, when known. */
  capturedAt?: string | null;
}

export function scopeKey(scope: SnapshotScope): string {
  return `${scope.account ?? '?'}/${scope.region ?? '?'}`;
}

export type * from './aws/ec2.ts';
export type * from './aws/elbv2.ts';
export type * from './aws/ecs.ts';
