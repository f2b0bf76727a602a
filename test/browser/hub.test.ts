// The built hub pages in Chromium, inside the fake ADO host frame, against the running service and
// the fake ADO organization: connect through the Connect page, then every surface on the planted
// findings. Screenshots go to test-output/screenshots/ (ignored by git).
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { expectAccessible } from '../host/axe';
import { chromiumAvailable, hubFrame, launchChromium, screenshot, waitForHubLoad } from '../host/chromium';
import { type HostServer, type HubName } from '../host/host-server';
import { hostForStack } from '../host/stack-host';
import { openDemoPullRequest, scanDemoPullRequest } from '../demo/demo-pull-request';
import { runAdvisorySync } from '../../service/jobs/sync-advisories';
import { startFakeOsv, type FakeOsvHost } from '../fake-osv/server';
import { planted } from '../support/planted';
import { PLANTED_ECOSYSTEMS, publishPlantedAdvisories } from '../support/planted-deps';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

/** Every planted value, and each long line of the multi-line ones (a PEM body could show line by line). */
const SECRET_FRAGMENTS = [
  ...new Set(
    planted.flatMap((p) => [p.value, ...p.value.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'))]),
  ),
];

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

describeIfChromium('hub pages in the fake host against the service', () => {
  let stack: Stack;
  let host: HostServer;
  let browser: Browser;
  let page: Page;
  let osv: FakeOsvHost;

  beforeAll(async () => {
    // The advisories are published from the start, synced only by the last test: until then the
    // dependency scanner reports an empty database and the other surfaces show the secrets alone.
    osv = await startFakeOsv();
    await publishPlantedAdvisories(osv, true);
    stack = await startStack({ env: { VIGIL_OSV_BASE_URL: osv.osvBaseUrl, VIGIL_ADVISORY_ECOSYSTEMS: PLANTED_ECOSYSTEMS.join(',') } });
    host = await hostForStack(stack);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stack?.stop();
    await osv?.close();
  }, 60_000);

  async function open(hub: HubName, userId = stack.users.admin.id): Promise<Frame> {
    await page.goto(host.pageUrl(hub, userId));
    await waitForHubLoad(page);
    return hubFrame(page);
  }

  /** Text of the hub document, for "never shows a secret" checks. */
  const hubText = (frame: Frame) => frame.evaluate(() => document.body.innerText);

  /** No planted secret anywhere in the hub's HTML (attributes and panels included). */
  async function expectNoPlantedSecret(frame: Frame): Promise<void> {
    const html = await frame.content();
    const leaked = SECRET_FRAGMENTS.filter((fragment) => html.includes(fragment));
    expect(leaked).toEqual([]);
  }

  const rowTexts = (frame: Frame) =>
    frame.$$eval('.vigil-findings-table tbody .bolt-table-row', (rows) => rows.map((r) => (r as HTMLElement).innerText));

  /**
   * Brings the filter bar's page holding `selector` into view: when its dropdowns do not fit, azure-devops-ui's
   * FilterBar shows them a page at a time behind ‹ › buttons (as ADO's own pages do).
   */
  async function revealFilter(frame: Frame, selector: string): Promise<void> {
    const pager = '.vigil-filter-bar .vss-FilterBar-page-button';
    for (let i = 0; i < 12 && !(await frame.isVisible(selector)); i++) {
      const pages = await frame.$$(pager);
      if (pages.length < 2) break;
      await pages[pages.length - 1].click(); // next page
    }
    for (let i = 0; i < 12 && !(await frame.isVisible(selector)); i++) {
      const pages = await frame.$$(pager);
      if (pages.length < 2) break;
      await pages[0].click(); // back, when it was on an earlier page
    }
  }

  /** Picks exactly these states in the State filter. */
  async function chooseStates(frame: Frame, wanted: string[]): Promise<void> {
    await revealFilter(frame, '.vigil-filter-bar button[aria-label^="State"]');
    await frame.click('.vigil-filter-bar button[aria-label^="State"]');
    for (const state of ['Open', 'Dismissed', 'Suppressed', 'Fixed']) {
      const option = await frame.waitForSelector(`.bolt-list-box [role="option"]:has-text("${state}")`);
      const selected = (await option.getAttribute('aria-selected')) === 'true';
      if (selected !== wanted.includes(state)) await option.click();
    }
    await page.keyboard.press('Escape');
  }

  it('connects the organization through the Connect page, naming a missing PAT scope first', async () => {
    const frame = await open('org-settings');
    await frame.waitForSelector('text=Connect contoso');
    expect(await frame.inputValue('input[id$="vigil-org-url"]')).toBe('https://dev.azure.com/contoso');
    await screenshot(page, 'hub-01-connect');
    await expectAccessible(frame, 'the Connect page');

    await frame.fill('input[id$="vigil-org-url"]', stack.org.url);
    await frame.fill('input[id$="vigil-pat"]', stack.fakeAdo.pats.noCode);
    await frame.click('button:has-text("Connect")');
    const problem = await frame.waitForSelector('.vigil-error-detail');
    expect(await problem.textContent()).toMatch(/Code \(Read\)/);
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-02-connect-missing-scope');

    await frame.fill('input[id$="vigil-pat"]', stack.fakeAdo.pats.full);
    await frame.click('button:has-text("Connect")');
    await frame.waitForSelector('text=Scan all');
    // The first discovery and scans run in the background; the page refreshes itself meanwhile.
    await stack.waitForScans();
    // The page opens on the Overview: open findings by severity and category, coverage, top repositories.
    await frame.click('button:has-text("Refresh")');
    await frame.waitForSelector('.vigil-overview-figures');
    await frame.waitForFunction(() => /of \d+ repositories scanned/.test(document.body.innerText), undefined, { timeout: 30_000 });
    const overview = await hubText(frame);
    expect(overview).toContain('Open findings by severity');
    expect(overview).toContain('Repositories with the most open findings');
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-03a-org-overview');
    await expectAccessible(frame, 'Organization settings › Overview');
    await frame.click('.bolt-tab:has-text("Repositories")');
    await frame.waitForSelector('.vigil-repositories-table >> text=web-storefront', { timeout: 30_000 });
    await frame.waitForFunction(() => !document.body.innerText.includes('Scanning') && !document.body.innerText.includes('Queued'), undefined, { timeout: 30_000 });
    const text = await hubText(frame);
    for (const name of ['web-storefront', 'payments-api', 'platform-infra', 'legacy-empty', 'archived-tools']) expect(text).toContain(name);
    expect(text).toContain('Skipped');
    expect(await frame.$$('.vigil-repositories-table .vigil-severity')).not.toHaveLength(0);
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-03-org-repositories');
    await expectAccessible(frame, 'Organization settings › Repositories');
  }, 120_000);

  it("opens a repository's last scan: which scanners ran, what they read and found, and the scan's warnings", async () => {
    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Repositories")');
    await frame.click('.vigil-repositories-table .bolt-table-row:has-text("web-storefront")');
    // A scanned repository's panel opens on its findings; the last scan is the next tab.
    await frame.click('.vigil-repository-panel .bolt-tab:has-text("Last scan")');
    await frame.waitForSelector('.vigil-repository-panel .vigil-scanners-table');
    const { admin } = stack.users;
    const repos = await stack.api(admin, 'GET', '/api/v1/repositories?limit=200');
    const storefront = repos.body.items.find((r: { name: string }) => r.name === 'web-storefront');
    const secrets = storefront.lastScan.scanners.find((s: { category: string }) => s.category === 'secret');
    expect(secrets).toMatchObject({ status: 'ran' });
    const row = await frame.$eval('.vigil-repository-panel .vigil-scanners-table tbody .bolt-table-row:has-text("Secrets")', (r) => (r as HTMLElement).innerText);
    expect(row).toContain('Ran');
    for (const figure of [secrets.rulesRun, secrets.filesScanned, secrets.findings]) expect(row).toContain(figure.toLocaleString('en-US'));
    const count = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
    const title = await frame.getAttribute('.vigil-repository-panel .vigil-scanners-table [title^="Secrets: ran"]', 'title');
    expect(title).toMatch(
      new RegExp(`^Secrets: ran, ${count(secrets.rulesRun, 'rule')}, ${count(secrets.filesScanned, 'file')}, ${count(secrets.findings, 'finding')}, [\\d.]+ m?s$`),
    );
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-03b-repository-scan-panel');
    await expectAccessible(frame, 'a repository panel (Last scan)');

    // Its scans, newest first; one opens with its scanners' figures.
    await frame.click('.vigil-repository-panel .bolt-tab:has-text("Scans")');
    await frame.waitForSelector('.vigil-repository-panel .vigil-scan-history-table tbody .bolt-table-row');
    const history = await frame.$$eval('.vigil-scan-history-table tbody .bolt-table-row', (rows) => rows.map((r) => (r as HTMLElement).innerText));
    expect(history.length).toBeGreaterThan(0);
    expect(history[0]).toMatch(/Scanned/);
    expect(history[0]).toMatch(/Full|Incremental/);
    await frame.click('.vigil-scan-history-table tbody .bolt-table-row >> nth=0');
    await frame.waitForSelector('.vigil-repository-panel [aria-label="Scan detail"] .vigil-scanners-table');
    await screenshot(page, 'hub-03d-repository-scans');
    await expectAccessible(frame, 'a repository panel (Scans)');
    await frame.click('.vigil-repository-panel button:has-text("Close")');

    // hostile-samples' zip carries entries the extraction refuses: they are the scan's warnings.
    await frame.click('.vigil-repositories-table .bolt-table-row:has-text("hostile-samples")');
    await frame.click('.vigil-repository-panel .bolt-tab:has-text("Last scan")');
    const warnings = await frame.waitForSelector('.vigil-repository-panel [aria-label="Warnings"]');
    const warningText = await warnings.innerText();
    for (const entry of ['../escape.txt', '/tmp/vigil-absolute.txt', 'docs/passwd-link']) expect(warningText).toContain(entry);
    await screenshot(page, 'hub-03c-repository-scan-warnings');
    await frame.click('.vigil-repository-panel button:has-text("Close")');
  }, 60_000);

  it('lists the planted findings, filters them and opens one without showing its secret', async () => {
    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.waitForSelector('.vigil-findings-table');
    const text = await hubText(frame);
    const contosoPlants = planted.filter((p) => p.org === 'contoso');
    expect(contosoPlants.length).toBeGreaterThan(0);
    // Every planted file shows up with a line (a key pair on two lines may be one finding). A value
    // planted in two repositories is one alert, listed under either of its locations.
    for (const plant of contosoPlants.filter((p) => p.repo === 'web-storefront')) {
      const files = [plant.path, ...(plant.reusedFrom ? [plant.reusedFrom.replace(/:\d+$/, '')] : [])].map((f) => `${path.posix.basename(f)}:`);
      expect({ file: files[0], shown: files.some((f) => text.includes(f)) }).toEqual({ file: files[0], shown: true });
    }
    for (const plant of contosoPlants) expect(text).not.toContain(plant.value);
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-04-org-findings');
    await expectAccessible(frame, 'Organization settings › Findings');

    // Repository filter, through the dropdown: only web-storefront's findings stay.
    const repoCells = () =>
      frame.$$eval('.vigil-findings-table tbody .bolt-table-row', (rows) => rows.map((r) => (r as HTMLElement).innerText));
    expect((await repoCells()).some((t) => !t.includes('web-storefront'))).toBe(true);
    await revealFilter(frame, '.vigil-filter-bar >> text=Repository');
    await frame.click('.vigil-filter-bar >> text=Repository');
    await frame.click('.bolt-list-box >> text=Storefront / web-storefront');
    await page.keyboard.press('Escape');
    await frame.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row')) as HTMLElement[];
        return rows.length > 0 && rows.every((r) => r.innerText.includes('web-storefront'));
      },
      undefined,
      { timeout: 15_000 },
    );
    await screenshot(page, 'hub-05-org-findings-filtered');

    await frame.click('.vigil-findings-table .bolt-table-row >> nth=1');
    const panel = await frame.waitForSelector('.vigil-finding-panel');
    const panelText = (await panel.innerText()) ?? '';
    expect(panelText).toContain('How to fix it');
    for (const plant of contosoPlants) expect(panelText).not.toContain(plant.value);
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-06-finding-panel');
    await expectAccessible(frame, 'a finding panel');
  }, 60_000);

  it('shows the organization settings, secret verification off by default', async () => {
    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Settings")');
    await frame.waitForSelector('.vigil-settings');
    // The settings load after the tab shows ("Loading settings…"): wait for them, not for the tab.
    await frame.waitForFunction(() => !document.body.innerText.includes('Loading settings'), undefined, { timeout: 30_000 });
    const text = await hubText(frame);
    expect(text).toContain('Secret verification');
    expect(text).toContain('Off: secrets are never sent anywhere');
    await screenshot(page, 'hub-14-org-settings');
    await expectAccessible(frame, 'Organization settings › Settings');
  }, 60_000);

  it("links a finding to its file in Azure DevOps even when ADO's repository list gave no web URL", async () => {
    // payments-api comes in the documented minimal shape: no webUrl, no _links in the list answer.
    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.click('.vigil-findings-table .bolt-table-row:has-text("payments-api")');
    const link = await frame.waitForSelector('.vigil-finding-panel a[href*="/_git/payments-api"]');
    const href = new URL((await link.getAttribute('href'))!);
    expect(`${href.origin}${href.pathname}`).toBe(`${stack.org.url}/Storefront/_git/payments-api`);
    expect(href.searchParams.get('path')).toMatch(/^\//);
    expect(href.searchParams.get('version')).toMatch(/^GC[0-9a-f]{40}$/);
    await screenshot(page, 'hub-06b-finding-link-minimal-repository');
    await frame.click('.vigil-finding-panel button:has-text("Close")');
  }, 60_000);

  it('dismisses an alert from its panel, lists it under Dismissed, and reopens it', async () => {
    const { admin } = stack.users;
    // Posture failures are findings too (ADO objects): let the assessment queued at connect end, so
    // the list does not change under the test, and take the first secret.
    await assessedPosture();
    const first = await stack.api(admin, 'GET', '/api/v1/findings?group=credential&category=secret&limit=1');
    expect(first.status).toBe(200);
    const target = first.body.items[0];
    expect(target.location.kind).toBe('file');
    const where = `${path.posix.basename(target.location.path)}:${target.location.line}`;
    const isTarget = (row: string) => row.includes(target.title) && row.includes(where) && row.includes(target.repositoryName);

    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.waitForSelector('.vigil-findings-table');
    const before = await rowTexts(frame);
    expect(before.filter(isTarget)).toHaveLength(1);
    await frame.click(`.vigil-findings-table tbody .bolt-table-row:has-text("${where}")`);
    const panel = await frame.waitForSelector('.vigil-finding-panel');
    expect(await panel.innerText()).toContain(target.title);

    await frame.click('.vigil-finding-panel button:has-text("Dismiss")');
    await frame.waitForSelector('form[aria-label="Dismiss alert"]');
    await frame.click('form[aria-label="Dismiss alert"] [role="radio"]:has-text("Used in tests")');
    await frame.fill('textarea[id$="vigil-dismiss-comment"]', 'Sample data for the browser test.');
    await frame.fill('input[id$="vigil-dismiss-expires"]', '2999-12-31');
    await screenshot(page, 'hub-10-dismiss-form');
    await expectAccessible(frame, 'the dismiss form');
    await frame.click('form[aria-label="Dismiss alert"] button[type="submit"]');
    // Either the confirmation or the form's error (say which, rather than time out).
    await frame.waitForSelector('.bolt-toast, form[aria-label="Dismiss alert"] [role="alert"]');
    const formError = await frame.$('form[aria-label="Dismiss alert"] [role="alert"]');
    expect(formError ? await formError.innerText() : 'no error').toBe('no error');
    await frame.waitForSelector('.bolt-toast >> text=/^Dismissed /');
    await frame.waitForFunction(
      ([title, loc]) =>
        !Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row')).some(
          (r) => (r as HTMLElement).innerText.includes(title) && (r as HTMLElement).innerText.includes(loc),
        ),
      [target.title, where] as const,
      { timeout: 15_000 },
    );
    expect(await frame.$('.vigil-finding-panel')).toBeNull();
    expect((await rowTexts(frame)).filter(isTarget)).toHaveLength(0);
    await screenshot(page, 'hub-11-dismissed-toast');

    const stored = await stack.api(admin, 'GET', `/api/v1/findings/${target.id}`);
    expect(stored.body).toMatchObject({ state: 'dismissed', dismissal: { reason: 'used-in-tests', comment: 'Sample data for the browser test.', expires: '2999-12-31' } });

    await chooseStates(frame, ['Dismissed']);
    await frame.waitForFunction(
      (title) => {
        const rows = Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row')) as HTMLElement[];
        return rows.length > 0 && rows.some((r) => r.innerText.includes(title) && r.innerText.includes('Dismissed'));
      },
      target.title,
      { timeout: 15_000 },
    );
    const dismissedRows = await rowTexts(frame);
    expect(dismissedRows.filter(isTarget)).toHaveLength(1);
    expect(dismissedRows.find(isTarget)).toContain('Used in tests');
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-12-dismissed-list');

    await frame.click(`.vigil-findings-table tbody .bolt-table-row:has-text("${where}")`);
    const dismissedPanel = await frame.waitForSelector('.vigil-finding-panel');
    const panelText = await dismissedPanel.innerText();
    expect(panelText).toContain('Dismissed: Used in tests');
    expect(panelText).toContain(`By ${admin.displayName}`);
    expect(panelText).toContain('Expires Dec 31, 2999');
    expect(panelText).toContain('Sample data for the browser test.');
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-13-dismissed-panel');

    await frame.click('.vigil-finding-panel button:has-text("Reopen")');
    await frame.waitForSelector('.bolt-toast >> text=/^Reopened /');
    await frame.waitForSelector('text=No findings match these filters', { timeout: 15_000 });
    const reopened = await stack.api(admin, 'GET', `/api/v1/findings/${target.id}`);
    expect(reopened.body.state).toBe('open');
    expect(reopened.body.dismissal).toBeUndefined();

    await chooseStates(frame, ['Open']);
    await frame.waitForFunction(
      ([title, loc]) =>
        Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row')).some(
          (r) => (r as HTMLElement).innerText.includes(title) && (r as HTMLElement).innerText.includes(loc),
        ),
      [target.title, where] as const,
      { timeout: 15_000 },
    );
    expect(await rowTexts(frame)).toEqual(before);
  }, 90_000);

  it('shows a developer the findings of their repository in Repos > Security', async () => {
    const frame = await open('repo-security', stack.users.dev.id);
    await frame.waitForSelector('.vigil-findings-table');
    const text = await hubText(frame);
    expect(text).toContain('web-storefront');
    expect(text).toContain('Scanned');
    // The Default branch card says which scanners ran on the last scan.
    const scanners = await frame.$eval('.vigil-summary-card .vigil-scanners-table', (t) => (t as HTMLElement).innerText);
    expect(scanners).toContain('Secrets');
    expect(scanners).toContain('Ran');
    const plants = planted.filter((p) => p.org === 'contoso' && p.repo === 'web-storefront');
    const file = (p: { path: string }) => `${path.posix.basename(p.path)}:`;
    for (const plant of plants) expect(text).toContain(file(plant));
    // Only this repository: no finding in another repository's planted files.
    for (const other of planted.filter((p) => p.org === 'contoso' && p.repo !== 'web-storefront')) {
      if (!plants.some((p) => file(p) === file(other))) expect(text).not.toContain(file(other));
    }
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-07-repo-security-dev');
    await expectAccessible(frame, 'Repos › Security');

    // A developer reads the alert but cannot dismiss it.
    await frame.click('.vigil-findings-table .bolt-table-row >> nth=1');
    const panel = await frame.waitForSelector('.vigil-finding-panel');
    expect(await panel.innerText()).toContain('Only organization administrators can dismiss');
    expect(await frame.$('.vigil-finding-panel button:has-text("Dismiss")')).toBeNull();
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-07b-repo-security-dev-panel');
  }, 60_000);

  it('shows the project and pull-request surfaces', async () => {
    let frame = await open('project-settings');
    await frame.waitForSelector('.vigil-overview-figures');
    await screenshot(page, 'hub-08a-project-overview');
    await expectAccessible(frame, 'Project settings › Overview');
    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.waitForSelector('.vigil-findings-table');
    let text = await hubText(frame);
    expect(text).toContain('Storefront');
    expect(text).not.toContain('platform-infra');
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-08-project-settings');
    await expectAccessible(frame, 'Project settings › Findings');

    // Pull request !42 is not in the fake organization: Vigil never saw it, and the tab says how scans start.
    frame = await open('pr-tab', stack.users.dev.id);
    await frame.waitForSelector('.vigil-pr-verdict-not-scanned');
    text = await hubText(frame);
    expect(text).toContain('Not scanned yet');
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-09-pr-tab-not-seen');
    await expectAccessible(frame, 'the pull-request tab (not scanned)');
  }, 60_000);

  it("sets the pull-request gate and requires Vigil's check on a repository from the Settings tab", async () => {
    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Settings")');
    const section = await frame.waitForSelector('.vigil-pr-gate-settings');
    await frame.waitForSelector('.vigil-required-check-list [role="checkbox"]', { timeout: 30_000 });
    await frame.click('.vigil-required-check-list [role="checkbox"]:has-text("Storefront / payments-api")');
    await frame.click('button:has-text("Require Vigil\'s check on these repositories")');
    await frame.waitForSelector('.vigil-required-check-results li');
    expect(await frame.$eval('.vigil-required-check-results', (el) => (el as HTMLElement).innerText)).toMatch(/payments-api: Policy created on main/);
    await section.scrollIntoViewIfNeeded();
    await frame.evaluate(() => document.querySelector('.vigil-required-check-results')?.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'hub-14b-pr-gate-settings');
  }, 60_000);

  it('shows a scanned pull request: the failed gate, its new findings with their lines, the existing ones collapsed', async () => {
    const pr = openDemoPullRequest(stack);
    await scanDemoPullRequest(stack, pr);
    const prHost = await hostForStack(stack, { pullRequestId: pr.pullRequestId });
    try {
      await page.goto(prHost.pageUrl('pr-tab', stack.users.dev.id));
      await waitForHubLoad(page);
      const frame = await hubFrame(page);
      await frame.waitForSelector('.vigil-pr-verdict-failed');
      const verdict = await frame.$eval('.vigil-pr-verdict', (el) => (el as HTMLElement).innerText);
      expect(verdict).toMatch(/Failed: \d+ new findings? at or above High/);
      expect(verdict).toContain('feature/payment-webhook → main');

      const newRows = await frame.$$eval('.vigil-pr-new tbody .bolt-table-row', (rows) => rows.map((r) => (r as HTMLElement).innerText));
      expect(newRows.some((r) => r.includes('src/payments/webhook.js:3') && r.includes('Comment open'))).toBe(true);
      expect(newRows.some((r) => r.includes('infra/webhooks.tf:7') && r.includes('IAC-TF-AZ-STORAGE-MIN-TLS'))).toBe(true);
      expect(newRows.some((r) => r.includes('src/config/aws.js'))).toBe(false);
      const fileLink = await frame.$eval('.vigil-pr-new a.vigil-pr-file', (a) => (a as HTMLAnchorElement).href);
      expect(fileLink).toContain('version=GC');
      await expectNoPlantedSecret(frame);
      await screenshot(page, 'hub-09-pr-tab');
      await expectAccessible(frame, 'the pull-request tab');

      // The committed AWS key is in a file the PR touches but not on a line it changes: existing, collapsed.
      expect(await frame.$('.vigil-pr-existing tbody')).toBeNull();
      await frame.click('.vigil-pr-existing .bolt-card-expand-button');
      await frame.waitForSelector('.vigil-pr-existing tbody .bolt-table-row');
      const existingRows = await frame.$$eval('.vigil-pr-existing tbody .bolt-table-row', (rows) => rows.map((r) => (r as HTMLElement).innerText));
      expect(existingRows.some((r) => /src\/config\/aws\.js:\d+/.test(r))).toBe(true);
      await expectNoPlantedSecret(frame);
      await screenshot(page, 'hub-09b-pr-tab-existing');
    } finally {
      await prHost.close();
    }
  }, 240_000);

  /** The organization's posture once an assessment finished (connecting queues the first one). */
  async function assessedPosture(project?: string): Promise<any> {
    const { admin } = stack.users;
    let seen: unknown;
    return waitFor(
      () => `a finished posture assessment: ${JSON.stringify(seen)}`,
      async () => {
        const res = await stack.api(admin, 'GET', `/api/v1/posture/summary${project ? `?project=${project}` : ''}`);
        seen = res.status === 200 ? { inProgress: res.body.inProgress, last: res.body.lastAssessment?.state } : res.body;
        return res.status === 200 && !res.body.inProgress && res.body.lastAssessment?.state === 'done' && res.body;
      },
      90_000,
      500,
    );
  }

  it('shows the organization posture: at a glance, per area, the controls, a control panel, exempting and revoking', async () => {
    const summary = await assessedPosture();
    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Posture")');
    await frame.waitForSelector('.vigil-posture-table');
    // The changes card reads the assessment history on its own: wait for it before reading the page.
    await frame.waitForSelector('text=/This is the first assessment/');
    const text = await hubText(frame);
    expect(text).toContain('Last assessed');
    expect(text).toContain('Assess now');
    // The figures at a glance are the service's control counts, not-available kept apart.
    const figures = await frame.$$eval('.vigil-posture-figure', (els) =>
      els.map((e) => [(e.querySelector('.vigil-posture-figure-label') as HTMLElement).innerText, (e.querySelector('.vigil-posture-figure-value') as HTMLElement).innerText]),
    );
    const totals = summary.totals.controls;
    expect(Object.fromEntries(figures)).toEqual({
      Failing: String(totals.fail),
      Exempted: String(totals.exempted),
      Passing: String(totals.pass),
      'Not available': String(totals.notAvailable),
      'Not applicable': String(totals.notApplicable),
    });
    expect(totals.fail).toBeGreaterThan(0); // contoso is misconfigured on purpose
    // One tile per area that judged something or could not be read.
    const tiles = await frame.$$eval('.vigil-posture-area .vigil-posture-area-name', (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
    const judged = summary.byArea.filter((a: any) => ['not-available', 'partial'].includes(a.status?.state) || Object.values(a.controls).some((n) => (n as number) > 0));
    expect(tiles).toEqual(judged.map((a: any) => a.label));
    // The first assessment after connecting: nothing to compare with.
    expect(text).toContain('This is the first assessment');
    for (const area of summary.notAvailableAreas) expect(text).toContain(area.label);
    await screenshot(page, 'hub-15-posture');
    await expectAccessible(frame, 'Organization settings › Posture');
    await frame.$eval('.vigil-posture-filter-bar', (el) => {
      el.scrollIntoView();
      el.closest('.v-scroll-auto')?.scrollBy(0, -60); // below the sticky tabs
    });
    await screenshot(page, 'hub-15b-posture-controls');

    // Only failing controls, through the Outcome filter.
    await frame.click('.vigil-posture-filter-bar >> text=Outcome');
    await frame.click('.bolt-list-box >> text=Failing');
    await page.keyboard.press('Escape');
    await frame.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('.vigil-posture-table tbody .bolt-table-row')) as HTMLElement[];
        return rows.length > 0 && rows.every((r) => r.querySelector('.vigil-posture-outcome-fail'));
      },
      undefined,
      { timeout: 15_000 },
    );
    // The table draws only the rows in view: the count line says how many there are.
    await frame.waitForSelector(`.vigil-list-summary >> text=/^${summary.totals.controls.fail} controls?$/`);

    // The first failing control: its objects with evidence and a link into the organization.
    await frame.click('.vigil-posture-table tbody .bolt-table-row >> nth=0');
    const panel = await frame.waitForSelector('.vigil-posture-panel');
    await frame.waitForSelector('.vigil-posture-panel [aria-label="Failing resources"] .vigil-posture-result');
    const panelText = await panel.innerText();
    for (const heading of ['Why it matters', 'Failing resources', 'How to fix it']) expect(panelText).toContain(heading);
    const links = await frame.$$eval('.vigil-posture-panel [aria-label="Failing resources"] a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.some((href) => href.startsWith(stack.org.url))).toBe(true);
    await screenshot(page, 'hub-16-posture-control-panel');

    // Exempt the first failing object, see it exempted, revoke it.
    await frame.click('.vigil-posture-panel .vigil-posture-result >> nth=0 >> button:has-text("Exempt")');
    await frame.waitForSelector('form[aria-label="Exempt from control"]');
    await frame.click('form[aria-label="Exempt from control"] [role="radio"]:has-text("Will fix later")');
    await frame.fill('textarea[id$="vigil-exempt-comment"]', 'Tracked in the browser test.');
    await screenshot(page, 'hub-16b-posture-exempt-form');
    await frame.click('form[aria-label="Exempt from control"] button[type="submit"]');
    await frame.waitForSelector('.vigil-posture-panel >> text=/^Exempted until /', { timeout: 15_000 });
    await frame.waitForSelector('.vigil-posture-panel [aria-label="Exemption"] >> text=Tracked in the browser test.', { timeout: 15_000 });
    await screenshot(page, 'hub-16c-posture-exempted');
    const exemptions = await stack.api(stack.users.admin, 'GET', '/api/v1/posture/exemptions?status=active');
    expect(exemptions.status).toBe(200);
    expect(exemptions.body.items).toHaveLength(1);
    expect(exemptions.body.items[0]).toMatchObject({ reason: 'will-fix-later', comment: 'Tracked in the browser test.', status: 'active' });

    await frame.click('.vigil-posture-panel button:has-text("Revoke exemption")');
    await frame.waitForSelector('.vigil-posture-panel >> text=Exemption revoked', { timeout: 15_000 });
    const after = await stack.api(stack.users.admin, 'GET', '/api/v1/posture/exemptions?status=active');
    expect(after.body.items).toHaveLength(0);
    await frame.click('.vigil-posture-panel button:has-text("Close")');
  }, 150_000);

  it('shows the posture of one project in its settings', async () => {
    const storefront = stack.fakeAdo.orgs.contoso.projects.find((p) => p.name === 'Storefront')!;
    const summary = await assessedPosture(storefront.id);
    const frame = await open('project-settings');
    await frame.click('.bolt-tab:has-text("Posture")');
    await frame.waitForSelector('.vigil-posture-table');
    const text = await hubText(frame);
    expect(text).toContain('Last assessed');
    const failing = await frame.$eval('.vigil-posture-figure-fail .vigil-posture-figure-value', (e) => (e as HTMLElement).innerText);
    expect(failing).toBe(String(summary.totals.controls.fail));
    // Areas where nothing applies to a project (organization policies, users...) are left out.
    const tiles = await frame.$$eval('.vigil-posture-area .vigil-posture-area-name', (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
    const relevant = summary.byArea.filter((a: any) => a.controls.fail + a.controls.exempted + a.controls.pass + a.controls.notAvailable > 0 || ['not-available', 'partial'].includes(a.status?.state));
    expect(tiles).toEqual(relevant.map((a: any) => a.label));
    // A project has no project filter, and its figures are the project's own.
    expect(await frame.$('.vigil-posture-filter-bar button[aria-label^="Project"]')).toBeNull();
    await screenshot(page, 'hub-17-project-posture');

    // A project member reads the same, without Assess now or exemptions.
    const devFrame = await open('project-settings', stack.users.dev.id);
    await devFrame.click('.bolt-tab:has-text("Posture")');
    await devFrame.waitForSelector('.vigil-posture-table');
    expect(await devFrame.$('button:has-text("Assess now")')).toBeNull();
    // A control failing in the project (organization-wide ones judge nothing here).
    await devFrame.click('.vigil-posture-table tbody .bolt-table-row:has(.vigil-posture-outcome-fail) >> nth=0');
    const panel = await devFrame.waitForSelector('.vigil-posture-panel');
    await devFrame.waitForSelector('.vigil-posture-panel .vigil-posture-result, .vigil-posture-panel [role="alert"]');
    expect(await devFrame.$('.vigil-posture-panel [role="alert"]')).toBeNull();
    const panelText = await panel.innerText();
    if (panelText.includes('Failing resources')) expect(panelText).toContain('Only organization administrators can exempt');
    expect(await devFrame.$('.vigil-posture-panel button:has-text("Exempt")')).toBeNull();
    await screenshot(page, 'hub-17b-project-posture-developer-panel');
  }, 60_000);

  it('after an advisory sync: a repository\'s dependencies, a vulnerable one in its panel, the license policy and the advisory database', async () => {
    await runAdvisorySync(stack.service.context);

    let frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Repositories")');
    await frame.click('.vigil-repositories-table .bolt-table-row:has-text("web-storefront")');
    await frame.click('.vigil-repository-panel .bolt-tab:has-text("Dependencies")');
    await frame.waitForSelector('.vigil-repository-panel .vigil-dependencies-table');
    const rows = await frame.$$eval('.vigil-repository-panel .vigil-dependencies-table tbody .bolt-table-row', (r) => r.map((x) => (x as HTMLElement).innerText));
    expect(rows).toHaveLength(13);
    // Worst first: minimist's critical advisory, then the high ones.
    expect(rows[0]).toContain('minimist');
    expect(rows.find((r) => r.includes('ckeditor5'))).toContain('GPL-2.0-or-later');
    expect(await frame.$('.vigil-repository-panel button:has-text("Download SBOM")')).not.toBeNull();
    await expectNoPlantedSecret(frame);
    await screenshot(page, 'hub-15-repository-dependencies-panel');
    await frame.click('.vigil-repository-panel button:has-text("Close")');

    frame = await open('repo-security', stack.users.dev.id);
    await frame.click('.bolt-tab:has-text("Dependencies")');
    await frame.waitForSelector('.vigil-dependencies-table');
    expect(await hubText(frame)).toContain('13 packages in the last scan');
    await frame.$eval('.vigil-dependencies-view', (el) => el.scrollIntoView());
    await screenshot(page, 'hub-16-repo-security-dependencies');

    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.waitForSelector('.vigil-findings-table tbody .bolt-table-row');
    await frame.click('.vigil-filter-bar >> text=Category');
    // A list that lands while the dropdown opens can re-render the filter bar and close it: open it again then.
    if (!(await frame.waitForSelector('.bolt-list-box >> text=Dependencies', { timeout: 10_000 }).catch(() => null))) {
      await frame.click('.vigil-filter-bar >> text=Category');
    }
    await frame.click('.bolt-list-box >> text=Dependencies');
    await page.keyboard.press('Escape');
    await frame.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row')) as HTMLElement[];
        return rows.length > 0 && rows.every((r) => r.innerText.includes('package-lock.json'));
      },
      undefined,
      { timeout: 15_000 },
    );
    await frame.click('.vigil-findings-table tbody .bolt-table-row:has-text("qs@6.7.0")');
    const panel = await frame.waitForSelector('.vigil-finding-panel');
    const panelText = await panel.innerText();
    for (const expected of ['Advisory', 'GHSA-hrpp-h998-j3pp', 'CVE-2022-24999', '7.5 High (CVSS 3.1)', 'express › qs', 'Upgrade to qs@6.7.3']) expect(panelText).toContain(expected);
    expect(await frame.getAttribute('.vigil-finding-panel a:has-text("CVE-2022-24999")', 'href')).toBe('https://nvd.nist.gov/vuln/detail/CVE-2022-24999');
    await screenshot(page, 'hub-17-deps-finding-panel');

    frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Settings")');
    await frame.waitForSelector('.vigil-advisory-table');
    const settings = await hubText(frame);
    expect(settings).toContain('License policy');
    expect(settings).toContain('The default policy is in force.');
    for (const ecosystem of PLANTED_ECOSYSTEMS) expect(settings).toContain(ecosystem);
    await frame.$eval('.vigil-license-policy', (el) => el.scrollIntoView());
    await screenshot(page, 'hub-18-org-settings-license-policy');
    await frame.$eval('.vigil-advisory-status', (el) => el.scrollIntoView());
    await screenshot(page, 'hub-19-org-settings-advisory-database');
  }, 90_000);

  // Last: it reconnects contoso with a narrower PAT, which no earlier test expects.
  it('names the posture areas a PAT cannot read, after reconnecting with one that reads projects and code only', async () => {
    const { admin } = stack.users;
    const before = (await stack.api(admin, 'GET', '/api/v1/posture/summary')).body.lastAssessment;
    const connected = await stack.api(admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.codeOnly });
    expect(connected.status).toBe(201);
    expect(connected.body.postureScopeGaps?.length).toBeGreaterThan(0);
    // Connecting queues an assessment; the page's own button would say "Assessing…" meanwhile.
    let summary: any;
    await waitFor(
      () => `an assessment after reconnecting: ${JSON.stringify(summary?.lastAssessment?.id)}`,
      async () => {
        summary = (await stack.api(admin, 'GET', '/api/v1/posture/summary')).body;
        return !summary.inProgress && summary.lastAssessment?.id !== before.id && summary.lastAssessment?.state === 'done';
      },
      90_000,
      500,
    );
    expect(summary.notAvailableAreas.length).toBeGreaterThan(0);
    expect(summary.totals.controls.notAvailable).toBeGreaterThan(0);

    const frame = await open('org-settings');
    await frame.click('.bolt-tab:has-text("Posture")');
    const banner = await frame.waitForSelector('.vigil-posture-banner');
    const bannerText = await banner.innerText();
    for (const area of summary.notAvailableAreas) expect(bannerText).toContain(area.label);
    for (const gap of connected.body.postureScopeGaps) expect(bannerText).toContain(gap.scope);
    const notAvailable = await frame.$eval('.vigil-posture-figure-notAvailable .vigil-posture-figure-value', (e) => (e as HTMLElement).innerText);
    expect(notAvailable).toBe(String(summary.totals.controls.notAvailable));
    // The tiles of those areas say so instead of counting.
    const unavailableTiles = await frame.$$eval('.vigil-posture-area.unavailable', (els) => els.map((e) => (e as HTMLElement).innerText));
    expect(unavailableTiles).toHaveLength(summary.notAvailableAreas.filter((a: any) => a.state === 'not-available').length);
    for (const tile of unavailableTiles) expect(tile).toContain('Not assessed:');
    await screenshot(page, 'hub-15c-posture-not-available');

    await frame.click('.vigil-posture-filter-bar >> text=Outcome');
    await frame.click('.bolt-list-box >> text=Not available');
    await page.keyboard.press('Escape');
    await frame.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('.vigil-posture-table tbody .bolt-table-row')) as HTMLElement[];
        return rows.length > 0 && rows.every((r) => r.querySelector('.vigil-posture-outcome-not-available'));
      },
      undefined,
      { timeout: 15_000 },
    );
    await frame.click('.vigil-posture-table tbody .bolt-table-row >> nth=0');
    await frame.waitForSelector('.vigil-posture-panel [aria-label="Not available"] .vigil-posture-result');
    expect(await frame.$('.vigil-posture-panel [aria-label="Failing resources"]')).toBeNull();
    await screenshot(page, 'hub-16d-posture-not-available-panel');
  }, 150_000);
});
