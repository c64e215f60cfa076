// deploy/ecs: request bodies the ECS and ELB APIs accept, and a deployment that follows Porthole's rules
// (token from Secrets Manager, /readyz health checks, awslogs, one writer of the SQLite file).
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createServiceBody, registerTaskDefinitionBody } from './awsRequest.ts';
import {
  EXAMPLE_VALUES,
  REGISTER_TASK_DEFINITION_FIELDS,
  loadEcsJson,
  placeholders,
  readEcsFile,
} from './ecsFiles.ts';

const TASK_DEFINITIONS = ['task-definition.json', 'task-definition.efs.json', 'task-definition.ha.json'];
const run = promisify(execFile);

interface Container {
  name: string;
  command: string[];
  portMappings: { containerPort: number; protocol: string }[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  healthCheck: { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number };
  logConfiguration: { logDriver: string; options: Record<string, string> };
  readonlyRootFilesystem: boolean;
}
interface Volume {
  name: string;
  efsVolumeConfiguration?: {
    rootDirectory?: string;
    transitEncryption?: string;
    authorizationConfig?: { accessPointId?: string; iam?: string };
  };
}
interface TaskDefinition {
  networkMode: string;
  requiresCompatibilities: string[];
  cpu: string;
  memory: string;
  containerDefinitions: Container[];
  volumes: Volume[];
}

describe.each(TASK_DEFINITIONS)('%s', (file) => {
  const td = loadEcsJson<TaskDefinition>(file);
  const container = td.containerDefinitions[0]!;

  it('uses only placeholders the README documents', () => {
    for (const name of placeholders(readEcsFile(file))) expect(Object.keys(EXAMPLE_VALUES)).toContain(name);
  });

  it('uses request parameters the API reference lists for RegisterTaskDefinition, family and containers included', () => {
    expect(Object.keys(td).filter((k) => !REGISTER_TASK_DEFINITION_FIELDS.includes(k))).toEqual([]);
    expect(Object.keys(td)).toEqual(expect.arrayContaining(['family', 'containerDefinitions']));
  });

  it('has only fields RegisterTaskDefinition defines: the SDK model serialises every one of them', async () => {
    expect(await registerTaskDefinitionBody(td)).toEqual(td);
  });

  it('is a Fargate task: awsvpc, a valid CPU/memory pair', () => {
    expect(td.requiresCompatibilities).toEqual(['FARGATE']);
    expect(td.networkMode).toBe('awsvpc');
    // Fargate: 512 CPU units take 1024–4096 MiB (ECS developer guide, task CPU and memory).
    expect(td.cpu).toBe('512');
    expect(Number(td.memory)).toBeGreaterThanOrEqual(1024);
    expect(Number(td.memory)).toBeLessThanOrEqual(4096);
  });

  it('binds 0.0.0.0, so it needs the token, which comes from Secrets Manager, never plain env', () => {
    const env = Object.fromEntries(container.environment.map((e) => [e.name, e.value]));
    expect(env.PORTHOLE_HOST).toBe('0.0.0.0');
    expect(env.PORTHOLE_TOKEN).toBeUndefined();
    // The HA variant's store URL holds the database password: a secret too.
    expect(container.secrets).toEqual([
      { name: 'PORTHOLE_TOKEN', valueFrom: expect.stringMatching(/^arn:aws:secretsmanager:/) },
      ...(file.includes('.ha.')
        ? [{ name: 'PORTHOLE_STORE_URL', valueFrom: expect.stringMatching(/^arn:aws:secretsmanager:/) }]
        : []),
    ]);
    expect(container.command).toEqual(['serve', '--live']);
    expect(container.portMappings).toEqual([
      expect.objectContaining({ containerPort: Number(env.PORTHOLE_PORT) }),
    ]);
  });

  it('checks /readyz on the container port within the ECS health-check limits', () => {
    const hc = container.healthCheck;
    expect(hc.command[0]).toBe('CMD');
    expect(hc.command.join(' ')).toContain(
      `http://127.0.0.1:${container.portMappings[0]!.containerPort}/readyz`,
    );
    expect(hc.interval).toBeGreaterThanOrEqual(5);
    expect(hc.interval).toBeLessThanOrEqual(300);
    expect(hc.timeout).toBeGreaterThanOrEqual(2);
    expect(hc.timeout).toBeLessThan(hc.interval);
    expect(hc.retries).toBeGreaterThanOrEqual(1);
    expect(hc.retries).toBeLessThanOrEqual(10);
    expect(hc.startPeriod).toBeLessThanOrEqual(300);
  });

  it('logs to CloudWatch with awslogs (group, region and the stream prefix Fargate requires)', () => {
    expect(container.logConfiguration.logDriver).toBe('awslogs');
    expect(Object.keys(container.logConfiguration.options).sort()).toEqual([
      'awslogs-group',
      'awslogs-region',
      'awslogs-stream-prefix',
    ]);
  });

  it('keeps the root filesystem read-only and mounts only declared volumes at /data and /tmp', () => {
    expect(container.readonlyRootFilesystem).toBe(true);
    const names = td.volumes.map((v) => v.name);
    expect(container.mountPoints.map((m) => [m.sourceVolume, m.containerPath, m.readOnly])).toEqual([
      ['data', '/data', false],
      ['tmp', '/tmp', false],
    ]);
    for (const m of container.mountPoints) expect(names).toContain(m.sourceVolume);
    const env = Object.fromEntries(container.environment.map((e) => [e.name, e.value]));
    expect(env.PORTHOLE_DATA_DIR).toBe('/data');
  });

  it('EFS with an access point has transit encryption on and no rootDirectory (API EFSAuthorizationConfig)', () => {
    for (const v of td.volumes) {
      const efs = v.efsVolumeConfiguration;
      if (!efs?.authorizationConfig?.accessPointId) continue;
      expect(efs.transitEncryption).toBe('ENABLED');
      expect(efs.rootDirectory ?? '/').toBe('/');
    }
  });
});

describe('the API-model check', () => {
  it('notices a field RegisterTaskDefinition does not define (a typo drops out of the body)', async () => {
    const td = loadEcsJson<TaskDefinition>('task-definition.json');
    const typo = { ...td, containerDefinitions: [{ ...td.containerDefinitions[0]!, healthcheck: {} }] };
    expect(await registerTaskDefinitionBody(typo)).not.toEqual(typo);
    expect(await createServiceBody({ serviceName: 'x', desiredcount: 1 })).toEqual({ serviceName: 'x' });
  });
});

describe('the health-check command', () => {
  const td = loadEcsJson<TaskDefinition>('task-definition.json');
  const script = td.containerDefinitions[0]!.healthCheck.command[3]!;

  async function exitCodeAgainst(status: number): Promise<number> {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/readyz' ? status : 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(process.execPath, ['-e', script.replace('127.0.0.1:7070', `127.0.0.1:${port}`)]);
      return 0;
    } catch (error) {
      return (error as { code: number }).code;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('exits 0 when /readyz answers 200 and 1 while it answers 503', async () => {
    expect(await exitCodeAgainst(200)).toBe(0);
    expect(await exitCodeAgainst(503)).toBe(1);
  });
});
