// The dashboard in Debian's Chromium against the real daemon on the demo estate with a fast timeline:
// the wall, a scripted breakage going red live, the drill-down's blocking SG rule and fix, explain of
// :8081, and the stale banner across a daemon restart. Screenshots land in test-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ServiceVerdict } from '@porthole/shared';
import { buildDemoEstate } from '@porthole/estate/demo/index.js';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { launchChromium, screenshot, skipReason } from './chromium.ts';
import { RealDaemon } from './realDaemon.ts';

const reason = skipReason();
if (reason) console.warn(`browser tests skipped: ${reason}`);

/** Fast timeline: one demo step per poll. The flagship breakage (instance SG) lands at cycle 2 or 3. */
const POLL_SECONDS = 3;
const CYCLE_MS = POLL_SECONDS * 1000;
const BROKEN = 'prod/web';

describe.skipIf(reason)('dashboard on the demo estate (real daemon, Chromium)', () => {
  let browser: Browser;
  let daemon: RealDaemon;
  let wall: Page;
  /** Opened before the breakage: it must update live, like the wall. */
  let drill: Page;

  beforeAll(async () => {
    ensureDashboardBuilt();
    browser = await launchChromium();
    daemon = new RealDaemon({ pollIntervalSeconds: POLL_SECONDS });
    const url = await daemon.start();
    wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(`${url}#/wall`);
    drill = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await drill.goto(`${url}#/service/prod/web`);
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.dispose();
  });

  const tile = (name: string) => wall.locator(`[data-testid=wall-tile][data-service="${name}"]`);

  it('the wall renders every service', async () => {
    await expect
      .poll(() => daemon.api<ServiceVerdict[]>('api/services').then((s) => s.length))
      .toBeGreaterThan(0);
    const services = await daemon.api<ServiceVerdict[]>('api/services');
    await expect
      .poll(() =>
        wall.$$eval('[data-testid=wall-tile]', (els) =>
          els.map((e) => e.getAttribute('data-service')).sort(),
        ),
      )
      .toEqual(services.map((s) => s.name).sort());
    expect(await tile(BROKEN).getAttribute('data-status')).toBe('healthy');
    await screenshot(wall, 'wall-healthy');
  });

  it('a scripted breakage turns its tile red within one cycle, without a reload', async () => {
    await wall.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    // Wait (server side) for the cycle that breaks the service, then give the page one cycle at most.
    await expect
      .poll(
        async () =>
          (await daemon.api<ServiceVerdict[]>('api/services')).find((s) => s.name === BROKEN)?.status,
        {
          timeout: 10 * CYCLE_MS,
          interval: 100,
        },
      )
      .toBe('down');
    await expect.poll(() => tile(BROKEN).getAttribute('data-status'), { timeout: CYCLE_MS }).toBe('down');
    expect(
      await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    // A tile that turns red goes first, on page one.
    expect(await wall.locator('[data-testid=wall-tile]').first().getAttribute('data-status')).toBe('down');
    await screenshot(wall, 'wall');
  });

  it('the drill-down shows the blocking security-group rule and the fix, live', async () => {
    const sgDeny = drill.locator('[data-testid=hop][data-verdict=deny][data-kind=security-group]').first();
    await sgDeny.waitFor({ timeout: 2 * CYCLE_MS }).catch(async (err: unknown) => {
      await screenshot(drill, 'drill-down-failed');
      throw err;
    });
    const sgId = /sg-[0-9a-f]+/.exec((await sgDeny.textContent()) ?? '')?.[0];
    expect(sgId).toBeTruthy();
    expect(await sgDeny.textContent()).toMatch(/Blocked here/i);
    const finding = drill.locator('[data-testid=finding][data-rule=sg-blocks-dynamic-ports]').first();
    await finding.waitFor({ timeout: CYCLE_MS });
    // The deciding rule as evidence, then the fix in both forms.
    expect(await finding.getByTestId('evidence').textContent()).toContain(`${sgId} ingress tcp`);
    const fix = await finding.getByTestId('fix').textContent();
    expect(fix).toMatch(new RegExp(`aws ec2 authorize-security-group-ingress --group-id ${sgId}`));
    expect(fix).toMatch(/resource "aws_vpc_security_group_ingress_rule"/);
    expect(await drill.getByTestId('targets-table').textContent()).toMatch(/Target\.Timeout/);
    await screenshot(drill, 'drill-down');
    await drill.screenshot({
      path: (await screenshot(drill, 'drill-down')).replace('.png', '-full.png'),
      fullPage: true,
    });
  });

  it('explain of the ALB on :8081 answers "no listener"', async () => {
    const dns = /"DNSName":\s*"(web-alb-[^"]+)"/.exec(JSON.stringify(buildDemoEstate()))?.[1];
    expect(dns).toMatch(/\.elb\.amazonaws\.com$/);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${daemon.url}#/explain`);
    await page.getByTestId('explain-url').fill(`http://${dns}:8081/`);
    await page.getByRole('button', { name: 'Explain' }).click();
    const blockers = page.getByTestId('path-blockers');
    await blockers.waitFor();
    expect(await blockers.textContent()).toMatch(/ALB listener.*no listener on port 8081/i);
    expect(await page.getByTestId('path-result').getAttribute('data-verdict')).not.toBe('reachable');
    await screenshot(page, 'explain');
    await page.close();
  });

  it('the services list and the events feed show the estate and the correlated breakage', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${daemon.url}#/services`);
    const services = await daemon.api<ServiceVerdict[]>('api/services');
    await expect.poll(() => page.getByTestId('service-row').count()).toBe(services.length);
    await screenshot(page, 'services');
    await page.goto(`${daemon.url}#/events`);
    const opened = page
      .locator('[data-testid=timeline] li[data-type=finding-opened]')
      .filter({ hasText: 'prod/web' });
    await opened.first().waitFor();
    expect(await opened.first().textContent()).toMatch(/Likely cause:.*sg-[0-9a-f]+/);
    await screenshot(page, 'events');
    await page.close();
  });

  it('shows the stale banner when the daemon stops, and recovers when it is back', async () => {
    expect(await wall.getByTestId('stale-banner').count()).toBe(0);
    await daemon.stop();
    await wall.getByTestId('stale-banner').waitFor({ timeout: 10_000 });
    await screenshot(wall, 'wall-stale');
    // Tiles stay on screen (with the banner) while the daemon is away.
    expect(await wall.locator('[data-testid=wall-tile]').count()).toBeGreaterThan(0);
    await daemon.start();
    await wall.getByTestId('stale-banner').waitFor({ state: 'detached', timeout: 45_000 });
    expect(
      await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  }, 60_000);
});
