// The dashboard's layout in Debian's Chromium, on the real daemon with the demo held on a breakage:
// the wall's type scale at 1080p and 4K, the why line showing its meaning, navigation keeping the header
// in view, phone layouts without horizontal scrolling, and the blocker-first path view. Screenshots land
// in test-artifacts/ (the README's docs/screenshots are copied from there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DemoState, ServiceVerdict } from '@porthole/shared';
import { ensureDashboardBuilt } from '../../web/scripts/ensureBuilt.ts';
import { launchChromium, screenshot, skipReason } from './chromium.ts';
import { RealDaemon } from './realDaemon.ts';

const reason = skipReason();
if (reason) console.warn(`browser tests skipped: ${reason}`);

const BROKEN = 'prod/web';

/** Font sizes (px) on the wall: the largest status count, service name, reason and "since" line. */
const WALL_FONTS = `(() => {
  const px = (sel) => [...document.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize));
  return {
    counts: Math.min(...px('[data-testid=wall-count]')),
    names: Math.min(...px('[data-testid=wall-tile] .svc')),
    reasons: Math.max(...px('[data-testid=wall-why]')),
    since: Math.max(...px('[data-testid=wall-since]')),
    states: Math.max(...px('[data-testid=wall-tile] .top')),
  };
})()`;

/** The wall's tile font over 30 animation frames. */
const FONT_OVER_FRAMES = `new Promise((resolve) => {
  const seen = [];
  const step = () => {
    seen.push(getComputedStyle(document.querySelector('.wall')).getPropertyValue('--tile-font'));
    if (seen.length < 30) requestAnimationFrame(step);
    else resolve(seen);
  };
  step();
})`;

/**
 * For each tile: is the why's meaning (the words up to its first ": ", e.g. "ALB cannot reach the
 * tasks") inside the visible, unclipped part of the paragraph?
 */
const MEANING_VISIBLE = `(() => [...document.querySelectorAll('[data-testid=wall-why]')].map((p) => {
  const node = [...p.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
  const text = node ? node.textContent : '';
  const cut = text.indexOf(': ');
  const end = cut === -1 ? text.trimEnd().length : cut;
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, end);
  const rects = [...range.getClientRects()];
  const box = p.getBoundingClientRect();
  const lineHeight = parseFloat(getComputedStyle(p).lineHeight);
  const lines = Number(getComputedStyle(p).webkitLineClamp) || Infinity;
  const lastLineBottom = box.top + Math.min(lines * lineHeight, box.height);
  const bottom = Math.max(...rects.map((r) => r.bottom));
  return { text: text.trim(), meaning: text.slice(0, end).trim(), visible: bottom <= lastLineBottom + 1 };
}))()`;

