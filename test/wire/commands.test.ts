// `porthole capture`, `scan --live` and `serve --live` as a user runs them, against a real AWS wire
// (moto + the agent/fault proxy), through --endpoint-url and the config's aws.endpoint.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  RevokeSecurityGroupIngressCommand,
  AuthorizeSecurityGroupIngressCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult, ServiceVerdict } from '@porthole/shared';
import { spawnServe } from '../integration/helpers/child.ts';
import { CREDENTIALS, HOST_PORT, REGION } from '@porthole/estate/test-kit/motoEstate.js';
import { motoMissing } from '@porthole/estate/test-kit/moto.js';
import { runCli, startWire, type Wire } from './setup.ts';

const missing = motoMissing();
if (missing) console.log(`test/wire/commands.test.ts skipped: ${missing}`);

const until = async <T>(what: string, probe: () => Promise<T | null>, ms = 60_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

describe.skipIf(missing !== null)('the CLI and the daemon on the wire', () => {
  let wire: Wire;
  let dir: string;
  beforeAll(async () => {
    wire = await startWire();
    dir = mkdtempSync(path.join(tmpdir(), 'porthole-wire-'));
  }, 90_000);
  afterAll(async () => {
    await wire?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('capture writes the estate with calls at the floor; scan --snapshot and scan --live agree', async () => {
    const out = path.join(dir, 'capture');
    const flags = ['--region', REGION, '--endpoint-url', wire.proxy.url];
    const capture = await runCli(['capture', '--out', out, '--stats', ...flags], wire.env);
    expect(capture.stderr).toMatch(
      /porthole: captured 123456789012\/eu-west-1 into .* \(\d+ files, \d+ calls, floor \d+\)/,
    );
    expect(capture.code).toBe(0);
    const [, calls, floor] = /(\d+) calls, floor (\d+)/.exec(capture.stderr)!;
    console.log(`wire: capture made ${calls} calls, floor ${floor}`);
    expect(Number(calls)).toBe(Number(floor));
    expect(capture.stdout).toMatch(/^sts:GetCallerIdentity\s+1\s+1$/m);

    const live = await runCli(['scan', '--live', '--json', ...flags], wire.env);
    expect(live.code).toBe(0);
    const liveWeb = (JSON.parse(live.stdout) as ScanResult).services.find((s) => s.name === 'prod/web')!;
    expect(liveWeb).toMatchObject({ status: 'healthy', stale: false, targetsHealthy: 1 });

    const folder = await runCli(['scan', '--snapshot', out, '--json'], wire.env);
    expect(folder.code).toBe(0);
    const folderWeb = (JSON.parse(folder.stdout) as ScanResult).services.find((s) => s.name === 'prod/web')!;
    expect(folderWeb.status).toBe('healthy');
  });

  it('scan --live finds the blocked dynamic ports when the rule is removed and the targets time out', async () => {
    const ec2 = new EC2Client({ region: REGION, endpoint: wire.moto.url, credentials: CREDENTIALS });
    const rule = {
      GroupId: wire.estate.instanceSg,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 32768,
          ToPort: 65535,
          UserIdGroupPairs: [{ GroupId: wire.estate.albSg }],
        },
      ],
    };
    const target = `${wire.estate.instanceId}:${HOST_PORT}`;
    try {
      await ec2.send(new RevokeSecurityGroupIngressCommand(rule));
      wire.proxy.agent.health.set(target, {
        State: 'unhealthy',
        Reason: 'Target.Timeout',
        Description: 'Request timed out',
      });
      const scan = await runCli(
        ['scan', '--live', '--json', '--region', REGION, '--endpoint-url', wire.proxy.url],
        wire.env,
      );
      expect(scan.code).toBe(1);
      const result = JSON.parse(scan.stdout) as ScanResult;
      expect(result.services.find((s) => s.name === 'prod/web')!.status).toBe('down');
      const finding = result.findings.find((f) => f.rule === 'sg-blocks-dynamic-ports')!;
      expect(finding.severity).toBe('critical');
      expect(finding.resources).toContain(wire.estate.instanceSg);
    } finally {
      await ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));
      wire.proxy.agent.health.set(target, { State: 'healthy' });
      ec2.destroy();
    }
  });

  it('an unreachable endpoint is reported as such, not as credentials', async () => {
    const scan = await runCli(
      ['scan', '--live', '--region', REGION, '--endpoint-url', 'http://127.0.0.1:1'],
      wire.env,
    );
    expect(scan.code).toBe(3); // could not decide: AWS unreachable (exitCodes.ts)
    expect(scan.stderr).toMatch(
      /AWS endpoint unreachable: Unreachable: sts:GetCallerIdentity: connect ECONNREFUSED 127\.0\.0\.1:1/,
    );
    expect(scan.stderr).not.toMatch(/AWS credentials/);
  });

  it('serve --live: fresh verdicts, then stale from the first failed poll (never healthy-and-fresh), then fresh again', async () => {
    const config = path.join(dir, 'porthole.yaml');
    writeFileSync(
      config,
      [
        'source: live',
        'pollIntervalSeconds: 2',
        'aws:',
        `  regions: [${REGION}]`,
        `  endpoint: ${wire.proxy.url}`,
        '  intervals: { hotSeconds: 1, warmSeconds: 1, coldSeconds: 1 }',
        '  requestTimeoutMs: 500',
        '  pollTimeoutSeconds: 5',
        '',
      ].join('\n'),
    );
    const child = spawnServe(
      ['--config', config, '--port', '0', '--data-dir', path.join(dir, 'data')],
      wire.env,
    );
    try {
      const url = await child.url;
      const web = async (): Promise<ServiceVerdict | null> => {
        const list = (await (await fetch(`${url}/api/services`)).json()) as ServiceVerdict[];
        return list.find((s) => s.name === 'prod/web') ?? null;
      };
      const fresh = await until('a fresh healthy prod/web', async () => {
        const v = await web();
        return v?.status === 'healthy' && v.stale === false ? v : null;
      });
      expect(fresh.targetsHealthy).toBe(1);

      // Every service answers 500 now: the poll brings nothing.
      wire.proxy.faults.push(
        { service: 'ec2', action: '*', kind: 'server-error' },
        { service: 'ecs', action: '*', kind: 'server-error' },
        { service: 'elasticloadbalancing', action: '*', kind: 'server-error' },
      );
      const stale = await until('prod/web stale for the failed poll', async () => {
        const v = await web();
        return v?.stale && v.staleReason?.startsWith('poll failed') ? v : null;
      });
      expect(stale.staleReason).toMatch(
        /^poll failed: every AWS call failed \(\d+\): (ServerException: ecs:|InternalError: ec2:|InternalFailure: elasticloadbalancing:)/,
      );
      // The last known status, served only with stale: true: healthy, or unknown when the faults landed in
      // the middle of a poll (that cycle was partial: its verdicts said unknown). The analysis runs in a
      // worker and the schedule may start the next poll at once, so which one it is depends on timing.
      expect(['healthy', 'unknown']).toContain(stale.status);
      expect(Date.parse(stale.dataFrom!)).toBeLessThanOrEqual(Date.parse(fresh.dataFrom!) + 5000);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(Number(/porthole_poll_cycles_total\{outcome="error"\} (\d+)/.exec(metrics)![1])).toBeGreaterThan(
        0,
      );
      expect(metrics).toMatch(
        /porthole_service_stale\{account="123456789012",region="eu-west-1",cluster="prod",service="web"\} 1/,
      );
      // and the metrics count it as unknown, never as the healthy it last was
      expect(metrics).toMatch(
        /porthole_service_status\{account="123456789012",region="eu-west-1",cluster="prod",service="web",status="unknown"\} 1/,
      );

      wire.proxy.faults.splice(0);
      await until('a fresh prod/web again', async () => {
        const v = await web();
        return v?.stale === false && v.status === 'healthy' ? v : null;
      });
    } finally {
      wire.proxy.faults.splice(0);
      child.proc.kill('SIGTERM');
      await child.exited;
    }
  }, 120_000);
});
