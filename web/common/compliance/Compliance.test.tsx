// The Compliance tab in jsdom: the collection's state, the pass rate per check and its link to the failing
// pull requests, the period and filters as the URLs they ask for, the table's five outcome pills, the
// emergency list, a pull request's evidence panel, the export, and a project's scope.
import * as React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Filter } from 'azure-devops-ui/Utilities/Filter';
import { createApiClient } from '../api';
import { fakeApi, fakeResponse, NOW } from '../../testing/fixtures';
import { COMPLIANCE_PRS, COMPLIANCE_REPOSITORIES, makeCompliancePrDetail, makeComplianceSummary } from '../../testing/compliance';
import { renderWithQueries } from '../../testing/render';
import { ComplianceView } from './ComplianceView';

const table = () => document.querySelector('.vigil-compliance-table') as HTMLElement;
const card = (checkId: string) => document.querySelector(`.vigil-compliance-check-card[data-check="${checkId}"]`) as HTMLElement;

/** A real client over a fake fetch answering the compliance routes. */
function clientWithFetch() {
  const fetch = jest.fn(async (input: string) => {
    const url = new URL(input);
    if (url.pathname === '/api/v1/compliance/summary') return fakeResponse(200, makeComplianceSummary());
    if (url.pathname === '/api/v1/compliance/pull-requests') return fakeResponse(200, { items: COMPLIANCE_PRS(), total: 3 });
    if (url.pathname === '/api/v1/compliance/emergency') return fakeResponse(200, { items: [], total: 0 });
    if (url.pathname === '/api/v1/compliance/branches') return fakeResponse(200, { items: [] });
    if (url.pathname === '/api/v1/compliance/repositories') return fakeResponse(200, { items: COMPLIANCE_REPOSITORIES() });
    return fakeResponse(404, { type: 'about:blank', title: 'Not found', status: 404 });
  });
  const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
  const urls = (prefix: string) => fetch.mock.calls.map((c) => String(c[0])).filter((u) => u.startsWith(`https://vigil.test/api/v1/compliance/${prefix}`));
  return { api, urls };
}

