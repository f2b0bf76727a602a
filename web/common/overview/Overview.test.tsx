import * as React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { OrgSettingsPage } from '../../org-settings/OrgSettingsPage';
import { fakeApi, makeOverview } from '../../testing/fixtures';
import { renderWithQueries } from '../../testing/render';
import { OverviewView } from './OverviewView';

describe('OverviewView', () => {
  it('shows open findings by severity and category, the window figures, top repositories and rules, and coverage', async () => {
    const api = fakeApi();
    renderWithQueries(<OverviewView api={api} onOpenFindings={jest.fn()} />);
    expect(await screen.findByText('open findings')).toBeTruthy();
    expect(screen.getByText('23')).toBeTruthy();
    expect(screen.getByText('4.5 days')).toBeTruthy();
    expect(screen.getAllByText('Infrastructure as code').length).toBeGreaterThan(0);
    expect(screen.getByText('payments-api')).toBeTruthy();
    expect(screen.getByText('Storage accounts should use TLS 1.2')).toBeTruthy();
    expect(screen.getByText(/5 of 7 repositories scanned/)).toBeTruthy();
    expect(screen.getByText('1 whose last scan failed · 1 skipped (disabled or empty)')).toBeTruthy();
    expect(api.overview).toHaveBeenCalledWith({ project: undefined, days: 30 });
  });

  it('opens the findings a number stands for', async () => {
    const onOpen = jest.fn();
    renderWithQueries(<OverviewView api={fakeApi()} project="proj-1" onOpenFindings={onOpen} />);
    fireEvent.click(await screen.findByLabelText('2 Critical findings: show them'));
    expect(onOpen).toHaveBeenLastCalledWith({ severity: 'critical' });
    fireEvent.click(screen.getByLabelText('9 Infrastructure as code findings: show them'));
    expect(onOpen).toHaveBeenLastCalledWith({ category: 'iac' });
    fireEvent.click(screen.getByLabelText('11 open findings in payments-api: show them'));
    expect(onOpen).toHaveBeenLastCalledWith({ repository: 'repo-1' });
  });

  it('asks for the 90-day window when chosen, and says when nothing moved', async () => {
    const api = fakeApi({ overview: jest.fn(async () => makeOverview({ trend: [{ day: '2025-06-01', new: 0, fixed: 0 }], newInWindow: 0, fixedInWindow: 0, meanDaysToFix: undefined })) });
    renderWithQueries(<OverviewView api={api} onOpenFindings={jest.fn()} />);
    expect(await screen.findByText('No finding was new or fixed in this period.')).toBeTruthy();
    fireEvent.click(screen.getByText('Last 90 days'));
    await waitFor(() => expect(api.overview).toHaveBeenCalledWith({ project: undefined, days: 90 }));
  });
});

describe('Organization settings: Overview', () => {
  it('is the first tab, and a number opens the Findings tab filtered on it', async () => {
    const api = fakeApi({ organization: jest.fn(async () => ({ id: 'org-1', name: 'contoso', url: 'https://dev.azure.com/contoso', connectedAt: '2025-06-01T10:00:00Z', connectedBy: 'u', credentialKind: 'pat', repositoryCount: 2, lastDiscoveryAt: '2025-06-01T10:01:00Z' })) });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    fireEvent.click(await screen.findByLabelText('6 High findings: show them'));
    await waitFor(() => expect(api.findings).toHaveBeenCalledWith(expect.objectContaining({ severity: ['high'], state: ['open'] })));
  });
});
