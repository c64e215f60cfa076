// Debian's Chromium for browser tests (never a downloaded browser): PORTHOLE_CHROMIUM or /usr/bin/chromium.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

export function chromiumPath(): string | null {
  const candidates = [process.env.PORTHOLE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * Why the browser tests cannot run here, or null when they can. In CI a missing browser is an error,
 * not a skip: .ci/run installs chromium, so its absence means the pipeline is broken.
 */
export function skipReason(): string | null {
  if (chromiumPath()) return null;
  const why = 'no Chromium at PORTHOLE_CHROMIUM or /usr/bin/chromium (apt-get install -y chromium)';
  if (process.env.CI) throw new Error(`browser tests must run in CI: ${why}`);
  return why;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
