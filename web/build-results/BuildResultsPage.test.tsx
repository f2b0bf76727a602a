import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { strToU8, zipSync } from 'fflate';
import { renderWithQueries } from '../testing/render';
import type { ArtifactRead } from './build-artifacts';
import { BuildResultsPage, TASK_SNIPPET, verdictText } from './BuildResultsPage';
import { buildFromConfiguration, readBuildScan, sarifFilesFromZip, toBuildRef, UnreadableArtifactError, type BuildRef } from './build-scan';

const SHA = '3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';
const BUILD: BuildRef = {
  id: 311,
  buildNumber: '20261207.4',
  project: { id: 'p-1', name: 'Storefront' },
  repository: { id: 'r-1', name: 'web-storefront', type: 'TfsGit', url: 'https://dev.azure.com/contoso/Storefront/_git/web-storefront' },
  sourceVersion: SHA,
  sourceBranch: 'refs/pull/42/merge',
};

/** A Vigil log as engine/sarif.ts writes it: severity, category and confidence in properties, the fingerprint under vigil/v1. */
function vigilLog(opts: { baseline?: boolean; properties?: Record<string, unknown> } = {}) {
  const result = (ruleId: string, severity: string, path: string, line: number, fp: string, extra: Record<string, unknown> = {}) => ({
    ruleId,
    level: severity === 'critical' || severity === 'high' ? 'error' : 'warning',
    message: { text: `${ruleId} in ${path}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: path, uriBaseId: '%SRCROOT%' }, region: { startLine: line } } }],
    partialFingerprints: { 'vigil/v1': fp },
    properties: { severity, confidence: 'high', category: ruleId.startsWith('SEC') ? 'secret' : 'iac' },
    ...extra,
  });
  const inBaseline = opts.baseline ? { suppressions: [{ kind: 'external', status: 'accepted', properties: { vigilKind: 'baseline' } }] } : {};
  return {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Vigil', version: '0.1.0', rules: [{ id: 'SEC-NPM-ACCESS-TOKEN', shortDescription: { text: 'npm access token' }, helpUri: 'https://docs.npmjs.com/' }] } },
        results: [
          result('IAC-TF-STORAGE-TLS', 'medium', 'infra/main tf/storage.tf', 12, 'fp-tls', inBaseline),
          result('SEC-NPM-ACCESS-TOKEN', 'critical', '.npmrc', 2, 'fp-npm'),
          result('SEC-GENERIC-PASSWORD', 'high', 'src/config.js', 4, 'fp-pw', { suppressions: [{ kind: 'inSource', status: 'accepted', justification: 'test fixture' }] }),
        ],
        ...(opts.properties ? { properties: opts.properties } : {}),
      },
    ],
  };
}

/** Another tool's log: no Vigil properties, a security-severity on the rule, a level on the result. */
const otherLog = {
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'Semgrep', rules: [{ id: 'js.eval', shortDescription: { text: 'eval of user input' }, properties: { 'security-severity': '7.5' } }] } },
      results: [
        { ruleId: 'js.eval', ruleIndex: 0, level: 'warning', message: { text: 'eval(req.query.x)' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js' }, region: { startLine: 9 } } }] },
        { ruleId: 'js.note', level: 'note', message: { text: 'a note' } },
      ],
    },
  ],
};

const zipOf = (files: Record<string, unknown>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, doc]) => [name, typeof doc === 'string' ? strToU8(doc) : strToU8(JSON.stringify(doc))])));

const found = (files: Record<string, unknown>): ArtifactRead => ({ kind: 'found', files: sarifFilesFromZip(zipOf(files)) });

describe('build results: reading the artifact', () => {
  it('takes every .sarif file of the zip, most severe first, links files at the built commit, counts suppressed apart', () => {
    const files = sarifFilesFromZip(zipOf({ 'CodeAnalysisLogs/vigil.sarif': vigilLog(), 'CodeAnalysisLogs/semgrep.sarif': otherLog, 'CodeAnalysisLogs/readme.txt': 'not a log' }));
    expect(files.map((f) => f.name)).toEqual(['CodeAnalysisLogs/semgrep.sarif', 'CodeAnalysisLogs/vigil.sarif']);
    const scan = readBuildScan(files, BUILD);
    expect(scan.findings.map((f) => [f.tool, f.ruleId, f.severity])).toEqual([
      ['Vigil', 'SEC-NPM-ACCESS-TOKEN', 'critical'],
      ['Semgrep', 'js.eval', 'high'], // security-severity 7.5 outranks the result's level
      ['Vigil', 'IAC-TF-STORAGE-TLS', 'medium'],
      ['Semgrep', 'js.note', 'low'], // level note, no location
    ]);
    expect(scan.suppressed).toBe(1);
    expect(scan.hasBaseline).toBe(false);
    const npm = scan.findings[0];
    expect(npm).toMatchObject({ title: 'npm access token', path: '.npmrc', line: 2, fingerprint: 'fp-npm', helpUri: 'https://docs.npmjs.com/' });
    const url = new URL(npm.webUrl!);
    expect(url.origin + url.pathname).toBe('https://dev.azure.com/contoso/Storefront/_git/web-storefront');
    expect(url.searchParams.get('path')).toBe('/.npmrc');
    expect(url.searchParams.get('version')).toBe(`GC${SHA}`);
    expect(url.searchParams.get('line')).toBe('2');
    expect(new URL(scan.findings[2].webUrl!).searchParams.get('path')).toBe('/infra/main tf/storage.tf');
    expect(scan.findings[3].webUrl).toBeUndefined();
    // Computed, as the task judges by default: a critical finding fails at high.
    expect(scan).toMatchObject({ verdict: 'failed', failOn: 'high', verdictFromTask: false });
  });

  it("reads the task's verdict and fail-on from the run's properties, and its baseline marks", () => {
    const scan = readBuildScan(sarifFilesFromZip(zipOf({ 'a/vigil.sarif': vigilLog({ baseline: true, properties: { verdict: 'succeededWithIssues', failOn: 'critical' } }) })), BUILD);
    expect(scan).toMatchObject({ verdict: 'succeededWithIssues', failOn: 'critical', verdictFromTask: true, hasBaseline: true });
    expect(scan.findings.find((f) => f.ruleId === 'IAC-TF-STORAGE-TLS')).toMatchObject({ baselineState: 'unchanged', suppressed: false });
  });

  it('links GitHub sources on github.com, and none without a commit', () => {
    const gh = readBuildScan([{ name: 'v.sarif', text: JSON.stringify(vigilLog()) }], { ...BUILD, repository: { id: 'contoso/web', type: 'GitHub' } });
    expect(gh.findings[0].webUrl).toBe(`https://github.com/contoso/web/blob/${SHA}/.npmrc#L2`);
    const noSha = readBuildScan([{ name: 'v.sarif', text: JSON.stringify(vigilLog()) }], { ...BUILD, sourceVersion: undefined });
    expect(noSha.findings.every((f) => f.webUrl === undefined)).toBe(true);
  });

  it('names the file that is not JSON or not SARIF, and a zip that is not one', () => {
    expect(() => readBuildScan([{ name: 'x/broken.sarif', text: '{ nope' }], BUILD)).toThrow(new UnreadableArtifactError('x/broken.sarif is not valid JSON'));
    expect(() => readBuildScan([{ name: 'x/odd.sarif', text: '{"version":"2.1.0"}' }], BUILD)).toThrow(/x\/odd\.sarif: Not a SARIF log/);
    expect(() => sarifFilesFromZip(new Uint8Array([1, 2, 3, 4]))).toThrow(UnreadableArtifactError);
  });

  it('finds the build in the configuration: onBuildChanged (now and on updates), or build / buildId', async () => {
    const raw = { id: 311, buildNumber: '20261207.4', project: { id: 'p-1', name: 'Storefront' }, repository: { id: 'r-1', type: 'TfsGit', url: 'https://x/_git/r' }, sourceVersion: SHA };
    let callback: ((b: unknown) => void) | undefined;
    const later = jest.fn();
    const first = buildFromConfiguration({ onBuildChanged: (cb: (b: unknown) => void) => { callback = cb; cb(raw); } }, later);
    await expect(first).resolves.toEqual(toBuildRef(raw));
    callback!({ ...raw, buildNumber: '20261207.5', status: 2 });
    expect(later).toHaveBeenCalledWith(expect.objectContaining({ id: 311, buildNumber: '20261207.5', status: '2' }));
    await expect(buildFromConfiguration({ buildId: '12', projectId: 'p-9' })).resolves.toEqual({ id: 12, project: { id: 'p-9' } });
    await expect(buildFromConfiguration({})).resolves.toBeUndefined();
    expect(toBuildRef({ id: 'x', project: { id: 'p' } })).toBeUndefined();
  });
});

