// Settings › Pipeline tokens in Chromium, in the fake ADO host frame, against the service: an administrator
// creates a token (shown once), the pipeline task's upload authenticates with it and the list shows its
// last use, then it is revoked and the upload is refused. Screenshots go to test-output/screenshots/.
import type { Browser, Frame, Page } from 'playwright-core';
import { chromiumAvailable, hubFrame, launchChromium, screenshot, waitForHubLoad } from '../host/chromium';
import type { HostServer } from '../host/host-server';
import { hostForStack } from '../host/stack-host';
import { startStack, type Stack } from '../support/stack';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

describeIfChromium('pipeline tokens in the organization hub', () => {
  let stack: Stack;
  let host: HostServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    const res = await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(res.status).toBe(201);
    host = await hostForStack(stack);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stack?.stop();
  }, 60_000);

  const upload = (token: string) => {
    const repo = stack.fakeAdo.orgs.contoso.repos['web-storefront'];
    return fetch(`${stack.serviceUrl}/api/v1/pipeline/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        run: {
          organizationUrl: stack.org.url,
          project: { id: repo.projectId, name: repo.projectName },
          pipeline: { id: 1, name: 'web-storefront CI' },
          build: { id: 4242, number: '20261207.1', sourceBranch: 'refs/heads/main', sourceVersion: 'd'.repeat(40) },
          repository: { id: repo.id, name: repo.name, type: 'TfsGit' },
        },
        verdict: 'succeeded',
        categories: ['secret'],
        sarif: { version: '2.1.0', runs: [{ tool: { driver: { name: 'Vigil' } }, results: [] }] },
      }),
    });
  };

  const tokensCard = async (frame: Frame) => {
    const card = await frame.waitForSelector('.vigil-pipeline-tokens');
    await card.scrollIntoViewIfNeeded();
    return card;
  };

  it('creates a token shown once, shows its use, and revokes it', async () => {
    await page.goto(host.pageUrl('org-settings', stack.users.admin.id));
    await waitForHubLoad(page);
    const frame = await hubFrame(page);
    await frame.click('.bolt-tab:has-text("Settings")');
    await tokensCard(frame);
    await frame.waitForSelector('.vigil-pipeline-tokens >> text=No pipeline token yet.');

    await frame.fill('.vigil-pipeline-tokens input[aria-label="Name of the new pipeline token"]', 'web-storefront CI');
    await frame.click('.vigil-pipeline-tokens button:has-text("Create token")');
    const shown = await frame.waitForSelector('.vigil-pipeline-token');
    const token = (await shown.innerText()).trim();
    expect(token).toMatch(/^vgp_[A-Za-z0-9_-]{43}$/);
    await frame.waitForSelector('.vigil-pipeline-tokens-table >> text=web-storefront CI');
    await (await tokensCard(frame)).scrollIntoViewIfNeeded();
    await screenshot(page, 'pipeline-tokens-01-created');

    expect((await upload(token)).status).toBe(201);
    // Shown once: after a reload the list names it, the token itself is gone.
    await page.reload();
    await waitForHubLoad(page);
    const again = await hubFrame(page);
    await again.click('.bolt-tab:has-text("Settings")');
    await tokensCard(again);
    const row = await again.waitForSelector('.vigil-pipeline-tokens-table tbody .bolt-table-row');
    const text = await row.innerText();
    expect(text).toContain('web-storefront CI');
    expect(text).not.toContain('Never'); // last used: by the upload just now
    expect(await again.$('.vigil-pipeline-token')).toBeNull();
    expect(await again.evaluate(() => document.body.innerText)).not.toContain(token);

    await again.click('.vigil-pipeline-tokens button[aria-label="Revoke web-storefront CI"]');
    await again.waitForSelector('.vigil-pipeline-tokens-table >> text=/^Revoked/');
    await (await tokensCard(again)).scrollIntoViewIfNeeded();
    await screenshot(page, 'pipeline-tokens-02-revoked');
    expect((await upload(token)).status).toBe(401);
  });
});
