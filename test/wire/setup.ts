// One wire fixture per test file: moto, the estate built through its APIs, the agent/fault proxy in
// front, and helpers to poll it with the real live source or run the real CLI against it.
import { spawn } from 'node:child_process';
import { analyzeSnapshot } from '@porthole/core/engine/analyze.js';
import { kindFreshness, withFreshness } from '@porthole/core/engine/freshness.js';
import { clientsFor } from '../../agent/src/sources/aws/clients.ts';
import { parseLiveAwsConfig, type LiveAwsConfigInput } from '../../agent/src/sources/aws/config.ts';
import { LiveSource } from '../../agent/src/sources/aws/tiers.ts';
import { REPO_ROOT } from '../integration/helpers/child.ts';
import {
  buildWireEstate,
  CONTAINER_PORT,
  CREDENTIALS,
  HOST_PORT,
  REGION,
  type WireEstate,
} from '@porthole/estate/test-kit/motoEstate.js';
import { startMoto, type Moto } from '@porthole/estate/test-kit/moto.js';
import { WireProxy } from './proxy.ts';

export const ACCOUNT = '123456789012'; // moto's default account

export interface Wire {
  moto: Moto;
  proxy: WireProxy;
  estate: WireEstate;
  /** Environment for child processes: static test credentials, the region, no SDK warnings. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startWire(): Promise<Wire> {
  const moto = await startMoto();
  try {
    const estate = await buildWireEstate(moto.url, { openDynamicPorts: true });
    const proxy = new WireProxy(moto.url);
    await proxy.start();
    proxy.agent.bindings.set(estate.taskArn, [
      { containerName: 'web', containerPort: CONTAINER_PORT, hostPort: HOST_PORT },
    ]);
    proxy.agent.health.set(`${estate.instanceId}:${HOST_PORT}`, { State: 'healthy' });
    const env = {
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_REGION: REGION,
      AWS_EC2_METADATA_DISABLED: 'true',
      NODE_NO_WARNINGS: '1',
    };
    return { moto, proxy, estate, env, stop: async () => (await proxy.stop(), await moto.stop()) };
  } catch (error) {
    await moto.stop();
    throw error;
  }
}

/** The real live source against the proxy, every tier due each poll. */
export function wireSource(wire: Wire, overrides: Partial<LiveAwsConfigInput> = {}): LiveSource {
  const config = parseLiveAwsConfig({
    regions: [REGION],
    endpoint: wire.proxy.url,
    intervals: { hotSeconds: 1, warmSeconds: 1, coldSeconds: 1 },
    requestTimeoutMs: 2000,
    pollTimeoutSeconds: 20,
    ...overrides,
  });
  const url = wire.proxy.url;
  const clients = clientsFor(REGION, async () => CREDENTIALS, config.requestTimeoutMs, {
    ec2: url,
    ecs: url,
    elasticloadbalancing: url,
  });
  return new LiveSource({ config, targets: async () => [{ account: ACCOUNT, region: REGION, clients }] });
}

/** Polls and returns the served verdict of prod/web (with stale and age) and the poll's stale marks. */
export async function pollWeb(source: LiveSource, now: Date) {
  const polled = await source.poll(now);
  const { result } = analyzeSnapshot(polled.snapshot);
  const services = withFreshness(result.services, {
    kinds: kindFreshness(polled.snapshot, now.toISOString()),
    pollError: null,
    lastOkAt: null,
    staleAfterMs: null,
    now,
  });
  const web = services.find((s) => s.name === 'prod/web');
  if (!web) throw new Error(`no prod/web in ${services.map((s) => s.name).join(', ')}`);
  return { web, polled, result, stale: polled.snapshot.partitions[0]!.stale ?? {} };
}

/** Runs the real CLI (`porthole …`) as a child process; resolves with its exit code and output. */
export function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'agent/src/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
