// `scan --live` as a CI gate: what could not be read is printed (as `capture` prints it) and the exit
// code is 3, never "0 services, exit 0". Fake AWS (aws-sdk-client-mock) with the test estate.
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT, buildEstate, REGION } from '@porthole/estate/test-kit/awsEstate.js';
import { awsError, installFakeAws } from '@porthole/estate/test-kit/fakeAws.js';
import { EXIT } from './exitCodes.ts';
import { runScan } from './scan.ts';

let aws: ReturnType<typeof installFakeAws>;
const out: string[] = [];
const err: string[] = [];

beforeEach(() => {
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_ACCESS_KEY_ID', `AKIA${ACCOUNT}`);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  aws = installFakeAws({ [`${ACCOUNT}/${REGION}`]: buildEstate() });
  out.length = 0;
  err.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  aws.restore();
});

const scanLive = () => runScan({ live: true, region: [REGION] });

describe('porthole scan --live exit codes', () => {
  it('everything readable: the findings decide (the test estate blocks dynamic ports: 1), nothing listed', async () => {
    const code = await scanLive();
    expect(err.join('')).not.toMatch(/stale:|unknown:|data-missing:/);
    expect(out.join('')).toContain('[sg-blocks-dynamic-ports]');
    expect(code).toBe(EXIT.critical);
  });

  it('ecs:ListClusters denied: prints the stale kinds and exits 3', async () => {
    aws.ecs.on(ListClustersCommand).rejects(awsError('AccessDeniedException', 'User is not authorized'));
    const code = await scanLive();
    const stderr = err.join('');
    expect(stderr).toContain(
      `porthole: stale: ${ACCOUNT}/${REGION} clusters: AccessDenied: ecs:ListClusters`,
    );
    expect(stderr).toContain(`porthole: stale: ${ACCOUNT}/${REGION} services: needs clusters, which failed`);
    // Critical findings may remain (the ALB side was read), but the list is incomplete: 3, not 1.
    expect(code).toBe(EXIT.undecided);
  });

  it('ECS, ELBv2 and EC2 unreachable: every kind is stale, exit 3, not "0 services, exit 0"', async () => {
    for (const client of [aws.ecs, aws.elb, aws.ec2]) {
      client.reset();
      client.rejects(awsError('TimeoutError', 'connect ETIMEDOUT'));
    }
    const code = await scanLive();
    const stderr = err.join('');
    for (const kind of ['clusters', 'LoadBalancers', 'SecurityGroups', 'NetworkAcls'])
      expect(stderr).toMatch(new RegExp(`porthole: stale: ${ACCOUNT}/${REGION} ${kind}: `));
    expect(code).toBe(EXIT.undecided);
  });

  it('STS unreachable too: "could not decide", exit 3 (not a setup error)', async () => {
    aws.sts.reset();
    aws.sts.rejects(
      Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error', code: 'ECONNREFUSED' }),
    );
    const code = await scanLive();
    expect(err.join('')).toMatch(/^porthole: could not decide: AWS unreachable: /);
    expect(code).toBe(EXIT.undecided);
  });
});
