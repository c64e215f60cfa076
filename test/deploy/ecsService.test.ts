// deploy/ecs/service.json and target-group.json: fields the APIs define, a private service on the task
// definition's port, one task on the data dir at a time, and /readyz health checks.
import { describe, expect, it } from 'vitest';
import { createServiceBody, elbv2Form, queryKeys } from './awsRequest.ts';
import { CREATE_SERVICE_FIELDS, loadEcsJson } from './ecsFiles.ts';

interface TaskDefinition {
  containerDefinitions: {
    name: string;
    portMappings: { containerPort: number }[];
    healthCheck: { startPeriod: number };
  }[];
}

describe('service.json', () => {
  const svc = loadEcsJson<{
    desiredCount: number;
    launchType: string;
    networkConfiguration: { awsvpcConfiguration: { assignPublicIp: string } };
    loadBalancers: { containerName: string; containerPort: number }[];
    deploymentConfiguration: { maximumPercent: number; minimumHealthyPercent: number };
    healthCheckGracePeriodSeconds: number;
  }>('service.json');
  const td = loadEcsJson<TaskDefinition>('task-definition.json');

  it('uses request parameters the API reference lists for CreateService, serviceName included', () => {
    expect(Object.keys(svc).filter((k) => !CREATE_SERVICE_FIELDS.includes(k))).toEqual([]);
    expect(Object.keys(svc)).toContain('serviceName');
  });

  it('has only fields CreateService defines (nested ones too, through the SDK model)', async () => {
    expect(await createServiceBody(svc)).toEqual(svc);
  });

  it('is private and points the load balancer at the task definition’s container port', () => {
    expect(svc.launchType).toBe('FARGATE');
    expect(svc.networkConfiguration.awsvpcConfiguration.assignPublicIp).toBe('DISABLED');
    const c = td.containerDefinitions[0]!;
    expect(svc.loadBalancers).toEqual([
      expect.objectContaining({ containerName: c.name, containerPort: c.portMappings[0]!.containerPort }),
    ]);
  });

  it('never runs two tasks on one data dir: one task, stopped before its replacement starts', () => {
    expect(svc.desiredCount).toBe(1);
    expect(svc.deploymentConfiguration.maximumPercent).toBe(100);
    expect(svc.deploymentConfiguration.minimumHealthyPercent).toBe(0);
  });

  it('gives the first poll time before ELB health checks count (grace ≥ container start period)', () => {
    expect(svc.healthCheckGracePeriodSeconds).toBeGreaterThanOrEqual(
      td.containerDefinitions[0]!.healthCheck.startPeriod,
    );
  });
});

describe('service.ha.json (several daemons on PostgreSQL)', () => {
  const svc = loadEcsJson<{
    serviceName: string;
    taskDefinition: string;
    desiredCount: number;
    deploymentConfiguration: { maximumPercent: number; minimumHealthyPercent: number };
  }>('service.ha.json');
  const td = loadEcsJson<{
    family: string;
    containerDefinitions: { secrets: { name: string; valueFrom: string }[] }[];
  }>('task-definition.ha.json');

  it('has only fields CreateService defines', async () => {
    expect(Object.keys(svc).filter((k) => !CREATE_SERVICE_FIELDS.includes(k))).toEqual([]);
    expect(await createServiceBody(svc)).toEqual(svc);
  });

  it('runs two daemons of the HA task, replaced one at a time (leases hand the shards over)', () => {
    expect(svc.taskDefinition).toBe(td.family);
    expect(svc.desiredCount).toBeGreaterThanOrEqual(2);
    expect(svc.deploymentConfiguration).toMatchObject({ maximumPercent: 200, minimumHealthyPercent: 50 });
  });

  it('takes the store URL (it holds the database password) from Secrets Manager', () => {
    expect(td.containerDefinitions[0]!.secrets.map((s) => s.name)).toContain('PORTHOLE_STORE_URL');
  });
});

describe('target-group.json', () => {
  const tg = loadEcsJson<Record<string, unknown>>('target-group.json');

  it('has only fields CreateTargetGroup defines', async () => {
    const form = await elbv2Form('create-target-group', tg);
    expect(
      Object.keys(form)
        .filter((k) => k !== 'Action' && k !== 'Version')
        .sort(),
    ).toEqual(queryKeys(tg).sort());
  });

  it('health-checks /readyz on the traffic port of ip targets (Fargate tasks are ip targets)', () => {
    expect(tg).toMatchObject({
      TargetType: 'ip',
      Port: 7070,
      HealthCheckPath: '/readyz',
      Matcher: { HttpCode: '200' },
    });
    expect(tg.HealthCheckPort).toBe('traffic-port');
  });
});

describe('load-balancer.json and listener.json', () => {
  const lb = loadEcsJson<Record<string, unknown>>('load-balancer.json');
  const listener = loadEcsJson<{ DefaultActions: { Type: string; TargetGroupArn: string }[] }>(
    'listener.json',
  );

  it.each([
    ['create-load-balancer', 'load-balancer.json'],
    ['create-listener', 'listener.json'],
  ] as const)('%s: only fields the API defines', async (command, file) => {
    const input = loadEcsJson<Record<string, unknown>>(file);
    const form = await elbv2Form(command, input);
    expect(
      Object.keys(form)
        .filter((k) => k !== 'Action' && k !== 'Version')
        .sort(),
    ).toEqual(queryKeys(input).sort());
  });

  it('is an internal application load balancer forwarding to the Porthole target group', () => {
    expect(lb).toMatchObject({ Type: 'application', Scheme: 'internal' });
    expect((lb.Subnets as string[]).length).toBeGreaterThanOrEqual(2);
    const service = loadEcsJson<{ loadBalancers: { targetGroupArn: string }[] }>('service.json');
    expect(listener.DefaultActions).toEqual([
      { Type: 'forward', TargetGroupArn: service.loadBalancers[0]!.targetGroupArn },
    ]);
  });
});
