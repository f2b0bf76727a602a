// A pipeline run's findings in the hub (issue 17), in Chromium, in the fake ADO host frame, against the
// service: a run of web-storefront uploaded with a pipeline token, then Project settings › Vigil ›
// Findings with Source "Pipeline runs" lists it, and its details panel is read-only and names the run
// (the build linked in Azure DevOps). Screenshots go to test-output/screenshots/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../../service/cli';
import { createdPipelineTokenSchema } from '../../service/contract/pipeline-api';
import { contractApi } from '../integration/contract';
import { chromiumAvailable, hubFrame, launchChromium, screenshot, waitForHubLoad } from '../host/chromium';
import type { HostServer } from '../host/host-server';
import { hostForStack } from '../host/stack-host';
import { startStack, type Stack } from '../support/stack';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;
const FIXTURE = path.resolve(__dirname, '..', 'fake-ado', 'fixtures', 'repos', 'contoso', 'web-storefront');

describeIfChromium('pipeline run findings in the hub', () => {
  let stack: Stack;
  let host: HostServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    await stack.connectAndScan();
    host = await hostForStack(stack);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stack?.stop();
  }, 60_000);

  it('Source "Pipeline runs" lists the run\'s findings; one opens read-only with its build linked', async () => {
    const api = contractApi(stack);
    const { token } = (await api.ok(createdPipelineTokenSchema, stack.users.admin, 'POST', '/api/v1/pipeline/tokens', { name: 'storefront CI' })).body;
    let sarif = '';
    await runCli([FIXTURE, '--format', 'sarif', '--category', 'secret'], { stdout: { write: (s: string) => (sarif += s) }, stderr: { write: () => undefined }, env: {} });
    const repo = stack.fakeAdo.orgs.contoso.repos['web-storefront'];
    const run = {
      organizationUrl: stack.org.url,
      project: { id: repo.projectId, name: repo.projectName },
      pipeline: { id: 7, name: 'storefront-ci' },
      build: { id: 9401, number: '20261207.9', reason: 'PullRequest', sourceBranch: 'refs/pull/42/merge', sourceVersion: 'e'.repeat(40) },
      repository: { id: repo.id, name: repo.name, type: 'TfsGit' },
      pullRequestId: 42,
      targetBranch: 'refs/heads/main',
    };
    const res = await fetch(`${stack.serviceUrl}/api/v1/pipeline/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ run, verdict: 'failed', categories: ['secret'], sarif: JSON.parse(sarif) }),
    });
    expect(res.status).toBe(201);

    await page.goto(host.pageUrl('project-settings', stack.users.admin.id));
    await waitForHubLoad(page);
    const frame = await hubFrame(page);
    await frame.click('.bolt-tab:has-text("Findings")');
    await frame.waitForSelector('.vigil-findings-table');
    // The filter bar shows its dropdowns a page at a time behind ‹ › when they do not fit: Source is on the last.
    const source = '.vigil-filter-bar button[aria-label^="Source"]';
    for (let i = 0; i < 12 && !(await frame.isVisible(source)); i++) {
      const pages = await frame.$$('.vigil-filter-bar .vss-FilterBar-page-button');
      if (pages.length < 2) break;
      await pages[pages.length - 1].click();
    }
    await frame.click(source);
    await frame.click('.bolt-list-box [role="option"]:has-text("Pipeline runs")');
    await page.keyboard.press('Escape');
    await frame.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('.vigil-findings-table tbody .bolt-table-row')) as HTMLElement[];
      return rows.length > 0 && !document.querySelector('.vigil-export-csv');
    });
    await screenshot(page, 'pipeline-findings-01-list');

    await frame.click('.vigil-findings-table tbody .bolt-table-row');
    const section = await frame.waitForSelector('.vigil-pipeline-run');
    const text = await section.innerText();
    expect(text).toContain('storefront-ci');
    expect(text).toContain('20261207.9');
    const href = await frame.$eval('.vigil-pipeline-run a', (a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(`${stack.org.url.replace(/\/+$/, '')}/${repo.projectId}/_build/results?buildId=9401`);
    expect(await frame.$('.vigil-finding-panel button:has-text("Dismiss")')).toBeNull();
    await screenshot(page, 'pipeline-findings-02-details');
  }, 120_000);
});
