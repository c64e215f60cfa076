// PORTHOLE_TOKEN: the dashboard takes ?token= once, keeps it for the tab, and says plainly when it is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { launchChromium, skipReason } from './chromium.ts';
import { RealDaemon } from './realDaemon.ts';

const reason = skipReason();
const TOKEN = 'browser-test-token-0123456789';

describe.skipIf(reason)('dashboard with PORTHOLE_TOKEN (real daemon, Chromium)', () => {
  let browser: Browser;
  let daemon: RealDaemon;

  beforeAll(async () => {
    ensureDashboardBuilt();
    browser = await launchChromium();
    daemon = new RealDaemon({ pollIntervalSeconds: 2, token: TOKEN });
    await daemon.start();
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.dispose();
  });

  it('uses ?token= for REST and socket.io, drops it from the address, and survives a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${daemon.url}?token=${TOKEN}#/services`);
    await expect.poll(() => page.getByTestId('service-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(page.url()).not.toContain('token');
    expect(await page.getByTestId('stale-banner').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByTestId('service-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('without the token, the banner says a token is needed', async () => {
    const page = await browser.newPage();
    await page.goto(`${daemon.url}#/wall`);
    const banner = page.getByTestId('stale-banner');
    await banner.waitFor();
    await expect.poll(() => banner.textContent()).toMatch(/token/i);
    await page.close();
  });
});
