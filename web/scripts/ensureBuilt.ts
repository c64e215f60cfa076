// Builds web/dist when it is missing or older than any dashboard source, so `npm start` and the browser
// tests always serve the current dashboard without a separate build step. Safe to run concurrently.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO = path.resolve(WEB, '..');
export const DIST_INDEX = path.join(WEB, 'dist', 'index.html');
const INPUTS = ['index.html', 'vite.config.ts', 'svelte.config.js', 'package.json', 'src'].map((p) =>
  path.join(WEB, p),
);
const SHARED_SRC = path.join(REPO, 'shared', 'src');

function newestMtime(p: string): number {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function dashboardIsStale(): boolean {
  const built = newestMtime(DIST_INDEX);
  if (built === 0) return true;
  return [...INPUTS, SHARED_SRC].some((p) => newestMtime(p) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Returns true when it built. A lock directory keeps parallel callers from building over each other. */
export function ensureDashboardBuilt(log: (msg: string) => void = () => {}): boolean {
  if (!dashboardIsStale()) return false;
  const lock = path.join(WEB, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any real build was left by a killed process: take it over.
      if (Date.now() - newestMtime(lock) > 180_000) rmdirSync(lock);
      else sleep(250);
    }
  }
  try {
    if (!dashboardIsStale()) return false;
    log('porthole: building the dashboard (web/dist)…');
    execFileSync(
      process.execPath,
      [
        path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        path.join(WEB, 'vite.config.ts'),
      ],
      {
        cwd: WEB,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    return true;
  } finally {
    rmdirSync(lock);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = ensureDashboardBuilt((m) => console.error(m));
  if (!built) console.error('porthole: dashboard is up to date (web/dist)');
}
