// The dashboard with 2,000 services (fake daemon): the wall and the services list paint every service from
// the first overview, the list scrolls to later rows, and after that overview the socket sends deltas only —
// one service breaking updates its one row and tile, with no second overview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { launchChromium, screenshot, skipReason } from './chromium.ts';
import { FakeDaemon } from './fakeDaemon.ts';

const reason = skipReason();
if (reason) console.warn(`browser tests skipped: ${reason}`);

const VICTIM = 'bulk-3/svc-1634';

describe.skipIf(reason)('2,000 services: first overview, then deltas (fake daemon, Chromium)', () => {
  let browser: Browser;
  let daemon: FakeDaemon;
  let url: string;

  beforeAll(async () => {
    ensureDashboardBuilt();
    daemon = new FakeDaemon({ extraServices: 2000, pollIntervalSeconds: 60 });
    url = await daemon.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  /** Opens a view and counts the socket.io `overview` messages the page receives. */
  async function open(hash: string): Promise<{ page: Page; overviews: () => number }> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let overviews = 0;
    const count = (payload: string) => {
      if (/^\d*\["overview"/.test(payload.replace(/^42/, '0'))) overviews += 1;
    };
    cdp.on('Network.webSocketFrameReceived', (e) => count(e.response.payloadData));
    await page.goto(`${url}#/${hash}`);
    return { page, overviews: () => overviews };
  }

  it('the wall shows all 2,000 services in its counts and pages, then one delta turns one tile red', async () => {
    const { page, overviews } = await open('wall');
    const total = daemon.services.size;
    await page.getByTestId('wall-tile').first().waitFor();
    const sum = async () =>
      (await page.getByTestId('wall-count').allTextContents()).reduce((a, t) => a + Number(t), 0);
    await expect.poll(sum).toBe(total);
    const perPage = await page.getByTestId('wall-tile').count();
    expect(await page.getByTestId('wall-page').textContent()).toContain(`/ ${Math.ceil(total / perPage)}`);
    expect(overviews()).toBe(1);

    const downBefore = Number(await page.getByTestId('wall-count').first().textContent());
    daemon.breakService(VICTIM);
    // A service turning red jumps to page one.
    const tile = page.locator(`[data-testid=wall-tile][data-service="${VICTIM}"]`);
    await expect.poll(() => tile.getAttribute('data-status')).toBe('down');
    expect(Number(await page.getByTestId('wall-count').first().textContent())).toBe(downBefore + 1);
    expect(await sum()).toBe(total);
    expect(overviews()).toBe(1);
    await screenshot(page, 'wall-2000');
    await page.close();
  });

  it('the services list holds all 2,000, scrolls to later rows, and updates one row from a delta', async () => {
    const { page, overviews } = await open('services');
    const table = page.getByTestId('services-table');
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(daemon.services.size + 1));
    const rowOf = (name: string) => page.locator(`[data-testid=service-row][data-service="${name}"]`);
    const scroller = page.locator('.scroller');
    const lastIndex = String(daemon.services.size + 1);
    const lastRow = page.locator(`[data-testid=service-row][aria-rowindex="${lastIndex}"]`);
    expect(await lastRow.count()).toBe(0);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await lastRow.waitFor();
    // Virtualised: the first rows left the DOM.
    expect(await page.locator('[data-testid=service-row][aria-rowindex="2"]').count()).toBe(0);
    const victim = (await lastRow.getAttribute('data-service'))!;
    const neighbour = page.locator(`[data-testid=service-row][aria-rowindex="${Number(lastIndex) - 1}"]`);
    const other = (await neighbour.getAttribute('data-service'))!;
    const otherBefore = await rowOf(other).textContent();

    daemon.breakService(victim);
    await scroller.evaluate((el) => (el.scrollTop = 0));
    // Worst first: the broken service is now near the top, and says so.
    await expect.poll(() => rowOf(victim).locator('.c-status').textContent()).toMatch(/Down/);
    expect(Number(await rowOf(victim).getAttribute('aria-rowindex'))).toBeLessThan(10);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await rowOf(other).waitFor();
    expect(await rowOf(other).textContent()).toBe(otherBefore);
    expect(overviews()).toBe(1);
    await page.close();
  });
});
