import * as React from 'react';
import { screen } from '@testing-library/react';
import type { OrganizationDto } from '../../service/contract/api';
import { OrgSettingsPage } from './OrgSettingsPage';
import { fakeApi, page } from '../testing/fixtures';
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

describe('OrgSettingsPage', () => {
  it('shows why discovery failed instead of discovering forever', async () => {
    const api = fakeApi({
      organization: jest.fn(async () => organization({ lastDiscoveryError: 'Azure DevOps answered 401: the PAT expired or was revoked.' })),
      repositories: jest.fn(async () => page([])),
    });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    expect(await screen.findByText('Azure DevOps answered 401: the PAT expired or was revoked.')).toBeTruthy();
    expect(screen.getByText("Vigil could not read the organization's projects and repositories")).toBeTruthy();
    expect(screen.queryByText(/Vigil is discovering/)).toBeNull();
    expect(api.organization).toHaveBeenCalledTimes(1); // no polling once it failed
  });

  it('says it is discovering while the first discovery runs', async () => {
    const api = fakeApi({ organization: jest.fn(async () => organization()), repositories: jest.fn(async () => page([])) });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    expect(await screen.findByText(/Vigil is discovering/)).toBeTruthy();
    expect(screen.queryByText(/could not read the organization/)).toBeNull();
  });
});
