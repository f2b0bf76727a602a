// The build results tab (issue 17 §2) in Chromium, in the fake ADO host frame, against the fake
// organization only (the tab needs no Vigil service): a pipeline run whose CodeAnalysisLogs artifact holds
// the engine's SARIF of web-storefront, scanned against a baseline of its medium and low code findings, shows the
// verdict and the new findings linked at the built commit, the baseline's ones behind a fold; a run
// without the artifact says Vigil did not run; an unreadable one says so. The host hands the tab its build
// through onBuildChanged, the tab reads the artifacts with the user's bearer token (CORS).
// Screenshots go to test-output/screenshots/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { runCli } from '../../service/cli';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';
import { chromiumAvailable, hubFrame, launchChromium, screenshot, waitForHubLoad } from '../host/chromium';
import { startHostServer, type HostServer } from '../host/host-server';
import { WEB_DIR } from '../host/stack-host';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;
const FIXTURE = path.resolve(__dirname, '..', 'fake-ado', 'fixtures', 'repos', 'contoso', 'web-storefront');

/** `vigil scan <fixture> --format sarif [--baseline file]`: the SARIF the task writes. */
async function scanSarif(args: string[]): Promise<string> {
  let out = '';
  await runCli([FIXTURE, '--format', 'sarif', ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined }, env: {} });
  return out;
}

