// The Findings list as a console: keyword and sort in the request, the view kept in the URL, export of
// the filtered list, bulk dismiss / reopen of the checked rows.
import * as React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createApiClient } from './api';
import { bulkOutcomeText } from './BulkActions';
import { createFindingsFilter, FindingsView } from './FindingsView';
import { FindingsToolbar } from './FindingsToolbar';
import { fromUrlParams, hostUrlQuery, toUrlParams, type UrlQueryStore } from './findings-url-state';
import { fakeApi, fakeResponse, makeFinding, makeRepo, NOW, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { ProjectSettingsPage } from '../project-settings/ProjectSettingsPage';

function clientWithFetch(findings = [makeFinding(), makeFinding({ id: 'f-2', title: 'Slack token', severity: 'high' })]) {
  const fetch = jest.fn(async (url: string) => {
    const path = new URL(url, 'https://vigil.test').pathname;
    if (path === '/api/v1/repositories') return fakeResponse(200, page([makeRepo()]));
    if (path === '/api/v1/findings') return fakeResponse(200, page(findings));
    return fakeResponse(404, { type: 'about:blank', title: 'Not found', status: 404 });
  });
  const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
  const findingUrls = () => fetch.mock.calls.map((c) => String(c[0])).filter((u) => u.startsWith('https://vigil.test/api/v1/findings'));
  return { api, fetch, findingUrls };
}

/** A URL kept in memory, as the host's navigation service keeps the page's query. */
function memoryUrl(initial: Record<string, string> = {}): UrlQueryStore & { params: Record<string, string>; writes: Record<string, string>[] } {
  const store = {
    params: initial,
    writes: [] as Record<string, string>[],
    read: async () => store.params,
    write: (p: Record<string, string>) => {
      store.params = p;
      store.writes.push(p);
    },
  };
  return store;
}

describe('findings URL state', () => {
  it('round-trips filters, keyword and sort, dropping what it does not know', () => {
    const state = {
      severity: { value: ['critical', 'high'] },
      state: { value: ['open', 'dismissed'] },
      repository: { value: 'repo-2' },
      q: { value: '  aws key ' },
      sort: { value: 'severity:asc' },
    };
    const params = toUrlParams(state);
    expect(params).toEqual({ severity: 'critical,high', state: 'open,dismissed', repository: 'repo-2', q: 'aws key', sort: 'severity:asc' });
    expect(fromUrlParams(params)).toEqual({ ...state, q: { value: 'aws key' } });
    expect(fromUrlParams({ severity: 'critical,urgent', sort: 'title:asc', other: 'x', q: '' })).toEqual({ severity: { value: ['critical'] } });
    expect(fromUrlParams({ sort: 'rule:sideways', category: 'nothing' })).toEqual({});
    expect((fromUrlParams({ q: 'x'.repeat(500) }).q!.value as string).length).toBe(200);
    // The Source filter (the pipeline upload's hub link opens source=pipeline&repository=…): one value, a known one.
    expect(fromUrlParams({ source: 'pipeline,scan', repository: 'repo-1' })).toEqual({ source: { value: 'pipeline' }, repository: { value: 'repo-1' } });
    expect(fromUrlParams({ source: 'elsewhere' })).toEqual({});
    expect(toUrlParams({ source: { value: 'pipeline' } })).toEqual({ source: 'pipeline' });
  });
});

describe('the host URL query', () => {
  it('is read once (the link the page opened with) and written whole, empty values removing keys', async () => {
    const nav = { getQueryParams: jest.fn(async () => ({ severity: 'high', path: 'x' })), setQueryParams: jest.fn() };
    const store = hostUrlQuery(async () => nav);
    expect(await store.read()).toEqual({ severity: 'high', path: 'x' });
    expect(await store.read()).toEqual({});
    store.write({ q: 'aws', sort: 'rule:asc' });
    await waitFor(() => expect(nav.setQueryParams).toHaveBeenCalledTimes(1));
    const written = nav.setQueryParams.mock.calls[0][0] as Record<string, string>;
    expect(written).toMatchObject({ q: 'aws', sort: 'rule:asc', severity: '', state: '' });
    expect(written).not.toHaveProperty('path');
  });
});

describe('FindingsView as a console', () => {
  it('sends the keyword and the sort a header click asks for, and keeps both in the URL', async () => {
    const { api, findingUrls } = clientWithFetch();
    const filter = createFindingsFilter();
    const url = memoryUrl();
    renderWithQueries(<FindingsView api={api} scope={{}} filter={filter} now={NOW} urlState={url} />);
    await screen.findByText('Slack token');
    await act(async () => undefined); // the URL was read (it said nothing)

    act(() => filter.setFilterItemState('q', { value: 'aws' }));
    await waitFor(() => expect(findingUrls().at(-1)).toContain('q=aws'));
    expect(url.params).toEqual({ state: 'open', q: 'aws' });

    // The header's text is its actionable area (the sizer beside it is not).
    const header = async (name: string) => within(await screen.findByRole('columnheader', { name: new RegExp(name) })).getByText(name);
    fireEvent.click(await header('Severity'));
    await waitFor(() => expect(findingUrls().at(-1)).toContain('sort=severity&order=desc'));
    expect(url.params.sort).toBe('severity:desc');
    fireEvent.click(await header('Severity'));
    await waitFor(() => expect(findingUrls().at(-1)).toContain('sort=severity&order=asc'));
    fireEvent.click(await header('Finding'));
    await waitFor(() => expect(findingUrls().at(-1)).toContain('sort=rule&order=asc'));
  });

  it('a link (the URL when the page opens) reproduces the view', async () => {
    const { api, findingUrls } = clientWithFetch();
    const url = memoryUrl({ severity: 'critical', q: 'token', sort: 'lastSeen:asc', state: 'dismissed' });
    renderWithQueries(<FindingsView api={api} scope={{}} filter={createFindingsFilter()} now={NOW} urlState={url} />);
    await waitFor(() =>
      expect(findingUrls().at(-1)).toBe('https://vigil.test/api/v1/findings?severity=critical&state=dismissed&group=credential&q=token&sort=lastSeen&order=asc&limit=50'),
    );
    // Reading the link wrote nothing over it.
    expect(url.params).toEqual({ severity: 'critical', q: 'token', sort: 'lastSeen:asc', state: 'dismissed' });
  });

  it("a link to a project's page with a view opens its Findings tab with that view", async () => {
    const api = fakeApi({ findings: jest.fn(async () => page([makeFinding()])) });
    const url = memoryUrl({ category: 'secret', sort: 'severity:desc' });
    renderWithQueries(<ProjectSettingsPage api={api as never} project={{ id: 'proj-1', name: 'Storefront' }} urlQuery={url} />);
    await screen.findByText('AWS access key');
    expect(api.findings).toHaveBeenLastCalledWith(
      expect.objectContaining({ project: 'proj-1', category: ['secret'], state: ['open'], sort: 'severity', order: 'desc' }),
    );
  });

  it('administrators check rows and dismiss them with one reason; the bar says what happened', async () => {
    const api = fakeApi({
      findings: jest.fn(async () => page([makeFinding(), makeFinding({ id: 'f-2', title: 'Slack token' }), makeFinding({ id: 'f-3', title: 'npm token' })])),
    });
    renderWithQueries(<FindingsView api={api as never} scope={{}} now={NOW} canDismiss />);
    await screen.findByText('npm token');
    fireEvent.click(screen.getByLabelText('Select Slack token'));
    fireEvent.click(screen.getByLabelText('Select npm token'));
    const bar = screen.getByRole('region', { name: 'Selected findings' });
    expect(within(bar).getByText('2 alerts selected')).toBeTruthy();
    // Some of the shown rows: Select all is neither checked nor clear.
    expect(screen.getByLabelText('Select all findings shown').getAttribute('aria-checked')).toBe('mixed');
    // Checking a row does not open its panel.
    expect(screen.queryByRole('button', { name: /^Dismiss$/ })).toBeNull();

    fireEvent.click(within(bar).getByText('Dismiss…'));
    const form = screen.getByRole('form', { name: 'Dismiss 2 alerts' });
    // No reason chosen yet: refused, nothing sent.
    fireEvent.click(within(form).getByText('Dismiss'));
    await within(form).findByText(/Choose a reason/);
    expect(api.bulkDismissFindings).not.toHaveBeenCalled();
    fireEvent.click(within(form).getByText('Used in tests'));
    fireEvent.change(within(form).getByPlaceholderText('Why, and who to ask'), { target: { value: 'Fixtures' } });
    fireEvent.click(within(form).getByText('Dismiss'));
    await waitFor(() => expect(api.bulkDismissFindings).toHaveBeenCalledWith({ ids: ['f-2', 'f-3'], reason: 'used-in-tests', comment: 'Fixtures' }));
    await screen.findByText('Dismissed 2 alerts.');
    expect(screen.queryByRole('region', { name: 'Selected findings' })).toBeNull();

    // Select all shown, then reopen them.
    fireEvent.click(screen.getByLabelText('Select all findings shown'));
    fireEvent.click(within(screen.getByRole('region', { name: 'Selected findings' })).getByText('Reopen'));
    await waitFor(() => expect(api.bulkReopenFindings).toHaveBeenCalledWith(['f-1', 'f-2', 'f-3']));
  });

  it('shows no checkboxes to readers who cannot dismiss', async () => {
    const api = fakeApi({ findings: jest.fn(async () => page([makeFinding()])) });
    renderWithQueries(<FindingsView api={api as never} scope={{ project: 'p' }} now={NOW} />);
    await screen.findByText('AWS access key');
    expect(screen.queryByLabelText(/^Select/)).toBeNull();
    expect(screen.getByText('Export CSV')).toBeTruthy();
  });
});

describe('FindingsToolbar', () => {
  it('exports the list with its filters and sort and saves the file', async () => {
    const api = fakeApi();
    const save = jest.fn();
    const query = { project: 'p', severity: ['high' as const], q: 'aws', sort: 'rule' as const, order: 'asc' as const, group: 'credential' as const };
    renderWithQueries(<FindingsToolbar api={api as never} query={query} shown={50} total={120} save={save} />);
    expect(screen.getByText('Showing 50 of 120 findings')).toBeTruthy();
    fireEvent.click(screen.getByText('Export SARIF'));
    await waitFor(() => expect(save).toHaveBeenCalledWith(expect.objectContaining({ fileName: 'vigil-findings.sarif' })));
    expect(api.exportFindings).toHaveBeenCalledWith(query, 'sarif');
  });

  it('the export asks the service for every page of the same filters', async () => {
    const headers: Record<string, string> = { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="vigil-findings-2025-06-01.csv"' };
    const fetch = jest.fn(async () => ({ ...fakeResponse(200, 'a,b\r\n', 'text/csv'), headers: { get: (name: string) => headers[name.toLowerCase()] ?? null } }));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    const file = await api.exportFindings({ project: 'p', q: 'a b', sort: 'severity', order: 'desc', group: 'credential', cursor: 'c', limit: 50 }, 'csv');
    expect((fetch.mock.calls[0] as unknown[])[0]).toBe('https://vigil.test/api/v1/findings/export?project=p&q=a%20b&sort=severity&order=desc&format=csv');
    expect(file.fileName).toBe('vigil-findings-2025-06-01.csv');
  });

  it('says how a bulk change went, unknown ids included', () => {
    expect(
      bulkOutcomeText('Dismissed', {
        changed: 2,
        results: [
          { id: 'a', outcome: 'dismissed', locations: 1 },
          { id: 'b', outcome: 'dismissed', locations: 3 },
          { id: 'c', outcome: 'not-found', locations: 0 },
        ],
      }),
    ).toBe('Dismissed 2 alerts; 1 alert no longer exists.');
  });
});
