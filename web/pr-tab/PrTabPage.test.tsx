import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../common/api';
import { PrTabPage, pullRequestFromConfiguration } from './PrTabPage';
import { gateVerdict } from './gate-verdict';
import { lineText } from './PullRequestFindingsTable';
import { fakeApi, NOW } from '../testing/fixtures';
import { makePrFinding, makePrScan, makePullRequestSecurity } from '../testing/pull-requests';
import { renderWithQueries } from '../testing/render';

const context = { pullRequestId: 42, repository: { id: 'repo-1', name: 'payments-api' } };
const notSeen = () =>
  new ApiError(404, 'Not found', 'Vigil has not seen pull request 42 yet', { type: 'https://vigil.dev/problems/pull-request-not-seen', title: 'Not found', status: 404 });

describe('pr-tab', () => {
  it('reads the documented configuration shape and nested variants', () => {
    expect(pullRequestFromConfiguration({ pullRequestId: 42, repositoryId: 'r1' })).toEqual({ pullRequestId: 42, repositoryId: 'r1' });
    expect(pullRequestFromConfiguration({ pullRequest: { pullRequestId: '7', repository: { id: 'r2' } } })).toEqual({
      pullRequestId: 7,
      repositoryId: 'r2',
    });
    expect(pullRequestFromConfiguration({})).toEqual({ pullRequestId: undefined, repositoryId: undefined });
    expect(pullRequestFromConfiguration({ pullRequestId: 'abc', repositoryId: 5 })).toEqual({ pullRequestId: undefined, repositoryId: undefined });
  });

  describe('the verdict', () => {
    it('failed: counts the new findings at or above the gate the scan used', () => {
      expect(gateVerdict(makePullRequestSecurity())).toMatchObject({ kind: 'failed', title: 'Failed: 1 new finding at or above High' });
      const medium = makePullRequestSecurity({ latestScan: makePrScan({ gateSeverity: 'medium' }) });
      expect(gateVerdict(medium).title).toBe('Failed: 2 new findings at or above Medium');
    });

    it('passed: says how many new findings stay below the gate', () => {
      const low = [makePrFinding({ severity: 'low' })];
      const v = gateVerdict(makePullRequestSecurity({ latestScan: makePrScan({ verdict: 'succeeded', newFindings: low }) }));
      expect(v).toEqual({ kind: 'passed', title: 'Passed: no new finding at or above High', detail: '1 new finding below the gate, listed below.' });
      expect(gateVerdict(makePullRequestSecurity({ latestScan: makePrScan({ verdict: 'succeeded', newFindings: [] }) })).detail).toMatch(/Nothing this pull request adds/);
    });

    it('scanning, error with the reason, and not scanned yet by event mode', () => {
      expect(gateVerdict(makePullRequestSecurity({ latestScan: makePrScan({ state: 'running', verdict: undefined }) }))).toMatchObject({ kind: 'scanning', title: 'Scanning iteration 2…' });
      expect(gateVerdict(makePullRequestSecurity({ latestScan: makePrScan({ state: 'queued', verdict: undefined }) })).kind).toBe('scanning');
      expect(gateVerdict(makePullRequestSecurity({ latestScan: makePrScan({ state: 'failed', verdict: 'error', error: 'ADO answered 503' }) }))).toMatchObject({
        kind: 'error',
        detail: 'ADO answered 503',
      });
      expect(gateVerdict(makePullRequestSecurity({ latestScan: null, eventMode: 'polling' }))).toMatchObject({ kind: 'not-scanned', detail: expect.stringMatching(/polling mode/) });
      expect(gateVerdict(makePullRequestSecurity({ latestScan: null, eventMode: 'hooks' })).detail).toMatch(/Push a new commit/);
      expect(gateVerdict(makePullRequestSecurity({ latestScan: null, eventMode: 'unknown' })).detail).toMatch(/not set up/);
    });
  });

  it('shows the failed verdict, the new findings with their lines and threads, and the existing ones collapsed', async () => {
    const api = fakeApi();
    renderWithQueries(<PrTabPage api={api} context={context} now={NOW} />);
    expect(await screen.findByText('Failed: 1 new finding at or above High')).toBeTruthy();
    expect(api.pullRequestSecurity).toHaveBeenCalledWith('repo-1', 42);
    expect(screen.getByText(/Gate: High and above \(organization setting\)/).textContent).toMatch(/feature\/webhook → main · iteration 2 · commit 9b1c2d3/);

    const newTable = screen.getByRole('table', { name: 'New findings in this pull request' });
    expect(within(newTable).getByText('AWS access key')).toBeTruthy();
    expect(within(newTable).getByText('SEC-AWS-ACCESS-KEY')).toBeTruthy();
    const link = within(newTable).getByText('config/settings.json:12').closest('a')!;
    expect(link.getAttribute('href')).toContain('payments-api?path=/config/settings.json');
    expect(within(newTable).getByText('infra/main.tf:30–34')).toBeTruthy();
    expect(within(newTable).getByText('Comment open')).toBeTruthy();
    expect(within(newTable).getByText('No comment')).toBeTruthy();
    expect(screen.getByText('New in this pull request (2)')).toBeTruthy();

    // Existing findings: counted in the title, hidden until expanded.
    expect(screen.getByText('Existing findings in files this pull request touches (1)')).toBeTruthy();
    expect(screen.queryByText('Slack webhook URL')).toBeNull();
    const expander = screen.getByRole('button', { name: 'Existing findings in files this pull request touches (1)' });
    expect(expander.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(expander);
    const existing = await screen.findByRole('table', { name: 'Existing findings in files this pull request touches' });
    expect(within(existing).getByText('Slack webhook URL')).toBeTruthy();
    expect(within(existing).queryByText('Comment open')).toBeNull();
    // The repository's own findings stay behind a button.
    expect(api.findings).not.toHaveBeenCalled();
  });

  it('a passed gate with nothing new, and the repository setting named', async () => {
    const api = fakeApi({
      pullRequestSecurity: jest.fn(async () =>
        makePullRequestSecurity({ gate: { severity: 'critical', source: 'repository' }, comments: false, latestScan: makePrScan({ verdict: 'succeeded', gateSeverity: 'critical', newFindings: [] }) }),
      ),
    });
    renderWithQueries(<PrTabPage api={api} context={context} now={NOW} />);
    expect(await screen.findByText('Passed: no new finding at or above Critical')).toBeTruthy();
    expect(screen.getByText(/Gate: Critical and above \(this repository's setting\)/).textContent).toMatch(/comments off/);
    expect(screen.getByText(/No new findings: nothing this pull request adds/)).toBeTruthy();
  });

  it('a pull request Vigil has not seen: explains how scans start instead of an error', async () => {
    const api = fakeApi({ pullRequestSecurity: jest.fn(async () => Promise.reject(notSeen())) });
    renderWithQueries(<PrTabPage api={api} context={context} now={NOW} />);
    expect(await screen.findByText('Not scanned yet')).toBeTruthy();
    expect(screen.getByText(/Vigil has not heard of this pull request yet/)).toBeTruthy();
    expect(screen.queryByText(/Could not load/)).toBeNull();
  });

  it('another failure is an error with its reason', async () => {
    const api = fakeApi({ pullRequestSecurity: jest.fn(async () => Promise.reject(new ApiError(502, 'Azure DevOps unavailable', 'ADO answered 503'))) });
    renderWithQueries(<PrTabPage api={api} context={context} now={NOW} />);
    expect(await screen.findByText(/ADO answered 503/)).toBeTruthy();
  });

  it("shows the repository's findings behind a button", async () => {
    const api = fakeApi();
    renderWithQueries(<PrTabPage api={api} context={context} now={NOW} />);
    fireEvent.click(await screen.findByText('Show all open findings of payments-api (default branch)'));
    await waitFor(() => expect(api.findings).toHaveBeenCalled());
    expect(api.findings.mock.calls[0][0]).toMatchObject({ repository: 'repo-1' });
  });

  it('line text: a range, a line, a whole file', () => {
    expect(lineText({ path: 'a.tf', line: 3, endLine: 9 })).toBe('a.tf:3–9');
    expect(lineText({ path: 'a.tf', line: 3, endLine: 3 })).toBe('a.tf:3');
    expect(lineText({ path: 'a.tf' })).toBe('a.tf');
  });

  it('falls back gracefully without a repository or pull request', () => {
    renderWithQueries(<PrTabPage api={fakeApi()} context={{}} />);
    expect(screen.getByText('Could not tell which pull request this is')).toBeTruthy();
  });
});
