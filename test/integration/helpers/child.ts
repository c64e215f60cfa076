// Runs `porthole serve` (agent/src/daemon/main.ts) as a real child process, for crash, signal and
// bad-config tests. Output is captured; the URL is read from the "serving … at http://…" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EstateDocuments } from '@porthole/estate/demo/estate.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Child {
  proc: ChildProcess;
  url: Promise<string>;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
}

export function spawnServe(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'agent/src/daemon/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners: Array<() => void> = [];
  const onData = (chunk: Buffer): void => {
    out += chunk.toString();
    listeners.forEach((l) => l());
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp, ms = 90_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in:\n${out}`)), ms);
      const check = (): void => {
        if (pattern.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      };
      listeners.push(check);
      void exited.then(() => setTimeout(check, 50));
      check();
    });
  const url = waitFor(/serving .* at (http:\/\/\S+)/).then(
    () => /serving .* at (http:\/\/\S+)/.exec(out)![1]!,
  );
  url.catch(() => undefined); // only tests expecting a server await it: no stray unhandled rejection
  return { proc, url, output: () => out, exited, waitFor };
}

/** Writes estate documents as a snapshot folder; each file replaced atomically (write, then rename). */
export function writeEstateFolder(dir: string, docs: EstateDocuments): void {
  for (const doc of docs) {
    const file = path.join(dir, doc.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(doc.json));
    renameSync(`${file}.tmp`, file);
  }
}

export async function waitUntil<T>(probe: () => Promise<T | null>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
