// The Posture tab in jsdom: each state (loading, never assessed, failing, not available, exempted),
// the filters as the URLs they ask for, the control's panel, and exempting / revoking.
import * as React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Filter } from 'azure-devops-ui/Utilities/Filter';
import { ApiError, createApiClient } from '../api';
import { PostureView } from './PostureView';
import { defaultExpiry, validateExemptionForm } from './posture';
import { fakeApi, fakeResponse, NOW } from '../../testing/fixtures';
import {
  AUDIT_NOT_AVAILABLE,
  EXEMPTED_CONTROL,
  exemptedResult,
  makeAssessment,
  makeControl,
  makeControlDetail,
  makeResult,
  makeSummary,
  neverAssessedSummary,
  UNAVAILABLE_CONTROL,
} from '../../testing/posture';
import { renderWithQueries } from '../../testing/render';

const panel = () => document.querySelector('.vigil-posture-panel') as HTMLElement;
const field = (id: string) => document.querySelector(`[id$="${id}"]`) as HTMLElement;

/** A control's title in the table (the changes card may name it too). */
async function inTable(title: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector('.vigil-posture-table')).toBeTruthy());
  return within(document.querySelector('.vigil-posture-table') as HTMLElement).findByText(title);
}

async function openControl(title: string) {
  fireEvent.click(await inTable(title));
  await waitFor(() => expect(panel()).toBeTruthy());
  return within(panel());
}

/** A real client over a fake fetch that answers the posture routes; `routes` may override any path. */
function clientWithFetch(routes: Record<string, (init: RequestInit, url: URL) => Response> = {}) {
  const fetch = jest.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const route = routes[`${init.method ?? 'GET'} ${url.pathname}`];
    if (route) return route(init, url);
    if (url.pathname === '/api/v1/posture/summary') return fakeResponse(200, makeSummary());
    if (url.pathname === '/api/v1/posture/controls') return fakeResponse(200, { items: [makeControl(), EXEMPTED_CONTROL(), UNAVAILABLE_CONTROL()] });
    if (url.pathname === '/api/v1/posture/controls/ADO-SC-OPEN-TO-ALL') return fakeResponse(200, makeControlDetail());
    return fakeResponse(404, { type: 'about:blank', title: 'Not found', status: 404 });
  });
  const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
  const urls = (prefix: string) => fetch.mock.calls.map((c) => String(c[0])).filter((u) => u.startsWith(`https://vigil.test/api/v1/${prefix}`));
  return { api, fetch, urls };
}

