// `porthole reach` beyond the snapshot, through the real entry point: exit 0 reachable, 1 not (a path answer,
// never a usage error), 2 bad input. The healthy fixture: bastion with a public IP in a public subnet,
// ECS instances in private subnets behind a NAT gateway.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PathResultSchema } from '@porthole/shared';
import { demoIds } from '@porthole/estate/demo/ids.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const HEALTHY = join(ROOT, 'test', 'fixtures', 'healthy');
const ids = demoIds();

async function reach(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'agent/src/cli/main.ts', 'reach', '--snapshot', HEALTHY, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('porthole reach beyond the snapshot', () => {
  it('--to internet from a private instance through the NAT gateway: exit 0', async () => {
    const r = await reach('--from', ids.instances.ecsA.id, '--to', 'internet', '--port', '443', '--json');
    expect(r.code).toBe(0);
    const result = PathResultSchema.parse(JSON.parse(r.stdout));
    expect(result.reachable).toBe(true);
    expect(result.hops.map((h) => h.component)).toContain(ids.natGateway.id);
  });

  it('--from internet to an instance without a public IP: exit 1 with the reason, not a usage error', async () => {
    const r = await reach('--from', 'internet', '--to', ids.instances.ecsA.id, '--port', '22', '--json');
    expect(r.code).toBe(1);
    const result = PathResultSchema.parse(JSON.parse(r.stdout));
    expect(result.reachable).toBe(false);
    expect(result.hops.filter((h) => h.verdict === 'deny').map((h) => h.component)).toEqual([
      ids.instances.ecsA.id,
    ]);
  });

  it('unsolicited inbound to the NAT gateway’s Elastic IP: exit 1', async () => {
    const r = await reach('--from', 'internet', '--to', ids.natGateway.publicIp, '--port', '443', '--json');
    expect(r.code).toBe(1);
    const result = PathResultSchema.parse(JSON.parse(r.stdout));
    expect(result.hops.filter((h) => h.verdict === 'deny').map((h) => h.component)).toEqual([
      ids.natGateway.id,
    ]);
  });

  it('a malformed --client-ports is bad input: exit 2 naming the flag', async () => {
    const r = await reach(
      '--from',
      ids.instances.bastion.id,
      '--to',
      'internet',
      '--port',
      '443',
      '--client-ports',
      '60999-32768',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--client-ports');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
