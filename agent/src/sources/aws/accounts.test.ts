import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountOfRoleArn, resolveTargets } from './clients.ts';
import { parseLiveAwsConfig } from './config.ts';
import { ACCOUNT, buildEstate } from '@porthole/estate/test-kit/awsEstate.js';
import { installFakeAws } from '@porthole/estate/test-kit/fakeAws.js';
import { LiveSource } from './tiers.ts';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const OTHER = '222222222222';
const THIRD = '333333333333';
let aws: ReturnType<typeof installFakeAws>;

beforeEach(() => {
  // The default provider chain finds these (a profile would take precedence: none is set).
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_ACCESS_KEY_ID', `AKIA${ACCOUNT}`);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
});
afterEach(() => {
  aws.restore();
  vi.unstubAllEnvs();
});

describe('accounts and regions', () => {
  it('scans the default identity in every region, its account from sts:GetCallerIdentity', async () => {
    aws = installFakeAws({
      [`${ACCOUNT}/eu-west-1`]: buildEstate({ region: 'eu-west-1' }),
      [`${ACCOUNT}/us-east-1`]: buildEstate({ region: 'us-east-1', services: 1 }),
    });
    const source = new LiveSource({ config: parseLiveAwsConfig({ regions: ['eu-west-1', 'us-east-1'] }) });
    const { snapshot, calls } = await source.poll(NOW);
    source.close();
    expect(snapshot.partitions.map((p) => [p.account, p.region, p.data.services?.length])).toEqual([
      [ACCOUNT, 'eu-west-1', 2],
      [ACCOUNT, 'us-east-1', 1],
    ]);
    expect(aws.sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    expect(Object.keys(calls.byScope).sort()).toEqual([
      `${ACCOUNT}/eu-west-1`,
      `${ACCOUNT}/us-east-1`,
      'identity',
    ]);
    // Every resource keeps its account and region: ARNs in the partition are of that scope.
    for (const p of snapshot.partitions) {
      for (const svc of p.data.services ?? []) expect(svc.serviceArn).toContain(`:${p.region}:${p.account}:`);
    }
  });

  it('assumes one role per account (with ExternalId when set), shared by all its regions', async () => {
    aws = installFakeAws({
      [`${OTHER}/eu-west-1`]: buildEstate({ account: OTHER, region: 'eu-west-1' }),
      [`${OTHER}/us-east-1`]: buildEstate({ account: OTHER, region: 'us-east-1' }),
      [`${THIRD}/eu-west-1`]: buildEstate({ account: THIRD, region: 'eu-west-1' }),
    });
    const config = parseLiveAwsConfig({
      regions: ['eu-west-1'],
      accounts: [
        {
          roleArn: `arn:aws:iam::${OTHER}:role/porthole-read`,
          externalId: 'porthole-ext-42',
          regions: ['eu-west-1', 'us-east-1'],
        },
        { roleArn: `arn:aws:iam::${THIRD}:role/porthole-read` },
      ],
    });
    const source = new LiveSource({ config });
    const { snapshot } = await source.poll(NOW);
    await source.poll(new Date(NOW.getTime() + 60_000));
    source.close();
    expect(snapshot.partitions.map((p) => `${p.account}/${p.region}`)).toEqual([
      `${OTHER}/eu-west-1`,
      `${OTHER}/us-east-1`,
      `${THIRD}/eu-west-1`,
    ]);
    expect(snapshot.partitions.map((p) => p.stale)).toEqual([undefined, undefined, undefined]);
    const assumed = aws.sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input);
    expect(assumed).toEqual([
      expect.objectContaining({
        RoleArn: `arn:aws:iam::${OTHER}:role/porthole-read`,
        ExternalId: 'porthole-ext-42',
        RoleSessionName: 'porthole',
      }),
      expect.objectContaining({ RoleArn: `arn:aws:iam::${THIRD}:role/porthole-read` }),
    ]);
    expect(assumed[1]).not.toHaveProperty('ExternalId');
    expect(aws.sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });

  it('reports missing credentials as a setup problem, not a crash', async () => {
    aws = installFakeAws({});
    aws.sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('The security token included in the request is invalid.'), {
        name: 'InvalidClientTokenId',
      }),
    );
    await expect(resolveTargets(parseLiveAwsConfig({ regions: ['eu-west-1'] }))).rejects.toMatchObject({
      name: 'AwsSetupError',
      message: 'AWS credentials: The security token included in the request is invalid.',
    });
  });

  it('reads the account of a role ARN', () => {
    expect(accountOfRoleArn('arn:aws:iam::123456789012:role/x')).toBe('123456789012');
    expect(() => accountOfRoleArn('arn:aws:iam::role/x')).toThrow(/not an IAM role ARN/);
  });
});