describeIfChromium('the build results tab', () => {
  let fake: FakeAdo;
  let browser: Browser;
  let page: Page;
  const hosts: HostServer[] = [];
  let tmp: string;
  let sarif: any;
  let baselineFingerprints: Set<string>;
  let built: { withScan: any; withoutScan: any; broken: any };

  /** The Build as the builds API answers it (what ADO hands the tab). */
  const buildJson = async (id: number) => {
    const res = await fetch(`${fake.orgUrl('contoso')}/Storefront/_apis/build/builds/${id}?api-version=7.1`, {
      headers: { Authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}`, Accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    return res.json();
  };

  const openTab = async (build: any): Promise<Frame> => {
    const storefront = fake.orgs.contoso.projects.find((p) => p.name === 'Storefront')!;
    const host = await startHostServer({
      webDir: WEB_DIR,
      serviceUrl: '',
      org: { name: 'contoso', id: fake.orgs.contoso.id },
      users: [fake.users.dev],
      appSecret: 'not-used-by-the-build-results-tab',
      project: { id: storefront.id, name: storefront.name },
      build,
      adoUrl: fake.orgUrl('contoso'),
    });
    hosts.push(host);
    await page.goto(host.pageUrl('build-results'));
    await waitForHubLoad(page);
    return hubFrame(page);
  };

  beforeAll(async () => {
    fake = await startFakeAdo();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'vigil-build-results-'));
    // A baseline of the medium and low code findings: the scan against it marks them, the rest is new.
    const full = JSON.parse(await scanSarif([]));
    const inBaseline = (full.runs[0].results as any[]).filter((r) => !r.suppressions?.length && r.properties.category === 'code' && ['medium', 'low'].includes(r.properties.severity));
    baselineFingerprints = new Set(inBaseline.map((r) => r.partialFingerprints['vigil/v1']));
    const baselineFile = path.join(tmp, 'baseline.json');
    writeFileSync(baselineFile, JSON.stringify({ findings: [...baselineFingerprints].map((fingerprint) => ({ fingerprint })) }));
    const text = await scanSarif(['--baseline', baselineFile]);
    sarif = JSON.parse(text);

    const task = { name: 'Vigil security scan', taskName: 'VigilScan', version: '0.1.0' };
    const ids = {
      withScan: fake.completeBuild('contoso', 'Storefront', {
        definition: 'web-storefront CI',
        branch: 'main',
        result: 'failed',
        tasks: [task],
        artifacts: [{ name: 'CodeAnalysisLogs', files: [{ path: 'vigil.sarif', content: text }] }],
      }),
      withoutScan: fake.completeBuild('contoso', 'Storefront', { definition: 'web-storefront CI', branch: 'main', result: 'succeeded' }),
      broken: fake.completeBuild('contoso', 'Storefront', {
        definition: 'web-storefront CI',
        branch: 'main',
        result: 'failed',
        tasks: [task],
        artifacts: [{ name: 'CodeAnalysisLogs', files: [{ path: 'vigil.sarif', content: '<html>proxy error</html>' }] }],
      }),
    };
    built = { withScan: await buildJson(ids.withScan), withoutScan: await buildJson(ids.withoutScan), broken: await buildJson(ids.broken) };
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const h of hosts) await h.close();
    await fake?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  const rows = (frame: Frame, table: string) =>
    frame.$$eval(`${table} tbody .bolt-table-row`, (trs) => trs.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

  it('shows the verdict and the new findings linked at the built commit, the baseline ones folded', async () => {
    const frame = await openTab(built.withScan);
    await frame.waitForSelector('.vigil-build-verdict');
    const results = sarif.runs[0].results as any[];
    const open = results.filter((r) => !r.suppressions?.length);
    const known = results.filter((r) => r.suppressions?.some((s: any) => s.properties?.vigilKind === 'baseline'));
    expect(known.length).toBe(baselineFingerprints.size);
    expect(open.length).toBeGreaterThan(5);

    const verdict = await frame.innerText('.vigil-build-verdict-title');
    const failing = open.filter((r) => ['critical', 'high'].includes(r.properties.severity) && r.properties.confidence !== 'low');
    expect(verdict).toBe(`Failed: ${failing.length} new findings at or above High`);
    expect(await frame.innerText('.vigil-build-verdict')).toContain(`Build ${built.withScan.buildNumber} · commit ${built.withScan.sourceVersion.slice(0, 8)}`);

    const fresh = await rows(frame, '.vigil-build-new');
    expect(fresh).toHaveLength(open.length);
    // Most severe first.
    expect(fresh[0]).toMatch(/^Critical /);
    const link = await frame.$eval('.vigil-build-new a.vigil-build-file[title=".npmrc:2"]', (a) => (a as HTMLAnchorElement).href);
    const url = new URL(link);
    expect(url.pathname).toBe('/contoso/Storefront/_git/web-storefront');
    expect(url.searchParams.get('path')).toBe('/.npmrc');
    expect(url.searchParams.get('version')).toBe(`GC${built.withScan.sourceVersion}`);
    await screenshot(page, 'build-results-01-findings');

    await frame.click('.vigil-build-baseline button[aria-expanded="false"]');
    await frame.waitForSelector('.vigil-build-baseline tbody .bolt-table-row');
    const folded = await rows(frame, '.vigil-build-baseline');
    expect(folded).toHaveLength(known.length);
    expect(folded.every((r) => r.includes('In baseline'))).toBe(true);
    await frame.evaluate(() => document.querySelector('.vigil-build-baseline')!.scrollIntoView());
    await screenshot(page, 'build-results-02-baseline');

    // The tab read the artifacts from ADO as the user (bearer), through CORS, and asked for the zip.
    const calls = fake.requests.filter((r) => r.path.endsWith(`/_apis/build/builds/${built.withScan.id}/artifacts`));
    expect(calls.map((c) => [c.method, c.auth, c.status])).toEqual([
      ['OPTIONS', 'none', 204], // the preflight of a cross-origin call with an Authorization header
      ['GET', 'bearer:dev', 200],
      ['OPTIONS', 'none', 204],
      ['GET', 'bearer:dev', 200],
    ]);
    expect(calls[3].query).toContain('artifactName=CodeAnalysisLogs');
  });

  it('says Vigil did not run in a build without the artifact, with the step to add', async () => {
    const frame = await openTab(built.withoutScan);
    await frame.waitForSelector('text=Vigil did not run in this build');
    expect(await frame.innerText('.vigil-build-snippet')).toContain('- task: VigilScan@0');
    await screenshot(page, 'build-results-03-not-run');
  });

  it('says so when the artifact is not readable', async () => {
    const frame = await openTab(built.broken);
    const alert = await frame.waitForSelector('[role="alert"]');
    expect(await alert.innerText()).toContain('Could not read the CodeAnalysisLogs artifact: CodeAnalysisLogs/vigil.sarif is not valid JSON');
    await screenshot(page, 'build-results-04-unreadable');
  });
});