describe('ComplianceView', () => {
  it('shows the collection, the pass rate of each check, the pull requests with five pills, and the emergency list', async () => {
    const api = fakeApi();
    renderWithQueries(<ComplianceView api={api} now={NOW} />);
    expect(await screen.findByText(/Last collected/)).toBeTruthy();
    expect(screen.getByText(/3 merged pull requests recorded/)).toBeTruthy();
    // SAST: 1 passed, 1 failed, 1 exempt -> 50%.
    await waitFor(() => expect(card('CMP-PR-SAST')).toBeTruthy());
    expect(within(card('CMP-PR-SAST')).getByText('50%')).toBeTruthy();
    expect(within(card('CMP-PR-SAST')).getByText('1 passed · 1 failed · 1 exempt')).toBeTruthy();
    expect(within(card('CMP-PR-APPROVAL')).getByText('100%')).toBeTruthy();
    expect(within(card('CMP-BRANCH-APPROVAL')).getByText('3 passed · 0 failed')).toBeTruthy();

    await waitFor(() => expect(table()).toBeTruthy());
    const rows = within(table());
    expect(await rows.findByText('Skip the scanner')).toBeTruthy();
    expect(rows.getAllByLabelText('Outcome Failed')).toHaveLength(1);
    expect(rows.getAllByLabelText('Outcome Exempt (emergency)')).toHaveLength(4);
    expect(rows.getAllByLabelText('Outcome Passed')).toHaveLength(10);
    const emergency = document.querySelector('.vigil-compliance-emergency') as HTMLElement;
    expect(await within(emergency).findByText('Hotfix: card declines')).toBeTruthy();
    expect(api.compliancePullRequests).toHaveBeenCalledWith(expect.objectContaining({ emergency: true }));
  });

  it('the failing link, the period and the filters become the query the service gets', async () => {
    const { api, urls } = clientWithFetch();
    const filter = new Filter();
    renderWithQueries(<ComplianceView api={api} filter={filter} now={Date.parse('2026-12-07T12:00:00Z')} />);
    await waitFor(() => expect(card('CMP-PR-SAST')).toBeTruthy());
    expect(urls('pull-requests')[0]).toBe('https://vigil.test/api/v1/compliance/pull-requests?from=2026-09-09&limit=50');
    fireEvent.click(within(card('CMP-PR-SAST')).getByRole('button', { name: '1 failing pull request' }));
    await waitFor(() => expect(urls('pull-requests').some((u) => u.includes('check=CMP-PR-SAST') && u.includes('outcome=fail'))).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Since the start date' }));
    await waitFor(() => expect(urls('summary').some((u) => !u.includes('from=') && u.includes('check=CMP-PR-SAST'))).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: '30 days' }));
    act(() => filter.setFilterItemState('repository', { value: ['repo-2'] }));
    await waitFor(() => expect(urls('pull-requests')).toContain('https://vigil.test/api/v1/compliance/pull-requests?from=2026-11-08&repository=repo-2&check=CMP-PR-SAST&outcome=fail&limit=50'));
    // The emergency list follows the period and scope, not the outcome filters.
    expect(urls('emergency').length).toBe(0);
    expect(urls('pull-requests').some((u) => u.includes('emergency=true') && u.includes('repository=repo-2') && !u.includes('outcome='))).toBe(true);
  });

  it("a row opens the pull request's evidence with links into Azure DevOps and what ADO could not give", async () => {
    const api = fakeApi();
    renderWithQueries(<ComplianceView api={api} now={NOW} />);
    await waitFor(() => expect(table()).toBeTruthy());
    fireEvent.click(await within(table()).findByText('Skip the scanner'));
    await waitFor(() => expect(document.querySelector('.vigil-compliance-panel')).toBeTruthy());
    const panel = document.querySelector('.vigil-compliance-panel') as HTMLElement;
    const p = within(panel);
    expect(api.compliancePullRequest).toHaveBeenCalledWith('repo-1', 102);
    expect(await p.findByText('Riley Reviewer: Approved')).toBeTruthy();
    expect(p.getByText('[Storefront]\\Reviewers (group): No vote')).toBeTruthy();
    expect(p.getByText(/The build was deleted by retention/)).toBeTruthy();
    expect(p.getByText('SAST before merge')).toBeTruthy();
    expect(p.getByRole('link', { name: /Open the pull request in Azure DevOps/ }).getAttribute('href')).toBe(makeCompliancePrDetail().url);
    expect(p.getByRole('link', { name: /Build 77 \(PR build\): succeeded/ })).toBeTruthy();
  });

  it("the branch check without pull-request results shows the production branches' figures, with no pull-request link", async () => {
    const summary = makeComplianceSummary();
    const branches = { pass: 1, fail: 3, exempt: 0, 'not-applicable': 0, 'not-available': 0 };
    summary.branches = branches;
    summary.checks[0] = { checkId: 'CMP-BRANCH-APPROVAL', counts: branches, passRate: 0.25 };
    renderWithQueries(<ComplianceView api={fakeApi({ complianceSummary: jest.fn(async () => summary) })} now={NOW} />);
    await waitFor(() => expect(card('CMP-BRANCH-APPROVAL')).toBeTruthy());
    expect(within(card('CMP-BRANCH-APPROVAL')).getByText('25%')).toBeTruthy();
    expect(within(card('CMP-BRANCH-APPROVAL')).getByText('1 of 4 production branches require it now')).toBeTruthy();
    expect(within(card('CMP-BRANCH-APPROVAL')).queryByRole('button')).toBeNull();
  });

  it('exports CSV and JSON of the same query', async () => {
    const api = fakeApi();
    const save = jest.fn();
    renderWithQueries(<ComplianceView api={api} now={Date.parse('2026-12-07T12:00:00Z')} save={save} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith(expect.objectContaining({ fileName: 'vigil-compliance.csv' })));
    expect(api.exportCompliance).toHaveBeenCalledWith(expect.objectContaining({ from: '2026-09-09' }), 'csv');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(api.exportCompliance).toHaveBeenCalledWith(expect.anything(), 'json'));
  });

  it('says when the collection runs, failed or warned, and a project scope asks for that project only', async () => {
    const api = fakeApi({
      complianceSummary: jest.fn(async () =>
        makeComplianceSummary({ collection: { state: 'running', pullRequests: 0, warnings: ['Storefront/web: 403 reading the builds of pull request 7 (vso.build)'] } }),
      ),
    });
    renderWithQueries(<ComplianceView api={api} project="proj-1" now={NOW} />);
    expect(await screen.findByText(/Collecting merged pull requests/)).toBeTruthy();
    expect(screen.getByText(/403 reading the builds/)).toBeTruthy();
    await waitFor(() => expect(api.compliancePullRequests).toHaveBeenCalledWith(expect.objectContaining({ project: 'proj-1' })));
    expect(api.complianceSummary).toHaveBeenCalledWith(expect.objectContaining({ project: 'proj-1' }));
    expect(api.complianceRepositories).toHaveBeenCalledWith('proj-1');
  });
});
