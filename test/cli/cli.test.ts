// The CLI contract, through the real entry point: exit codes, --json shapes, clear errors on bad input.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, porthole } from './runPorthole.ts';
import { PathResultSchema, ScanResultSchema } from '@porthole/shared';
import { demoIds } from '@porthole/estate/demo/ids.js';

const FIX = join(ROOT, 'test', 'fixtures');

describe('porthole scan', () => {
  it('exits 0 with valid JSON on the healthy estate', async () => {
    const r = await porthole('scan', '--snapshot', join(FIX, 'healthy'), '--json');
    expect(r.code).toBe(0);
    const result = ScanResultSchema.parse(JSON.parse(r.stdout));
    expect(result.findings).toEqual([]);
    expect(result.services.every((s) => s.status === 'healthy')).toBe(true);
  });

  it('exits 1 on critical findings and prints the report grouped by service', async () => {
    const r = await porthole('scan', '--snapshot', join(FIX, 'dynamic-ports-blocked'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/DOWN prod\/web/);
    expect(r.stdout).toMatch(/\[sg-blocks-dynamic-ports\]/);
    expect(r.stdout).toMatch(/aws ec2 authorize-security-group-ingress/);
  });

  it('--service narrows to one service', async () => {
    const r = await porthole(
      'scan',
      '--snapshot',
      join(FIX, 'dynamic-ports-blocked'),
      '--json',
      '--service',
      'prod/api',
    );
    const result = ScanResultSchema.parse(JSON.parse(r.stdout));
    expect(result.services.map((s) => s.name)).toEqual(['prod/api']);
    expect(r.code).toBe(0);
  });

  it('analyses a multi-account, multi-region folder and keeps account and region on every service', async () => {
    const r = await porthole('scan', '--snapshot', join(FIX, 'multi-region'), '--json');
    const result = ScanResultSchema.parse(JSON.parse(r.stdout));
    const scopes = new Set(result.services.map((s) => `${s.account}/${s.region}`));
    expect(scopes).toEqual(new Set(['111122223333/eu-west-1', '444455556666/us-east-1']));
    // Both copies reuse the same private IPs in their own VPCs: targets must resolve within their VPC.
    expect(result.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it.each([
    [['scan', '--snapshot', '/nonexistent/folder'], /nonexistent/],
    [['scan', '--bogus'], /unknown option/],
    [['scan'], /--snapshot/],
    [['scan', '--snapshot', FIX + '/healthy', '--service', 'nope'], /CLUSTER\/NAME/],
    [['scan', '--snapshot', FIX + '/healthy', '--service', 'prod/nope'], /no such service/],
    [
      ['reach', '--snapshot', FIX + '/healthy', '--from', 'internet', '--to', 'web-alb', '--port', 'eighty'],
      /--port/,
    ],
    [['explain', 'http://nope.example.com/', '--snapshot', FIX + '/healthy', '--from', 'bogus'], /--from/],
    [['frobnicate'], /unknown command/],
  ])('bad usage %j exits 2 with a clear message', async (args, message) => {
    const r = await porthole(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('malformed JSON exits 2 naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-cli-'));
    await mkdir(join(dir, 'eu-west-1'));
    await writeFile(join(dir, 'eu-west-1', 'sgs.json'), '{"SecurityGroups": [');
    const r = await porthole('scan', '--snapshot', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sgs.json');
  });

  it('a wrong type exits 2 naming the file and the JSON path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-cli-'));
    await writeFile(join(dir, 'sgs.json'), JSON.stringify({ SecurityGroups: [{ GroupId: 7 }] }));
    const r = await porthole('scan', '--snapshot', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sgs\.json.*\$\.SecurityGroups\[0\]\.GroupId/);
  });
});

describe('porthole explain and reach', () => {
  const ids = demoIds();

  it('explain of the container port answers "no listener" and exits 1', async () => {
    const r = await porthole(
      'explain',
      `http://${ids.loadBalancers.web.dnsName}:8081/`,
      '--snapshot',
      join(FIX, 'healthy'),
      '--json',
    );
    expect(r.code).toBe(1);
    const result = PathResultSchema.parse(JSON.parse(r.stdout));
    expect(result.findings.map((f) => f.rule)).toContain('no-listener-on-port');
  });

  it('explain of the listener port is reachable and exits 0', async () => {
    const r = await porthole(
      'explain',
      `http://${ids.loadBalancers.web.dnsName}/`,
      '--snapshot',
      join(FIX, 'healthy'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^REACHABLE/);
  });

  it('reach from the bastion to the ALB names the SG-reference blocker', async () => {
    const r = await porthole(
      'reach',
      '--snapshot',
      join(FIX, 'alb-sg-reference-bastion'),
      '--from',
      ids.instances.bastion.id,
      '--to',
      'web-alb',
      '--port',
      '80',
      '--json',
    );
    expect(r.code).toBe(1);
    const result = PathResultSchema.parse(JSON.parse(r.stdout));
    expect(result.findings.map((f) => f.rule)).toContain('sg-reference-public-ip');
  });
});