describe.skipIf(reason)('dashboard layout (real daemon, demo held on a breakage, Chromium)', () => {
  let browser: Browser;
  let daemon: RealDaemon;

  beforeAll(async () => {
    ensureDashboardBuilt();
    browser = await launchChromium();
    daemon = new RealDaemon({ pollIntervalSeconds: 2 });
    await daemon.start();
    // Wait for the flagship breakage, then hold the timeline on it so every check sees the same estate.
    const deadline = Date.now() + 60_000;
    const statusOf = async () =>
      (await daemon.api<ServiceVerdict[]>('api/services').catch(() => [])).find((s) => s.name === BROKEN)
        ?.status;
    while ((await statusOf()) !== 'down') {
      if (Date.now() > deadline) throw new Error(`${BROKEN} never went down:\n${daemon.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const held = await fetch(new URL('api/demo/hold', daemon.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ held: true }),
    });
    expect(((await held.json()) as DemoState).held).toBe(true);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await daemon?.dispose();
  });

  async function open(hash: string, width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${daemon.url}#/${hash}`);
    return page;
  }

  async function openWall(width: number, height: number): Promise<Page> {
    const page = await open('wall', width, height);
    await page.locator(`[data-testid=wall-tile][data-service="${BROKEN}"][data-status=down]`).waitFor();
    // Fonts settle after the grid is measured (ResizeObserver) and the reason is fitted.
    await page.waitForTimeout(300);
    return page;
  }

  for (const [label, width, height] of [
    ['1080p', 1920, 1080],
    ['4K', 3840, 2160],
  ] as const) {
    it(`wall type scale at ${label}: names > status counts ≥ reasons ≥ state row, reasons > since line`, async () => {
      const page = await openWall(width, height);
      const f = (await page.evaluate(WALL_FONTS)) as Record<string, number>;
      expect(f.names).toBeGreaterThan(f.counts!);
      expect(f.counts).toBeGreaterThanOrEqual(f.reasons!);
      expect(f.reasons).toBeGreaterThanOrEqual(f.states!);
      expect(f.reasons).toBeGreaterThanOrEqual(1.3 * f.since!);
      // The layout settles: the header's size follows the tiles' font, which must not flip back and forth.
      const fonts = (await page.evaluate(FONT_OVER_FRAMES)) as string[];
      expect(new Set(fonts).size, fonts.join(' ')).toBe(1);
      // Nothing on the wall scrolls or spills sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `layout-wall-${label}`);
      await page.close();
    });
  }

  it('at 1080p every why line shows its meaning, never "…" before its verb', async () => {
    const page = await openWall(1920, 1080);
    const whys = (await page.evaluate(MEANING_VISIBLE)) as Array<{
      text: string;
      meaning: string;
      visible: boolean;
    }>;
    expect(whys.length).toBeGreaterThan(0);
    for (const w of whys) expect(w, w.text).toMatchObject({ visible: true });
    const broken = page.locator(`[data-testid=wall-tile][data-service="${BROKEN}"] [data-testid=wall-why]`);
    // Leads with the effect and keeps resource ids verbatim (not "Sg-…", not "Web-alb").
    expect(await broken.textContent()).toMatch(/^\s*ALB cannot reach the tasks: sg-[0-9a-f]+ blocks/);
    await page.close();
  });

  it('the wall shows clock times with their zone, and holds the demo from its button', async () => {
    const page = await openWall(1920, 1080);
    expect(await page.getByTestId('wall-clock').textContent()).toMatch(
      /^\d\d:\d\d:\d\d (UTC|[A-Z]{2,5}|GMT[+-]\d+|local)$/,
    );
    expect(await page.getByTestId('wall-updated').textContent()).toMatch(/\d\d:\d\d:\d\d \S+$/);
    const hold = page.getByTestId('demo-hold');
    expect(await hold.getAttribute('aria-pressed')).toBe('true');
    await hold.click();
    await expect.poll(() => daemon.api<DemoState>('api/demo').then((d) => d.held)).toBe(false);
    await hold.click();
    await expect.poll(() => daemon.api<DemoState>('api/demo').then((d) => d.held)).toBe(true);
    await page.close();
  });

  for (const [label, width, height] of [
    ['1440 wide', 1440, 700],
    ['phone', 390, 844],
  ] as const) {
    it(`navigation (${label}) focuses the page heading and keeps the header in view`, async () => {
      const page = await open('service/prod/web', width, height);
      await page.getByTestId('path-diagram').first().waitFor();
      await page.mouse.wheel(0, 600);
      for (const [link, heading] of [
        ['Events', 'Events and alerts'],
        ['Services', 'Services'],
        ['Explain', 'Explain'],
      ] as const) {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? '')).toBe('H1');
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(heading);
        const header = await page.locator('body > #app header, header').first().boundingBox();
        expect(header?.y ?? -1).toBeGreaterThanOrEqual(0);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
      }
      await page.close();
    });
  }

  it('at 390×844 every view shows name, status and why without horizontal scrolling', async () => {
    const views = ['wall', 'services', 'service/prod/web', 'explain', 'events'];
    for (const view of views) {
      const page = await open(view, 390, 844);
      await page.waitForLoadState('networkidle').catch(() => {});
      await page.waitForTimeout(500);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow, `#/${view} scrolls sideways`).toBeLessThanOrEqual(390);
      if (view === 'services') {
        const row = page.locator(`[data-testid=service-row][data-service="${BROKEN}"]`);
        await row.waitFor();
        for (const cell of ['.c-status', '.c-name', '.c-targets', '.c-why', '.c-changed']) {
          const box = await row.locator(cell).boundingBox();
          expect(box, `${cell} hidden on a phone`).not.toBeNull();
          expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        }
        expect(await row.locator('.c-why').textContent()).toMatch(/ALB cannot reach/);
        await screenshot(page, 'layout-services-phone');
      }
      if (view === 'wall') {
        for (const id of ['wall-clock', 'wall-count']) {
          const box = await page.getByTestId(id).last().boundingBox();
          expect(box!.x + box!.width, `${id} off screen`).toBeLessThanOrEqual(390);
        }
        await screenshot(page, 'layout-wall-phone');
      }
      if (view === 'service/prod/web') {
        await page.getByTestId('path-diagram').first().waitFor();
        expect(await page.getByTestId('service-why').textContent()).toMatch(/ALB cannot reach/);
        // Hops stack vertically: the arrow between them points down.
        const arrow = await page
          .locator('[data-testid=path-diagram] .arrow')
          .first()
          .evaluate((e) => getComputedStyle(e, '::before').content);
        expect(arrow).toBe('"↓"');
        await screenshot(page, 'layout-drill-down-phone');
      }
      await page.close();
    }
  }, 60_000);

  it('the drill-down names the real blocker first and loudest; the empty target group is its consequence', async () => {
    const page = await open('service/prod/web', 1440, 1400);
    const why = page.getByTestId('path-why').first();
    await why.waitFor();
    await screenshot(page, 'layout-drill-down');
    const roles = await why.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles[0]).toBe('cause');
    expect(roles.indexOf('consequence')).toBeGreaterThan(roles.indexOf('cause'));
    expect(await why.locator('li').first().textContent()).toMatch(/Blocked here:.*sg-[0-9a-f]+/);
    const cause = page.locator('[data-testid=hop][data-role=cause]').first();
    const consequence = page.locator('[data-testid=hop][data-role=consequence]').first();
    expect(await consequence.getAttribute('data-kind')).toBe('target-group');
    expect(await consequence.textContent()).toMatch(/Consequence: no healthy targets/i);
    const border = (el: typeof cause) => el.evaluate((e) => parseFloat(getComputedStyle(e).borderLeftWidth));
    expect(await border(cause)).toBeGreaterThan(await border(consequence));
    // Evidence cut at three lines expands in place.
    const hops = page.locator('[data-testid=hop]');
    const withButton = await hops.evaluateAll((els) =>
      els.findIndex((e) => e.querySelector('button')?.textContent?.trim() === 'Show all evidence'),
    );
    expect(withButton).toBeGreaterThanOrEqual(0);
    const hop = hops.nth(withButton);
    const detail = hop.locator('.detail');
    const before = await detail.evaluate((e) => e.clientHeight);
    await hop.getByRole('button', { name: 'Show all evidence' }).click();
    await expect.poll(() => detail.evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(1);
    expect(await detail.evaluate((e) => e.clientHeight)).toBeGreaterThan(before);
    await screenshot(page, 'layout-drill-down-expanded');
    await page.close();
  });

  it('suggests the nearest service for a mistyped address', async () => {
    const page = await open('service/prod/wbe', 1440, 900);
    const hint = page.getByTestId('did-you-mean');
    await hint.waitFor();
    expect(await hint.getByRole('link').first().textContent()).toBe(BROKEN);
    await page.close();
  });
});
