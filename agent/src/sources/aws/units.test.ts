import { describe, expect, it } from 'vitest';
import { chunk } from './api.ts';
import { AwsCallError, classifyError } from './errors.ts';
import { actionOf, operationOf } from './middleware.ts';
import { CallCounter } from './callCounter.ts';
import { endpointsOf } from './clients.ts';
import { parseLiveAwsConfig } from './config.ts';
import { ingest } from './ingest.ts';
import { BucketLimiter, bucketOf, Semaphore } from './limiter.ts';
import { toCliJson } from './store.ts';

describe('config', () => {
  it('fills the tier intervals and the timeout', () => {
    expect(parseLiveAwsConfig({ regions: ['eu-west-1'] })).toEqual({
      regions: ['eu-west-1'],
      intervals: { hotSeconds: 60, warmSeconds: 300, coldSeconds: 900 },
      requestTimeoutMs: 20_000,
      pollTimeoutSeconds: 50,
    });
  });

  it('takes an endpoint for every service and per-service ones, as URLs', () => {
    const cfg = parseLiveAwsConfig({
      regions: ['eu-west-1'],
      endpoint: 'http://127.0.0.1:4566',
      endpoints: { sts: 'https://sts.eu-west-1.amazonaws.com' },
    });
    expect(endpointsOf(cfg)).toEqual({
      ec2: 'http://127.0.0.1:4566',
      ecs: 'http://127.0.0.1:4566',
      elasticloadbalancing: 'http://127.0.0.1:4566',
      sts: 'https://sts.eu-west-1.amazonaws.com',
    });
    expect(() => parseLiveAwsConfig({ regions: ['eu-west-1'], endpoint: 'localhost:4566' })).toThrow(
      'aws.endpoint: must be an http(s) URL',
    );
    expect(() => parseLiveAwsConfig({ regions: ['eu-west-1'], endpoints: { s3: 'http://x' } })).toThrow(
      /aws\.endpoints/,
    );
  });

  it('names the bad field', () => {
    expect(() => parseLiveAwsConfig({ regions: ['eu-west-1'], accounts: [{ roleArn: 'nope' }] })).toThrow(
      'aws.accounts.0.roleArn: must be an IAM role ARN',
    );
    expect(() => parseLiveAwsConfig({ regions: ['Ireland'] })).toThrow(
      /aws\.regions\.0: must be an AWS region/,
    );
    expect(() => parseLiveAwsConfig({ regions: ['eu-west-1'], concurrency: { ec3: 2 } })).toThrow(
      /concurrency/,
    );
  });
});

describe('errors', () => {
  it.each([
    ['AccessDeniedException', 'ecs:DescribeTasks', 'AccessDenied: ecs:DescribeTasks'],
    [
      'AccessDenied',
      'elasticloadbalancing:DescribeRules',
      'AccessDenied: elasticloadbalancing:DescribeRules',
    ],
    ['UnauthorizedOperation', 'ec2:DescribeVpcs', 'AccessDenied: ec2:DescribeVpcs'],
    ['RequestLimitExceeded', 'ec2:DescribeVpcs', 'Throttled: ec2:DescribeVpcs (RequestLimitExceeded)'],
    ['ThrottlingException', 'ecs:ListTasks', 'Throttled: ecs:ListTasks (ThrottlingException)'],
    ['TimeoutError', 'ecs:ListTasks', 'Timeout: ecs:ListTasks'],
    ['ServerException', 'ecs:ListTasks', 'ServerException: ecs:ListTasks: boom'],
  ])('%s on %s reads "%s"', (name, action, text) => {
    const error = classifyError(
      Object.assign(new Error(name === 'ServerException' ? 'boom' : 'x'), { name }),
      action,
    );
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error.message).toBe(text);
  });

  it('takes the IAM action from the handler context, not the (minifiable) class name', () => {
    expect(operationOf('DescribeTargetHealthCommand')).toBe('DescribeTargetHealth');
    const context = {
      clientName: 'ElasticLoadBalancingV2Client',
      commandName: 'DescribeTargetHealthCommand',
    };
    expect(actionOf(context)).toBe('elasticloadbalancing:DescribeTargetHealth');
    expect(actionOf({ clientName: 'EC2Client', commandName: 'DescribeSubnetsCommand' })).toBe(
      'ec2:DescribeSubnets',
    );
  });

  it.each([
    ['ECONNREFUSED', 'unreachable'],
    ['ENOTFOUND', 'unreachable'],
    ['ECONNRESET', 'unreachable'],
    ['ETIMEDOUT', 'timeout'],
  ])('a socket error %s is %s', (code, kind) => {
    const error = Object.assign(new Error(`connect ${code}`), { code });
    expect(classifyError(error, 'ec2:DescribeVpcs').kind).toBe(kind);
  });

  it('follows the SDK: HTTP 429 and a $retryable throttling trait are throttling', () => {
    const http429 = Object.assign(new Error('slow down'), {
      name: 'SomeNewCode',
      $metadata: { httpStatusCode: 429 },
    });
    expect(classifyError(http429, 'ecs:ListTasks').kind).toBe('throttled');
    const trait = Object.assign(new Error('x'), { name: 'Other', $retryable: { throttling: true } });
    expect(classifyError(trait, 'ecs:ListTasks').kind).toBe('throttled');
    const server = Object.assign(new Error('boom'), {
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 },
    });
    expect(classifyError(server, 'ecs:ListTasks').kind).toBe('error');
  });
});

