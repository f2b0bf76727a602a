// Secret verification in the hub: the findings table's Verified column (only when something was
// checked) and the finding panel's pill and words.
import * as React from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import type { Verification } from '../../service/contract/model';
import { createApiClient } from './api';
import { FindingDetailsPanel } from './FindingDetailsPanel';
import { createFindingsFilter, FindingsView } from './FindingsView';
import { FindingsTable } from './FindingsTable';
import { verificationSummary } from './VerificationPill';
import { fakeResponse, makeFinding, makeRepo, NOW, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const at = new Date(NOW - 2 * 3600_000).toISOString();
const live: Verification = { state: 'verified', at, provider: 'GitHub', detail: 'octocat' };
const refused: Verification = { state: 'invalid', at, provider: 'Slack', detail: 'token_revoked' };
const unknown: Verification = { state: 'unknown', at, provider: 'npm', detail: 'npm failed to answer (HTTP 500)' };
const triage = { canTriage: false, dismissScopeText: 'This location.', onDismiss: async () => undefined, onReopen: async () => undefined };

describe('secret verification in the hub', () => {
  it('shows no Verified column when nothing was checked', () => {
    render(<FindingsTable findings={[makeFinding()]} now={NOW} />);
    expect(screen.queryByText('Verified')).toBeNull();
    expect(document.querySelector('.vigil-verification')).toBeNull();
  });

  it('shows Verified live / Invalid / Not verified pills, in the order the service lists them', () => {
    const findings = [
      makeFinding({ id: 'a', verification: live }),
      makeFinding({ id: 'b', verification: refused }),
      makeFinding({ id: 'c', verification: unknown }),
      makeFinding({ id: 'd' }),
    ];
    render(<FindingsTable findings={findings} now={NOW} />);
    expect(screen.getByText('Verified')).toBeTruthy();
    const pills = Array.from(document.querySelectorAll('.vigil-verification'));
    expect(pills.map((p) => p.textContent)).toEqual(['Verified live', 'Invalid', 'Not verified']);
    expect(pills.map((p) => p.className.match(/vigil-verification-(\w+)/)?.[1])).toEqual(['verified', 'invalid', 'unknown']);
    // Who answered what, and when, is one hover away.
    expect(screen.getByTitle('GitHub: live (octocat), checked 2 hours ago')).toBeTruthy();
    expect(screen.getByTitle('Slack: refused it (token_revoked), checked 2 hours ago')).toBeTruthy();
  });

  it('says in the panel what the provider answered', () => {
    const { unmount } = render(<FindingDetailsPanel finding={makeFinding({ verification: live })} onClose={() => undefined} triage={triage} now={NOW} />);
    expect(screen.getByText('Checked with the provider')).toBeTruthy();
    expect(screen.getByText('GitHub accepted this secret: it is live and belongs to octocat. Rotate it now.')).toBeTruthy();
    expect(screen.getByText('Checked 2 hours ago')).toBeTruthy();
    expect(screen.getByLabelText('Verified live')).toBeTruthy();
    unmount();

    render(<FindingDetailsPanel finding={makeFinding({ verification: refused })} onClose={() => undefined} triage={triage} now={NOW} />);
    expect(screen.getByText(/^Slack refused this secret: token_revoked\./)).toBeTruthy();
  });

  it('has no verification section for a finding never checked', () => {
    render(<FindingDetailsPanel finding={makeFinding()} onClose={() => undefined} triage={triage} now={NOW} />);
    expect(screen.queryByText('Checked with the provider')).toBeNull();
  });

  it('summarises an unknown answer with its reason', () => {
    expect(verificationSummary(unknown, NOW)).toBe('npm: no answer (npm failed to answer (HTTP 500)), checked 2 hours ago');
  });
});

describe('the verification filter', () => {
  it('asks for every finding by default and for the answers chosen', async () => {
    const fetch = jest.fn(async (url: string) => {
      const path = new URL(url, 'https://vigil.test').pathname;
      if (path === '/api/v1/repositories') return fakeResponse(200, page([makeRepo()]));
      return fakeResponse(200, page([makeFinding({ verification: live })]));
    });
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    const findingUrls = () => fetch.mock.calls.map((c) => String(c[0])).filter((u) => u.startsWith('https://vigil.test/api/v1/findings'));
    const filter = createFindingsFilter();
    renderWithQueries(<FindingsView api={api} scope={{}} filter={filter} now={NOW} />);
    await screen.findByLabelText('Verified live');
    expect(findingUrls()[0]).not.toContain('verification');
    act(() => filter.setFilterItemState('verification', { value: ['none', 'verified', 'live'] }));
    await waitFor(() => expect(findingUrls()).toHaveLength(2));
    // Known values only, in the contract's order.
    expect(findingUrls()[1]).toBe('https://vigil.test/api/v1/findings?state=open&group=credential&verification=verified,none&limit=50');
  });
});
