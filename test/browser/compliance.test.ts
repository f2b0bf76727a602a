// The organization hub's Compliance tab in Chromium, in the fake ADO host frame, against the service and
// the fake organization: connect collects the merged pull requests, the tab shows the pass rate per check,
// the table with five outcome pills, the emergency list, a pull request's evidence panel, the failing
// link narrows the table, the export downloads, and Settings › Compliance shows the settings.
// Screenshots go to test-output/screenshots/.
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, hubFrame, launchChromium, screenshot, waitForHubLoad } from '../host/chromium';
import type { HostServer } from '../host/host-server';
import { hostForStack } from '../host/stack-host';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

describeIfChromium('the compliance tab in the hub', () => {
  let stack: Stack;
  let host: HostServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    const res = await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    if (res.status !== 201) throw new Error(`connect failed: ${res.status}`);
    // The backfill runs after discovery; wait until its pull requests are judged.
    await waitFor(
      () => 'the compliance collection of contoso',
      async () => {
        const s = await stack.api(stack.users.admin, 'GET', '/api/v1/compliance/summary');
        return s.status === 200 && s.body.collection.state === 'done' && s.body.pullRequests > 0 && s.body;
      },
      150_000,
      500,
    );
    host = await hostForStack(stack);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stack?.stop();
  }, 60_000);

  it('shows pass rates, the pull requests with five outcomes, the emergency list, a panel of evidence and the export', async () => {
    await page.goto(host.pageUrl('org-settings', stack.users.admin.id));
    await waitForHubLoad(page);
    const frame = await hubFrame(page);
    await frame.click('.bolt-tab:has-text("Compliance")');
    await frame.waitForSelector('.vigil-compliance-table');
    await frame.waitForSelector('.vigil-compliance-check-card');

    expect(await frame.textContent('.vigil-compliance-collection')).toMatch(/Last collected/);
    const cards = await frame.$$eval('.vigil-compliance-check-card', (els) => els.map((e) => (e as HTMLElement).innerText));
    expect(cards).toHaveLength(5);
    expect(cards.filter((c) => /\d+(\.\d)?%/.test(c)).length).toBeGreaterThanOrEqual(4);
    const rows = await frame.$$('.vigil-compliance-table tbody .bolt-table-row');
    expect(rows.length).toBeGreaterThan(0);
    // Five outcome columns per row: a pill or "Not checked".
    const perRow = await frame.$$eval('.vigil-compliance-table tbody .bolt-table-row', (trs) =>
      trs.map((tr) => tr.querySelectorAll('.vigil-compliance-outcome').length + (tr.textContent?.match(/Not checked/g)?.length ?? 0)),
    );
    expect(perRow.every((n) => n === 5)).toBe(true);
    // Nothing wider than the screen.
    await screenshot(page, 'compliance-01-tab');
    const fit = await frame.evaluate(() => {
      const wide = Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        // The innermost: an element too wide whose children all fit.
        .filter((e) => !Array.from(e.children).some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
        .map((e) => `${e.tagName.toLowerCase()}.${(e.className || '').toString().split(' ').slice(0, 3).join('.')}`)
        .slice(0, 5);
      return { width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, wide };
    });
    expect(fit).toMatchObject({ wide: [] });
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width);

    await frame.evaluate(() => document.querySelector('.vigil-compliance-emergency')?.scrollIntoView());
    await screenshot(page, 'compliance-02-emergency-and-branches');

    // A failing check's link narrows the table to its failing pull requests.
    const failing = await frame.$('.vigil-compliance-failing-link');
    if (failing) {
      await failing.click();
      await frame.waitForFunction(() => {
        const trs = Array.from(document.querySelectorAll('.vigil-compliance-table tbody .bolt-table-row'));
        return trs.length > 0 && trs.every((tr) => tr.querySelector('.vigil-compliance-outcome-fail'));
      });
      await screenshot(page, 'compliance-03-failing');
    }

    // The first row's evidence.
    await frame.click('.vigil-compliance-table tbody .bolt-table-row');
    await frame.waitForSelector('.vigil-compliance-panel .vigil-compliance-check');
    await frame.waitForSelector('.vigil-compliance-panel :text("Reviewers")');
    expect(await frame.$$eval('.vigil-compliance-panel a[href*="/pullrequest/"]', (as) => as.length)).toBeGreaterThan(0);
    await screenshot(page, 'compliance-04-panel');
    await frame.click('.vigil-compliance-panel button:has-text("Close")');

    const [download] = await Promise.all([page.waitForEvent('download'), frame.click('button:has-text("Export CSV")')]);
    expect(download.suggestedFilename()).toMatch(/^vigil-compliance-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);

    await frame.click('.bolt-tab:has-text("Settings")');
    await frame.waitForSelector('.vigil-compliance-settings');
    await frame.evaluate(() => document.querySelector('.vigil-compliance-settings')?.scrollIntoView());
    expect(await frame.inputValue('.vigil-compliance-settings input[id$="compliance-emergency-label"]')).toBe('emergency');
    await screenshot(page, 'compliance-05-settings');
  }, 180_000);
});