describe('build results: the page', () => {
  it("shows the task's own verdict and fail-on (runs[0].properties.vigil) rather than recomputing at High", async () => {
    // Recomputed at High, the critical .npmrc token would fail the build; the task's word is what is shown.
    const log = vigilLog({ baseline: true, properties: { vigil: { verdict: 'succeeded', failOn: 'critical', baseline: 'service', categories: ['secret', 'iac'] } } });
    renderWithQueries(<BuildResultsPage build={BUILD} readArtifact={async () => found({ 'CodeAnalysisLogs/vigil.sarif': log })} />);
    const status = (await screen.findByRole('status')).textContent!;
    expect(status).not.toContain('Failed');
    expect(screen.getByText(/verdict from the task \(fail on Critical\) · baseline: the Vigil service's last results/)).toBeTruthy();
  });

  it('shows the verdict, the counts and the findings with their file linked at the commit', async () => {
    renderWithQueries(<BuildResultsPage build={BUILD} readArtifact={async () => found({ 'CodeAnalysisLogs/vigil.sarif': vigilLog() })} />);
    expect((await screen.findByRole('status')).textContent).toContain('Failed: 1 finding at or above High');
    expect(screen.getByText(/Build 20261207.4 · commit 3f1c2d4e · Vigil 0.1.0 · 1 SARIF file · 1 suppressed · verdict computed/)).toBeTruthy();
    const counts = screen.getByLabelText('Findings by severity');
    expect(within(counts).getByLabelText('Severity Critical 1')).toBeTruthy();
    expect(within(counts).getByLabelText('Severity Medium 1')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Findings in this build' });
    expect(within(table).getByText('npm access token')).toBeTruthy();
    const link = within(table).getByRole('link', { name: '.npmrc:2' });
    expect(link.getAttribute('href')).toContain(`version=GC${SHA}`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(within(table).queryByText('SEC-GENERIC-PASSWORD')).toBeNull(); // suppressed
  });

  it('splits new findings from those already in the baseline (collapsed)', async () => {
    renderWithQueries(<BuildResultsPage build={BUILD} readArtifact={async () => found({ 'l/vigil.sarif': vigilLog({ baseline: true }) })} />);
    expect((await screen.findByRole('status')).textContent).toContain('Failed: 1 new finding at or above High');
    // The counts are those of the new findings: the baseline's medium one is not among them.
    const counts = screen.getByLabelText('New findings by severity');
    expect(within(counts).getByLabelText('Severity Critical 1')).toBeTruthy();
    expect(within(counts).queryByLabelText('Severity Medium 1')).toBeNull();
    expect(screen.getByText('New in this build (1)')).toBeTruthy();
    const expander = screen.getByRole('button', { name: 'Already in the baseline (1)' });
    expect(expander.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('table', { name: 'Findings already in the baseline' })).toBeNull();
    fireEvent.click(expander);
    const known = await screen.findByRole('table', { name: 'Findings already in the baseline' });
    expect(within(known).getByText('In baseline')).toBeTruthy();
  });

  it('says Vigil did not run when the build has no CodeAnalysisLogs artifact, with the step to add', async () => {
    renderWithQueries(<BuildResultsPage build={BUILD} readArtifact={async () => ({ kind: 'missing' })} />);
    expect(await screen.findByText('Vigil did not run in this build')).toBeTruthy();
    expect(screen.getByText(/published no CodeAnalysisLogs artifact/)).toBeTruthy();
    expect(screen.getByText((_t, el) => el?.tagName === 'PRE' && el.textContent === TASK_SNIPPET)).toBeTruthy();
  });

  it('reads the artifact again when the build it shows completes (a running build may not have published it yet)', async () => {
    const read = jest.fn(async (): Promise<ArtifactRead> => ({ kind: 'missing' }));
    const { rerender } = renderWithQueries(<BuildResultsPage build={{ ...BUILD, status: '1' }} readArtifact={read} />);
    expect(await screen.findByText('This run is still in progress')).toBeTruthy();
    expect(screen.queryByText('Vigil did not run in this build')).toBeNull();
    read.mockImplementation(async () => found({ 'CodeAnalysisLogs/vigil.sarif': vigilLog() }));
    rerender(<BuildResultsPage build={{ ...BUILD, status: '2' }} readArtifact={read} />);
    expect((await screen.findByRole('status')).textContent).toContain('Failed');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reports an unreadable artifact clearly, and one with no SARIF file', async () => {
    const { unmount } = renderWithQueries(
      <BuildResultsPage build={BUILD} readArtifact={async () => ({ kind: 'found', files: [{ name: 'CodeAnalysisLogs/vigil.sarif', text: '<html>' }] })} />,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Could not read the CodeAnalysisLogs artifact: CodeAnalysisLogs/vigil.sarif is not valid JSON');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull(); // the file will not change
    unmount();
    renderWithQueries(<BuildResultsPage build={BUILD} readArtifact={async () => found({ 'CodeAnalysisLogs/notes.txt': 'x' })} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The CodeAnalysisLogs artifact holds no .sarif file');
  });

  it('a run with no findings passes and says so; a missing build is named', async () => {
    const empty = { version: '2.1.0', runs: [{ tool: { driver: { name: 'Vigil', version: '0.1.0' } }, results: [] }] };
    const { unmount } = renderWithQueries(<BuildResultsPage build={BUILD} readArtifact={async () => found({ 'c/vigil.sarif': empty })} />);
    expect((await screen.findByRole('status')).textContent).toContain('Passed: no finding at or above High');
    expect(screen.getByText('No findings')).toBeTruthy();
    unmount();
    const read = jest.fn();
    renderWithQueries(<BuildResultsPage readArtifact={read} />);
    expect(screen.getByText('Could not tell which build this is')).toBeTruthy();
    await waitFor(() => expect(read).not.toHaveBeenCalled());
  });

  it('words the verdict for fail-on none and for a pass with findings below the gate', () => {
    const scan = readBuildScan([{ name: 'v.sarif', text: JSON.stringify(vigilLog({ properties: { verdict: 'succeededWithIssues', failOn: 'none' } })) }], BUILD);
    expect(verdictText(scan).title).toBe('Passed: the scan never fails this build');
    const log = vigilLog({ properties: { verdict: 'succeededWithIssues', failOn: 'critical' } });
    log.runs[0].results = log.runs[0].results.filter((r) => r.ruleId !== 'SEC-NPM-ACCESS-TOKEN');
    const passed = readBuildScan([{ name: 'v.sarif', text: JSON.stringify(log) }], BUILD);
    expect(verdictText(passed)).toEqual({ title: 'Passed: no finding at or above Critical', detail: '1 finding below Critical.' });
  });
});
