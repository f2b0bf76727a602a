// Live scan progress, a repository's scan history and the grouped Findings list.
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ScanDto } from '../../service/contract/api';
import { createApiClient } from './api';
import { createFindingsFilter, FindingsView } from './FindingsView';
import { fromUrlParams, toUrlParams } from './findings-url-state';
import { PROGRESS_POLL_MS } from './queries';
import { RepositoriesView } from './RepositoriesView';
import { ScanProgress } from './ScanProgress';
import { fakeApi, fakeResponse, makeFinding, makeRepo, makeScan, makeScannerRun, makeWarning, NOW, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const running = (progress: ScanDto['progress']): ScanDto => makeScan({ state: 'running', finishedAt: undefined, durationMs: undefined, progress });
const at = new Date(NOW).toISOString();
const panel = () => document.querySelector('.vigil-repository-panel') as HTMLElement;

describe('ScanProgress', () => {
  it('shows the phase, a bar of files done of total and the findings so far', () => {
    render(<ScanProgress scan={running({ phase: 'scanning', filesDone: 340, filesTotal: 1200, findings: 3, updatedAt: at })} label="payments-api" />);
    expect(screen.getByText('Scanning')).toBeTruthy();
    expect(screen.getByText('340 of 1,200 files · 3 findings so far')).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Scan of payments-api' });
    expect(bar.getAttribute('aria-valuenow')).toBe('28');
    expect(screen.getByText('28%')).toBeTruthy();
  });

  it('shows a bar without a share while the total is unknown, and no bar for a queued scan', () => {
    const { rerender } = render(<ScanProgress scan={running({ phase: 'downloading', filesDone: 0, findings: 0, updatedAt: at })} label="r" />);
    expect(screen.getByText('Downloading')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Downloading');
    rerender(<ScanProgress scan={running(undefined)} label="r" />);
    expect(screen.getByText('Starting')).toBeTruthy();
    rerender(<ScanProgress scan={{ state: 'queued' }} label="r" />);
    expect(screen.getByText('Queued')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    rerender(<ScanProgress scan={makeScan()} label="r" />);
    expect(screen.queryByText('Queued')).toBeNull();
  });
});

describe('live progress on the Repositories tab', () => {
  afterEach(() => jest.useRealTimers());

  it('shows each scanning repository its progress and follows it, in the row and in the open panel, then stops polling', async () => {
    jest.useFakeTimers();
    const states = [
      makeRepo({ scanState: 'running', lastScan: running({ phase: 'scanning', filesDone: 10, filesTotal: 100, findings: 1, updatedAt: at }) }),
      makeRepo({ scanState: 'running', lastScan: running({ phase: 'saving', filesDone: 100, filesTotal: 100, findings: 4, updatedAt: at }) }),
      makeRepo(),
    ];
    let call = 0;
    const api = fakeApi({ repositories: jest.fn(async () => page([states[Math.min(call++, states.length - 1)]])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    expect(await screen.findByText('10 of 100 files · 1 finding so far')).toBeTruthy();
    fireEvent.click(screen.getByText('payments-api'));
    await waitFor(() => expect(panel()).toBeTruthy());
    expect(within(panel()).getByText('10 of 100 files · 1 finding so far')).toBeTruthy();

    await act(async () => void jest.advanceTimersByTime(PROGRESS_POLL_MS));
    await waitFor(() => expect(within(panel()).getByText('Saving results')).toBeTruthy());
    expect(within(panel()).getByText('100 of 100 files · 4 findings so far')).toBeTruthy();

    await act(async () => void jest.advanceTimersByTime(PROGRESS_POLL_MS));
    await waitFor(() => expect(screen.queryAllByRole('progressbar')).toHaveLength(0));
    const calls = api.repositories.mock.calls.length;
    await act(async () => void jest.advanceTimersByTime(10 * PROGRESS_POLL_MS));
    expect(api.repositories.mock.calls.length).toBe(calls);
  });
});

describe('Scans tab of the repository panel', () => {
  it('lists the scans newest first and shows one scan with its scanners, warnings and error', async () => {
    const scans = [
      makeScan({ id: 'scan-3', kind: 'incremental', filesScanned: 4, findingsNew: 1, findingsFixed: 2, commitSha: 'aaaaaaaaaaaa1111', warnings: [makeWarning()] }),
      makeScan({ id: 'scan-2', state: 'failed', error: 'The default branch main was not found', filesScanned: undefined, commitSha: undefined, scanners: [] }),
      makeScan({ id: 'scan-1', kind: 'full', scanners: [makeScannerRun()] }),
    ];
    const api = fakeApi({ repositoryScans: jest.fn(async () => page(scans)) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    fireEvent.click(await screen.findByText('payments-api'));
    await waitFor(() => expect(panel()).toBeTruthy());
    fireEvent.click(within(panel()).getByRole('tab', { name: 'Scans' }));
    const table = await within(panel()).findByRole('grid', { name: 'Scans of payments-api' });
    expect(api.repositoryScans).toHaveBeenCalledWith('repo-1', { cursor: undefined, limit: 20 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText('Incremental')).toBeTruthy();
    expect(within(rows[0]).getByText('aaaaaaaa')).toBeTruthy();
    expect(within(rows[1]).getByText('Failed')).toBeTruthy();
    expect(within(panel()).getByText('3 scans · newest first · choose one for its scanners, warnings and errors')).toBeTruthy();

    fireEvent.click(within(rows[1]).getByText('Failed'));
    const detail = await within(panel()).findByRole('region', { name: 'Scan detail' });
    expect(within(detail).getAllByText('The default branch main was not found').length).toBeGreaterThan(0);
    fireEvent.click(within(rows[0]).getByText('Incremental'));
    await waitFor(() => expect(within(within(panel()).getByRole('region', { name: 'Scan detail' })).getByText('assets/video.mp4')).toBeTruthy());
  });
});

describe('grouped Findings list', () => {
  it('keeps the grouping in the URL and reads back only a known one', () => {
    const filter = createFindingsFilter();
    filter.setFilterItemState('groupBy', { value: 'rule' });
    expect(toUrlParams(filter.getState())).toEqual({ state: 'open', groupBy: 'rule' });
    expect(fromUrlParams({ groupBy: 'repository' })).toEqual({ groupBy: { value: 'repository' } });
    expect(fromUrlParams({ groupBy: 'title' })).toEqual({});
  });

  it('asks the service for groups with the filters and search, and expands a group into its findings', async () => {
    const fetch = jest.fn(async (url: string) => {
      const u = new URL(url, 'https://vigil.test');
      if (u.pathname === '/api/v1/repositories') return fakeResponse(200, page([makeRepo()]));
      if (u.pathname === '/api/v1/findings/groups') {
        return fakeResponse(200, page([
          { key: 'SEC-GITHUB-PAT', name: 'SEC-GITHUB-PAT', title: 'GitHub token', category: 'secret', count: 2, severities: { critical: 2, high: 0, medium: 0, low: 0, info: 0 } },
          { key: 'IAC-TF-001', name: 'IAC-TF-001', title: 'Public bucket', category: 'iac', count: 1, severities: { critical: 0, high: 0, medium: 1, low: 0, info: 0 } },
        ]));
      }
      if (u.pathname === '/api/v1/findings') return fakeResponse(200, page(u.searchParams.get('rule') ? [makeFinding({ id: 'f-9', title: 'GitHub token in config' })] : [makeFinding()], undefined, 3));
      return fakeResponse(404, { type: 'about:blank', title: 'Not found', status: 404 });
    });
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    const urls = () => fetch.mock.calls.map((c) => new URL(String(c[0])));
    const filter = createFindingsFilter();
    filter.setFilterItemState('severity', { value: ['critical', 'medium'] });
    filter.setFilterItemState('q', { value: 'token' });
    filter.setFilterItemState('groupBy', { value: 'rule' });
    renderWithQueries(<FindingsView api={api} scope={{ project: 'proj-1' }} filter={filter} canDismiss now={NOW} />);

    const list = await screen.findByRole('list', { name: 'Findings by rule' });
    const groupsUrl = urls().find((u) => u.pathname === '/api/v1/findings/groups')!;
    expect(Object.fromEntries(groupsUrl.searchParams)).toMatchObject({ by: 'rule', project: 'proj-1', severity: 'critical,medium', q: 'token' });
    expect(groupsUrl.searchParams.get('group')).toBeNull();
    expect(within(list).getByText('Secrets · GitHub token')).toBeTruthy();
    expect(screen.getByText('2 rules')).toBeTruthy();
    // No bulk selection while grouped.
    expect(screen.queryByRole('checkbox', { name: 'Select all findings shown' })).toBeNull();

    const expand = within(list).getByRole('button', { name: 'Expand SEC-GITHUB-PAT, 2 findings' });
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(expand);
    const region = await screen.findByRole('region', { name: 'Findings of SEC-GITHUB-PAT' });
    expect(await within(region).findByText('GitHub token in config')).toBeTruthy();
    const ruleUrl = urls().find((u) => u.pathname === '/api/v1/findings' && u.searchParams.get('rule'))!;
    expect(Object.fromEntries(ruleUrl.searchParams)).toMatchObject({ rule: 'SEC-GITHUB-PAT', project: 'proj-1', severity: 'critical,medium', q: 'token' });
    const collapse = within(list).getByRole('button', { name: 'Collapse SEC-GITHUB-PAT, 2 findings' });
    expect(collapse.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(collapse.getAttribute('aria-controls')!)).toBe(region);

    // Back to one row per alert.
    act(() => filter.setFilterItemState('groupBy', { value: undefined }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Findings by rule' })).toBeNull());
    expect(screen.getByRole('checkbox', { name: 'Select all findings shown' })).toBeTruthy();
  });

  it('offers grouping by rule only in a repository, with a labelled control', async () => {
    const api = fakeApi();
    renderWithQueries(<FindingsView api={api} scope={{ repository: 'repo-1' }} now={NOW} />);
    expect(await screen.findByRole('button', { name: 'Group findings by' })).toBeTruthy();
  });
});
