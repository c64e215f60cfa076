// The daemon's log as a collector sees it: `porthole serve` with stdout not a terminal writes JSON
// lines (level and msg), never the token, and PORTHOLE_LOG_LEVEL=warn leaves out the info lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServe, waitUntil, type Child } from './helpers/child.ts';

const root = mkdtempSync(path.join(tmpdir(), 'porthole-log-'));
const children: Child[] = [];
afterAll(() => {
  children.forEach((c) => c.proc.kill('SIGKILL'));
  rmSync(root, { recursive: true, force: true });
});

const TOKEN = 'log-test-token-0123456789abcdef';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function records(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('porthole serve log', { timeout: 120_000 }, () => {
  it('writes JSON lines with level and msg when stdout is not a terminal, without the token', async () => {
    const child = spawnServe(['--port', '0', '--data-dir', path.join(root, 'json')], {
      PORTHOLE_TOKEN: TOKEN,
    });
    children.push(child);
    await child.url;
    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    const lines = records(child.output());
    for (const r of lines) {
      expect(typeof r.level).toBe('string');
      expect(typeof r.msg).toBe('string');
    }
    const messages = lines.map((r) => String(r.msg));
    expect(messages.some((m) => /^serving .* at http:\/\//.test(m))).toBe(true);
    expect(messages).toContain('stopped');
    expect(child.output()).not.toContain(TOKEN);
  });

  it('PORTHOLE_LOG_LEVEL=warn leaves out the info lines', async () => {
    const port = await freePort();
    const child = spawnServe(['--port', String(port), '--data-dir', path.join(root, 'warn')], {
      PORTHOLE_TOKEN: '',
      PORTHOLE_LOG_LEVEL: 'warn',
    });
    children.push(child);
    await waitUntil(async () =>
      (await fetch(`http://127.0.0.1:${port}/api/health`)).status > 0 ? true : null,
    );
    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    const lines = records(child.output());
    expect(lines.filter((r) => r.level === 'info' || r.level === 'debug')).toEqual([]);
    expect(child.output()).not.toMatch(/serving|stopped/);
  });
});
