// The organization's settings in the hub, in Chromium inside the fake ADO host frame, against the service
// and the fake organization: Settings shows Schedule, Scanners, Retention, Credential, Audit log and the
// danger zone; turning a scanner off shows up in the audit log; disconnecting takes the organization's
// name typed exactly and brings the hub back to the Connect page. Screenshots go to test-output/screenshots/.
import type { Browser, Frame, Page } from 'playwright-core';
import { expectAccessible } from '../host/axe';
import { chromiumAvailable, hubFrame, launchChromium, screenshot, waitForHubLoad } from '../host/chromium';
import type { HostServer } from '../host/host-server';
import { hostForStack } from '../host/stack-host';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

describeIfChromium('organization settings in the hub', () => {
  let stack: Stack;
  let host: HostServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    const res = await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    if (res.status !== 201) throw new Error(`connect: ${res.status} ${JSON.stringify(res.body)}`);
    await waitFor('discovery to list the repositories', async () => (await db().selectFrom('repositories').select('repo_id').execute()).length > 3);
    host = await hostForStack(stack);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stack?.stop();
  }, 60_000);

  const db = () => stack.service.context.store.db;
  const card = (frame: Frame, title: string) => frame.locator(`.vigil-settings:has(.bolt-header-title:text-is("${title}"))`);

  it('toggles a scanner, shows the change in the audit log, and disconnects after the name is typed', async () => {
    await page.goto(host.pageUrl('org-settings', stack.users.admin.id));
    await waitForHubLoad(page);
    const frame = await hubFrame(page);
    await frame.click('.bolt-tab:has-text("Settings")');
    const scanners = card(frame, 'Scanners');
    await scanners.waitFor();
    for (const title of ['Schedule', 'Retention', 'Credential', 'Audit log', 'Danger zone']) await card(frame, title).waitFor();
    await card(frame, 'Credential').locator('text=Personal access token').waitFor();

    const iac = scanners.locator('[role="switch"][aria-label="Infrastructure as code"]');
    expect(await iac.getAttribute('aria-checked')).toBe('true');
    await scanners.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-01-scanners');
    await iac.click();
    await frame.waitForFunction(() => document.querySelector('[role="switch"][aria-label="Infrastructure as code"]')?.getAttribute('aria-checked') === 'false');
    const org = await db().selectFrom('organizations').select(['org_id', 'disabled_scanners']).where('name', '=', 'contoso').executeTakeFirstOrThrow();
    expect(org.disabled_scanners).toEqual(['iac']);

    // The audit log shows the change: who, what, the scanners before and after.
    const audit = card(frame, 'Audit log');
    const row = audit.locator('tbody tr', { hasText: 'disabledScanners' }).first();
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Settings changed');
    expect(text).toContain('disabledScanners: [] → ["iac"]');
    await audit.locator('tbody tr', { hasText: 'Organization connected' }).first().waitFor();
    await audit.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-02-audit-log');
    await expectAccessible(frame, 'Organization settings › Settings');

    // Danger zone: the dialog's button enables only on the exact name.
    await card(frame, 'Danger zone').scrollIntoViewIfNeeded();
    await frame.click('button:has-text("Disconnect organization…")');
    const field = frame.locator('#__bolt-vigil-disconnect-name');
    await field.waitFor();
    // Focus moves into the dialog, to the name field.
    await frame.waitForFunction(() => document.activeElement?.id === '__bolt-vigil-disconnect-name');
    const confirm = frame.locator('button:has-text("Disconnect and delete data")');
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await field.fill('Contoso');
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await screenshot(page, 'settings-03-disconnect-dialog');
    await expectAccessible(frame, 'Organization settings › Disconnect dialog');
    await field.fill('contoso');
    expect(await confirm.getAttribute('aria-disabled')).not.toBe('true');
    await confirm.click();

    // Back to the Connect page; everything of the organization is gone.
    await frame.locator('.vigil-connect .bolt-header-title:text-is("Connect contoso")').waitFor({ timeout: 30_000 });
    await screenshot(page, 'settings-04-connect-again');
    expect(await db().selectFrom('organizations').select('org_id').where('org_id', '=', org.org_id).executeTakeFirst()).toBeUndefined();
    expect(await db().selectFrom('audit_log').select('id').where('org_id', '=', org.org_id).execute()).toEqual([]);
  }, 180_000);
});
