// The finding page in Chromium, reached the way an on-call reaches it: through the link in a grouped
// alert. A real daemon (in-process, fake clock) on the demo story, an Alertmanager-webhook receiver and a
// Slack receiver; the link is opened for an open finding, then again once it has resolved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_WEB_DIST } from '../../agent/src/server/staticSite.ts';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { scriptedSource, startTestDaemon, type TestDaemon } from '../integration/helpers/daemon.ts';
import { startReceiver, type Receiver } from '../integration/helpers/receiver.ts';
import { launchChromium, screenshot, skipReason } from './chromium.ts';

const reason = skipReason();

interface HookBody {
  status: string;
  alerts: Array<{ labels: Record<string, string>; generatorURL: string }>;
}

describe.skipIf(reason)('finding page via a grouped alert link (Chromium)', () => {
  let browser: Browser;
  let t: TestDaemon;
  let hook: Receiver;
  let slack: Receiver;
  let page: Page;

  beforeAll(async () => {
    ensureDashboardBuilt();
    [hook, slack] = await Promise.all([startReceiver(), startReceiver()]);
    t = await startTestDaemon({
      source: scriptedSource([[], ['dynamic-ports-blocked'], ['dynamic-ports-blocked'], []]),
      input: {
        findings: { alertAfterCycles: 2 },
        alerts: {
          sinks: [
            { type: 'webhook', name: 'am', url: hook.url },
            { type: 'slack', name: 'slack', url: slack.url },
          ],
        },
      },
      deps: { webDist: DEFAULT_WEB_DIST },
    });
    // The links must point at this daemon, whose port is only known now.
    const c = t.daemon.config;
    t.daemon.reload({ ...c, alerts: { ...c.alerts, externalUrl: t.daemon.url } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await Promise.all([hook?.close(), slack?.close()]);
  });

  it('opens the finding page from the grouped webhook alert, for an open finding', async () => {
    await t.step();
    await t.step();
    await t.step(); // seen twice: the group fires
    expect(hook.received).toHaveLength(1);
    const body = hook.received[0]!.body as HookBody;
    expect(body.alerts.length).toBe(2); // prod/web and prod/admin, one message
    const alert = body.alerts.find((a) => a.labels.service === 'prod/web')!;
    expect(alert.generatorURL.startsWith(`${t.daemon.url}/#/findings/`)).toBe(true);

    await page.goto(alert.generatorURL);
    const article = page.getByTestId('finding-page');
    await article.waitFor({ timeout: 20_000 });
    expect(await article.getAttribute('data-finding-id')).toBe(alert.labels.finding_id);
    expect(await article.getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('finding-title').textContent()).toContain('prod/web');
    expect(await page.getByTestId('finding-status').textContent()).toMatch(/Open since 2026-03-02T10:40:20/);
    expect(await page.getByTestId('affected-service').allTextContents()).toContain('prod/web');
    expect(await page.getByTestId('evidence').locator('li').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: /Copy AWS CLI/ }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('finding-history').textContent()).toMatch(/Finding opened \(critical\)/);
    expect(await page.getByTestId('finding-timeline').textContent()).toMatch(
      /ingress tcp 32768-65535 from sg-/,
    );
    expect(await page.getByTestId('finding-deliveries').textContent()).toMatch(
      /grouped with 1 other finding/,
    );
    await screenshot(page, 'finding-open');
  });

  it('the Slack link of the same group opens the same page; once resolved it says so', async () => {
    const text = (slack.received[0]!.body as { text: string }).text;
    const link = /<(http:\/\/[^|>]+)\|Open in Porthole>/.exec(text)![1]!;
    await t.step(); // fixed: the finding resolves
    expect((hook.received.at(-1)!.body as HookBody).status).toBe('resolved');
    await page.goto('about:blank');
    await page.goto(link);
    const article = page.getByTestId('finding-page');
    await article.waitFor({ timeout: 20_000 });
    await expect.poll(() => article.getAttribute('data-status')).toBe('resolved');
    expect(await page.getByTestId('finding-status').textContent()).toMatch(/Resolved at 2026-03-02T10:40:40/);
    expect(await page.getByTestId('finding-history').locator('li').count()).toBe(2);
    await screenshot(page, 'finding-resolved');
  });

  it('says plainly when a finding id is unknown', async () => {
    await page.goto(`${t.daemon.url}/#/findings/${encodeURIComponent('no-such:finding')}`);
    await page.getByTestId('finding-error').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('finding-error').textContent()).toContain(
      'no finding with id no-such:finding',
    );
  });
});