describe('PostureView states', () => {
  it('loading: a spinner until the summary arrives', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const api = fakeApi({ postureSummary: jest.fn(() => new Promise((resolve) => (answer = resolve))) });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    expect(screen.getByText('Loading posture…')).toBeTruthy();
    await act(async () => answer(makeSummary()));
    expect(await inTable('Service connection open to all pipelines')).toBeTruthy();
    expect(screen.queryByText('Loading posture…')).toBeNull();
  });

  it('never assessed: says so, and an administrator starts the first assessment', async () => {
    const summary = jest.fn().mockResolvedValueOnce(neverAssessedSummary()).mockResolvedValue({ ...neverAssessedSummary(), inProgress: true });
    const api = fakeApi({ postureSummary: summary });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    expect(await screen.findByText('Not assessed yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Assess now' }));
    await waitFor(() => expect(api.assessPosture).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Assessing the organization')).toBeTruthy();
    expect(summary).toHaveBeenCalledTimes(2);
  });

  it('never assessed, not an administrator: no button, and who can start one', async () => {
    const api = fakeApi({ postureSummary: jest.fn(async () => neverAssessedSummary()) });
    renderWithQueries(<PostureView api={api} isOrgAdmin={false} now={NOW} />);
    expect(await screen.findByText(/An organization administrator can start one/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Assess now' })).toBeNull();
  });

  it('failing: the figures at a glance, per area, the table, what changed and the last assessment', async () => {
    const api = fakeApi({ postureControls: jest.fn(async () => ({ items: [UNAVAILABLE_CONTROL(), EXEMPTED_CONTROL(), makeControl()] })) });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const row = (await inTable('Service connection open to all pipelines')).closest('tr')!;
    expect(within(row).getByLabelText('Severity High')).toBeTruthy();
    expect(within(row).getByLabelText('Outcome Failing')).toBeTruthy();
    expect(within(row).getByText('1 exempted')).toBeTruthy();
    expect(within(row).getByText('Defender ab2f0a9e-…')).toBeTruthy(); // Defender first, then OWASP
    expect(row.textContent).toContain('OWASP CICD-SEC-2 +1');

    // What needs attention first: failing, exempted, not available (the service sent catalog order).
    const titles = Array.from(document.querySelectorAll('.vigil-posture-table tbody .bolt-table-row')).map((r) => r.querySelector('.font-weight-semibold')?.textContent);
    expect(titles).toEqual(['Service connection open to all pipelines', 'Variable group with secrets open to all pipelines', 'Audit events are streamed out of the organization']);
    const figures = within(screen.getByLabelText('Controls by outcome'));
    expect(figures.getByText('Failing').previousSibling?.textContent).toBe('1');
    expect(figures.getByText('Not available').previousSibling?.textContent).toBe('1');
    expect(figures.getByText('Passing').previousSibling?.textContent).toBe('0');
    const areas = within(screen.getByRole('list', { name: 'Controls by area' }));
    expect(areas.getByText('1 failing')).toBeTruthy();
    expect(areas.getByText('1 exempted')).toBeTruthy();

    expect(screen.getByText('Last assessed 2 hours ago')).toBeTruthy();
    expect(screen.getByText(/scheduled · took 12 s · 3 controls/)).toBeTruthy();
    const changes = within(screen.getByRole('list', { name: 'New failures' }));
    expect(changes.getByText(/Service connection prod-arm \(Storefront\)/)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Fixed' })).getByText(/ADO-REPO-MIN-REVIEWERS/)).toBeTruthy();
  });

  it('the first assessment says so instead of calling every failure new; areas with nothing judged are left out', async () => {
    const api = fakeApi({
      postureAssessments: jest.fn(async () => ({ items: [makeAssessment()], total: 1 })),
      postureSummary: jest.fn(async () => {
        const s = makeSummary();
        return { ...s, byArea: [...s.byArea, { ...s.byArea[0], area: 'projectPipelineSettings' as const, label: 'Project pipeline settings', controls: { fail: 0, exempted: 0, notAvailable: 0, pass: 0, notApplicable: 0 } }] };
      }),
    });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    expect(await screen.findByText(/This is the first assessment/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'New failures' })).toBeNull();
    expect(api.postureAssessments).toHaveBeenCalledWith({ limit: 2 });
    const areas = within(screen.getByRole('list', { name: 'Controls by area' }));
    expect(areas.getAllByRole('button').map((b) => b.querySelector('.text-ellipsis')?.textContent)).toEqual(['Service connections', 'Variable groups', 'Auditing']);
  });

  it('not available: a banner names the area and the missing scope, never counted as pass or fail', async () => {
    renderWithQueries(<PostureView api={fakeApi()} isOrgAdmin now={NOW} />);
    expect(await screen.findByText(/Auditing could not be assessed/)).toBeTruthy();
    expect(screen.getByText(/^The PAT lacks/).textContent).toBe('The PAT lacks Audit Log (Read) vso.auditlog: Auditing');
    expect(screen.getByText('Add this scope to the PAT, reconnect, then assess again.')).toBeTruthy();
    const tile = within(screen.getByRole('list', { name: 'Controls by area' })).getByRole('button', { name: /Auditing/ });
    expect(tile.textContent).toContain('Not assessed: the PAT lacks Audit Log (Read) (vso.auditlog)');
    expect(tile.textContent).not.toMatch(/passing|failing/);
    const row = (await inTable('Audit events are streamed out of the organization')).closest('tr')!;
    expect(within(row).getByLabelText('Outcome Not available')).toBeTruthy();
    expect(within(row).getByText('1 not available')).toBeTruthy();
  });

  it('an area read before but not now keeps its last known failures, said as such', async () => {
    const s = makeSummary();
    const stale = { ...s.byArea[2], controls: { fail: 2, exempted: 0, notAvailable: 1, pass: 3, notApplicable: 0 } };
    const api = fakeApi({ postureSummary: jest.fn(async () => ({ ...s, byArea: [s.byArea[0], s.byArea[1], stale] })) });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const list = await screen.findByRole('list', { name: 'Controls by area' });
    const tile = within(list).getByRole('button', { name: /Auditing/ });
    expect(tile.textContent).toBe('AuditingNot assessed: the PAT lacks Audit Log (Read) (vso.auditlog)Last known: 2 failing');
  });

  it('not available, for a reason other than a scope: the reason text', async () => {
    const forbidden = { ...AUDIT_NOT_AVAILABLE, missingScope: undefined, reason: { code: 'forbidden' as const, text: 'Azure DevOps answered 403: only Project Collection Administrators read audit streams.' } };
    const api = fakeApi({ postureSummary: jest.fn(async () => makeSummary({ notAvailableAreas: [forbidden], byArea: [] })) });
    renderWithQueries(<PostureView api={api} isOrgAdmin={false} now={NOW} />);
    expect(await screen.findByText('Azure DevOps answered 403: only Project Collection Administrators read audit streams.', { exact: false })).toBeTruthy();
    expect(screen.queryByText(/to the PAT/)).toBeNull();
  });

  it('a failed assessment and a failed trigger say why', async () => {
    const api = fakeApi({
      postureSummary: jest.fn(async () => makeSummary({ lastAssessment: makeAssessment({ state: 'failed', error: 'Azure DevOps refused the PAT (401).' }) })),
      assessPosture: jest.fn(async () => {
        throw new ApiError(403, 'Forbidden', 'Starting an assessment needs an organization administrator');
      }),
    });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    expect(await screen.findByText('Azure DevOps refused the PAT (401).')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Assess now' }));
    expect(await screen.findByText('Could not start an assessment: Forbidden')).toBeTruthy();
  });

  it('an assessment in progress disables the button and polls', async () => {
    const api = fakeApi({ postureSummary: jest.fn(async () => makeSummary({ inProgress: true })) });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    expect(await screen.findByText(/Assessing the organization now/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Assessing…' }) as HTMLButtonElement).getAttribute('aria-disabled')).toBe('true');
  });
});

describe('PostureView filters', () => {
  it('asks for exactly what the filters say, and an area tile filters on its area', async () => {
    const { api, urls } = clientWithFetch();
    const filter = new Filter();
    renderWithQueries(<PostureView api={api} isOrgAdmin filter={filter} now={NOW} />);
    await inTable('Service connection open to all pipelines');
    expect(urls('posture/summary')).toEqual(['https://vigil.test/api/v1/posture/summary']);
    expect(urls('posture/controls')).toEqual(['https://vigil.test/api/v1/posture/controls']);
    act(() => {
      filter.setFilterItemState('severity', { value: ['medium', 'critical'] });
      filter.setFilterItemState('outcome', { value: ['not-available', 'fail'] });
      filter.setFilterItemState('project', { value: ['proj-1'] });
      filter.setFilterItemState('exempted', { value: ['yes'] });
    });
    await waitFor(() => expect(urls('posture/controls')).toHaveLength(2));
    expect(urls('posture/controls')[1]).toBe(
      'https://vigil.test/api/v1/posture/controls?project=proj-1&severity=critical,medium&outcome=fail,not-available&exempted=true',
    );
    const tile = () => within(screen.getByRole('list', { name: 'Controls by area' })).getByRole('button', { name: /Variable groups/ });
    fireEvent.click(tile());
    await waitFor(() => expect(urls('posture/controls')).toHaveLength(3));
    expect(urls('posture/controls')[2]).toContain('area=variableGroups');
    expect(tile().getAttribute('aria-pressed')).toBe('true');
  });

  it('says when the filters leave no control', async () => {
    const api = fakeApi({ postureControls: jest.fn(async () => ({ items: [] })) });
    const filter = new Filter();
    filter.setFilterItemState('outcome', { value: ['exempted'] });
    renderWithQueries(<PostureView api={api} isOrgAdmin filter={filter} now={NOW} />);
    expect(await screen.findByText('No controls match these filters')).toBeTruthy();
  });

  it('in a project: areas where nothing applies are left out of the glance', async () => {
    const s = makeSummary();
    const orgWide = { ...s.byArea[0], area: 'orgPolicies' as const, label: 'Organization policies', controls: { fail: 0, exempted: 0, notAvailable: 0, pass: 0, notApplicable: 11 } };
    const api = fakeApi({ postureSummary: jest.fn(async () => ({ ...s, byArea: [...s.byArea, orgWide] })) });
    const { unmount } = renderWithQueries(<PostureView api={api} project="proj-1" isOrgAdmin now={NOW} />);
    const names = async () => {
      const list = await screen.findByRole('list', { name: 'Controls by area' });
      return within(list).getAllByRole('button').map((b) => b.querySelector('.text-ellipsis')?.textContent);
    };
    expect(await names()).toEqual(['Service connections', 'Variable groups', 'Auditing']);
    unmount();
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    expect(await names()).toEqual(['Service connections', 'Variable groups', 'Auditing', 'Organization policies']);
  });

  it('in a project: asks for the project only, offers no project filter, lists only its changes', async () => {
    const { api, urls } = clientWithFetch();
    renderWithQueries(<PostureView api={api} project="proj-2" isOrgAdmin={false} now={NOW} />);
    await inTable('Service connection open to all pipelines');
    expect(urls('posture/summary')).toEqual(['https://vigil.test/api/v1/posture/summary?project=proj-2']);
    expect(urls('posture/controls')).toEqual(['https://vigil.test/api/v1/posture/controls?project=proj-2']);
    expect(screen.queryByRole('button', { name: /^Project filter/ })).toBeNull();
    // The new failure is in Storefront (proj-1), the fixed repository belongs to no project here.
    expect(screen.getByText('Nothing changed: no new failure and nothing fixed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Assess now' })).toBeNull();
  });
});

describe('the control panel', () => {
  it('why it matters, each failing object with its evidence and a link to fix it, remediation, references', async () => {
    const api = fakeApi();
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const p = await openControl('Service connection open to all pipelines');
    expect(p.getByText(/lets any pipeline author deploy with its identity/)).toBeTruthy();
    const failing = within(await p.findByRole('list', { name: 'Failing resources' }));
    const items = failing.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const first = within(items[0]);
    expect(first.getByText('Every pipeline of Storefront can use prod-arm without being authorized.')).toBeTruthy();
    const evidence = within(first.getByLabelText('Evidence'));
    expect(evidence.getByText('Open to all pipelines').nextSibling?.textContent).toBe('Yes');
    expect(evidence.getByText('Scope').nextSibling?.textContent).toBe('Subscription 1f0c…');
    const fix = first.getByText('Fix it in Azure DevOps').closest('a')!;
    expect(fix.href).toBe('https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-1&_a=security');
    expect(fix.target).toBe('_blank');
    expect(first.getByText(/^Failing since yesterday/)).toBeTruthy();
    // The object's own page beside the setting's page; without webUrl the fix link is the object's.
    expect(first.getByText('Service connection prod-arm (Storefront)').closest('a')!.href).toBe(
      'https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-1',
    );
    expect(within(items[1]).getByText('Fix it in Azure DevOps').closest('a')!.href).toContain('resourceId=sc-2');
    expect(within(items[1]).getByText('Service connection staging-arm (Storefront)').closest('a')).toBeNull();
    expect(p.getByText('Failing resources (2 objects, 1 exempted)')).toBeTruthy();
    expect(p.getByText('Passing (2 objects)')).toBeTruthy();
    expect(p.getByText(/turn off "Grant access permission to all pipelines"/)).toBeTruthy();
    const refs = within(p.getByRole('list', { name: 'References' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(refs).toEqual([
      'Defender ab2f0a9e-…',
      expect.stringContaining('OWASP CICD-SEC-2'), // a link, with its "(opens in a new tab)" icon label
      'AzSK ADO_ServiceConnection_DP_Dont_Grant_All_Pipelines_Access',
    ]);
    expect(api.postureControl).toHaveBeenCalledWith('ADO-SC-OPEN-TO-ALL', { project: undefined, limit: 500 });
  });

  it('exempted: reason, who, until when and the comment, and an administrator revokes it', async () => {
    const api = fakeApi();
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const p = await openControl('Service connection open to all pipelines');
    const exemption = within(await p.findByLabelText('Exemption'));
    expect(exemption.getByText('Exempted: Will fix later')).toBeTruthy();
    expect(exemption.getByText('By Ada Admin, 2 days ago · Expires Jun 30, 2025')).toBeTruthy();
    expect(exemption.getByText('Moving to per-pipeline authorization in sprint 12.')).toBeTruthy();
    fireEvent.click(exemption.getByRole('button', { name: 'Revoke exemption' }));
    expect(await p.findByText('Exemption revoked: the object counts as failing again.')).toBeTruthy();
    expect(api.revokeExemption).toHaveBeenCalledWith('ex-1');
    await waitFor(() => expect(api.postureControls).toHaveBeenCalledTimes(2)); // counts read again
  });

  it('an expired exemption says it lapsed, and the object can be exempted again', async () => {
    const lapsed = makeResult({ exemption: { ...exemptedResult().exemption!, status: 'expired', expires: '2025-05-20' } });
    const api = fakeApi({ postureControl: jest.fn(async () => makeControlDetail(makeControl(), [lapsed])) });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const p = await openControl('Service connection open to all pipelines');
    expect(await p.findByText(/Exemption expired on May 20, 2025 \(will fix later, by Ada Admin\); it counts as failing again\./)).toBeTruthy();
    expect(p.getByRole('button', { name: 'Exempt Service connection prod-arm (Storefront)' })).toBeTruthy();
  });

  it('not available: each object with the reason', async () => {
    const control = UNAVAILABLE_CONTROL();
    const result = makeResult({
      controlId: control.id,
      subjectKey: 'org',
      outcome: 'not-available',
      object: { kind: 'ado-object', objectKind: 'organization', id: 'contoso', name: 'contoso' },
      reason: AUDIT_NOT_AVAILABLE.reason,
      evidence: [],
    });
    const api = fakeApi({ postureControl: jest.fn(async () => makeControlDetail(control, [result])) });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const p = await openControl('Audit events are streamed out of the organization');
    const list = within(await p.findByRole('list', { name: 'Not available' }));
    expect(list.getByText('Organization contoso')).toBeTruthy();
    expect(list.getByText('The PAT lacks the Audit Log (Read) scope (vso.auditlog).')).toBeTruthy();
    expect(p.queryByRole('list', { name: 'Failing resources' })).toBeNull();
  });

  it('shows no Exempt or Revoke to someone who is not an organization administrator', async () => {
    renderWithQueries(<PostureView api={fakeApi()} project="proj-1" isOrgAdmin={false} now={NOW} />);
    const p = await openControl('Service connection open to all pipelines');
    expect(await p.findByText(/Only organization administrators can exempt/)).toBeTruthy();
    expect(p.queryByRole('button', { name: /^Exempt/ })).toBeNull();
    expect(p.queryByRole('button', { name: 'Revoke exemption' })).toBeNull();
  });
});

describe('exempting a failing object', () => {
  it('sends reason, comment and the default expiry for its severity, shows a 400 inline, then confirms and reads again', async () => {
    const posts: unknown[] = [];
    const { api, urls } = clientWithFetch({
      'POST /api/v1/posture/exemptions': (init) => {
        posts.push(JSON.parse(String(init.body)));
        if (posts.length === 1) {
          return fakeResponse(
            400,
            { type: 'https://vigil.dev/problems/validation', title: 'Invalid request', status: 400, detail: 'comment: must not contain control characters', errors: [{ path: 'comment', message: 'must not contain control characters' }] },
            'application/problem+json',
          );
        }
        return fakeResponse(201, { ...exemptedResult().exemption, id: 'ex-2', subjectKey: 'sc:sc-1', expires: '2025-07-01' });
      },
    });
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const p = await openControl('Service connection open to all pipelines');
    fireEvent.click(await p.findByRole('button', { name: 'Exempt Service connection prod-arm (Storefront)' }));
    const form = within(p.getByRole('form', { name: 'Exempt from control' }));
    expect((field('vigil-exempt-expires') as HTMLInputElement).value).toBe('2025-07-01'); // high: 30 days
    expect(form.getByText(/High severity: 30 days by default/)).toBeTruthy();
    // No reason looks chosen before one is picked.
    expect(form.getAllByRole('radio').map((r) => r.getAttribute('aria-checked'))).toEqual(['false', 'false', 'false', 'false']);
    fireEvent.click(form.getByRole('button', { name: 'Exempt' }));
    expect(await form.findByText('Choose a reason.')).toBeTruthy();
    expect(posts).toHaveLength(0);

    fireEvent.click(form.getByRole('radio', { name: /Approved exception/ }));
    fireEvent.change(field('vigil-exempt-comment'), { target: { value: '  SEC-123 approved by the CISO.  ' } });
    fireEvent.click(form.getByRole('button', { name: 'Exempt' }));
    expect(await form.findByText('comment: must not contain control characters')).toBeTruthy();
    expect(form.getByText('Must not contain control characters')).toBeTruthy();
    expect(posts[0]).toEqual({ controlId: 'ADO-SC-OPEN-TO-ALL', subjectKey: 'sc:sc-1', reason: 'approved-exception', comment: 'SEC-123 approved by the CISO.', expires: '2025-07-01' });

    fireEvent.click(form.getByRole('button', { name: 'Exempt' }));
    expect(await p.findByText('Exempted until Jul 1, 2025.')).toBeTruthy();
    expect(p.queryByRole('form', { name: 'Exempt from control' })).toBeNull();
    await waitFor(() => expect(urls('posture/controls/ADO-SC-OPEN-TO-ALL')).toHaveLength(2));
    await waitFor(() => expect(urls('posture/summary')).toHaveLength(2));
  });

  it('cancel closes the form; a past or too distant expiry is refused before sending', async () => {
    const api = fakeApi();
    renderWithQueries(<PostureView api={api} isOrgAdmin now={NOW} />);
    const p = await openControl('Service connection open to all pipelines');
    fireEvent.click(await p.findByRole('button', { name: 'Exempt Service connection prod-arm (Storefront)' }));
    const form = within(p.getByRole('form', { name: 'Exempt from control' }));
    fireEvent.click(form.getByRole('radio', { name: /Will not fix/ }));
    fireEvent.change(field('vigil-exempt-expires'), { target: { value: '2025-05-31' } });
    fireEvent.click(form.getByRole('button', { name: 'Exempt' }));
    expect(await form.findByText('The expiry date cannot be in the past.')).toBeTruthy();
    fireEvent.change(field('vigil-exempt-expires'), { target: { value: '2027-01-01' } });
    expect(await form.findByText(/An exemption holds at most 365 days/)).toBeTruthy();
    expect(api.createExemption).not.toHaveBeenCalled();
    fireEvent.click(form.getByRole('button', { name: 'Cancel' }));
    expect(p.queryByRole('form', { name: 'Exempt from control' })).toBeNull();
  });
});

describe('exemption rules', () => {
  it('defaults the expiry by severity: critical 7 days, high 30, medium 60, low 90', () => {
    expect(['critical', 'high', 'medium', 'low'].map((s) => defaultExpiry(s as 'high', NOW))).toEqual(['2025-06-08', '2025-07-01', '2025-07-31', '2025-08-30']);
  });

  it('needs a reason and an expiry', () => {
    expect(validateExemptionForm({ comment: '', expires: '' }, NOW)).toEqual({ reason: 'Choose a reason.', expires: 'Choose the day the exemption ends.' });
    expect(validateExemptionForm({ reason: 'not-an-issue', comment: '', expires: '01/07/2025' }, NOW)).toEqual({ expires: 'Enter a date as YYYY-MM-DD.' });
    expect(validateExemptionForm({ reason: 'not-an-issue', comment: '', expires: '2025-06-01' }, NOW)).toEqual({});
  });
});

describe('the hubs', () => {
  it('organization settings has a Posture tab', async () => {
    const { OrgSettingsPage } = await import('../../org-settings/OrgSettingsPage');
    const api = fakeApi({ organization: jest.fn(async () => ({ id: 'org-1', name: 'contoso', url: 'https://dev.azure.com/contoso', lastDiscoveryAt: '2025-06-01T10:01:00Z' })) });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Posture' }));
    expect(await inTable('Service connection open to all pipelines')).toBeTruthy();
    expect(api.postureSummary).toHaveBeenCalledWith(undefined);
  });

  it('project settings has the same tab, scoped to its project', async () => {
    const { ProjectSettingsPage } = await import('../../project-settings/ProjectSettingsPage');
    const api = fakeApi();
    renderWithQueries(<ProjectSettingsPage api={api} project={{ id: 'proj-1', name: 'Storefront' }} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Posture' }));
    expect(await inTable('Service connection open to all pipelines')).toBeTruthy();
    expect(api.postureSummary).toHaveBeenCalledWith('proj-1');
    expect(api.postureControls).toHaveBeenCalledWith(expect.objectContaining({ project: 'proj-1' }));
  });
});
