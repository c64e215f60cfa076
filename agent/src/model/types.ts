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
  vpcs: Map<string, Vpc & Scoped>;
  subnets: Map<string, Subnet & Scoped>;
  securityGroups: Map<string, SecurityGroup & Scoped>;
  networkAcls: Map<string, NetworkAcl & Scoped>;
  /** subnet id → the NACL associated with it. */
  naclBySubnet: Map<string, NetworkAcl>;
  routeTables: Map<string, RouteTable & Scoped>;
  internetGateways: Map<string, InternetGateway>;
  natGateways: Map<string, NatGateway>;
  vpcEndpoints: Map<string, VpcEndpoint>;
  /** prefix list id → CIDRs, or null when its entries are unknown. */
  prefixLists: Map<string, string[] | null>;
  instances: Map<string, Instance & Scoped>;
  networkInterfaces: Map<string, NetworkInterface & Scoped>;
  /** private IP → ENI id. */
  /** private IP → ids of the ENIs holding it (private IPs repeat across VPCs and accounts). */
  eniByPrivateIp: Map<string, string[]>;
  /** security group id → ids of ENIs that carry it. */
  enisBySecurityGroup: Map<string, string[]>;
  loadBalancers: Map<string, LoadBalancerModel>;
  targetGroups: Map<string, TargetGroupModel>;
  services: Map<string, ServiceModel>;
  tasks: Map<string, TaskModel>;
  /** container instance ARN → EC2 instance id. */
  containerInstances: Map<string, string | null>;
  warnings: string[];
}