describe('limiter', () => {
  it('never runs more than the cap of one bucket at once, and queues the rest', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const jobs = Array.from({ length: 5 }, () =>
      semaphore.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      }),
    );
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    await Promise.all(jobs);
    expect(peak).toBe(2);
    expect(semaphore.inFlight).toBe(0);
  });

  it('keeps buckets apart per account/region', async () => {
    const limiter = new BucketLimiter({
      ec2: 1,
      'ecs-tasks': 1,
      'ecs-services': 1,
      'ecs-taskdef': 1,
      elbv2: 1,
    });
    let release!: () => void;
    const held = limiter.run('a/eu-west-1', 'ec2', () => new Promise<void>((r) => (release = r)));
    // Another scope's ec2 bucket is free even while this one is full.
    await expect(limiter.run('b/eu-west-1', 'ec2', async () => 'free')).resolves.toBe('free');
    release();
    await held;
  });

  it('maps actions to the ECS throttle buckets', () => {
    expect(bucketOf('ecs', 'DescribeTasks')).toBe('ecs-tasks');
    expect(bucketOf('ecs', 'DescribeServices')).toBe('ecs-services');
    expect(bucketOf('ecs', 'DescribeTaskDefinition')).toBe('ecs-taskdef');
    expect(bucketOf('elasticloadbalancing', 'DescribeRules')).toBe('elbv2');
  });
});

describe('call counter', () => {
  it('counts per action and scope, retries and failures, and starts again each cycle', () => {
    const counter = new CallCounter();
    counter.record('1/eu', 'ecs:ListTasks', { ok: true, attempts: 3 });
    counter.record('1/eu', 'ecs:ListTasks', { ok: false });
    expect(counter.take()).toEqual({
      total: 2,
      byAction: { 'ecs:ListTasks': 2 },
      byScope: { '1/eu': { 'ecs:ListTasks': 2 } },
      retries: 2,
      failures: { 'ecs:ListTasks': 1 },
    });
    expect(counter.take().total).toBe(0);
  });
});

describe('ingestion', () => {
  it('turns SDK dates into ISO strings and drops undefined fields', () => {
    expect(toCliJson({ a: new Date('2026-01-02T03:04:05.000Z'), b: undefined, c: [{ d: 1 }] })).toEqual({
      a: '2026-01-02T03:04:05.000Z',
      c: [{ d: 1 }],
    });
  });

  it('redacts secrets before anything keeps them (task definitions, overrides, listener OIDC secrets)', () => {
    const warnings: string[] = [];
    const [td] = ingest(
      'taskDefinitions',
      [
        {
          taskDefinitionArn: 'arn:td',
          containerDefinitions: [
            {
              name: 'web',
              environment: [{ name: 'PW', value: 'hunter2' }],
              repositoryCredentials: { credentialsParameter: 'arn:secret' },
            },
          ],
        },
      ],
      warnings,
    );
    expect(JSON.stringify(td)).not.toContain('hunter2');
    expect(td!.containerDefinitions[0]!.environment).toEqual([{ name: 'PW', value: '[redacted]' }]);
    const [listener] = ingest(
      'Listeners',
      [
        {
          ListenerArn: 'arn:l',
          DefaultActions: [
            { Type: 'authenticate-oidc', AuthenticateOidcConfig: { ClientSecret: 'oidc-secret' } },
          ],
        },
      ],
      warnings,
    );
    expect(JSON.stringify(listener)).not.toContain('oidc-secret');
    const [task] = ingest(
      'tasks',
      [
        {
          taskArn: 'arn:t',
          overrides: { containerOverrides: [{ name: 'web', environment: [{ name: 'T', value: 'tok' }] }] },
        },
      ],
      warnings,
    );
    expect(JSON.stringify(task)).not.toContain('tok"');
    expect(warnings).toEqual([]);
  });

  it('drops an item that does not fit its schema, with a warning naming the field', () => {
    const warnings: string[] = [];
    expect(ingest('Subnets', [{ SubnetId: 'subnet-1' }], warnings)).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^live Subnets: item dropped \(VpcId: /)]);
  });

  it('batches ids', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
