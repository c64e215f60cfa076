// `aws ecs describe-clusters` and `describe-services` (one call per cluster). Service events are listed
// newest first, with the messages the ECS service scheduler writes.
import { uuidOf } from './hash.ts';
import type { DemoIds } from './ids.ts';
import { deploymentIdOf } from './ecsTasks.ts';
import {
  SERVICE_PLANS,
  serviceArn,
  taskDefinitionArn,
  taskPlans,
  type ClusterName,
  type ServicePlan,
} from './plan.ts';
import type { Json } from './shapes.ts';
import { TIMES } from './time.ts';

export function serviceEvent(ids: DemoIds, createdAt: string, message: string): Json {
  return { id: uuidOf(`${ids.account}/${ids.region}/event/${createdAt}/${message}`), createdAt, message };
}

function baselineEvents(ids: DemoIds, plan: ServicePlan): Json[] {
  const tasks = taskPlans(ids).filter((t) => t.service === plan.name);
  const s = `(service ${plan.name})`;
  const events = [
    serviceEvent(ids, TIMES.steadyState, `${s} has reached a steady state.`),
    serviceEvent(
      ids,
      TIMES.deploymentCompleted,
      `${s} (deployment ${deploymentIdOf(ids, plan.name)}) deployment completed.`,
    ),
  ];
  if (plan.targetGroup) {
    events.push(
      serviceEvent(
        ids,
        TIMES.taskStarted,
        `${s} registered ${tasks.length} targets in (target-group ${ids.targetGroups[plan.targetGroup]})`,
      ),
    );
  }
  events.push(
    serviceEvent(
      ids,
      TIMES.taskCreated,
      `${s} has started ${tasks.length} tasks: ${tasks.map((t) => `(task ${t.taskId})`).join(' ')}.`,
    ),
  );
  return events;
}

export function serviceJson(ids: DemoIds, plan: ServicePlan): Json {
  const fargate = plan.launchType === 'FARGATE';
  const deploymentId = deploymentIdOf(ids, plan.name);
  const awsvpc =
    plan.networkMode === 'awsvpc'
      ? {
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: [ids.subnets.privateA.id, ids.subnets.privateB.id],
              securityGroups: plan.taskSg ? [ids.sgs[plan.taskSg]] : [],
              assignPublicIp: 'DISABLED',
            },
          },
        }
      : {};
  const platform = fargate ? { platformVersion: 'LATEST', platformFamily: 'Linux' } : {};
  return {
    serviceArn: serviceArn(ids, plan),
    serviceName: plan.name,
    clusterArn: ids.clusters[plan.cluster],
    loadBalancers: plan.targetGroup
      ? [
          {
            targetGroupArn: ids.targetGroups[plan.targetGroup],
            containerName: plan.name,
            containerPort: plan.containerPort,
          },
        ]
      : [],
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: plan.desiredCount,
    runningCount: plan.desiredCount,
    pendingCount: 0,
    launchType: plan.launchType,
    ...platform,
    taskDefinition: taskDefinitionArn(ids, plan),
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deployments: [
      {
        id: deploymentId,
        status: 'PRIMARY',
        taskDefinition: taskDefinitionArn(ids, plan),
        desiredCount: plan.desiredCount,
        pendingCount: 0,
        runningCount: plan.desiredCount,
        failedTasks: 0,
        createdAt: TIMES.deploymentCreated,
        updatedAt: TIMES.deploymentCompleted,
        launchType: plan.launchType,
        ...platform,
        ...awsvpc,
        rolloutState: 'COMPLETED',
        rolloutStateReason: `ECS deployment ${deploymentId} completed.`,
      },
    ],
    // Bridge services behind a load balancer use the ECS service-linked role.
    ...(plan.networkMode === 'bridge'
      ? {
          roleArn: `arn:aws:iam::${ids.account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
        }
      : {}),
    events: baselineEvents(ids, plan),
    createdAt: TIMES.serviceCreated,
    placementConstraints: [],
    placementStrategy: fargate ? [] : [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    ...awsvpc,
    ...(plan.targetGroup ? { healthCheckGracePeriodSeconds: 60 } : {}),
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: `arn:aws:iam::${ids.account}:role/github-deploy`,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
  };
}

export function servicesOf(ids: DemoIds, cluster: ClusterName): Json[] {
  return SERVICE_PLANS.filter((p) => p.cluster === cluster).map((p) => serviceJson(ids, p));
}

export function clusters(ids: DemoIds): Json[] {
  const tasks = taskPlans(ids);
  return (['prod', 'ops'] as ClusterName[]).map((name) => {
    const services = SERVICE_PLANS.filter((p) => p.cluster === name);
    return {
      clusterArn: ids.clusters[name],
      clusterName: name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: name === 'prod' ? 2 : 0,
      runningTasksCount: tasks.filter((t) => services.some((s) => s.name === t.service)).length,
      pendingTasksCount: 0,
      activeServicesCount: services.length,
      statistics: [],
      tags: [],
      settings: [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: name === 'ops' ? ['FARGATE', 'FARGATE_SPOT'] : [],
      defaultCapacityProviderStrategy: [],
    };
  });
}
