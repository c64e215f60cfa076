// The stale wall in Debian's Chromium, as issue 12 found it: `serve --snapshot DIR`, then a corrupted
// file. From the first failed poll the banner shows and every tile is greyed with its data time; when
// the daemon itself goes away the tiles stay greyed too. Screenshots land in test-artifacts/.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDaemon, type Daemon } from '../../agent/src/daemon/daemon.ts';
import { DEFAULT_WEB_DIST } from '../../agent/src/server/staticSite.ts';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { testConfig } from '../integration/helpers/daemon.ts';
import { launchChromium, screenshot, skipReason } from './chromium.ts';

const reason = skipReason();
if (reason) console.warn(`browser tests skipped: ${reason}`);

const FIXTURE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/healthy');

describe.skipIf(reason)('the wall with stale data (real daemon, Chromium)', () => {
  let browser: Browser;
  let daemon: Daemon;
  let wall: Page;
  let dir: string;

  beforeAll(async () => {
    ensureDashboardBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'porthole-stale-'));
    cpSync(FIXTURE, path.join(dir, 'snap'), { recursive: true });
    // A long interval: the banner must come from the failed poll itself, not from the clock.
    daemon = await startDaemon(
      testConfig({
        source: 'snapshot',
        snapshotDir: path.join(dir, 'snap'),
        dataDir: path.join(dir, 'data'),
        pollIntervalSeconds: 600,
      }),
      { autoStart: false, processMetrics: false, log: () => undefined, webDist: DEFAULT_WEB_DIST },
    );
    expect((await daemon.runCycle()).outcome).toBe('ok');
    browser = await launchChromium();
    wall = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await wall.goto(`${daemon.url}#/wall`);
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.close().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const tiles = () => wall.locator('[data-testid=wall-tile]');
  const staleTiles = () => wall.locator('[data-testid=wall-tile][data-stale=true]');

  it('fresh data: bright tiles, no banner, no stale mark', async () => {
    await expect.poll(() => tiles().count()).toBeGreaterThan(0);
    expect(await staleTiles().count()).toBe(0);
    expect(await wall.locator('[data-testid=stale-banner]').count()).toBe(0);
  });

  it('the first failed poll: the banner names the error, every tile greyed with its data time', async () => {
    const total = await tiles().count();
    const file = path.join(
      dir,
      'snap',
      'aws_configs/accounts/111122223333/eu-west-1/ec2-describe-security-groups.json',
    );
    writeFileSync(file, '{"SecurityGroups": [ }');
    const failed = await daemon.runCycle();
    expect(failed.outcome).toBe('error');

    await expect.poll(() => staleTiles().count(), { timeout: 10_000 }).toBe(total);
    const banner = wall.locator('[data-testid=stale-banner]');
    await expect.poll(() => banner.count()).toBe(1);
    expect(await banner.innerText()).toMatch(
      /The last poll failed: .*ec2-describe-security-groups\.json.*Showing data from \d\d:\d\d UTC/s,
    );
    const mark = await staleTiles().first().locator('[data-testid=stale-mark]').innerText();
    expect(mark).toMatch(/^STALE · data from \d\d:\d\d UTC · (just fetched|\d+ s old|\d+ min old)$/);
    // Greyed: a stale tile is never shown in its status colour.
    const filter = await staleTiles()
      .first()
      .evaluate((el) => getComputedStyle(el).filter);
    expect(filter).toContain('grayscale(1)');
    expect(await staleTiles().first().getAttribute('aria-label')).toMatch(/stale data, last known/);
    // The header counts what it cannot vouch for as unknown: no stale tile counts as healthy (or down).
    const counts = await wall.getByTestId('wall-count').allTextContents();
    expect(counts.map(Number)).toEqual([0, 0, total, 0]);
    await screenshot(wall, 'wall-stale-failed-poll');
  });

  it('the other views say it in their header: banner, and every row marked stale', async () => {
    const list = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await list.goto(`${daemon.url}#/services`);
      const rows = list.locator('[data-testid=service-row]');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      expect(await list.locator('[data-testid=service-row] [data-testid=stale-mark]').count()).toBe(
        await rows.count(),
      );
      expect(await list.locator('[data-testid=stale-banner]').innerText()).toMatch(/The last poll failed/);
      await list.goto(`${daemon.url}#/service/prod/web`);
      await expect
        .poll(() => list.locator('header.head [data-testid=stale-mark]').innerText())
        .toMatch(/^STALE · data from \d\d:\d\d UTC/);
    } finally {
      await list.close();
    }
  });

  it('with the daemon gone the banner says so and the tiles stay greyed', async () => {
    const total = await tiles().count();
    await daemon.close();
    const banner = wall.locator('[data-testid=stale-banner]');
    await expect.poll(() => banner.innerText(), { timeout: 15_000 }).toMatch(/Lost connection/);
    expect(await staleTiles().count()).toBe(total);
    await screenshot(wall, 'wall-stale-daemon-down');
  });
});
