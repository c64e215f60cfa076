// The estate model: one indexed, joined view of every snapshot partition. Built once per poll, read-only after.
import type {
  Action,
  ContainerDefinition,
  Instance,
  InternetGateway,
  LoadBalancer,
  NatGateway,
  NetworkAcl,
  NetworkInterface,
  RouteTable,
  RuleCondition,
  SecurityGroup,
  Service,
  SnapshotKind,
  SnapshotScope,
  StaleMark,
  Subnet,
  Task,
  TargetGroup,
  Vpc,
  VpcEndpoint,
} from '@porthole/shared';
import type { ScopedIndex } from './scopedIndex.ts';

export interface Scoped {
  scope: SnapshotScope;
}

/** Where an ALB's traffic to targets comes from: one node per enabled subnet. */
export interface LoadBalancerNode {
  subnetId: string;
  availabilityZone: string | null;
  /** The node ENI's private IP, or the subnet CIDR standing for it when the ENI is not in the snapshot. */
  address: string | null;
  eniId: string | null;
}

export interface ListenerRuleModel {
  arn: string;
  priority: number | 'default';
  conditions: RuleCondition[];
  actions: Action[];
  targetGroupArns: string[];
}

export interface ListenerModel {
  arn: string;
  loadBalancerArn: string;
  port: number | null;
  protocol: string | null;
  /** Rules by ascending priority; the default rule (from DefaultActions) last. */
  rules: ListenerRuleModel[];
  /** False when describe-rules output is missing: only the default action is known. */
  rulesKnown: boolean;
}

export interface LoadBalancerModel extends Scoped {
  arn: string;
  name: string;
  dnsName: string | null;
  scheme: 'internet-facing' | 'internal';
  type: string;
  vpcId: string | null;
  securityGroupIds: string[];
  nodes: LoadBalancerNode[];
  listeners: ListenerModel[];
  raw: LoadBalancer;
}

export interface TargetModel {
  targetGroupArn: string;
  id: string;
  port: number | null;
  availabilityZone: string | null;
  state: string;
  reason: string | null;
  description: string | null;
  healthCheckPort: string | null;
}

export interface HealthCheckModel {
  enabled: boolean;
  protocol: string | null;
  /** 'traffic-port' or a number as a string, as ELB prints it. */
  port: string;
  path: string | null;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: string | null;
}

export interface TargetGroupModel extends Scoped {
  arn: string;
  name: string;
  port: number | null;
  protocol: string | null;
  targetType: string;
  vpcId: string | null;
  loadBalancerArns: string[];
  healthCheck: HealthCheckModel;
  /** null when target health is not in the snapshot for this group: unknown, never healthy. */
  targets: TargetModel[] | null;
  /** Ids (ServiceModel.id) of the services registered in this group. */
  services: string[];
  raw: TargetGroup;
}

/** A network endpoint: the ENI view of an instance, a task ENI, an ALB node ENI, a NAT … */
export interface EndpointModel extends Scoped {
  id: string;
  eniId: string | null;
  instanceId: string | null;
  vpcId: string | null;
  subnetId: string | null;
  privateIps: string[];
  publicIp: string | null;
  securityGroupIds: string[];
  sourceDestCheck: boolean | null;
  description: string | null;
}

export interface TaskBinding {
  containerName: string | null;
  containerPort: number | null;
  hostPort: number | null;
  protocol: string;
}

export interface TaskModel extends Scoped {
  arn: string;
  /** ServiceModel.id of the owning service. */
  serviceKey: string | null;
  clusterArn: string | null;
  lastStatus: string | null;
  desiredStatus: string | null;
  /** EC2 instance id (bridge/host mode) or null (awsvpc on Fargate). */
  instanceId: string | null;
  /** The task ENI (awsvpc). */
  eniId: string | null;
  privateIp: string | null;
  subnetId: string | null;
  bindings: TaskBinding[];
  stoppedReason: string | null;
  stopCode: string | null;
  containerReasons: string[];
  startedAt: string | null;
  stoppedAt: string | null;
  raw: Task;
}

export interface ServiceModel extends Scoped {
  /** Unique across accounts and regions: "account/region/cluster/service" (the map key). */
  id: string;
  /** "cluster/service": the public name; may repeat across accounts and regions. */
  key: string;
  arn: string;
  name: string;
  clusterArn: string | null;
  clusterName: string;
  desiredCount: number | null;
  runningCount: number | null;
  taskDefinitionArn: string | null;
  /** null when the task definition is not in the snapshot. */
  networkMode: string | null;
  containers: ContainerDefinition[] | null;
  loadBalancers: Array<{
    targetGroupArn: string;
    containerName: string | null;
    containerPort: number | null;
  }>;
  awsvpc: { subnets: string[]; securityGroups: string[]; assignPublicIp: string | null } | null;
  launchType: string | null;
  healthCheckGracePeriodSeconds: number | null;
  tasks: TaskModel[];
  raw: Service;
}

export interface DataStatus {
  present: Set<SnapshotKind>;
  stale: Map<SnapshotKind, StaleMark>;
}

export interface EstateModel {
  scopes: Map<string, SnapshotScope & DataStatus>;
  // EC2 resources are keyed by account + region + id (ids repeat across partitions): see ScopedIndex.
  vpcs: ScopedIndex<Vpc & Scoped>;
  subnets: ScopedIndex<Subnet & Scoped>;
  securityGroups: ScopedIndex<SecurityGroup & Scoped>;
  networkAcls: ScopedIndex<NetworkAcl & Scoped>;
  /** subnet id → the NACL associated with it. */
  naclBySubnet: ScopedIndex<NetworkAcl & Scoped>;
  routeTables: ScopedIndex<RouteTable & Scoped>;
  internetGateways: ScopedIndex<InternetGateway & Scoped>;
  natGateways: ScopedIndex<NatGateway & Scoped>;
  vpcEndpoints: ScopedIndex<VpcEndpoint & Scoped>;
  /** prefix list id → CIDRs, or null when its entries are unknown (AWS-managed lists differ per region). */
  prefixLists: ScopedIndex<string[] | null>;
  instances: ScopedIndex<Instance & Scoped>;
  networkInterfaces: ScopedIndex<NetworkInterface & Scoped>;
  /** private IP → ids of the ENIs holding it in this scope (private IPs repeat across VPCs). */
  eniByPrivateIp: ScopedIndex<string[]>;
  /** security group id → ids of ENIs that carry it. */
  enisBySecurityGroup: ScopedIndex<string[]>;
  loadBalancers: Map<string, LoadBalancerModel>;
  targetGroups: Map<string, TargetGroupModel>;
  services: Map<string, ServiceModel>;
  tasks: Map<string, TaskModel>;
  /** container instance ARN → EC2 instance id. */
  containerInstances: Map<string, string | null>;
  warnings: string[];
}
