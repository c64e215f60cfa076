// `porthole serve` as a process: bad config exits 2 naming the field; SIGHUP reloads; SIGTERM stops cleanly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { spawnServe, waitUntil, writeEstateFolder, type Child } from './helpers/child.ts';

const root = mkdtempSync(path.join(tmpdir(), 'porthole-proc-'));
const children: Child[] = [];
afterAll(() => {
  children.forEach((c) => c.proc.kill('SIGKILL'));
  rmSync(root, { recursive: true, force: true });
});
const serve = (args: string[], env: Record<string, string> = {}): Child => {
  const child = spawnServe(args, { PORTHOLE_TOKEN: '', ...env });
  children.push(child);
  return child;
};
const configFile = (name: string, text: string): string => {
  const file = path.join(root, name);
  writeFileSync(file, text);
  return file;
};

// Each test starts `porthole serve` under tsx: slow on a busy machine, so generous timeouts.
describe('porthole serve (process)', { timeout: 120_000 }, () => {
  it('exits 2 with the field named when the config is invalid', async () => {
    const file = configFile(
      'bad.yaml',
      'port: 7070\nfindings:\n  alertAfterCycles: 0\nalerts:\n  sinks:\n    - { type: pagerduty, name: pd }\n',
    );
    const child = serve(['--config', file, '--data-dir', path.join(root, 'd1')]);
    expect((await child.exited).code).toBe(2);
    expect(child.output()).toContain(
      `${file}: findings.alertAfterCycles: Too small: expected number to be >=1`,
    );
    expect(child.output()).toContain(`${file}: alerts.sinks[0].routingKey:`);
  });

  it('refuses to listen beyond loopback without PORTHOLE_TOKEN', async () => {
    const child = serve(['--host', '0.0.0.0', '--port', '0', '--data-dir', path.join(root, 'd2')]);
    expect((await child.exited).code).toBe(2);
    expect(child.output()).toMatch(/host 0\.0\.0\.0: not a loopback address, so PORTHOLE_TOKEN must be set/);
  });

  it('exits 2 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const snapshot = path.join(root, 'snap-port');
    writeEstateFolder(snapshot, buildDemoEstate());
    const child = serve([
      '--port',
      String(port),
      '--snapshot',
      snapshot,
      '--data-dir',
      path.join(root, 'd3'),
    ]);
    expect((await child.exited).code).toBe(2);
    expect(child.output()).toContain(`port ${port} is already in use`);
    blocker.close();
  });

  it('reloads on SIGHUP, keeps running on a bad reload, and stops cleanly on SIGTERM', async () => {
    const snapshot = path.join(root, 'snap');
    writeEstateFolder(snapshot, buildDemoEstate());
    const file = configFile(
      'live.yaml',
      `source: snapshot\nsnapshotDir: ${snapshot}\npollIntervalSeconds: 30\n`,
    );
    const child = serve(['--config', file, '--port', '0', '--data-dir', path.join(root, 'd4')]);
    const url = await child.url;
    const interval = async () =>
      ((await (await fetch(`${url}/api/overview`)).json()) as { freshness: { pollIntervalSeconds: number } })
        .freshness.pollIntervalSeconds;
    await waitUntil(async () => ((await fetch(`${url}/readyz`)).ok ? true : null));
    expect(await interval()).toBe(30);

    writeFileSync(
      file,
      `source: snapshot\nsnapshotDir: ${snapshot}\npollIntervalSeconds: 15\nhost: 127.0.0.2\n`,
    );
    child.proc.kill('SIGHUP');
    await child.waitFor(/configuration reloaded/).catch((err: Error) => {
      throw new Error(`${err.message}\n--- output ---\n${child.output()}`);
    });
    await child.waitFor(/host changed: takes effect after a restart/);
    expect(await interval()).toBe(15);

    writeFileSync(file, 'pollIntervalSeconds: -1\n');
    child.proc.kill('SIGHUP');
    await child.waitFor(/configuration reload failed, keeping the running configuration/);
    expect(await interval()).toBe(15);

    child.proc.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.output()).toMatch(
      /SIGTERM received: finishing the current cycle and shutting down\n.*stopped/,
    );
  });
});
