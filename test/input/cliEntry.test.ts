// Through the real entry point (a child process): the crash the issue measured is now an input error,
// explain refuses what it cannot explain, and --debug parses after the subcommand.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, porthole } from '../cli/runPorthole.ts';

const HEALTHY = join(ROOT, 'test', 'fixtures', 'healthy');
const ALB = 'web-alb-1846963479.eu-west-1.elb.amazonaws.com';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'porthole-entry-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the CLI entry point', () => {
  it('ENI PrivateIpAddress 10.0.1.300 (once a stack trace from net/cidr.ts, exit 3) is exit 2 naming file and path', async () => {
    const dir = join(tmp, 'eni');
    await cp(HEALTHY, dir, { recursive: true });
    const file = join(
      dir,
      'aws_configs/accounts/111122223333/eu-west-1/ec2-describe-network-interfaces.json',
    );
    const json = JSON.parse(await readFile(file, 'utf8')) as {
      NetworkInterfaces: Array<Record<string, unknown>>;
    };
    json.NetworkInterfaces[0]!.PrivateIpAddress = '10.0.1.300';
    await writeFile(file, JSON.stringify(json));
    for (const args of [
      ['scan', '--snapshot', dir, '--debug'],
      ['reach', '--snapshot', dir, '--from', 'internet', '--to', 'web-alb', '--port', '80'],
      ['explain', `http://${ALB}/`, '--snapshot', dir],
    ]) {
      const r = await porthole(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(
        `porthole: ${file}: $.NetworkInterfaces[0].PrivateIpAddress: "10.0.1.300": not an IPv4 address (a.b.c.d, each 0-255)\n`,
      );
      expect(r.stdout).toBe('');
    }
  }, 60_000);

  it('explain accepts only http and https URLs', async () => {
    const r = await porthole('explain', `ftp://${ALB}/`, '--snapshot', HEALTHY);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only http:// and https:// URLs can be explained');
  });

  it('explain of a host that is no load balancer of the snapshot is bad input, exit 2', async () => {
    const r = await porthole('explain', 'http://shop.example.com/', '--snapshot', HEALTHY);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shop.example.com: no load balancer with that DNS name in the snapshot');
    expect(r.stderr).toContain(ALB);
  });

  it('reach, explain and scan with the NACLs missing: could not decide, exit 3', async () => {
    const dir = join(tmp, 'no-nacls');
    await cp(HEALTHY, dir, { recursive: true });
    await rm(join(dir, 'aws_configs/accounts/111122223333/eu-west-1/ec2-describe-network-acls.json'));
    const reach = await porthole(
      'reach',
      '--snapshot',
      dir,
      '--from',
      'internet',
      '--to',
      'web-alb',
      '--port',
      '80',
    );
    expect(reach.stdout).toMatch(/^UNKNOWN: .*NetworkAcls missing \(aws ec2 describe-network-acls\)/);
    expect(reach.code).toBe(3);
    expect((await porthole('explain', `http://${ALB}/`, '--snapshot', dir)).code).toBe(3);
    const scan = await porthole('scan', '--snapshot', dir);
    expect(scan.stderr).toContain('porthole: data-missing: ');
    expect(scan.code).toBe(3);
  }, 60_000);
});
