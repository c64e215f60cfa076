import type { Listener, Rule, SnapshotData, Task, TaskDefinition } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  redactItems,
  redactListener,
  redactRule,
  redactSnapshotData,
  redactTask,
  redactTaskDefinition,
} from './redact.ts';

const SECRET = 'pa55w0rd-do-not-leak';
const ARN = 'arn:aws:ecs:us-east-1:123456789012';

const taskDefinition = (): TaskDefinition => ({
  taskDefinitionArn: `${ARN}:task-definition/web:3`,
  family: 'web',
  containerDefinitions: [
    {
      name: 'web',
      image: 'nginx:1.27',
      environment: [{ name: 'DB_PASSWORD', value: SECRET }, { name: 'EMPTY' }],
      secrets: [{ name: 'API_KEY', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/api-key' }],
      repositoryCredentials: {
        credentialsParameter: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${SECRET}`,
      },
      command: ['--db-password', SECRET],
      entryPoint: ['sh', '-c'],
      logConfiguration: {
        logDriver: 'splunk',
        options: { 'splunk-url': 'https://splunk:8088', 'splunk-token': SECRET },
      },
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'] },
    },
    { name: 'sidecar' },
  ],
});

const task = (): Task => ({
  taskArn: `${ARN}:task/main/abc`,
  overrides: {
    containerOverrides: [
      { name: 'web', environment: [{ name: 'TOKEN', value: SECRET }], command: ['run', SECRET] },
      { name: 'sidecar' },
    ],
  },
});

const oidc = {
  Type: 'authenticate-oidc',
  AuthenticateOidcConfig: { ClientId: 'porthole', ClientSecret: SECRET },
};
const listener = (): Listener => ({ ListenerArn: 'arn:l', DefaultActions: [oidc, { Type: 'forward' }] });
const rule = (): Rule => ({ RuleArn: 'arn:r', Actions: [oidc] });

describe('redaction', () => {
  it('redacts task definition environment values, credentials, commands and log options, keeping names', () => {
    const [web, sidecar] = redactTaskDefinition(taskDefinition()).containerDefinitions;
    expect(web?.environment).toEqual([{ name: 'DB_PASSWORD', value: REDACTED }, { name: 'EMPTY' }]);
    expect(web?.repositoryCredentials).toEqual({ credentialsParameter: REDACTED });
    expect(web?.command).toEqual([REDACTED, REDACTED]);
    expect(web?.entryPoint).toEqual([REDACTED, REDACTED]);
    expect(web?.logConfiguration).toEqual({
      logDriver: 'splunk',
      options: { 'splunk-url': REDACTED, 'splunk-token': REDACTED },
    });
    // Kept: references to where secrets live, and the container health check Porthole diagnoses.
    expect(web?.secrets).toEqual(taskDefinition().containerDefinitions[0]?.secrets);
    expect(web?.healthCheck).toEqual(taskDefinition().containerDefinitions[0]?.healthCheck);
    expect(sidecar).toEqual({ name: 'sidecar' });
  });

  it('redacts task container-override environment values and commands', () => {
    expect(redactTask(task()).overrides).toEqual({
      containerOverrides: [
        { name: 'web', environment: [{ name: 'TOKEN', value: REDACTED }], command: [REDACTED, REDACTED] },
        { name: 'sidecar' },
      ],
    });
  });

  it('redacts OIDC client secrets in listener and rule actions', () => {
    const expected = { ...oidc, AuthenticateOidcConfig: { ClientId: 'porthole', ClientSecret: REDACTED } };
    expect(redactListener(listener()).DefaultActions).toEqual([expected, { Type: 'forward' }]);
    expect(redactRule(rule()).Actions).toEqual([expected]);
  });

  it('leaves no secret anywhere in redacted snapshot data, without touching its input', () => {
    const data: SnapshotData = {
      taskDefinitions: [taskDefinition()],
      tasks: [task()],
      Listeners: [listener()],
      Rules: [rule()],
      Vpcs: [{ VpcId: 'vpc-1' }],
    };
    const before = JSON.stringify(data);
    const redacted = redactSnapshotData(data);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(JSON.stringify(data)).toBe(before);
    expect(redacted.Vpcs).toBe(data.Vpcs);
    expect(redactSnapshotData(redacted)).toEqual(redacted); // idempotent
  });

  it('redacts by kind for sources that hold one kind at a time', () => {
    expect(JSON.stringify(redactItems('tasks', [task()]))).not.toContain(SECRET);
    const vpcs = [{ VpcId: 'vpc-1' }];
    expect(redactItems('Vpcs', vpcs)).toBe(vpcs);
  });

  it('tolerates odd shapes without adding fields', () => {
    const odd = {
      taskDefinitionArn: 'x',
      containerDefinitions: [{ name: 'a', environment: null, logConfiguration: {} }],
    };
    expect(redactTaskDefinition(odd as TaskDefinition)).toEqual(odd);
    expect(redactTask({ taskArn: 't', overrides: {} })).toEqual({ taskArn: 't', overrides: {} });
  });

  it('copies nothing it leaves unchanged, and only the path to what it redacts', () => {
    const quiet: Task = {
      taskArn: `${ARN}:task/main/def`,
      overrides: { containerOverrides: [{ name: 'web' }, { name: 'sidecar', cpu: 256 }] },
    };
    expect(redactTask(quiet)).toBe(quiet);
    const listeners = [{ ListenerArn: 'arn:l2', DefaultActions: [{ Type: 'forward' }] }];
    expect(redactItems('Listeners', listeners)[0]).toBe(listeners[0]);
    const loud = task();
    const out = redactTask(loud);
    expect(out).not.toBe(loud);
    const overrides = (t: Task) => (t.overrides as { containerOverrides: unknown[] }).containerOverrides;
    expect(overrides(out)[1]).toBe(overrides(loud)[1]);
  });
});
