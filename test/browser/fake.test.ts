// Browser tests against the fake daemon: scale (2,000 services) and UI states the demo cannot script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { launchChromium, screenshot, skipReason } from './chromium.ts';
import { FakeDaemon } from './fakeDaemon.ts';

const reason = skipReason();
if (reason) console.warn(`browser tests skipped: ${reason}`);

describe.skipIf(reason)('dashboard at scale (fake daemon, 2,000 services)', () => {
  let browser: Browser;
  let daemon: FakeDaemon;
  let url: string;

  beforeAll(async () => {
    ensureDashboardBuilt();
    daemon = new FakeDaemon({ extraServices: 2000, pollIntervalSeconds: 2 });
    url = await daemon.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  async function open(hash: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${url}#/${hash}`);
    return page;
  }

  it('keeps only a window of rows in the DOM and reaches the last row by keyboard', async () => {
    const page = await open('services');
    const table = page.getByTestId('services-table');
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(daemon.services.size + 1));
    const rendered = await page.getByTestId('service-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await page.getByTestId('service-row').first().getByRole('link').focus();
    await page.keyboard.press('End');
    const last = page.locator('[data-testid=service-row]:last-of-type');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex')))
      .toBe(String(daemon.services.size + 1));
    expect(await last.count()).toBe(1);
    await screenshot(page, 'services-2000');
    await page.close();
  });

  it('search and status filters narrow the list and stay in the address', async () => {
    const page = await open('services');
    await page.getByTestId('service-search').fill('svc-0042');
    await expect.poll(() => page.getByTestId('service-row').count()).toBe(1);
    await page.getByTestId('service-search').fill('');
    await page.getByRole('checkbox', { name: /Degraded/ }).check();
    await expect.poll(() => page.getByTestId('service-row').count()).toBe(1);
    expect(await page.evaluate(() => location.hash)).toContain('status=degraded');
    await page.close();
  });

  it('pages the wall when tiles do not fit, and a newly red tile jumps to page one', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${url}#/wall?rotate=3`);
    await expect.poll(() => page.getByTestId('wall-page').textContent()).toMatch(/Page 1 \/ \d+/);
    const perPage = await page.getByTestId('wall-tile').count();
    expect(perPage).toBeGreaterThanOrEqual(12);
    expect(perPage).toBeLessThanOrEqual(30);
    await expect
      .poll(() => page.getByTestId('wall-page').textContent(), { timeout: 10_000 })
      .toMatch(/Page 2 \//);
    daemon.breakService('bulk-6/svc-1000');
    const tile = page.locator('[data-testid=wall-tile][data-service="bulk-6/svc-1000"]');
    await expect.poll(() => tile.getAttribute('data-status'), { timeout: 5000 }).toBe('down');
    expect(await page.getByTestId('wall-page').textContent()).toMatch(/Page 1 \//);
    await screenshot(page, 'wall-paged');
    await page.close();
  });

  it('never lets the status word touch the target count ("DEGRADED" and "1/2"), at any wall size', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
      [1280, 720],
      [390, 844],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${url}#/wall?rotate=600`);
      const tile = page.locator('[data-testid=wall-tile][data-status=degraded]').first();
      await tile.waitFor();
      const gap = await tile.evaluate((t) => {
        const a = t.querySelector('.state')!.getBoundingClientRect();
        const b = t.querySelector('.targets')!.getBoundingClientRect();
        const em = parseFloat(getComputedStyle(t.querySelector('.top')!).fontSize);
        // Either a clear gap on the same line, or the count wrapped below the word.
        return b.top >= a.bottom - 1 ? Infinity : (b.left - a.right) / em;
      });
      expect(gap, `${width}×${height}`).toBeGreaterThanOrEqual(0.5);
      await page.close();
    }
  });
});
