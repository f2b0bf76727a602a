import * as React from 'react';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { MeResponse, OrganizationDto } from '../../service/contract/api';
import { ApiError } from '../common/api';
import { POLL_MS } from '../common/queries';
import { OrgSettingsPage, QUEUED_NOTICE_MS } from './OrgSettingsPage';
import { fakeApi, makeRepo, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const organization = (overrides: Partial<OrganizationDto> = {}): OrganizationDto => ({
  id: 'org-1',
  name: 'contoso',
  url: 'https://dev.azure.com/contoso',
  connectedAt: '2025-06-01T10:00:00Z',
  connectedBy: 'user-0001',
  credentialKind: 'pat',
  repositoryCount: 0,
  ...overrides,
});

const me = (connected: boolean): MeResponse => ({
  user: { id: 'user-0001', displayName: 'Ada Admin' },
  organization: connected ? { name: 'contoso', connected, id: 'org-1', url: 'https://dev.azure.com/contoso' } : { name: 'contoso', connected },
  isOrgAdmin: true,
});

/** Lets the poll interval pass (fake timers) and the answers it asked for land. */
async function pollIntervalPasses(): Promise<void> {
  await act(async () => {
    jest.advanceTimersByTime(POLL_MS + 100);
  });
}

describe('OrgSettingsPage', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows why discovery failed instead of discovering forever', async () => {
    const api = fakeApi({
      organization: jest.fn(async () => organization({ lastDiscoveryError: 'Azure DevOps answered 401: the PAT expired or was revoked.' })),
      repositories: jest.fn(async () => page([])),
    });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    expect(await screen.findByText('Azure DevOps answered 401: the PAT expired or was revoked.')).toBeTruthy();
    expect(screen.getByText("Vigil could not read the organization's projects and repositories")).toBeTruthy();
    expect(screen.queryByText(/Vigil is discovering/)).toBeNull();
    await pollIntervalPasses();
    await pollIntervalPasses();
    expect(api.organization).toHaveBeenCalledTimes(1); // no polling once it failed
  });

  it('says it is discovering while the first discovery runs', async () => {
    const api = fakeApi({ organization: jest.fn(async () => organization()), repositories: jest.fn(async () => page([])) });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    expect(await screen.findByText(/Vigil is discovering/)).toBeTruthy();
    expect(screen.queryByText(/could not read the organization/)).toBeNull();
    expect(api.organization).toHaveBeenCalledTimes(1);
    await pollIntervalPasses();
    expect(api.organization).toHaveBeenCalledTimes(2); // it polls while the first discovery runs
  });

  it('turns into the connected page once connecting succeeded: /me is read again and says connected', async () => {
    const meCalls = jest.fn().mockResolvedValueOnce(me(false)).mockResolvedValue(me(true));
    const api = fakeApi({
      me: meCalls,
      connect: jest.fn(async () => organization()),
      organization: jest.fn(async () => organization({ lastDiscoveryAt: '2025-06-01T10:01:00Z', repositoryCount: 1 })),
    });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    expect(await screen.findByText('Connect contoso')).toBeTruthy();
    fireEvent.change(document.querySelector('input[id$="vigil-pat"]')!, { target: { value: 'abcdefghijklmnopqrstuvwxyz0123456789' } });
    fireEvent.click(screen.getByText('Connect'));
    expect(await screen.findByText('payments-api')).toBeTruthy();
    expect(screen.getByText('Scan all')).toBeTruthy();
    expect(screen.queryByText('Connect contoso')).toBeNull();
    expect(api.connect).toHaveBeenCalledWith({ organizationUrl: 'https://dev.azure.com/contoso', pat: 'abcdefghijklmnopqrstuvwxyz0123456789' });
    expect(meCalls).toHaveBeenCalledTimes(2);
  });

  it('Refresh reads the lists again but not /me: a failed read does not replace the page', async () => {
    const meCalls = jest.fn(async () => me(true));
    const repositories = jest.fn().mockResolvedValueOnce(page([makeRepo()])).mockRejectedValue(new ApiError(503, 'Service unavailable'));
    const api = fakeApi({ me: meCalls, repositories, organization: jest.fn(async () => organization({ lastDiscoveryAt: '2025-06-01T10:01:00Z' })) });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    fireEvent.click(await screen.findByText('Repositories'));
    expect(await screen.findByText('payments-api')).toBeTruthy();
    fireEvent.click(screen.getByText('Refresh'));
    expect(await screen.findByText('Could not load repositories: Service unavailable')).toBeTruthy();
    await waitFor(() => expect(api.organization).toHaveBeenCalledTimes(2));
    expect(meCalls).toHaveBeenCalledTimes(1);
    expect(screen.getByText('payments-api')).toBeTruthy();
    expect(screen.queryByText(/Could not load Vigil/)).toBeNull();
  });
  describe('"Queued N scans."', () => {
    const discovered = () => organization({ lastDiscoveryAt: '2025-06-01T10:01:00Z', repositoryCount: 1 });

    it('belongs to the Repositories tab: it does not follow the user to another tab', async () => {
      const api = fakeApi({
        organization: jest.fn(async () => discovered()),
        repositories: jest.fn(async () => page([makeRepo({ scanState: 'queued' })])),
      });
      renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
      fireEvent.click(await screen.findByText('Repositories'));
      expect(await screen.findByText('payments-api')).toBeTruthy();
      fireEvent.click(screen.getByText('Scan all'));
      expect(await screen.findByText('Queued 1 scan.')).toBeTruthy();
      fireEvent.click(screen.getByText('Findings'));
      expect(screen.queryByText('Queued 1 scan.')).toBeNull();
      fireEvent.click(screen.getByText('Repositories'));
      expect(await screen.findByText('payments-api')).toBeTruthy();
      expect(screen.queryByText('Queued 1 scan.')).toBeNull();
      await pollIntervalPasses();
    });

    it('goes away when the scans it announced end', async () => {
      const repositories = jest
        .fn()
        .mockResolvedValueOnce(page([makeRepo({ scanState: 'done' })]))
        .mockResolvedValueOnce(page([makeRepo({ scanState: 'queued' })]))
        .mockResolvedValue(page([makeRepo({ scanState: 'done' })]));
      const api = fakeApi({ organization: jest.fn(async () => discovered()), repositories });
      renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
      fireEvent.click(await screen.findByText('Repositories'));
      expect(await screen.findByText('payments-api')).toBeTruthy();
      fireEvent.click(screen.getByText('Scan all'));
      expect(await screen.findByText('Queued 1 scan.')).toBeTruthy();
      await pollIntervalPasses();
      await waitFor(() => expect(screen.queryByText('Queued 1 scan.')).toBeNull());
      await pollIntervalPasses();
    });

    it('goes away after a short time even while the scans run', async () => {
      const api = fakeApi({
        organization: jest.fn(async () => discovered()),
        repositories: jest.fn(async () => page([makeRepo({ scanState: 'running' })])),
      });
      renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
      fireEvent.click(await screen.findByText('Repositories'));
      expect(await screen.findByText('payments-api')).toBeTruthy();
      fireEvent.click(screen.getByText('Scan all'));
      expect(await screen.findByText('Queued 1 scan.')).toBeTruthy();
      await act(async () => {
        jest.advanceTimersByTime(QUEUED_NOTICE_MS - 1000);
      });
      expect(screen.getByText('Queued 1 scan.')).toBeTruthy();
      await act(async () => {
        jest.advanceTimersByTime(2000);
      });
      expect(screen.queryByText('Queued 1 scan.')).toBeNull();
    });
  });
  it('tells a project administrator (not a Project Collection Administrator) where to look instead, with no Retry', async () => {
    const api = fakeApi({
      me: jest.fn(async () => ({ ...me(true), isOrgAdmin: false })),
      repositories: jest.fn(async () => {
        throw new ApiError(403, 'Forbidden', 'Organization-wide views need a Project Collection Administrator');
      }),
    });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    expect(await screen.findByText('This page is for Project Collection Administrators')).toBeTruthy();
    expect(screen.getByText('Project settings › Vigil')).toBeTruthy();
    expect(screen.getByText('Repos › Security')).toBeTruthy();
    expect(screen.queryByText(/Could not load repositories/)).toBeNull();
    expect(screen.queryByText('Retry')).toBeNull();
    expect(screen.queryByText('Scan all')).toBeNull();
    expect(api.repositories).not.toHaveBeenCalled();
  });
});
