import * as React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../common/api';
import { fakeApi, makeSettings } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { OrgSettingsPage } from './OrgSettingsPage';
import { SettingsView } from './SettingsView';

const VERIFY = { name: 'Verify found secrets with their providers' };
const toggle = () => screen.getByRole('switch', VERIFY);

describe('SettingsView', () => {
  it('shows verification off by default and lets an administrator turn it on', async () => {
    const api = fakeApi();
    renderWithQueries(<SettingsView api={api} canEdit />);
    expect(await screen.findByText('Off: secrets are never sent anywhere')).toBeTruthy();
    expect(toggle().getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle());
    await waitFor(() => expect(api.updateOrganizationSettings).toHaveBeenCalledWith({ verifySecrets: true }));
    expect(await screen.findByText('On: secrets are checked with their providers')).toBeTruthy();
    expect(toggle().getAttribute('aria-checked')).toBe('true');
  });

  it('is read-only for others', async () => {
    const api = fakeApi({ organizationSettings: jest.fn(async () => makeSettings({ verifySecrets: true })) });
    renderWithQueries(<SettingsView api={api} canEdit={false} />);
    expect(await screen.findByText('On: secrets are checked with their providers')).toBeTruthy();
    expect(screen.getAllByText('Only a Project Collection Administrator can change this.').length).toBeGreaterThan(0);
    // The credential, audit log and danger zone are administrators' only.
    expect(screen.queryByText('Disconnect organization')).toBeNull();
    fireEvent.click(toggle());
    expect(api.updateOrganizationSettings).not.toHaveBeenCalled();
  });

  it('says why a change was refused and keeps the stored value', async () => {
    const api = fakeApi({ updateOrganizationSettings: jest.fn(async () => Promise.reject(new ApiError(403, 'Forbidden', 'Needs a Project Collection Administrator'))) });
    renderWithQueries(<SettingsView api={api} canEdit />);
    fireEvent.click(await screen.findByRole('switch', VERIFY));
    expect(await screen.findByText('Could not save the setting: Forbidden')).toBeTruthy();
    expect(toggle().getAttribute('aria-checked')).toBe('false');
  });
});

describe('the organization hub', () => {
  it('has a Settings tab with the verification toggle', async () => {
    const api = fakeApi({ organization: jest.fn(async () => ({ id: 'org-1', name: 'contoso', url: 'https://dev.azure.com/contoso', connectedAt: '2025-06-01T10:00:00Z', connectedBy: 'u', credentialKind: 'pat' as const, lastDiscoveryAt: '2025-06-01T10:01:00Z', repositoryCount: 1 })) });
    renderWithQueries(<OrgSettingsPage api={api} hostName="contoso" />);
    fireEvent.click(await screen.findByText('Settings'));
    expect(await screen.findByText('Secret verification')).toBeTruthy();
    expect(toggle().getAttribute('aria-checked')).toBe('false');
  });
});
