// wallFirstPaintMs: the real daemon (agent/src/daemon/main.ts) serves a snapshot folder (e.g. the generated
// L estate, 2,000 services) and Debian's Chromium (never a downloaded browser) opens #/wall and #/services.
// First paint = from navigation start to the first frame that shows a service tile / row with data
// (bundle, socket connect, the overview, render). Median of `runs` fresh page loads per view.
//
//   npx tsx bench/measure/wallPaint.ts <snapshotDir | daemon URL> [runs]   prints one JSON line
//   import { measureWallPaint } from './measure/wallPaint.ts'    from bench/run.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = path.join(REPO, 'agent', 'src', 'daemon', 'main.ts');
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CHROMIUM = [process.env.PORTHOLE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface WallPaintResult {
  /** Median first paint of #/wall, ms. */
  wallFirstPaintMs: number;
  /** Median first paint of #/services, ms. */
  servicesFirstPaintMs: number;
  /** Services in the overview the page received. */
  services: number;
  runs: number;
}

export interface WallPaintOptions {
  /** The snapshot folder a daemon is started on for the measurement… */
  snapshotDir?: string;
  /** …or the base URL of a daemon that is already running (and ready). */
  url?: string;
  runs?: number;
  viewport?: { width: number; height: number };
  onProgress?: (line: string) => void;
}

const VIEWS = {
  wall: '[data-testid="wall-tile"]',
  services: '[data-testid="service-row"]',
} as const;

export async function measureWallPaint(opts: WallPaintOptions): Promise<WallPaintResult> {
  const executablePath = CHROMIUM.find((p): p is string => !!p && existsSync(p));
  if (!executablePath) throw new Error('no Chromium at PORTHOLE_CHROMIUM or /usr/bin/chromium');
  const runs = Math.max(1, opts.runs ?? 5);
  const daemon: RunningDaemon = opts.url
    ? { url: opts.url.endsWith('/') ? opts.url : `${opts.url}/`, stop: async () => undefined }
    : await startDaemon(opts.snapshotDir ?? '', opts.onProgress);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const result: Record<keyof typeof VIEWS, number[]> = { wall: [], services: [] };
    let services = 0;
    for (let i = 0; i < runs; i++) {
      for (const view of Object.keys(VIEWS) as (keyof typeof VIEWS)[]) {
        const m = await firstPaint(browser, `${daemon.url}#/${view}`, VIEWS[view], opts.viewport);
        result[view].push(m.ms);
        services = m.services;
        opts.onProgress?.(`${view} run ${i + 1}: ${m.ms} ms (${m.services} services)`);
      }
    }
    return {
      wallFirstPaintMs: median(result.wall),
      servicesFirstPaintMs: median(result.services),
      services,
      runs,
    };
  } finally {
    await browser?.close();
    await daemon.stop();
  }
}

/** A fresh context each time (no cache): the page records when the first matching element is painted. */
async function firstPaint(
  browser: Browser,
  url: string,
  selector: string,
  viewport = { width: 1920, height: 1080 },
): Promise<{ ms: number; services: number }> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    // Checked in every frame's animation callback: the first frame whose DOM holds the element paints it.
    // A string, not a function: tsx would wrap a named arrow in a helper the page does not have.
    await page.addInitScript({
      content: `(() => {
        const frame = (t) => {
          if (document.querySelector(${JSON.stringify(selector)})) window.__firstPaint = t;
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      })();`,
    });
    await page.goto(url);
    await page.waitForFunction(() => ((window as { __firstPaint?: number }).__firstPaint ?? -1) > 0, null, {
      timeout: 120_000,
    });
    const ms = await page.evaluate(() => (window as unknown as { __firstPaint: number }).__firstPaint);
    const services = await page.evaluate(async () => {
      const res = await fetch('api/services');
      return ((await res.json()) as unknown[]).length;
    });
    return { ms: Math.round(ms), services };
  } finally {
    await context.close();
  }
}

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

interface RunningDaemon {
  url: string;
  stop(): Promise<void>;
}

/** The daemon on the snapshot, its own data dir; resolves once the first cycle is done (readyz 200). */
async function startDaemon(snapshotDir: string, onProgress?: (line: string) => void): Promise<RunningDaemon> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'porthole-wallpaint-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORTHOLE_DATA_DIR: dataDir,
    // One analysed cycle is all the page needs; a later cycle's analysis would share the CPU with the browser.
    PORTHOLE_POLL_INTERVAL_SECONDS: '3600',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  delete env.PORTHOLE_CONFIG;
  delete env.PORTHOLE_TOKEN;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      TSX_LOADER,
      MAIN,
      '--snapshot',
      path.resolve(snapshotDir),
      '--port',
      '0',
      '--host',
      '127.0.0.1',
    ],
    { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`daemon did not start:\n${output}`)), 10 * 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /serving .* at (http:\/\/[^\s]+)/.exec(output.slice(-4000));
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!.endsWith('/') ? m[1]! : `${m[1]}/`);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`daemon exited with ${code}:\n${output}`));
      });
    });
    // The dashboard paints from the first overview: wait for the first analysed cycle.
    const deadline = Date.now() + 10 * 60_000;
    while ((await fetch(new URL('readyz', url)).catch(() => null))?.status !== 200) {
      if (Date.now() > deadline) throw new Error('daemon never became ready');
      await new Promise((r) => setTimeout(r, 250));
    }
    onProgress?.(`daemon ready at ${url}`);
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [target, runs] = process.argv.slice(2);
  if (!target) throw new Error('usage: wallPaint.ts <snapshotDir | http://daemon/> [runs]');
  const result = await measureWallPaint({
    ...(/^https?:/.test(target) ? { url: target } : { snapshotDir: target }),
    runs: Number(runs) || 5,
    onProgress: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
