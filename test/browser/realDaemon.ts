// Runs the real daemon (`agent/src/daemon/main.ts`, the code behind `npm start`) as a child process on
// the demo estate, with its own data dir, so tests can stop and restart it like an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(REPO, 'agent', 'src', 'daemon', 'main.ts');
/** tsx's loader by path: the daemon runs with its data dir as cwd, where `--import tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface RealDaemonOptions {
  pollIntervalSeconds: number;
  token?: string;
  seed?: number;
}

export class RealDaemon {
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'porthole-browser-'));
  port = 0;
  url = '';
  private child: ChildProcess | null = null;
  output = '';

  constructor(readonly opts: RealDaemonOptions) {}

  /** Starts (or restarts, on the same port and data dir) and resolves with the base URL. */
  async start(): Promise<string> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORTHOLE_SOURCE: 'demo',
      PORTHOLE_POLL_INTERVAL_SECONDS: String(this.opts.pollIntervalSeconds),
      PORTHOLE_DATA_DIR: this.dataDir,
      PORTHOLE_DEMO_SEED: String(this.opts.seed ?? 1),
    };
    delete env.PORTHOLE_CONFIG;
    if (this.opts.token) env.PORTHOLE_TOKEN = this.opts.token;
    else delete env.PORTHOLE_TOKEN;
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, MAIN, '--port', String(this.port), '--host', '127.0.0.1'],
      { cwd: this.dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`daemon did not start:\n${this.output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const m = /serving .* at (http:\/\/[^\s]+)/.exec(this.output.slice(-2000));
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`daemon exited with ${code}:\n${this.output}`));
      });
    });
    this.url = url.endsWith('/') ? url : `${url}/`;
    this.port = Number(new URL(this.url).port);
    return this.url;
  }

  /** SIGTERM and wait for the process to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async api<T>(pathname: string): Promise<T> {
    const headers: Record<string, string> = this.opts.token
      ? { Authorization: `Bearer ${this.opts.token}` }
      : {};
    const res = await fetch(new URL(pathname, this.url), { headers });
    if (!res.ok) throw new Error(`${pathname}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
