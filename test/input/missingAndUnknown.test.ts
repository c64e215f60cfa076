// What the input cannot tell must never read as healthy: an absent task definition or tasks file, a
// target state the ELB API reference does not document, a 150,000-item file. Scans of copies of the
// healthy fixture, through the CLI's scan (exit codes) and the reader.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScanResultSchema, type ScanResult } from '@porthole/shared';
import { runScan } from '../../agent/src/cli/scan.ts';
import { buildModel } from '@porthole/core/model/build.js';
import { readSnapshotFolder } from '../../agent/src/sources/snapshot/index.ts';

const HEALTHY = join(import.meta.dirname, '..', 'fixtures', 'healthy');
const REGION_DIR = join('aws_configs', 'accounts', '111122223333', 'eu-west-1');

let base: string;
let n = 0;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'porthole-missing-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function copy(): Promise<{ dir: string; file: (name: string) => string }> {
  const dir = join(base, `copy-${n++}`);
  await cp(HEALTHY, dir, { recursive: true });
  return { dir, file: (name) => join(dir, REGION_DIR, name) };
}

async function edit(path: string, change: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  change(json);
  await writeFile(path, JSON.stringify(json));
}

async function scan(dir: string): Promise<{ code: number; result: ScanResult; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
  try {
    const code = await runScan({ snapshot: dir, json: true });
    return { code, result: ScanResultSchema.parse(JSON.parse(out.join(''))), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const status = (r: ScanResult, name: string) => r.services.find((s) => s.name === name)?.status;

describe('missing pieces make the service unknown, with a data-missing finding, and exit 3', () => {
  it('a service whose task definition file is absent', async () => {
    const { dir, file } = await copy();
    await rm(file('task-definition-web-12.json'));
    const { code, result, stderr } = await scan(dir);
    expect(status(result, 'prod/web')).toBe('unknown');
    expect(status(result, 'prod/api')).toBe('healthy');
    const gap = result.findings.find((f) => f.id === 'data-missing:service-inputs:prod/web');
    expect(gap?.rule).toBe('data-missing');
    expect(gap?.explanation).toContain('task definition web:12 of prod/web missing');
    expect(gap?.fix.awsCli).toEqual([
      'aws ecs describe-task-definition --task-definition arn:aws:ecs:eu-west-1:111122223333:task-definition/web:12 --region eu-west-1 --output json',
    ]);
    expect(code).toBe(3);
    expect(stderr).toContain('porthole: unknown: prod/web: task definition web:12 of prod/web missing');
  });

  it('one cluster’s tasks file deleted: its running services are unknown, the other cluster is not', async () => {
    const { dir, file } = await copy();
    await rm(file('ecs-describe-tasks-ops.json'));
    const { code, result } = await scan(dir);
    expect(status(result, 'ops/orders')).toBe('unknown');
    expect(result.services.find((s) => s.name === 'ops/orders')?.why).toContain(
      'none of the 2 running task(s) of ops/orders described',
    );
    expect(status(result, 'prod/web')).toBe('healthy');
    expect(result.findings.some((f) => f.id === 'data-missing:service-inputs:ops/orders')).toBe(true);
    expect(code).toBe(3);
  });

  it('every tasks file deleted: no service is healthy', async () => {
    const { dir, file } = await copy();
    await rm(file('ecs-describe-tasks-ops.json'));
    await rm(file('ecs-describe-tasks-prod.json'));
    const { code, result } = await scan(dir);
    expect(result.services.length).toBeGreaterThan(0);
    expect(result.services.every((s) => s.status === 'unknown')).toBe(true);
    expect(result.services.every((s) => s.why.includes('tasks missing (aws ecs describe-tasks)'))).toBe(true);
    expect(code).toBe(3);
  });
});

describe('values AWS may add later are kept and reported, never read as known', () => {
  const TH = 'elbv2-describe-target-health.json';
  const firstTarget = (json: Record<string, unknown>) =>
    (json.LoadBalancerTargetHealth as Array<{ TargetHealthDescriptions: Array<Record<string, unknown>> }>)[0]!
      .TargetHealthDescriptions[0]!;

  it('target State "bogus": kept with a warning naming file and path; the service is unknown, not degraded', async () => {
    const { dir, file } = await copy();
    await edit(file(TH), (json) => {
      firstTarget(json).TargetHealth = { State: 'bogus' };
    });
    const { code, result } = await scan(dir);
    const web = result.services.find((s) => s.name === 'prod/web')!;
    expect(web.status).toBe('unknown');
    expect(web.why).toContain('has the state "bogus", which the ELB API reference does not document');
    expect(web.findingIds).toContain('data-missing:service-inputs:prod/web');
    expect(result.warnings).toContainEqual(
      expect.stringContaining(
        `${file(TH)}: $.LoadBalancerTargetHealth[0].TargetHealthDescriptions[0].TargetHealth.State: "bogus" is not a value`,
      ),
    );
    expect(code).toBe(3);
  });

  it('an undocumented reason code on an unhealthy target: kept, warned, no rule claims it', async () => {
    const { dir, file } = await copy();
    await edit(file(TH), (json) => {
      firstTarget(json).TargetHealth = {
        State: 'unhealthy',
        Reason: 'Target.SomethingNew',
        Description: 'x',
      };
    });
    const { result } = await scan(dir);
    expect(result.warnings.some((w) => w.includes('"Target.SomethingNew" is not a value'))).toBe(true);
    const t = result.targets.find((x) => x.reason === 'Target.SomethingNew');
    expect(t?.state).toBe('unhealthy');
    expect(t?.rootCause).toBeNull();
    expect(status(result, 'prod/web')).toBe('degraded');
  });
});

describe('arrays of any length', () => {
  it('a 150,000-security-group file (about 10 MB) loads and builds a model', async () => {
    const { dir } = await copy();
    const groups = Array.from({ length: 150_000 }, (_, i) => ({
      GroupId: `sg-${i.toString(16).padStart(17, '0')}`,
      GroupName: `g${i}`,
      VpcId: 'vpc-05d81f21220d7d46a',
      OwnerId: '111122223333',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: `10.${(i >> 8) & 255}.${i & 255}.0/24` }],
        },
      ],
      IpPermissionsEgress: [],
    }));
    const big = join(dir, REGION_DIR, 'ec2-describe-security-groups-more.json');
    await writeFile(big, JSON.stringify({ SecurityGroups: groups }));
    const snapshot = await readSnapshotFolder(dir);
    const sgs = snapshot.partitions[0]!.data.SecurityGroups!;
    expect(sgs.length).toBe(150_000 + 8);
    const model = buildModel(snapshot);
    expect(model.securityGroups.size).toBe(150_000 + 8);
  }, 60_000);
});
