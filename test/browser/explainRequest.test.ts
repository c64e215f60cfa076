// The dashboard's explain form sends the whole request: the URL with its query, the method and the
// headers (Debian's Chromium against the real daemon on the demo estate).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoIds } from '@porthole/estate/demo/ids.js';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { launchChromium, skipReason } from './chromium.ts';
import { RealDaemon } from './realDaemon.ts';

const reason = skipReason();

describe.skipIf(reason)('explain form with method and headers (real daemon, Chromium)', () => {
  let browser: Browser;
  let daemon: RealDaemon;
  let url: string;

  beforeAll(async () => {
    ensureDashboardBuilt();
    browser = await launchChromium();
    daemon = new RealDaemon({ pollIntervalSeconds: 60 });
    url = await daemon.start();
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.dispose();
  });

  it('rejects a malformed method in words, then sends method and headers with the URL', async () => {
    const dns = demoIds().loadBalancers.web.dnsName;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}#/explain`);
    await page.getByTestId('explain-url').fill(`http://${dns}/shop?q=1`);
    await page.getByTestId('explain-method').fill('G E T');
    await page.getByRole('button', { name: 'Explain' }).click();
    await expect.poll(() => page.locator('#explain-method-msg').textContent()).toMatch(/method/i);

    await page.getByTestId('explain-method').fill('POST');
    await page.getByTestId('explain-headers').fill('X-Canary: 1\nAccept: */*');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/explain'));
    await page.getByRole('button', { name: 'Explain' }).click();
    expect(JSON.parse((await sent).postData() ?? '{}')).toMatchObject({
      url: `http://${dns}/shop?q=1`,
      method: 'POST',
      headers: ['X-Canary: 1', 'Accept: */*'],
    });
    const summary = page.getByTestId('path-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`http://${dns}:80/shop?q=1`);
    await page.close();
  });
});
