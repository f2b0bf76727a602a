// Look at the hub pages without the service: the mock /api/v1 + the fake host frame.
//   npx tsx test/host/preview.ts                 serve on http://127.0.0.1:4010 until Ctrl-C
//   npx tsx test/host/preview.ts --screenshots   save every hub to test-output/screenshots/preview-*.png
// Needs `npm run build:web` first.
import path from 'node:path';
import { hubFrame, launchChromium, screenshot, waitForHubLoad } from './chromium';
import { type HubName, startHostServer } from './host-server';
import { MOCK_PROJECTS, MOCK_REPOS, startMockApi } from './mock-api';

async function main() {
  const shots = process.argv.includes('--screenshots');
  const disconnected = process.argv.includes('--disconnected');
  const api = await startMockApi({ port: shots ? 0 : 4011, connected: !disconnected, scanStepMs: 6000 });
  const host = await startHostServer({
    port: shots ? 0 : 4010,
    webDir: path.resolve(__dirname, '..', '..', 'dist', 'web'),
    serviceUrl: api.url,
    org: { name: 'contoso' },
    users: [
      { id: 'user-admin', displayName: 'Ada Admin', accessToken: 'fake-access-ada' },
      { id: 'user-dev', displayName: 'Dev Reader', accessToken: 'fake-access-dev' },
    ],
    appSecret: 'preview-secret',
    project: MOCK_PROJECTS[0],
    repository: { id: MOCK_REPOS[0].id, name: MOCK_REPOS[0].name },
    pullRequestId: 42,
  });
  if (!shots) {
    console.log(`fake host: ${host.pageUrl('org-settings')}\nmock api:  ${api.url}/api/v1`);
    return;
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const hubs: HubName[] = ['org-settings', 'project-settings', 'repo-security', 'pr-tab'];
    for (const hub of hubs) {
      await page.goto(host.pageUrl(hub));
      await waitForHubLoad(page);
      const frame = await hubFrame(page);
      await frame.waitForSelector('.bolt-table, .vigil-connect, .vigil-empty-state', { timeout: 15_000 }).catch(async (err) => {
        console.log(await screenshot(page, `preview-${hub}-failed`));
        throw err;
      });
      await page.waitForTimeout(300);
      console.log(await screenshot(page, `preview-${hub}${disconnected ? '-disconnected' : ''}`));
      if (hub === 'org-settings' && !disconnected) {
        await frame.click('text=Findings');
        await frame.waitForSelector('.vigil-findings-table');
        await page.waitForTimeout(300);
        console.log(await screenshot(page, 'preview-org-settings-findings'));
        await frame.click('.vigil-findings-table .bolt-table-row >> nth=1');
        await frame.waitForSelector('.vigil-finding-panel');
        await page.waitForTimeout(500);
        console.log(await screenshot(page, 'preview-org-settings-finding-panel'));
        const footer = await frame.$('.vigil-finding-panel .bolt-panel-footer');
        console.log('panel footer box:', footer ? await footer.boundingBox() : 'none');
        await frame.click('.vigil-finding-panel button:has-text("Close")');

        // One alert in three places, then dismissing it.
        await frame.click('.vigil-findings-table .bolt-table-row:has-text("3 locations")');
        await frame.waitForSelector('.vigil-finding-panel >> text=Found in 3 places');
        await page.waitForTimeout(500);
        console.log(await screenshot(page, 'preview-org-settings-alert-locations'));
        await frame.click('.vigil-finding-panel button:has-text("Dismiss")');
        await frame.click('form[aria-label="Dismiss alert"] [role="radio"]:has-text("Accepted risk")');
        await frame.fill('textarea[id$="vigil-dismiss-comment"]', 'Sandbox account without access to production data.');
        await frame.evaluate(() => document.querySelector('form[aria-label="Dismiss alert"]')?.scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(300);
        console.log(await screenshot(page, 'preview-org-settings-dismiss-form'));
        await frame.click('form[aria-label="Dismiss alert"] button[type="submit"]');
        await frame.waitForSelector('.bolt-toast');
        await page.waitForTimeout(800);
        console.log(await screenshot(page, 'preview-org-settings-dismissed-toast'));

        // Every state, with the State column.
        await frame.click('.vigil-filter-bar button[aria-label^="State"]');
        for (const state of ['Dismissed', 'Suppressed', 'Fixed']) await frame.click(`.bolt-list-box [role="option"]:has-text("${state}")`);
        await page.keyboard.press('Escape');
        await frame.waitForSelector('.vigil-findings-table >> text=Suppressed');
        await page.waitForTimeout(300);
        console.log(await screenshot(page, 'preview-org-settings-all-states'));
        await frame.click('.vigil-findings-table .bolt-table-row:has-text("Dismissal expired")');
        await frame.waitForSelector('.vigil-dismissal-expired');
        await page.waitForTimeout(500);
        console.log(await screenshot(page, 'preview-org-settings-expired-dismissal'));
      }
    }
  } finally {
    await browser.close();
    await host.close();
    await api.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
