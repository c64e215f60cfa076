// What runs where: the ECS services of the demo and each running task's placement (host port on a container
// instance for bridge mode, its own ENI for awsvpc). ECS, ELB and ENI builders all read this one plan.
import { ec2Id, hexOf, macOf, uuidOf } from './hash.ts';
import type { DemoIds, SgKey, SubnetKey, TgKey } from './ids.ts';

export type ServiceName = 'web' | 'admin' | 'api' | 'orders' | 'worker';
export type ClusterName = 'prod' | 'ops';
export type InstanceKey = 'ecsA' | 'ecsB';

export interface ServicePlan {
  name: ServiceName;
  cluster: ClusterName;
  family: string;
  revision: number;
  imageTag: string;
  containerPort: number | null;
  networkMode: 'bridge' | 'awsvpc';
  launchType: 'EC2' | 'FARGATE';
  desiredCount: number;
  targetGroup: TgKey | null;
  /** awsvpc only: the task ENI's security group. */
  taskSg: SgKey | null;
  cpu: number;
  memory: number;
}

export const SERVICE_PLANS: readonly ServicePlan[] = [
  {
    name: 'web',
    cluster: 'prod',
    family: 'web',
    revision: 12,
    imageTag: '2.8.0',
    containerPort: 8081,
    networkMode: 'bridge',
    launchType: 'EC2',
    desiredCount: 4,
    targetGroup: 'web',
    taskSg: null,
    cpu: 256,
    memory: 512,
  },
  {
    name: 'admin',
    cluster: 'prod',
    family: 'admin',
    revision: 7,
    imageTag: '0.9.3',
    containerPort: 9000,
    networkMode: 'bridge',
    launchType: 'EC2',
    desiredCount: 2,
    targetGroup: 'admin',
    taskSg: null,
    cpu: 256,
    memory: 512,
  },
  {
    name: 'api',
    cluster: 'prod',
    family: 'api',
    revision: 31,
    imageTag: '1.4.2',
    containerPort: 8080,
    networkMode: 'awsvpc',
    launchType: 'FARGATE',
    desiredCount: 2,
    targetGroup: 'api',
    taskSg: 'apiTasks',
    cpu: 512,
    memory: 1024,
  },
  {
    name: 'orders',
    cluster: 'ops',
    family: 'orders',
    revision: 5,
    imageTag: '3.1.0',
    containerPort: 8080,
    networkMode: 'awsvpc',
    launchType: 'FARGATE',
    desiredCount: 2,
    targetGroup: 'orders',
    taskSg: 'ordersTasks',
    cpu: 512,
    memory: 1024,
  },
  {
    name: 'worker',
    cluster: 'ops',
    family: 'worker',
    revision: 9,
    imageTag: '3.1.0',
    containerPort: null,
    networkMode: 'awsvpc',
    launchType: 'FARGATE',
    desiredCount: 1,
    targetGroup: null,
    taskSg: 'workerTasks',
    cpu: 256,
    memory: 512,
  },
];

export function servicePlan(name: ServiceName): ServicePlan {
  const plan = SERVICE_PLANS.find((p) => p.name === name);
  if (!plan) throw new Error(`unknown demo service ${name}`);
  return plan;
}

export interface TaskPlan {
  service: ServiceName;
  /** 32 hex digits, the last part of the task ARN. */
  taskId: string;
  az: string;
  bridge: { instance: InstanceKey; hostPort: number } | null;
  awsvpc: { subnet: SubnetKey; eniId: string; privateIp: string; mac: string; attachmentId: string } | null;
}

// Host ports Docker picked from the kernel's ephemeral range (32768-60999) as the tasks started.
const BRIDGE_TASKS: Array<[ServiceName, InstanceKey, number]> = [
  ['web', 'ecsA', 32768],
  ['web', 'ecsB', 32769],
  ['admin', 'ecsA', 32770],
  ['admin', 'ecsB', 32771],
  ['web', 'ecsA', 32772],
  ['web', 'ecsB', 32775],
];

const AWSVPC_TASKS: Array<[ServiceName, SubnetKey, string]> = [
  ['api', 'privateA', '10.0.10.105'],
  ['api', 'privateB', '10.0.11.163'],
  ['orders', 'privateA', '10.0.10.60'],
  ['orders', 'privateB', '10.0.11.61'],
  ['worker', 'privateA', '10.0.10.77'],
];

export function taskPlans(ids: DemoIds): TaskPlan[] {
  const scope = `${ids.account}/${ids.region}`;
  const bridge = BRIDGE_TASKS.map(([service, instance, hostPort]): TaskPlan => {
    const subnet = ids.instances[instance].subnet;
    return {
      service,
      taskId: hexOf(`${scope}/task/${service}/${hostPort}`, 32),
      az: ids.subnets[subnet].az,
      bridge: { instance, hostPort },
      awsvpc: null,
    };
  });
  const awsvpc = AWSVPC_TASKS.map(([service, subnet, privateIp]): TaskPlan => {
    const key = `${scope}/task/${service}/${privateIp}`;
    const eniId = ec2Id('eni', key);
    return {
      service,
      taskId: hexOf(key, 32),
      az: ids.subnets[subnet].az,
      bridge: null,
      // The MAC must equal the one describe-network-interfaces prints for the ENI (interfaces.ts).
      awsvpc: { subnet, eniId, privateIp, mac: macOf(`${eniId}/mac`), attachmentId: uuidOf(key) },
    };
  });
  return [...bridge, ...awsvpc];
}

export function taskArn(ids: DemoIds, cluster: ClusterName, taskId: string): string {
  return `arn:aws:ecs:${ids.region}:${ids.account}:task/${cluster}/${taskId}`;
}

export function containerInstanceId(ids: DemoIds, instance: InstanceKey): string {
  return hexOf(`${ids.account}/${ids.region}/container-instance/${instance}`, 32);
}

export function containerInstanceArn(ids: DemoIds, instance: InstanceKey): string {
  return `arn:aws:ecs:${ids.region}:${ids.account}:container-instance/prod/${containerInstanceId(ids, instance)}`;
}

export function taskDefinitionArn(ids: DemoIds, plan: ServicePlan, revision = plan.revision): string {
  return `arn:aws:ecs:${ids.region}:${ids.account}:task-definition/${plan.family}:${revision}`;
}

export function serviceArn(ids: DemoIds, plan: ServicePlan): string {
  return `arn:aws:ecs:${ids.region}:${ids.account}:service/${plan.cluster}/${plan.name}`;
}
