// `aws ecs describe-tasks` and `describe-container-instances`. Bridge tasks report their Docker-chosen host
// port in containers[].networkBindings; awsvpc tasks carry an ElasticNetworkInterface attachment instead.
import { deploymentIdOf as deploymentIdFromKey, hexOf, uuidOf } from './hash.ts';
import type { DemoIds } from './ids.ts';
import { imageOf } from './ecsDefinitions.ts';
import {
  containerInstanceArn,
  servicePlan,
  taskArn,
  taskDefinitionArn,
  type InstanceKey,
  type TaskPlan,
} from './plan.ts';
import { bridgeBinding, containerInstanceShape, taskEniAttachment } from '../shapes/ecs.ts';
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
    networkBindings: task.bridge && ran ? [bridgeBinding(plan.containerPort, task.bridge.hostPort)] : [],
    networkInterfaces: eni ? [{ attachmentId: eni.attachmentId, privateIpv4Address: eni.privateIp }] : [],
    healthStatus: 'UNKNOWN',
    cpu: '0',
  };
  const attachments = eni
    ? [
        taskEniAttachment({
          ...eni,
          subnetId: ids.subnets[eni.subnet].id,
          region: ids.region,
          stopped: stopped !== undefined,
        }),
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
  return containerInstanceShape({
    arn: containerInstanceArn(ids, key),
    instanceId: inst.id,
    instanceType: 'm6i.large',
    vpcId: ids.vpcId,
    subnetId: ids.subnets[inst.subnet].id,
    az: ids.subnets[inst.subnet].az,
    agentConnected: true,
    runningTasks,
    registeredAt: TIMES.agentRegistered,
    registered: { cpu: 2048, memory: 7680 },
    remaining: { cpu: 2048 - 256 * runningTasks, memory: 7680 - 512 * runningTasks },
  });
}

/** The deployment that started a service's tasks (`startedBy`, deployments[].id). */
export function deploymentIdOf(ids: DemoIds, service: string, generation = 0): string {
  return deploymentIdFromKey(`${ids.account}/${ids.region}/deployment/${service}/${generation}`);
}
