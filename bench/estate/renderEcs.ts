// `aws ecs describe-clusters|services|container-instances|task-definition` for a unit's cluster, with the
// demo estate's field sets (estate/src/demo/ecs*.ts). Tasks: renderTasks.ts.
import { uuidOf } from '@porthole/estate/demo/hash.js';
import type { Json } from '@porthole/estate/demo/shapes.js';
import { TIMES, cliTime, incidentTime } from '@porthole/estate/demo/time.js';
import { containerInstanceShape } from '@porthole/estate/shapes/ecs.js';
import { deployment, family, image, running, taskDefArn } from './ecsNames.ts';
import type { UnitPlan } from './planTypes.ts';

export function clusters(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return [
    {
      clusterArn: ids.cluster.arn,
      clusterName: ids.cluster.name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: plan.instances.length,
      runningTasksCount: plan.services.reduce((n, s) => n + running(s), 0),
      pendingTasksCount: 0,
      activeServicesCount: plan.services.length,
      statistics: [],
      tags: [],
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [],
    },
  ];
}

export function services(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return plan.services.map((svc) => {
    const fargate = svc.mode === 'awsvpc';
    const awsvpc = fargate
      ? {
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: [ids.subnets.appA.id, ids.subnets.appB.id],
              securityGroups: [svc.taskSg!, ...(svc.tg ? [ids.sgs.shared] : [])],
              assignPublicIp: 'DISABLED',
            },
          },
        }
      : {};
    const event = (at: string, message: string) => ({
      id: uuidOf(`${ids.key}/${svc.name}/${at}/${message}`),
      createdAt: at,
      message,
    });
    const events = [
      ...svc.events.map(([s, m]) => event(incidentTime(s), m)),
      event(TIMES.steadyState, `(service ${svc.name}) has reached a steady state.`),
      event(
        TIMES.deploymentCompleted,
        `(service ${svc.name}) (deployment ${deployment(plan, svc)}) deployment completed.`,
      ),
    ].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return {
      serviceArn: `arn:aws:ecs:${ids.region}:${ids.account}:service/${ids.cluster.name}/${svc.name}`,
      serviceName: svc.name,
      clusterArn: ids.cluster.arn,
      loadBalancers: svc.tg
        ? [{ targetGroupArn: svc.tg.arn, containerName: svc.name, containerPort: svc.containerPort }]
        : [],
      serviceRegistries: [],
      status: 'ACTIVE',
      desiredCount:
        svc.tasks.length -
        svc.tasks.filter((t) => t.stopped?.stopCode === 'ServiceSchedulerInitiated').length,
      runningCount: running(svc),
      pendingCount: 0,
      launchType: fargate ? 'FARGATE' : 'EC2',
      ...(fargate ? { platformVersion: 'LATEST', platformFamily: 'Linux' } : {}),
      taskDefinition: taskDefArn(plan, svc),
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      deployments: [
        {
          id: deployment(plan, svc),
          status: 'PRIMARY',
          taskDefinition: taskDefArn(plan, svc),
          desiredCount: svc.tasks.length,
          pendingCount: 0,
          runningCount: running(svc),
          failedTasks: svc.tasks.length - running(svc),
          createdAt: TIMES.deploymentCreated,
          updatedAt: TIMES.deploymentCompleted,
          launchType: fargate ? 'FARGATE' : 'EC2',
          ...awsvpc,
          rolloutState: 'COMPLETED',
        },
      ],
      events,
      createdAt: TIMES.serviceCreated,
      placementConstraints: [],
      placementStrategy: fargate ? [] : [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      ...awsvpc,
      ...(svc.grace !== null ? { healthCheckGracePeriodSeconds: svc.grace } : {}),
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      enableECSManagedTags: false,
      propagateTags: 'NONE',
      enableExecuteCommand: false,
    };
  });
}

/** m6i.xlarge: 4 vCPUs, 16 GiB of which the agent registers 15,700 MiB. */
const REGISTERED = { cpu: 4096, memory: 15_700 };

export function containerInstances(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return plan.instances.map((inst) => {
    const here = plan.services.flatMap((s) =>
      s.tasks.filter((t) => !t.stopped && t.bridge?.instance === inst.index).map(() => s),
    );
    const used = (pick: (s: (typeof here)[number]) => number) => here.reduce((n, s) => n + pick(s), 0);
    return containerInstanceShape({
      arn: inst.containerInstanceArn,
      instanceId: inst.id,
      instanceType: 'm6i.xlarge',
      vpcId: ids.vpcId,
      subnetId: ids.subnets[inst.subnet].id,
      az: ids.subnets[inst.subnet].az,
      agentConnected: inst.agentConnected,
      runningTasks: here.length,
      registeredAt: TIMES.agentRegistered,
      registered: REGISTERED,
      remaining: {
        cpu: Math.max(0, REGISTERED.cpu - used((s) => s.cpu)),
        memory: Math.max(0, REGISTERED.memory - used((s) => s.memory)),
      },
    });
  });
}

/** One `describe-task-definition` output per service: `{"taskDefinition": {...}, "tags": []}`. */
export function taskDefinitions(plan: UnitPlan): Array<{ name: string; json: Json }> {
  const { ids } = plan;
  return plan.services.map((svc) => {
    const port = svc.containerPort;
    const taskDefinition = {
      taskDefinitionArn: taskDefArn(plan, svc),
      containerDefinitions: [
        {
          name: svc.name,
          image: image(plan, svc),
          cpu: 0,
          portMappings:
            port === null
              ? []
              : [{ containerPort: port, hostPort: svc.mode === 'bridge' ? 0 : port, protocol: 'tcp' }],
          essential: true,
          environment: [{ name: 'LOG_LEVEL', value: 'info' }],
          secrets: [
            {
              name: 'DATABASE_URL',
              valueFrom: `arn:aws:secretsmanager:${ids.region}:${ids.account}:secret:${svc.name}/db`,
            },
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': `/ecs/${svc.name}`,
              'awslogs-region': ids.region,
              'awslogs-stream-prefix': 'ecs',
            },
          },
        },
      ],
      family: family(plan, svc),
      executionRoleArn: `arn:aws:iam::${ids.account}:role/ecsTaskExecutionRole`,
      networkMode: svc.mode,
      revision: svc.revision,
      status: 'ACTIVE',
      requiresCompatibilities: [svc.mode === 'awsvpc' ? 'FARGATE' : 'EC2'],
      cpu: String(svc.cpu),
      memory: String(svc.memory),
      registeredAt: cliTime(Date.parse('2025-03-12T13:58:44.871Z')),
    };
    return { name: `${family(plan, svc)}-${svc.revision}`, json: { taskDefinition, tags: [] } };
  });
}
