// Pieces of `aws ecs describe-tasks|describe-container-instances` output from plain ids (Task, Attachment,
// NetworkBinding, ContainerInstance in the ECS API reference).
import { privateDnsName } from './eni.ts';
import type { Json } from '../demo/shapes.ts';

/** An awsvpc task's ElasticNetworkInterface attachment; DELETED once the task stopped. */
export function taskEniAttachment(eni: {
  attachmentId: string;
  eniId: string;
  subnetId: string;
  mac: string;
  privateIp: string;
  region: string;
  stopped: boolean;
}): Json {
  return {
    id: eni.attachmentId,
    type: 'ElasticNetworkInterface',
    status: eni.stopped ? 'DELETED' : 'ATTACHED',
    details: [
      { name: 'subnetId', value: eni.subnetId },
      { name: 'networkInterfaceId', value: eni.eniId },
      { name: 'macAddress', value: eni.mac },
      { name: 'privateDnsName', value: privateDnsName(eni.region, eni.privateIp) },
      { name: 'privateIPv4Address', value: eni.privateIp },
    ],
  };
}

/** A bridge-mode container's port mapping as the agent reports it, with the host port Docker chose. */
export function bridgeBinding(containerPort: number | null, hostPort: number): Json {
  return { bindIP: '0.0.0.0', containerPort, hostPort, protocol: 'tcp' };
}

/** The ports the ECS agent reserves on every container instance. */
const RESERVED_PORTS = ['22', '2376', '2375', '51678', '51679'];

function resources(cpu: number, memory: number): Json[] {
  const set = (name: string, stringSetValue: string[]) => ({
    name,
    type: 'STRINGSET',
    doubleValue: 0.0,
    longValue: 0,
    integerValue: 0,
    stringSetValue,
  });
  return [
    { name: 'CPU', type: 'INTEGER', doubleValue: 0.0, longValue: 0, integerValue: cpu },
    { name: 'MEMORY', type: 'INTEGER', doubleValue: 0.0, longValue: 0, integerValue: memory },
    set('PORTS', RESERVED_PORTS),
    set('PORTS_UDP', []),
  ];
}

export interface ContainerInstanceInput {
  arn: string;
  instanceId: string;
  instanceType: string;
  vpcId: string;
  subnetId: string;
  az: string;
  agentConnected: boolean;
  runningTasks: number;
  registeredAt: string;
  /** What the instance registered and what its running tasks left (CPU units, MiB). */
  registered: { cpu: number; memory: number };
  remaining: { cpu: number; memory: number };
}

export function containerInstanceShape(ci: ContainerInstanceInput): Json {
  return {
    containerInstanceArn: ci.arn,
    ec2InstanceId: ci.instanceId,
    version: 14,
    versionInfo: { agentVersion: '1.89.2', agentHash: 'b5fb1c33', dockerVersion: 'DockerVersion: 25.0.6' },
    remainingResources: resources(ci.remaining.cpu, ci.remaining.memory),
    registeredResources: resources(ci.registered.cpu, ci.registered.memory),
    status: 'ACTIVE',
    agentConnected: ci.agentConnected,
    runningTasksCount: ci.runningTasks,
    pendingTasksCount: 0,
    attributes: [
      { name: 'ecs.capability.secrets.asm.environment-variables' },
      { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
      { name: 'com.amazonaws.ecs.capability.ecr-auth' },
      { name: 'ecs.capability.execution-role-ecr-pull' },
      { name: 'ecs.capability.task-eni' },
      { name: 'ecs.availability-zone', value: ci.az },
      { name: 'ecs.instance-type', value: ci.instanceType },
      { name: 'ecs.ami-id', value: 'ami-0c1f575380708aa63' },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.os-family', value: 'LINUX' },
      { name: 'ecs.cpu-architecture', value: 'x86_64' },
      { name: 'ecs.vpc-id', value: ci.vpcId },
      { name: 'ecs.subnet-id', value: ci.subnetId },
    ],
    registeredAt: ci.registeredAt,
    attachments: [],
    tags: [],
  };
}
