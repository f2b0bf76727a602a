// Screenshots of every hub page on the real stack the demo runs: the fake ADO organization, the service
// (embedded database in a temp dir) and the built hubs in the fake host frame.
//   npx tsx test/host/preview.ts                 connect, scan, then save test-output/screenshots/preview-*.png
//   npx tsx test/host/preview.ts --disconnected  the Connect page only
// Needs `npm run build` first (the service runs from source, the pages from dist/web).
import type { Frame, Page } from 'playwright-core';
import { hubFrame, launchChromium, screenshot, waitForHubLoad } from './chromium';
import type { HubName } from './host-server';
import { hostForStack } from './stack-host';
import { startStack } from '../support/stack';

/** Lets fonts, icons and panel animations settle before a shot. */
const SETTLE_MS = 400;

async function main(): Promise<void> {
  const disconnected = process.argv.includes('--disconnected');
  const stack = await startStack({ logLevel: process.env.VIGIL_LOG_LEVEL ?? 'warn' });
  const { admin, dev } = stack.users;
  const host = await hostForStack(stack);
  const browser = await launchChromium();
  const shots: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const shot = async (name: string) => {
      await page.waitForTimeout(SETTLE_MS);
      shots.push(await screenshot(page, `preview-${name}`));
    };
    const open = async (hub: HubName, userId = admin.id): Promise<Frame> => {
      await page.goto(host.pageUrl(hub, userId));
      await waitForHubLoad(page);
      return hubFrame(page);
    };

    if (disconnected) {
      const frame = await open('org-settings');
      await frame.waitForSelector('.vigil-connect');
      await shot('connect');
    } else {
      await connectedHubs(open, page, shot, stack.connectAndScan, dev.id);
    }
  } finally {
    await browser.close();
    await host.close();
    await stack.stop();
  }
  console.log(shots.join('\n'));
}

type Shot = (name: string) => Promise<void>;
type Open = (hub: HubName, userId?: string) => Promise<Frame>;

/** Every hub page of a connected organization, after its first scans. */
async function connectedHubs(open: Open, page: Page, shot: Shot, connectAndScan: () => Promise<void>, devId: string): Promise<void> {
  await connectAndScan();
  await orgSettings(await open('org-settings'), page, shot);
  await findings(await open('org-settings'), page, shot);

  let frame = await open('project-settings');
  await frame.waitForSelector('.vigil-overview-figures');
  await shot('project-settings-overview');
  await frame.click('.vigil-overview-list .bolt-link >> nth=1');
  await frame.waitForSelector('.vigil-findings-table');
  await shot('project-settings-findings-from-overview');
  await frame.click('.bolt-tab:has-text("Findings")');
  await frame.waitForSelector('.vigil-findings-table');
  await shot('project-settings');
  await frame.click('.bolt-tab:has-text("Repositories")');
  await frame.waitForSelector('.vigil-repositories-table');
  await shot('project-settings-repositories');

  frame = await open('repo-security', devId);
  await frame.waitForSelector('.vigil-scanners-table');
  await frame.waitForSelector('.vigil-findings-table');
  await shot('repo-security');
  await frame.evaluate(() => document.querySelector('.vigil-findings-view')?.scrollIntoView({ block: 'start' }));
  await shot('repo-security-findings');

  frame = await open('pr-tab', devId);
  await frame.waitForSelector('.vigil-scanners-table');
  await shot('pr-tab');
}

/** Repositories, then the last scan of a repository, of one whose scan left warnings, and a TFVC project's panel. */
async function orgSettings(frame: Frame, page: Page, shot: Shot): Promise<void> {
  await frame.waitForSelector('.vigil-overview-figures');
  await frame.waitForSelector('.vigil-overview-chart .recharts-bar-rectangle');
  await shot('org-settings-overview');
  await frame.click('.bolt-tab:has-text("Last 90 days")');
  await frame.waitForSelector('text=New and fixed findings per day, last 90 days');
  await shot('org-settings-overview-90');
  await frame.click('.bolt-tab:has-text("Repositories")');
  await frame.waitForSelector('.vigil-repositories-table >> text=web-storefront');
  await shot('org-settings-repositories');
  await frame.click('.vigil-repositories-table .bolt-table-row:has-text("platform-infra")');
  await frame.waitForSelector('.vigil-repository-panel .vigil-scanner-figures');
  await shot('org-settings-repository-panel');
  await frame.click('.vigil-repository-panel button:has-text("Close")');
  await frame.click('.vigil-repositories-table .bolt-table-row:has-text("hostile-samples")');
  await frame.waitForSelector('.vigil-repository-panel .vigil-scanner-figures');
  await shot('org-settings-repository-panel-hostile');
  await frame.click('.vigil-repository-panel button:has-text("Close")');
  await frame.click('.vigil-repositories-table .bolt-table-row:has-text("Team Foundation Version Control")');
  await frame.waitForSelector('.vigil-repository-panel >> text=Team Foundation Version Control');
  await shot('org-settings-repository-panel-tfvc');
  await frame.click('.vigil-repository-panel button:has-text("Close")');
  await page.keyboard.press('Escape');
}

/** The findings list, one finding, an alert in several places, dismissing it, every state. */
async function findings(frame: Frame, page: Page, shot: Shot): Promise<void> {
  await frame.click('.bolt-tab:has-text("Findings")');
  await frame.waitForSelector('.vigil-findings-table');
  await shot('org-settings-findings');

  await frame.click('.vigil-findings-table .bolt-table-row >> nth=1');
  await frame.waitForSelector('.vigil-finding-panel');
  await shot('org-settings-finding-panel');
  await frame.click('.vigil-finding-panel button:has-text("Close")');

  const grouped = await frame.$('.vigil-findings-table .bolt-table-row:has(.vigil-location-count)');
  if (grouped) {
    await grouped.click();
    await frame.waitForSelector('.vigil-finding-panel >> text=/Found in \\d+ places/');
    await shot('org-settings-alert-locations');
  } else {
    await frame.click('.vigil-findings-table .bolt-table-row >> nth=1');
    await frame.waitForSelector('.vigil-finding-panel');
  }
  await frame.click('.vigil-finding-panel button:has-text("Dismiss")');
  await frame.click('form[aria-label="Dismiss alert"] [role="radio"]:has-text("Accepted risk")');
  await frame.fill('textarea[id$="vigil-dismiss-comment"]', 'Sandbox account without access to production data.');
  await frame.evaluate(() => document.querySelector('form[aria-label="Dismiss alert"]')?.scrollIntoView({ block: 'start' }));
  await shot('org-settings-dismiss-form');
  await frame.click('form[aria-label="Dismiss alert"] button[type="submit"]');
  await frame.waitForSelector('.bolt-toast');
  await shot('org-settings-dismissed-toast');

  await frame.click('.vigil-filter-bar button[aria-label^="State"]');
  for (const state of ['Dismissed', 'Suppressed', 'Fixed']) await frame.click(`.bolt-list-box [role="option"]:has-text("${state}")`);
  await page.keyboard.press('Escape');
  await frame.waitForSelector('.vigil-findings-table >> text=Dismissed');
  await shot('org-settings-all-states');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
