// One alert per credential, its locations, and dismissing / reopening it from the details panel.
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, createApiClient } from './api';
import { createFindingsFilter, FindingsView } from './FindingsView';
import { FindingsTable } from './FindingsTable';
import { dismissRequest, validateDismissForm } from './dismissal';
import { fakeApi, fakeResponse, fileAt, makeFinding, makeLocation, NOW, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const THREE_PLACES = [
  makeLocation(),
  makeLocation({ findingId: 'f-7', ...fileAt('deploy/values.yaml', 40) }),
  makeLocation({ findingId: 'f-9', ...fileAt('env/prod.env', 3, 'repo-2'), state: 'fixed' }),
];
const alert = (overrides = {}) => makeFinding({ locations: THREE_PLACES, ...overrides });

/** azure-devops-ui prefixes the ids it is given. */
const field = (id: string) => document.querySelector(`[id$="${id}"]`) as HTMLElement;
const panel = () => document.querySelector('.vigil-finding-panel') as HTMLElement;

async function openPanel(title = 'AWS access key') {
  fireEvent.click(await screen.findByText(title));
  await waitFor(() => expect(panel()).toBeTruthy());
  return within(panel());
}

describe('grouped alerts', () => {
  it('shows the location count and the other repositories in the row', () => {
    render(<FindingsTable findings={[alert(), makeFinding({ id: 'f-2', title: 'Slack bot token', locations: [makeLocation({ findingId: 'f-2' })] })]} now={NOW} />);
    expect(screen.getByText('3 locations')).toBeTruthy();
    expect(screen.getAllByText(/locations?$/)).toHaveLength(1); // a single location says nothing extra
    expect(screen.getByText('Payments · +1 repository')).toBeTruthy();
  });

  it('lists every location in the panel with its link, repository and state', async () => {
    renderWithQueries(<FindingsView api={fakeApi({ findings: jest.fn(async () => page([alert()])) })} scope={{}} now={NOW} canDismiss />);
    const p = await openPanel();
    expect(p.getByText('Found in 3 places')).toBeTruthy();
    const items = within(p.getByRole('list', { name: 'Locations' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Payments / payments-api · Open'),
      expect.stringContaining('Payments / payments-api · Open'),
      expect.stringContaining('Platform / infra · Fixed'),
    ]);
    const link = within(items[2]).getByText('env/prod.env:3').closest('a')!;
    expect(link.href).toBe('https://dev.azure.com/contoso/Platform/_git/infra?path=/env/prod.env&line=3');
    expect(link.target).toBe('_blank');
    expect(p.getByText('AKIA************MPLE')).toBeTruthy();
  });

  it('offers Open, Dismissed, Suppressed and Fixed, and shows a State column beyond Open', async () => {
    const filter = createFindingsFilter();
    const api = fakeApi();
    renderWithQueries(<FindingsView api={api} scope={{}} filter={filter} now={NOW} />);
    await screen.findByText('AWS access key');
    expect(screen.queryByRole('columnheader', { name: 'State' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'State filter: Open' }));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Open', 'Dismissed', 'Suppressed', 'Fixed']);
    act(() => filter.setFilterItemState('state', { value: ['dismissed'] }));
    await waitFor(() => expect(api.findings).toHaveBeenCalledTimes(2));
    expect(api.findings.mock.calls[1][0]).toMatchObject({ state: ['dismissed'], group: 'credential' });
    expect(await screen.findByRole('columnheader', { name: 'State' })).toBeTruthy();
  });
});

describe('dismissing an alert', () => {
  /** A real client over a fake fetch: the first PUT fails with a 400 problem, the next one succeeds. */
  function clientWithDismissal() {
    const puts: { url: string; body: unknown }[] = [];
    let findingsCalls = 0;
    const fetch = jest.fn(async (url: string, init: RequestInit) => {
      const path = new URL(url, 'https://vigil.test').pathname;
      if (path === '/api/v1/repositories') return fakeResponse(200, page([]));
      if (path === '/api/v1/findings') return fakeResponse(200, page(findingsCalls++ === 0 ? [alert()] : []));
      if (path === '/api/v1/findings/f-1/dismissal' && init.method === 'PUT') {
        puts.push({ url, body: JSON.parse(String(init.body)) });
        if (puts.length === 1) {
          return fakeResponse(
            400,
            {
              type: 'https://vigil.dev/problems/validation',
              title: 'Invalid request',
              status: 400,
              detail: 'expires: must not be in the past',
              errors: [{ path: 'expires', message: 'must not be in the past' }],
            },
            'application/problem+json',
          );
        }
        return fakeResponse(200, makeFinding({ state: 'dismissed' }));
      }
      return fakeResponse(404, { type: 'about:blank', title: 'Not found', status: 404 });
    });
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    return { api, puts, findingsCalls: () => findingsCalls };
  }

  it('sends reason, comment and expiry, shows a 400 problem inline, then confirms and refreshes', async () => {
    const { api, puts, findingsCalls } = clientWithDismissal();
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} canDismiss />);
    const p = await openPanel();
    fireEvent.click(p.getByRole('button', { name: 'Dismiss' }));
    const form = within(p.getByRole('form', { name: 'Dismiss alert' }));
    expect(form.getByText(/^Dismisses all 2 locations of this secret\./)).toBeTruthy(); // the fixed one stays fixed
    fireEvent.click(form.getByRole('radio', { name: /Used in tests/ }));
    fireEvent.change(field('vigil-dismiss-comment'), { target: { value: '  Fixture key, never deployed.  ' } });
    fireEvent.change(field('vigil-dismiss-expires'), { target: { value: '2999-12-31' } });
    fireEvent.click(form.getByRole('button', { name: 'Dismiss' }));

    expect(await form.findByText('expires: must not be in the past')).toBeTruthy(); // the problem's detail
    expect(form.getByText('Must not be in the past')).toBeTruthy(); // and on the field itself
    expect(puts).toEqual([
      {
        url: 'https://vigil.test/api/v1/findings/f-1/dismissal',
        body: { reason: 'used-in-tests', comment: 'Fixture key, never deployed.', expires: '2999-12-31' },
      },
    ]);

    fireEvent.click(form.getByRole('button', { name: 'Dismiss' }));
    expect(await screen.findByText('Dismissed 2 locations')).toBeTruthy();
    expect(puts).toHaveLength(2);
    await waitFor(() => expect(panel()).toBeNull());
    await waitFor(() => expect(findingsCalls()).toBe(2));
    expect(await screen.findByText('No findings')).toBeTruthy();
  });

  it('checks the form before sending: a reason is required and the expiry cannot be in the past', async () => {
    const api = fakeApi({ findings: jest.fn(async () => page([alert()])) });
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} canDismiss />);
    const p = await openPanel();
    fireEvent.click(p.getByRole('button', { name: 'Dismiss' }));
    const form = within(p.getByRole('form', { name: 'Dismiss alert' }));
    // No reason looks chosen before one is picked (azure-devops-ui checks the first one otherwise).
    expect(form.getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true')).toEqual([]);
    fireEvent.change(field('vigil-dismiss-expires'), { target: { value: '2025-05-31' } });
    fireEvent.click(form.getByRole('button', { name: 'Dismiss' }));
    expect(await form.findByText('Choose a reason.')).toBeTruthy();
    expect(form.getByText('The expiry date cannot be in the past.')).toBeTruthy();
    expect(api.dismissFinding).not.toHaveBeenCalled();

    fireEvent.click(form.getByRole('button', { name: 'Cancel' }));
    expect(p.queryByRole('form', { name: 'Dismiss alert' })).toBeNull();
  });

  it('in a project view, does not claim a count it cannot see', async () => {
    const api = fakeApi({ findings: jest.fn(async () => page([alert()])) });
    renderWithQueries(<FindingsView api={api} scope={{ project: 'proj-1' }} now={NOW} canDismiss />);
    const p = await openPanel();
    fireEvent.click(p.getByRole('button', { name: 'Dismiss' }));
    expect(p.getByText(/Dismisses this secret in every location in the organization/)).toBeTruthy();
    fireEvent.click(p.getByRole('radio', { name: /False positive/ }));
    fireEvent.click(within(p.getByRole('form', { name: 'Dismiss alert' })).getByRole('button', { name: 'Dismiss' }));
    expect(await screen.findByText('Dismissed in every location')).toBeTruthy();
    expect(api.dismissFinding).toHaveBeenCalledWith('f-1', { reason: 'false-positive' });
  });

  it('shows no Dismiss button to someone who is not an organization administrator', async () => {
    const api = fakeApi({ findings: jest.fn(async () => page([alert()])) });
    renderWithQueries(<FindingsView api={api} scope={{ project: 'proj-1' }} now={NOW} canDismiss={false} />);
    const p = await openPanel();
    expect(p.queryByRole('button', { name: 'Dismiss' })).toBeNull();
    expect(p.getByText(/Only organization administrators can dismiss/)).toBeTruthy();
  });
});

