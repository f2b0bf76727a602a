import * as React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createApiClient } from './api';
import { createFindingsFilter, FindingsView } from './FindingsView';
import { fakeApi, fakeResponse, fileAt, makeFinding, makeRepo, NOW, page, placeAt } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

/** A real API client over a fake fetch: the test sees the exact URLs the page asks for. */
function clientWithFetch(findings = [makeFinding()]) {
  const fetch = jest.fn(async (url: string) => {
    const path = new URL(url, 'https://vigil.test').pathname;
    if (path === '/api/v1/repositories') return fakeResponse(200, page([makeRepo(), makeRepo({ id: 'repo-2', name: 'infra' })]));
    if (path === '/api/v1/findings') return fakeResponse(200, page(findings));
    return fakeResponse(404, { type: 'about:blank', title: 'Not found', status: 404 });
  });
  const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
  const findingUrls = () =>
    fetch.mock.calls.map((c) => String(c[0])).filter((u) => u.startsWith('https://vigil.test/api/v1/findings'));
  return { api, fetch, findingUrls };
}

describe('FindingsView', () => {
  it('asks for open findings first, then for exactly what the filters say', async () => {
    const { api, findingUrls } = clientWithFetch();
    const filter = createFindingsFilter();
    renderWithQueries(<FindingsView api={api} scope={{ project: 'proj-1' }} filter={filter} now={NOW} />);
    await screen.findByText('AWS access key');
    expect(findingUrls()).toEqual(['https://vigil.test/api/v1/findings?project=proj-1&state=open&group=credential&limit=50']);

    act(() => {
      filter.setFilterItemState('severity', { value: ['high', 'critical'] });
      filter.setFilterItemState('category', { value: ['secret'] });
    });
    await waitFor(() => expect(findingUrls()).toHaveLength(2));
    expect(findingUrls()[1]).toBe(
      'https://vigil.test/api/v1/findings?project=proj-1&severity=critical,high&category=secret&state=open&group=credential&limit=50',
    );

    act(() => {
      filter.setFilterItemState('repository', { value: ['repo-2'] });
      filter.setFilterItemState('state', { value: ['fixed', 'open'] });
    });
    await waitFor(() => expect(findingUrls()).toHaveLength(3));
    expect(findingUrls()[2]).toBe(
      'https://vigil.test/api/v1/findings?project=proj-1&repository=repo-2&severity=critical,high&category=secret&state=open,fixed&group=credential&limit=50',
    );
  });

  it('shows every confidence by default and asks for the confidences chosen', async () => {
    const { api, findingUrls } = clientWithFetch([makeFinding(), makeFinding({ id: 'f-2', title: 'High-entropy string', severity: 'medium', confidence: 'low' })]);
    const filter = createFindingsFilter();
    renderWithQueries(<FindingsView api={api} scope={{}} filter={filter} now={NOW} />);
    await screen.findByText('High-entropy string');
    expect(findingUrls()[0]).not.toContain('confidence');
    expect(screen.getByLabelText('Confidence Low')).toBeTruthy();
    // The filter bar offers it beside severity and category.
    expect(screen.getAllByText('Confidence').length).toBeGreaterThan(0);

    act(() => filter.setFilterItemState('confidence', { value: ['medium', 'high'] }));
    await waitFor(() => expect(findingUrls()).toHaveLength(2));
    expect(findingUrls()[1]).toBe('https://vigil.test/api/v1/findings?confidence=high,medium&state=open&group=credential&limit=50');

    // Unknown values from a deep link are dropped, never sent.
    act(() => filter.setFilterItemState('confidence', { value: ['low', 'certain'] }));
    await waitFor(() => expect(findingUrls()).toHaveLength(3));
    expect(findingUrls()[2]).toBe('https://vigil.test/api/v1/findings?confidence=low&state=open&group=credential&limit=50');
  });

  it('says when the confidence filter leaves nothing', async () => {
    const filter = createFindingsFilter();
    filter.setFilterItemState('confidence', { value: ['low'] });
    renderWithQueries(<FindingsView api={fakeApi({ findings: jest.fn(async () => page([])) })} scope={{}} filter={filter} now={NOW} />);
    expect(await screen.findByText('No findings match these filters')).toBeTruthy();
  });

  it('tells in the details panel how sure the rule is', async () => {
    const finding = makeFinding({ title: 'High-entropy string', ruleId: 'SEC-HIGH-ENTROPY-STRING', severity: 'medium', confidence: 'low' });
    renderWithQueries(<FindingsView api={fakeApi({ findings: jest.fn(async () => page([finding])) })} scope={{}} now={NOW} />);
    fireEvent.click(await screen.findByText('High-entropy string'));
    const panel = within(await waitFor(() => document.querySelector('.vigil-finding-panel') as HTMLElement));
    expect(panel.getByText('Low confidence')).toBeTruthy();
    expect(panel.getByText('Recognised by its randomness alone: check what it is.')).toBeTruthy();
  });

  it('keeps a repository page on its repository whatever the filter says', async () => {
    const { api, findingUrls } = clientWithFetch();
    const filter = createFindingsFilter();
    filter.setFilterItemState('repository', { value: ['other-repo'] });
    renderWithQueries(<FindingsView api={api} scope={{ repository: 'repo-1' }} filter={filter} now={NOW} />);
    await screen.findByText('AWS access key');
    expect(findingUrls()[0]).toBe('https://vigil.test/api/v1/findings?repository=repo-1&state=open&group=credential&limit=50');
  });

  it('follows nextCursor with "Load more"', async () => {
    const api = fakeApi({
      findings: jest
        .fn()
        .mockResolvedValueOnce(page([makeFinding()], 'cursor-2', 2))
        .mockResolvedValueOnce(page([makeFinding({ id: 'f-2', title: 'Slack bot token', severity: 'medium' })], undefined, 2)),
    });
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} />);
    await screen.findByText('Showing 1 of 2 findings');
    fireEvent.click(screen.getByText('Load more'));
    await screen.findByText('Slack bot token');
    expect(api.findings.mock.calls[1][0]).toMatchObject({ cursor: 'cursor-2', limit: 50 });
    expect(screen.getByText('AWS access key')).toBeTruthy();
    expect(screen.queryByText('Load more')).toBeNull();
  });

  it('says how many repositories were scanned when there is nothing to show', async () => {
    const api = fakeApi({
      findings: jest.fn(async () => page([])),
      repositories: jest.fn(async () =>
        page([makeRepo(), makeRepo({ id: 'r2' }), makeRepo({ id: 'r3', scanState: 'never', lastScan: undefined })]),
      ),
    });
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} />);
    expect(await screen.findByText('No findings')).toBeTruthy();
    expect(await screen.findByText('2 repositories scanned')).toBeTruthy();
  });

  it('opens the details panel with the masked preview and the fix', async () => {
    const api = fakeApi();
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} />);
    fireEvent.click(await screen.findByText('AWS access key'));
    expect(await screen.findByText('AKIA************MPLE')).toBeTruthy();
    expect(screen.getByText('Revoke the key in AWS IAM, then remove it from the repository history.')).toBeTruthy();
    const link = screen
      .getAllByText('config/settings.json:12')
      .map((el) => el.closest('a'))
      .find(Boolean) as HTMLAnchorElement;
    expect(link.href).toContain('https://dev.azure.com/contoso/Payments/_git/payments-api');
    expect(link.target).toBe('_blank');
  });

  it('tells who dismissed a finding and where else the same secret sits', async () => {
    const finding = makeFinding({
      state: 'dismissed',
      dismissal: { reason: 'used-in-tests', comment: 'Fixture key, never deployed.', by: 'u1', byName: 'Ada Admin', at: new Date(NOW - 3600_000).toISOString(), expires: '2025-12-31' },
      locations: [
        { findingId: 'f-1', ...fileAt('config/settings.json', 12), state: 'dismissed', lastSeenAt: new Date(NOW).toISOString() },
        { findingId: 'f-9', ...fileAt('env/prod.env', 3, 'repo-2'), webUrl: 'javascript:alert(1)', state: 'open', lastSeenAt: new Date(NOW).toISOString() },
      ],
    });
    const api = fakeApi({ findings: jest.fn(async () => page([finding])) });
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} />);
    fireEvent.click(await screen.findByText('AWS access key'));
    expect(await screen.findByRole('heading', { name: 'Dismissed: Used in tests' })).toBeTruthy();
    expect(screen.getByText(/By Ada Admin, 1 hour ago · Expires Dec 31, 2025/)).toBeTruthy();
    expect(screen.getByText('Fixture key, never deployed.')).toBeTruthy();
    expect(screen.getByText('Found in 2 places')).toBeTruthy();
    const infra = screen.getByText('env/prod.env:3');
    expect(infra.closest('a')).toBeNull(); // a javascript: URL is never rendered as a link
  });

  it('Source filter: asks for the pipeline runs\' findings, keeps it in the URL, and drops what they do not have (export, grouping, selection)', async () => {
    const pipelineFinding = makeFinding({
      source: 'pipeline',
      pipelineRun: { runId: 'run-1', pipelineId: 7, pipelineName: 'storefront-ci', buildId: 9201, buildNumber: '20261207.3', buildUrl: 'https://dev.azure.com/contoso/p-1/_build/results?buildId=9201', sourceBranch: 'refs/pull/42/merge', pullRequestId: 42, commitSha: 'b'.repeat(40) },
    });
    const fetch = jest.fn(async (url: string) => {
      const u = new URL(url, 'https://vigil.test');
      if (u.pathname === '/api/v1/repositories') return fakeResponse(200, page([makeRepo()]));
      if (u.pathname === '/api/v1/findings') return fakeResponse(200, page(u.searchParams.get('source') === 'pipeline' ? [pipelineFinding] : [makeFinding()]));
      return fakeResponse(404, { type: 'about:blank', title: 'Not found', status: 404 });
    });
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    const written: Record<string, string>[] = [];
    const urlState = { read: async () => ({ source: 'pipeline' }), write: (p: Record<string, string>) => void written.push(p) };
    const filter = createFindingsFilter();
    renderWithQueries(<FindingsView api={api} scope={{}} filter={filter} now={NOW} canDismiss urlState={urlState} />);
    await waitFor(() => expect(fetch.mock.calls.map((c) => String(c[0])).some((u) => u.includes('source=pipeline'))).toBe(true));
    expect(screen.getAllByText('Source').length).toBeGreaterThan(0);
    await screen.findByText('1 finding');
    // Pipeline findings: no export (the export covers the scans'), no grouping, no selection for bulk triage.
    expect(screen.queryByRole('button', { name: /Export CSV/ })).toBeNull();
    expect(screen.queryByLabelText('Group findings by')).toBeNull();
    expect(screen.queryByLabelText('Select all findings shown')).toBeNull();

    // Opened, it is read-only and names its run, the build linked in Azure DevOps.
    fireEvent.click(screen.getByText('AWS access key'));
    const run = await screen.findByRole('heading', { name: 'Pipeline run' });
    const section = run.closest('section')!;
    expect(within(section).getByText(/belongs to that run and cannot be dismissed or reopened here/)).toBeTruthy();
    expect(within(section).getByText('storefront-ci')).toBeTruthy();
    expect(within(section).getByText('20261207.3').closest('a')!.href).toBe('https://dev.azure.com/contoso/p-1/_build/results?buildId=9201');
    expect(within(section).getByText('refs/pull/42/merge')).toBeTruthy();
    expect(within(section).getByText('(pull request 42)', { exact: false })).toBeTruthy();
    expect(within(section).getByText('bbbbbbbb')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Dismiss/ })).toBeNull();

    // Back to Scans: the scans' list, and the URL follows.
    act(() => filter.setFilterItemState('source', { value: 'scan' }));
    await waitFor(() => expect(written.some((p) => p.source === 'scan')).toBe(true));
    expect(screen.getByRole('button', { name: /Export CSV/ })).toBeTruthy();
  });

  it('shows the service problem when findings cannot be loaded', async () => {
    const { ApiError } = jest.requireActual('./api');
    const api = fakeApi({
      findings: jest.fn(async () => {
        throw new ApiError(403, 'Forbidden', 'Organization-wide views need a Project Collection Administrator');
      }),
    });
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} />);
    expect(await screen.findByText('Organization-wide views need a Project Collection Administrator')).toBeTruthy();
    expect(screen.getByText('Could not load findings: Forbidden')).toBeTruthy();
  });

  it('opens a finding on an Azure DevOps object: no repository, a link to the object', async () => {
    const finding = makeFinding({
      ruleId: 'ADO-SVC-CONN-ALL-PIPELINES',
      title: 'Service connection open to every pipeline',
      category: 'posture',
      preview: undefined,
      repositoryId: undefined,
      repositoryName: undefined,
      projectId: 'proj-2',
      projectName: 'Storefront',
      ...placeAt(
        { kind: 'ado-object', objectKind: 'service-connection', id: 'sc-1', name: 'azure-prod', project: { id: 'proj-2', name: 'Storefront' } },
        'https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-1',
      ),
    });
    renderWithQueries(<FindingsView api={fakeApi({ findings: jest.fn(async () => page([finding])) })} scope={{}} now={NOW} />);
    fireEvent.click(await screen.findByText('Service connection open to every pipeline'));
    const panel = within(await waitFor(() => document.querySelector('.vigil-finding-panel') as HTMLElement));
    expect(panel.getByText('ADO-SVC-CONN-ALL-PIPELINES · DevOps posture')).toBeTruthy();
    const link = panel.getAllByText('Service connection azure-prod (Storefront)').map((el) => el.closest('a')).find(Boolean)!;
    expect(link.href).toBe('https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-1');
    expect(link.closest('li')!.textContent).toContain('Storefront · Open');
  });
});
