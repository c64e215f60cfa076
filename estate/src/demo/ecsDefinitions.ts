// `aws ecs describe-task-definition --task-definition <family:rev>` prints `{"taskDefinition": {...}, "tags": []}`.
// Bridge tasks map the container port to hostPort 0 (dynamic); awsvpc tasks print hostPort = containerPort.
import type { DemoIds } from './ids.ts';
import { SERVICE_PLANS, taskDefinitionArn, type ServicePlan } from './plan.ts';
import type { Json } from './shapes.ts';
import { TIMES } from './time.ts';

// Plain settings only: the demo never puts secret values in `environment` (they sit in Secrets Manager).
const ENVIRONMENT: Record<string, Array<[string, string]>> = {
  web: [
    ['PORT', '8081'],
    ['LOG_LEVEL', 'info'],
  ],
  admin: [['PORT', '9000']],
  api: [
    ['PORT', '8080'],
    ['UPSTREAM_ORDERS_URL', 'http://orders.internal.example.com'],
  ],
  orders: [['PORT', '8080']],
  worker: [['QUEUE_NAME', 'orders-events']],
};

export function imageOf(ids: DemoIds, plan: ServicePlan): string {
  return `${ids.ecrRegistry}/${plan.family}:${plan.imageTag}`;
}

export function containerDefinition(ids: DemoIds, plan: ServicePlan): Json {
  const port = plan.containerPort;
  return {
    name: plan.name,
    image: imageOf(ids, plan),
    cpu: 0,
    portMappings:
      port === null
        ? []
        : [
            {
              containerPort: port,
              hostPort: plan.networkMode === 'bridge' ? 0 : port,
              protocol: 'tcp',
              name: `${plan.name}-${port}-tcp`,
              appProtocol: 'http',
            },
          ],
    essential: true,
    environment: (ENVIRONMENT[plan.name] ?? []).map(([name, value]) => ({ name, value })),
    mountPoints: [],
    volumesFrom: [],
    secrets: [
      {
        name: 'DATABASE_URL',
        valueFrom: `arn:aws:secretsmanager:${ids.region}:${ids.account}:secret:prod/${plan.name}/db-Xa41kq`,
      },
    ],
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': `/ecs/${plan.family}`,
        'awslogs-region': ids.region,
        'awslogs-stream-prefix': 'ecs',
      },
    },
    systemControls: [],
  };
}

export function taskDefinition(ids: DemoIds, plan: ServicePlan, revision = plan.revision): Json {
  const fargate = plan.launchType === 'FARGATE';
  return {
    taskDefinitionArn: taskDefinitionArn(ids, plan, revision),
    containerDefinitions: [containerDefinition(ids, plan)],
    family: plan.family,
    taskRoleArn: `arn:aws:iam::${ids.account}:role/${plan.family}-task`,
    executionRoleArn: `arn:aws:iam::${ids.account}:role/ecsTaskExecutionRole`,
    networkMode: plan.networkMode,
    revision,
    volumes: [],
    status: 'ACTIVE',
    requiresAttributes: [
      { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
      { name: 'ecs.capability.execution-role-awslogs' },
      { name: 'com.amazonaws.ecs.capability.ecr-auth' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.19' },
      { name: 'ecs.capability.secrets.asm.environment-variables' },
      { name: 'com.amazonaws.ecs.capability.task-iam-role' },
      { name: 'ecs.capability.execution-role-ecr-pull' },
      ...(plan.networkMode === 'awsvpc'
        ? [
            { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' },
            { name: 'ecs.capability.task-eni' },
          ]
        : []),
    ],
    placementConstraints: [],
    compatibilities: fargate ? ['EC2', 'FARGATE'] : ['EXTERNAL', 'EC2'],
    requiresCompatibilities: [plan.launchType],
    cpu: String(plan.cpu),
    memory: String(plan.memory),
    registeredAt: TIMES.taskDefRegistered,
    registeredBy: `arn:aws:sts::${ids.account}:assumed-role/github-deploy/GitHubActions`,
  };
}

/** One describe-task-definition output per service's current revision. */
export function taskDefinitionDocuments(ids: DemoIds): Array<{ name: string; json: Json }> {
  return SERVICE_PLANS.map((plan) => ({
    name: `task-definition-${plan.family}-${plan.revision}`,
    json: { taskDefinition: taskDefinition(ids, plan), tags: [] },
  }));
}
