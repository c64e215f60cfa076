// ECS objects → services joined with their task definition, tasks (host ports, ENIs) and target groups.
import type { Service, SnapshotPartition, SnapshotScope, Task, TaskDefinition } from '@porthole/shared';
import { clusterNameFromArn } from '@porthole/shared';
import type { EstateModel, ServiceModel, TaskBinding, TaskModel } from './types.ts';
import { serviceId } from './services.ts';

export function addEcs(
  model: EstateModel,
  part: SnapshotPartition,
  taskDefs: Map<string, TaskDefinition>,
): void {
  const scope = { account: part.account, region: part.region };
  const d = part.data;
  for (const ci of d.containerInstances ?? []) {
    model.containerInstances.set(ci.containerInstanceArn, ci.ec2InstanceId ?? null);
  }
  for (const svc of d.services ?? []) {
    const service = serviceModel(svc, scope, taskDefs);
    const id = service.id;
    model.services.set(id, service);
    for (const lb of service.loadBalancers) {
      const tg = model.targetGroups.get(lb.targetGroupArn);
      if (tg && !tg.services.includes(id)) tg.services.push(id);
    }
  }
  for (const task of d.tasks ?? []) {
    const model_ = taskModel(model, task, scope, taskDefs);
    model.tasks.set(task.taskArn, model_);
    if (model_.serviceKey) model.services.get(model_.serviceKey)?.tasks.push(model_);
  }
}

/** One service joined with its task definition (its tasks are added by the caller). */
export function serviceModel(
  svc: Service,
  scope: SnapshotScope,
  taskDefs: ReadonlyMap<string, TaskDefinition>,
): ServiceModel {
  const clusterName = clusterNameFromArn(svc.clusterArn);
  const key = `${clusterName}/${svc.serviceName}`;
  const id = serviceId(scope, key);
  const taskDef = svc.taskDefinition ? taskDefs.get(svc.taskDefinition) : undefined;
  const awsvpc = svc.networkConfiguration?.awsvpcConfiguration;
  const service: ServiceModel = {
    scope,
    id,
    key,
    arn: svc.serviceArn,
    name: svc.serviceName,
    clusterArn: svc.clusterArn ?? null,
    clusterName,
    desiredCount: svc.desiredCount ?? null,
    runningCount: svc.runningCount ?? null,
    taskDefinitionArn: svc.taskDefinition ?? null,
    // Fargate tasks always use awsvpc; EC2 defaults to bridge when networkMode is omitted.
    networkMode: taskDef ? (taskDef.networkMode ?? 'bridge') : null,
    containers: taskDef ? taskDef.containerDefinitions : null,
    loadBalancers: (svc.loadBalancers ?? []).flatMap((lb) =>
      lb.targetGroupArn
        ? [
            {
              targetGroupArn: lb.targetGroupArn,
              containerName: lb.containerName ?? null,
              containerPort: lb.containerPort ?? null,
            },
          ]
        : [],
    ),
    awsvpc: awsvpc
      ? {
          subnets: awsvpc.subnets ?? [],
          securityGroups: awsvpc.securityGroups ?? [],
          assignPublicIp: awsvpc.assignPublicIp ?? null,
        }
      : null,
    launchType: svc.launchType ?? null,
    healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds ?? null,
    tasks: [],
    raw: svc,
  };
  return service;
}

export function taskModel(
  model: EstateModel,
  task: Task,
  scope: { account: string | null; region: string | null },
  taskDefs: ReadonlyMap<string, TaskDefinition>,
): TaskModel {
  const eniDetails = new Map(
    (task.attachments ?? [])
      .filter((a) => a.type === 'ElasticNetworkInterface')
      .flatMap((a) => a.details ?? [])
      .map((kv) => [kv.name ?? '', kv.value ?? '']),
  );
  const serviceName = task.group?.startsWith('service:') ? task.group.slice('service:'.length) : null;
  const instanceId = task.containerInstanceArn
    ? (model.containerInstances.get(task.containerInstanceArn) ?? null)
    : null;
  return {
    scope,
    arn: task.taskArn,
    serviceKey: serviceName
      ? serviceId(scope, `${clusterNameFromArn(task.clusterArn)}/${serviceName}`)
      : null,
    clusterArn: task.clusterArn ?? null,
    lastStatus: task.lastStatus ?? null,
    desiredStatus: task.desiredStatus ?? null,
    instanceId,
    eniId: eniDetails.get('networkInterfaceId') || null,
    privateIp: eniDetails.get('privateIPv4Address') || null,
    subnetId: eniDetails.get('subnetId') || null,
    bindings: bindingsOf(task, task.taskDefinitionArn ? taskDefs.get(task.taskDefinitionArn) : undefined),
    stoppedReason: task.stoppedReason ?? null,
    stopCode: task.stopCode ?? null,
    containerReasons: (task.containers ?? []).flatMap((c) => (c.reason ? [c.reason] : [])),
    startedAt: stringTime(task.startedAt),
    stoppedAt: stringTime(task.stoppedAt),
    raw: task,
  };
}

/**
 * Host port bindings: bridge/host tasks report networkBindings once RUNNING; awsvpc tasks have none,
 * their host port is the container port (ECS developer guide, "Use an Application Load Balancer").
 */
function bindingsOf(task: Task, taskDef: TaskDefinition | undefined): TaskBinding[] {
  const reported = (task.containers ?? []).flatMap((c) =>
    (c.networkBindings ?? []).map((b) => ({
      containerName: c.name ?? null,
      containerPort: b.containerPort ?? null,
      hostPort: b.hostPort ?? null,
      protocol: b.protocol ?? 'tcp',
    })),
  );
  if (reported.length > 0 || !taskDef) return reported;
  const mode = taskDef.networkMode ?? 'bridge';
  if (mode !== 'awsvpc' && mode !== 'host') return reported;
  return taskDef.containerDefinitions.flatMap((c) =>
    (c.portMappings ?? []).map((p) => ({
      containerName: c.name,
      containerPort: p.containerPort ?? null,
      hostPort: p.containerPort ?? null,
      protocol: p.protocol ?? 'tcp',
    })),
  );
}

function stringTime(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? new Date(value * 1000).toISOString() : value;
}
