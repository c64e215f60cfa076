// The dashboard on an ALB nobody can reach: the ALB-level finding (service: null) shows in the drill-down of each
// service behind it, with its confidence, and its Events line links to the services it affects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { frontDoorSource } from '../integration/helpers/frontDoorSource.ts';
import { startTestDaemon, type TestDaemon } from '../integration/helpers/daemon.ts';
import { launchChromium, skipReason } from './chromium.ts';
import { WEB_DIST } from './fakeDaemon.ts';

const reason = skipReason();
if (reason) console.warn(`browser tests skipped: ${reason}`);

describe.skipIf(reason)('ALB-level finding in the dashboard', () => {
  let browser: Browser;
  let t: TestDaemon;

  beforeAll(async () => {
    ensureDashboardBuilt();
    t = await startTestDaemon({ source: frontDoorSource(), deps: { webDist: WEB_DIST } });
    await t.step();
    await t.step();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function open(hash: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${t.daemon.url}/#/${hash}`);
    return page;
  }

  it("the drill-down of a service behind the ALB shows the ALB's finding with its confidence", async () => {
    const page = await open('service/prod/api');
    const card = page.locator('[data-testid=finding][data-rule=alb-sg-blocks-listener]');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('confidence').textContent()).toContain('confirmed');
    expect(await card.getByTestId('affects').textContent()).toContain('prod/web');
    await page.close();
  });

  it('the Events line for the service-less finding links to the services it affects', async () => {
    const page = await open('events');
    const line = page.getByTestId('alerts').locator('li', { hasText: 'no client can reach listener' });
    await expect.poll(() => line.count()).toBe(1);
    const links = line.getByTestId('affected-services').getByRole('link');
    await expect.poll(() => links.allTextContents()).toEqual(['prod/admin', 'prod/api', 'prod/web']);
    await links.nth(2).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/service/prod/web');
    await page.close();
  });
});
