// `aws ecs describe-tasks` and `describe-container-instances`. Bridge tasks report their Docker-chosen host
// port in containers[].networkBindings; awsvpc tasks carry an ElasticNetworkInterface attachment instead.
import { deploymentIdOf as deploymentIdFromKey, hexOf, uuidOf } from './hash.ts';
import type { DemoIds } from './ids.ts';
import { privateDnsName } from './interfaces.ts';
import { imageOf } from './ecsDefinitions.ts';
import {
  containerInstanceArn,
  servicePlan,
  taskArn,
  taskDefinitionArn,
  type InstanceKey,
  type TaskPlan,
} from './plan.ts';
import type { Json } from './shapes.ts';
import { TIMES } from './time.ts';

export interface StoppedState {
  stoppedReason: string;
  stopCode: 'TaskFailedToStart' | 'EssentialContainerExited' | 'UserInitiated' | 'ServiceSchedulerInitiated';
  stoppingAt: string;
  stoppedAt: string;
  /** The container's own reason (e.g. CannotPullContainerError), when it never ran. */
  containerReason?: string;
  /** False when the container never started (no exit code, no bindings). */
  started: boolean;
}

export interface TaskOptions {
  createdAt?: string;
  startedAt?: string;
  stopped?: StoppedState;
}

export function taskJson(ids: DemoIds, task: TaskPlan, options: TaskOptions = {}): Json {
  const plan = servicePlan(task.service);
  const arn = taskArn(ids, plan.cluster, task.taskId);
  const createdAt = options.createdAt ?? TIMES.taskCreated;
  const startedAt = options.startedAt ?? TIMES.taskStarted;
  const stopped = options.stopped;
  const ran = !stopped || stopped.started;
  const status = stopped ? 'STOPPED' : 'RUNNING';
  const fargate = plan.launchType === 'FARGATE';
  const eni = task.awsvpc;
  const container: Json = {
    containerArn: `arn:aws:ecs:${ids.region}:${ids.account}:container/${plan.cluster}/${task.taskId}/${uuidOf(`${arn}/c`)}`,
    taskArn: arn,
    name: plan.name,
    image: imageOf(ids, plan),
    ...(ran ? { imageDigest: `sha256:${hexOf(`${plan.family}:${plan.imageTag}`, 64)}` } : {}),
    ...(ran ? { runtimeId: fargate ? `${task.taskId}-${hexOf(arn, 10)}` : hexOf(`${arn}/docker`, 64) } : {}),
    lastStatus: status,
    ...(stopped && stopped.started ? { exitCode: 143 } : {}),
    ...(stopped?.containerReason ? { reason: stopped.containerReason } : {}),
    networkBindings:
      task.bridge && ran
        ? [
            {
              bindIP: '0.0.0.0',
              containerPort: plan.containerPort,
              hostPort: task.bridge.hostPort,
              protocol: 'tcp',
            },
          ]
        : [],
    networkInterfaces: eni ? [{ attachmentId: eni.attachmentId, privateIpv4Address: eni.privateIp }] : [],
    healthStatus: 'UNKNOWN',
    cpu: '0',
  };
  const attachments = eni
    ? [
        {
          id: eni.attachmentId,
          type: 'ElasticNetworkInterface',
          status: stopped ? 'DELETED' : 'ATTACHED',
          details: [
            { name: 'subnetId', value: ids.subnets[eni.subnet].id },
            { name: 'networkInterfaceId', value: eni.eniId },
            { name: 'macAddress', value: eni.mac },
            { name: 'privateDnsName', value: privateDnsName(ids, eni.privateIp) },
            { name: 'privateIPv4Address', value: eni.privateIp },
          ],
        },
      ]
    : [];
  return {
    attachments,
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: task.az,
    clusterArn: ids.clusters[plan.cluster],
    connectivity: 'CONNECTED',
    connectivityAt: createdAt,
    ...(task.bridge ? { containerInstanceArn: containerInstanceArn(ids, task.bridge.instance) } : {}),
    containers: [container],
    cpu: String(plan.cpu),
    createdAt,
    desiredStatus: status,
    ...(fargate ? { ephemeralStorage: { sizeInGiB: 20 } } : {}),
    enableExecuteCommand: false,
    group: `service:${plan.name}`,
    healthStatus: 'UNKNOWN',
    lastStatus: status,
    launchType: plan.launchType,
    memory: String(plan.memory),
    overrides: { containerOverrides: [{ name: plan.name }], inferenceAcceleratorOverrides: [] },
    ...(fargate ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
    // A task given its own times pulls from creation until start; baseline tasks use the fixed instants.
    pullStartedAt: ran && !options.createdAt ? TIMES.taskPullStarted : createdAt,
    ...(ran ? { pullStoppedAt: options.startedAt ? startedAt : TIMES.taskPullStopped, startedAt } : {}),
    startedBy: deploymentIdOf(ids, task.service),
    ...(stopped
      ? {
          stopCode: stopped.stopCode,
          stoppedAt: stopped.stoppedAt,
          stoppedReason: stopped.stoppedReason,
          stoppingAt: stopped.stoppingAt,
          executionStoppedAt: stopped.stoppedAt,
        }
      : {}),
    tags: [],
    taskArn: arn,
    taskDefinitionArn: taskDefinitionArn(ids, plan),
    version: stopped ? 5 : 3,
  };
}

export function containerInstanceJson(ids: DemoIds, key: InstanceKey, runningTasks: number): Json {
  const inst = ids.instances[key];
  const reserved = ['22', '2376', '2375', '51678', '51679'];
  const resources = (cpu: number, memory: number) => [
    { name: 'CPU', type: 'INTEGER', doubleValue: 0.0, longValue: 0, integerValue: cpu },
    { name: 'MEMORY', type: 'INTEGER', doubleValue: 0.0, longValue: 0, integerValue: memory },
    {
      name: 'PORTS',
      type: 'STRINGSET',
      doubleValue: 0.0,
      longValue: 0,
      integerValue: 0,
      stringSetValue: reserved,
    },
    {
      name: 'PORTS_UDP',
      type: 'STRINGSET',
      doubleValue: 0.0,
      longValue: 0,
      integerValue: 0,
      stringSetValue: [],
    },
  ];
  const az = ids.subnets[inst.subnet].az;
  return {
    containerInstanceArn: containerInstanceArn(ids, key),
    ec2InstanceId: inst.id,
    version: 14,
    versionInfo: { agentVersion: '1.89.2', agentHash: 'b5fb1c33', dockerVersion: 'DockerVersion: 25.0.6' },
    remainingResources: resources(2048 - 256 * runningTasks, 7680 - 512 * runningTasks),
    registeredResources: resources(2048, 7680),
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: runningTasks,
    pendingTasksCount: 0,
    attributes: [
      { name: 'ecs.capability.secrets.asm.environment-variables' },
      { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
      { name: 'com.amazonaws.ecs.capability.ecr-auth' },
      { name: 'ecs.capability.execution-role-ecr-pull' },
      { name: 'ecs.capability.task-eni' },
      { name: 'ecs.availability-zone', value: az },
      { name: 'ecs.instance-type', value: 'm6i.large' },
      { name: 'ecs.ami-id', value: 'ami-0c1f575380708aa63' },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.os-family', value: 'LINUX' },
      { name: 'ecs.cpu-architecture', value: 'x86_64' },
      { name: 'ecs.vpc-id', value: ids.vpcId },
      { name: 'ecs.subnet-id', value: ids.subnets[inst.subnet].id },
    ],
    registeredAt: TIMES.agentRegistered,
    attachments: [],
    tags: [],
  };
}

/** The deployment that started a service's tasks (`startedBy`, deployments[].id). */
export function deploymentIdOf(ids: DemoIds, service: string, generation = 0): string {
  return deploymentIdFromKey(`${ids.account}/${ids.region}/deployment/${service}/${generation}`);
}
