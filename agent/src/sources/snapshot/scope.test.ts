import { describe, expect, it } from 'vitest';
import { detectScope, resolveScopes, scopeFromContent, scopeFromPath } from './scope.ts';
import { ACCOUNT, OTHER_ACCOUNT, lbArn } from '../../../test-kit/snapshotFixtures.ts';

describe('scopeFromPath', () => {
  it('reads account and region from the Batfish layout with accounts/', () => {
    expect(scopeFromPath(`snap/aws_configs/accounts/${ACCOUNT}/eu-west-3/sg.json`)).toEqual({
      account: ACCOUNT,
      region: 'eu-west-3',
    });
  });

  it('reads the region alone without accounts/', () => {
    expect(scopeFromPath('snap/aws_configs/us-gov-west-1/x.json')).toEqual({
      account: null,
      region: 'us-gov-west-1',
    });
    expect(scopeFromPath('ap-southeast-2\\vpcs.json')).toEqual({ account: null, region: 'ap-southeast-2' });
  });

  it('ignores 12-digit folders not under accounts/, non-region folders and the file name', () => {
    expect(scopeFromPath(`snap/${ACCOUNT}/my-test-1/us-east-1.json`)).toEqual({
      account: null,
      region: null,
    });
  });
});

describe('scopeFromContent', () => {
  it('takes the first ARN with a region and the first with an account', () => {
    const json = {
      services: [{ roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/ecs`, serviceArn: lbArn('eu-central-1') }],
    };
    // The IAM ARN has no region, so the region comes from the next ARN; the account from the first.
    expect(scopeFromContent(json)).toEqual({ account: OTHER_ACCOUNT, region: 'eu-central-1' });
  });

  it('understands other partitions', () => {
    const json = { clusters: [{ clusterArn: `arn:aws-cn:ecs:cn-northwest-1:${ACCOUNT}:cluster/main` }] };
    expect(scopeFromContent(json)).toEqual({ account: ACCOUNT, region: 'cn-northwest-1' });
  });

  it('falls back to OwnerId for the account, never IpOwnerId', () => {
    const json = {
      NetworkInterfaces: [{ Association: { IpOwnerId: 'amazon' }, OwnerId: OTHER_ACCOUNT }],
    };
    expect(scopeFromContent(json)).toEqual({ account: OTHER_ACCOUNT, region: null });
    expect(scopeFromContent({ Vpcs: [{ VpcId: 'vpc-1' }] })).toEqual({ account: null, region: null });
  });
});

describe('detectScope', () => {
  it('prefers the path, field by field, over the content', () => {
    const json = { LoadBalancers: [{ LoadBalancerArn: lbArn('eu-west-1', OTHER_ACCOUNT) }] };
    expect(detectScope('aws_configs/us-east-1/lb.json', json)).toEqual({
      account: OTHER_ACCOUNT,
      region: 'us-east-1',
    });
  });
});

describe('resolveScopes', () => {
  const full = { account: ACCOUNT, region: 'us-east-1' };

  it('gives an unknown scope the only known scope', () => {
    const warnings: string[] = [];
    const scopes = resolveScopes(
      [
        { file: 'a.json', scope: full },
        { file: 'b.json', scope: { account: null, region: null } },
        { file: 'c.json', scope: { account: null, region: 'us-east-1' } },
      ],
      warnings,
    );
    expect(scopes).toEqual([full, full, full]);
    expect(warnings).toEqual([]);
  });

  it('uses what is known of a file to choose among several scopes', () => {
    const other = { account: ACCOUNT, region: 'eu-west-1' };
    const warnings: string[] = [];
    const scopes = resolveScopes(
      [
        { file: 'a.json', scope: full },
        { file: 'b.json', scope: other },
        { file: 'c.json', scope: { account: null, region: 'eu-west-1' } },
      ],
      warnings,
    );
    expect(scopes[2]).toEqual(other);
    expect(warnings).toEqual([]);
  });

  it('keeps an ambiguous file apart and warns, naming it', () => {
    const warnings: string[] = [];
    const scopes = resolveScopes(
      [
        { file: 'a.json', scope: full },
        { file: 'b.json', scope: { account: OTHER_ACCOUNT, region: 'us-east-1' } },
        { file: 'vpcs.json', scope: { account: null, region: null } },
      ],
      warnings,
    );
    expect(scopes[2]).toEqual({ account: null, region: null });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('vpcs.json');
    expect(warnings[0]).toContain('account and region');
    expect(warnings[0]).toContain('2 known account/region scopes would fit');
  });

  it('warns when no file has a known scope', () => {
    const warnings: string[] = [];
    const scopes = resolveScopes(
      [{ file: 'us-east-1/vpcs.json', scope: { account: null, region: 'us-east-1' } }],
      warnings,
    );
    expect(scopes).toEqual([{ account: null, region: 'us-east-1' }]);
    expect(warnings[0]).toMatch(/Could not tell the account of 1 file \(us-east-1\/vpcs\.json\)/);
  });
});
