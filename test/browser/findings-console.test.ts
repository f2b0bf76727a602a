// The organization hub's Findings list as a console in Chromium, in the fake ADO host frame, against
// the service and the fake organization: the filter bar fits a 1366 px screen (Refresh included), a
// keyword narrows the list, a header sorts it, the view goes to the host page's URL, the export
// buttons and the bulk bar work. Screenshots go to test-output/screenshots/.
import type { Browser, Frame, Page } from 'playwright-core';
import { expectAccessible } from '../host/axe';
import { chromiumAvailable, hubFrame, launchChromium, screenshot, waitForHubLoad } from '../host/chromium';
import type { HostServer } from '../host/host-server';
import { hostForStack } from '../host/stack-host';
import { planted } from '../support/planted';
import { startStack, type Stack } from '../support/stack';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

describeIfChromium('the findings console in the hub', () => {
  let stack: Stack;
  let host: HostServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    await stack.connectAndScan();
    host = await hostForStack(stack);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stack?.stop();
  }, 60_000);

  const rowTexts = (frame: Frame) =>
    frame.$$eval('.vigil-findings-table tbody .bolt-table-row', (rows) => rows.map((r) => (r as HTMLElement).innerText));

  /** What the hub asked the host to put in the page's query. */
  const queryWrites = () =>
    page.evaluate(() =>
      ((window as unknown as { __hostEvents: { type: string; detail?: unknown }[] }).__hostEvents ?? [])
        .filter((e) => e.type === 'setQueryParams')
        .map((e) => e.detail as Record<string, string>),
    );

  it('searches, sorts, keeps the view in the URL and offers export and bulk actions, all on a 1366 px screen', async () => {
    await page.goto(host.pageUrl('org-settings', stack.users.admin.id));
    await waitForHubLoad(page);
    const frame = await hubFrame(page);
    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.waitForSelector('.vigil-findings-table');

    // Nothing of the page is wider than the screen: the header's Refresh and the whole filter bar show.
    const fit = await frame.evaluate(() => {
      const refresh = Array.from(document.querySelectorAll('button')).find((b) => b.innerText.trim() === 'Refresh');
      const bar = document.querySelector('.vigil-filter-bar') as HTMLElement;
      return {
        width: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        refreshRight: refresh ? refresh.getBoundingClientRect().right : -1,
        barRight: bar.getBoundingClientRect().right,
        barScroll: bar.scrollWidth - bar.clientWidth,
      };
    });
    expect(fit.refreshRight).toBeGreaterThan(0);
    expect(fit.refreshRight).toBeLessThanOrEqual(fit.width);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width);
    expect(fit.barRight).toBeLessThanOrEqual(fit.width);
    expect(fit.barScroll).toBeLessThanOrEqual(0);
    await screenshot(page, 'console-01-findings');
    await expectAccessible(frame, 'Organization settings › Findings');

    const before = await rowTexts(frame);
    expect(before.some((t) => !t.includes('payments-api'))).toBe(true);
    await frame.fill('.vigil-filter-bar input[placeholder^="Search"]', 'payments-api');
    await frame.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row')) as HTMLElement[];
        return rows.length > 0 && rows.every((r) => r.innerText.includes('payments-api'));
      },
      undefined,
      { timeout: 15_000 },
    );
    await frame.waitForFunction(() => /finding/.test(document.querySelector('.vigil-list-summary')?.textContent ?? ''));
    await screenshot(page, 'console-02-search');

    // Sort by severity: most severe first, the header says so, the URL keeps it.
    await frame.click('.vigil-findings-table thead >> text=Severity');
    await frame.waitForSelector('.vigil-findings-table thead [aria-sort="descending"]', { timeout: 15_000 });
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const severities = () =>
      frame.$$eval('.vigil-findings-table tbody .bolt-table-row .vigil-severity', (pills) =>
        pills.map((p) => /vigil-severity-(\w+)/.exec(p.className)?.[1] ?? ''),
      );
    // The sorted page replaces the first one once the service answers.
    await frame.waitForFunction(
      (ranks) => {
        const shown = Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row .vigil-severity')).map((p) =>
          ranks.indexOf(/vigil-severity-(\w+)/.exec(p.className)?.[1] ?? ''),
        );
        return shown.length > 1 && shown.every((r, i) => i === 0 || shown[i - 1] <= r) && new Set(shown).size > 1;
      },
      order,
      { timeout: 15_000 },
    );
    const ranks = (await severities()).map((s) => order.indexOf(s));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBeGreaterThan(1);
    await page.waitForFunction(() =>
      ((window as unknown as { __hostEvents: { type: string; detail?: { sort?: string } }[] }).__hostEvents ?? []).some(
        (e) => e.type === 'setQueryParams' && e.detail?.sort === 'severity:desc',
      ),
    );
    expect((await queryWrites()).at(-1)).toMatchObject({ q: 'payments-api', sort: 'severity:desc', state: 'open' });

    // Export: both formats offered; CSV downloads the filtered list without any secret value.
    expect(await frame.isVisible('button:has-text("Export SARIF")')).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), frame.click('button:has-text("Export CSV")')]);
    expect(download.suggestedFilename()).toMatch(/^vigil-findings-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((s) => {
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        s.on('error', reject);
      }, reject);
    });
    const lines = csv.trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes('payments-api'))).toBe(true);
    for (const p of planted) expect(csv).not.toContain(p.value);

    // Bulk: check two rows, the bar names them and offers one reason for both.
    await frame.click('.vigil-findings-table tbody .bolt-table-row >> nth=0 >> .vigil-row-select');
    await frame.click('.vigil-findings-table tbody .bolt-table-row >> nth=1 >> .vigil-row-select');
    await frame.waitForSelector('.vigil-bulk-actions >> text=2 alerts selected');
    expect(await frame.getAttribute('[aria-label="Select all findings shown"]', 'aria-checked')).toBe('mixed');
    expect(await frame.$('.vigil-finding-panel')).toBeNull();
    await frame.click('.vigil-bulk-actions button:has-text("Dismiss…")');
    await frame.waitForSelector('form[aria-label="Dismiss 2 alerts"]');
    await screenshot(page, 'console-03-bulk-dismiss');
    await frame.click('form[aria-label="Dismiss 2 alerts"] >> text=False positive');
    await frame.click('form[aria-label="Dismiss 2 alerts"] button:has-text("Dismiss")');
    await frame.waitForSelector('text=Dismissed 2 alerts.', { timeout: 15_000 });
    await frame.waitForFunction(() => !document.querySelector('.vigil-bulk-actions'));
    expect(await frame.$$eval('.vigil-row-select input:checked, .vigil-row-select[aria-checked="true"]', (e) => e.length)).toBe(0);
    // The checkboxes' own transition ends before the picture.
    await page.waitForTimeout(400);
    await screenshot(page, 'console-04-bulk-dismissed');
    await expectAccessible(frame, 'Organization settings › Findings (after a bulk dismiss)');
  }, 120_000);

  it('groups the list by rule and by repository, keeps the grouping in the URL and expands a group into its findings', async () => {
    await page.goto(host.pageUrl('org-settings', stack.users.admin.id));
    await waitForHubLoad(page);
    const frame = await hubFrame(page);
    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.waitForSelector('.vigil-findings-table');
    await frame.click('[aria-label="Group findings by"]');
    await frame.click('.bolt-list-box [role="option"]:has-text("Rule")');
    await frame.waitForSelector('ul[aria-label="Findings by rule"] li');
    const groups = await frame.$$eval('ul[aria-label="Findings by rule"] > li', (items) => items.map((i) => (i as HTMLElement).innerText));
    expect(groups.length).toBeGreaterThan(1);
    expect((await queryWrites()).at(-1)).toMatchObject({ groupBy: 'rule' });
    // The first group (the most severe) opens into its findings, each of its rule.
    const expand = await frame.waitForSelector('ul[aria-label="Findings by rule"] button[aria-expanded="false"]');
    const rule = ((await expand.getAttribute('aria-label')) ?? '').replace(/^Expand (.*), \d+ findings?$/, '$1');
    await expand.click();
    await frame.waitForSelector('[role="region"][aria-label^="Findings of"] .vigil-findings-table tbody .bolt-table-row');
    const api = await stack.api(stack.users.admin, 'GET', `/api/v1/findings?group=credential&rule=${encodeURIComponent(rule)}&limit=200`);
    expect(api.status).toBe(200);
    const shown = await frame.$$eval('[role="region"][aria-label^="Findings of"] .vigil-findings-table tbody .bolt-table-row', (rows) => rows.length);
    expect(shown).toBe(Math.min(api.body.items.length, 20));
    // The expand button's tooltip fades in under the pointer: move away and let it go before the picture and axe.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(600);
    await screenshot(page, 'console-05-grouped-by-rule');
    await expectAccessible(frame, 'Organization settings › Findings grouped by rule');

    await frame.click('[aria-label="Group findings by"]');
    await frame.click('.bolt-list-box [role="option"]:has-text("Repository")');
    await frame.waitForSelector('ul[aria-label="Findings by repository"] li');
    expect(await frame.$eval('ul[aria-label="Findings by repository"]', (l) => (l as HTMLElement).innerText)).toContain('web-storefront');
    expect((await queryWrites()).at(-1)).toMatchObject({ groupBy: 'repository' });
    await screenshot(page, 'console-06-grouped-by-repository');
  }, 120_000);
});