describe('a dismissed, expired or suppressed alert', () => {
  const dismissed = () =>
    alert({
      state: 'dismissed',
      locations: THREE_PLACES.map((l) => ({ ...l, state: l.state === 'fixed' ? 'fixed' : 'dismissed' })),
      dismissal: { reason: 'accepted-risk', comment: 'Sandbox account.', by: 'u1', byName: 'Ada Admin', at: new Date(NOW - 2 * 86_400_000).toISOString(), expires: '2025-09-30' },
    });

  it('says why, who, when and until when, and reopens', async () => {
    const api = fakeApi({ findings: jest.fn(async () => page([dismissed()])) });
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} canDismiss />);
    const p = await openPanel();
    expect(p.getByRole('heading', { name: 'Dismissed: Accepted risk' })).toBeTruthy();
    expect(p.getByText('By Ada Admin, 2 days ago · Expires Sep 30, 2025')).toBeTruthy();
    expect(p.getByText('Sandbox account.')).toBeTruthy();
    expect(p.queryByRole('button', { name: 'Dismiss' })).toBeNull();
    fireEvent.click(p.getByRole('button', { name: 'Reopen' }));
    expect(await screen.findByText('Reopened 2 locations')).toBeTruthy();
    expect(api.reopenFinding).toHaveBeenCalledWith('f-1');
    await waitFor(() => expect(api.findings).toHaveBeenCalledTimes(2));
  });

  it('keeps the panel open with the reason when reopening fails', async () => {
    const api = fakeApi({
      findings: jest.fn(async () => page([dismissed()])),
      reopenFinding: jest.fn(async () => {
        throw new ApiError(403, 'Forbidden', 'Dismissing and reopening needs an organization administrator');
      }),
    });
    renderWithQueries(<FindingsView api={api} scope={{}} now={NOW} canDismiss />);
    const p = await openPanel();
    fireEvent.click(p.getByRole('button', { name: 'Reopen' }));
    expect(await p.findByText('Dismissing and reopening needs an organization administrator')).toBeTruthy();
    expect(p.getByText('Could not reopen: Forbidden')).toBeTruthy();
  });

  it('says when a dismissal expired, and offers Dismiss again', async () => {
    const expired = alert({
      state: 'open',
      dismissal: { reason: 'accepted-risk', by: 'u1', byName: 'Ada Admin', at: '2024-11-02T10:00:00Z', expires: '2024-12-31', expired: true },
    });
    renderWithQueries(<FindingsView api={fakeApi({ findings: jest.fn(async () => page([expired])) })} scope={{}} now={NOW} canDismiss />);
    const p = await openPanel();
    expect(p.getByText(/Dismissal expired on Dec 31, 2024\. It had been dismissed as accepted risk by Ada Admin/)).toBeTruthy();
    expect(p.getByRole('button', { name: 'Dismiss' })).toBeTruthy();
    expect(p.queryByRole('button', { name: 'Reopen' })).toBeNull();
  });

  it('shows where a suppression comes from', async () => {
    const suppressed = makeFinding({ state: 'suppressed', suppression: { kind: 'inline', reason: 'test fixture' } });
    renderWithQueries(<FindingsView api={fakeApi({ findings: jest.fn(async () => page([suppressed])) })} scope={{}} now={NOW} canDismiss />);
    const p = await openPanel();
    expect(p.getByText('An inline vigil:ignore comment: test fixture')).toBeTruthy();
  });
});

describe('dismiss form rules', () => {
  it('validates and leaves out empty optional fields', () => {
    expect(validateDismissForm({ comment: '', expires: '' }, '2025-06-01')).toEqual({ reason: 'Choose a reason.' });
    expect(validateDismissForm({ reason: 'revoked', comment: '', expires: '31/12/2025' }, '2025-06-01')).toEqual({ expires: 'Enter a date as YYYY-MM-DD.' });
    expect(validateDismissForm({ reason: 'revoked', comment: 'x'.repeat(1001), expires: '2025-06-01' }, '2025-06-01')).toEqual({
      comment: 'Keep the comment under 1000 characters.',
    });
    expect(dismissRequest({ reason: 'revoked', comment: '  ', expires: '' })).toEqual({ reason: 'revoked' });
  });
});
