// A throwaway PostgreSQL for tests: initdb + pg_ctl (Debian's postgresql package) on a temp dir and a free
// port, run as an unprivileged user when the tests run as root (postgres refuses to run as root). With
// PORTHOLE_TEST_PG_URL set, a fresh database on that server is used instead. Either way: stop() removes it.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A connection URL for a database of its own. */
  url: string;
  stop(): Promise<void>;
}

/** Debian keeps initdb/pg_ctl in /usr/lib/postgresql/<version>/bin, not on PATH. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (existsSync(path.join(dir, 'pg_ctl')) && existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a postgres binary as `nobody` when we are root (postgres will not run as root). */
function runPg(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'nobody', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() });
}

async function freshDatabase(baseUrl: string): Promise<TestPostgres> {
  const name = `porthole_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.PORTHOLE_TEST_PG_URL;
  if (external) return freshDatabase(external);
  const bin = findPgBin();
  if (!bin)
    throw new Error('PostgreSQL not found: install the postgresql package or set PORTHOLE_TEST_PG_URL');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'porthole-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534); // nobody
  const data = path.join(dir, 'data');
  const port = await freePort();
  runPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'porthole', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // fsync off: a test database need not survive a power loss, and fsync dominates the run time.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  const url = `postgres://porthole@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
