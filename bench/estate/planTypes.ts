// The plan of one unit: what runs where (services, tasks, container instances, target groups) and the settings
// failures change. Renderers turn a plan into AWS CLI JSON; failures edit the plan first, so every document
// they touch (SG, target health, tasks, events) stays consistent.
import type { NaclEntryInput } from '@porthole/estate/demo/shapes.js';
import type { SgSpec } from './sgPlan.ts';
import type { TargetHealthState } from '@porthole/estate/shapes/elb.js';
import type { LbKey, SubnetKey, UnitIds } from './unitIds.ts';

export type { TargetHealthState } from '@porthole/estate/shapes/elb.js';

export interface StoppedPlan {
  reason: string;
  stopCode: 'TaskFailedToStart' | 'ServiceSchedulerInitiated';
  /** Seconds after the incident start (incidentTime). */
  createdAt: number;
  startedAt: number | null;
  stoppedAt: number;
  containerReason?: string;
}

export interface TaskPlan {
  id: string;
  subnet: SubnetKey;
  bridge: { instance: number; hostPort: number | null } | null;
  awsvpc: { eniId: string; ip: string; mac: string; attachmentId: string } | null;
  stopped: StoppedPlan | null;
  health: TargetHealthState;
}

export interface TargetGroupPlan {
  arn: string;
  name: string;
  port: number;
  targetType: 'instance' | 'ip';
  healthCheckPath: string;
  /** 'traffic-port' or a port number as text. */
  healthCheckPort: string;
  /** Listener rule priority on the ALB, or null for the listener's default action. */
  priority: number | null;
  ruleArn: string | null;
  /** False once the rule forwarding to it was deleted (target-group-not-routed). */
  routed: boolean;
}

export interface ServicePlan {
  index: number;
  name: string;
  role: string;
  revision: number;
  imageTag: string;
  containerPort: number | null;
  mode: 'bridge' | 'awsvpc';
  lb: LbKey | null;
  tg: TargetGroupPlan | null;
  taskSg: string | null;
  cpu: number;
  memory: number;
  grace: number | null;
  tasks: TaskPlan[];
  /** Extra service events: [seconds after the incident start, message]. */
  events: Array<[number, string]>;
}

export interface InstancePlan {
  index: number;
  id: string;
  eniId: string;
  subnet: SubnetKey;
  ip: string;
  reservationId: string;
  containerInstanceArn: string;
  agentConnected: boolean;
}

export interface UnitPlan {
  ids: UnitIds;
  services: ServicePlan[];
  instances: InstancePlan[];
  sgs: SgSpec[];
  nacls: Record<string, NaclEntryInput[]>;
  /** Subnets each ALB is enabled in (az-disabled drops one). */
  lbSubnets: Record<LbKey, SubnetKey[]>;
  /** Private route tables that lost their NAT route. */
  natRouteRemoved: Array<'privateA' | 'privateB'>;
  /** Failures applied, for the benchmark's report. */
  failures: Array<{ mode: string; service: string | null }>;
}
