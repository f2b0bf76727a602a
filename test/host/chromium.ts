// Debian's Chromium driven by playwright-core (no browser download). Shared by the browser tests
// and the preview script.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`No Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set VIGIL_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--no-first-run'],
  });
}

/** Saves a PNG under test-output/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The hub iframe's document, once the host frame has created it. */
export async function hubFrame(page: Page) {
  const handle = await page.waitForSelector('#hub-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the hub iframe has no content frame');
  return frame;
}

/** Waits until the hub told the host it loaded (or failed: then throws with the host's banner text). */
export async function waitForHubLoad(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.hubState !== 'loading', undefined, { timeout: timeoutMs });
  const state = await page.evaluate(() => document.body.dataset.hubState);
  if (state !== 'loaded') {
    const banner = await page.textContent('#hub-failed');
    throw new Error(`hub did not load (${state}): ${banner}`);
  }
}
