// deploy/ecs/service.json and target-group.json: fields the APIs define, a private service on the task
// definition's port, one task on the data dir at a time, and /readyz health checks.
import { describe, expect, it } from 'vitest';
import { createServiceBody, createTargetGroupForm } from './awsRequest.ts';
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

describe('target-group.json', () => {
  const tg = loadEcsJson<Record<string, unknown>>('target-group.json');

  it('has only fields CreateTargetGroup defines', async () => {
    const form = await createTargetGroupForm(tg);
    const flat = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v !== null && typeof v === 'object'
          ? flat(v as Record<string, unknown>, `${prefix}${k}.`)
          : [`${prefix}${k}`],
      );
    expect(
      Object.keys(form)
        .filter((k) => k !== 'Action' && k !== 'Version')
        .sort(),
    ).toEqual(flat(tg).sort());
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
