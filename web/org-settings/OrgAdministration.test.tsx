import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../common/api';
import { RepositoryScannersView } from '../common/RepositoryScannersView';
import { fakeApi, makeCredential, makeSettings } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { AuditLogSection, detailsText } from './AuditLogSection';
import { CredentialSection } from './CredentialSection';
import { DisconnectSection } from './DisconnectSection';
import { parseBounded, RetentionSection, ScannersSection, ScheduleSection } from './ScanSettingsSections';

const buttonNamed = (name: string | RegExp) => screen.getByRole('button', { name });
const isDisabled = (el: HTMLElement) => el.getAttribute('aria-disabled') === 'true' || (el as HTMLButtonElement).disabled;

describe('schedule, scanners and retention', () => {
  it('saves the schedule as hours, empty meaning the default, and refuses values out of bounds', async () => {
    const api = fakeApi();
    renderWithQueries(<ScheduleSection api={api} canEdit />);
    const discovery = (await screen.findByLabelText('Discovery interval (hours)')) as HTMLInputElement;
    expect(screen.getByText('Empty: every 8 hours.')).toBeTruthy();
    fireEvent.change(discovery, { target: { value: '500' } });
    expect(screen.getByText('Between 1 and 168 hours')).toBeTruthy();
    expect(isDisabled(buttonNamed('Save schedule'))).toBe(true);
    fireEvent.change(discovery, { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Full scan interval (hours)'), { target: { value: '48' } });
    fireEvent.click(buttonNamed('Save schedule'));
    await waitFor(() =>
      expect(api.updateScanSettings).toHaveBeenCalledWith({ discoveryIntervalHours: 4, scanIntervalHours: 48, disabledScanners: [], historyRetentionDays: null }),
    );
  });

  it('turns a scanner family off with its toggle, keeping the other settings', async () => {
    const api = fakeApi({ organizationSettings: jest.fn(async () => makeSettings({ historyRetentionDays: 90 })) });
    renderWithQueries(<ScannersSection api={api} canEdit />);
    const iac = await screen.findByRole('switch', { name: 'Infrastructure as code' });
    expect(iac.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText(/Terraform, ARM, Bicep/)).toBeTruthy();
    fireEvent.click(iac);
    await waitFor(() =>
      expect(api.updateScanSettings).toHaveBeenCalledWith({ discoveryIntervalHours: null, scanIntervalHours: null, disabledScanners: ['iac'], historyRetentionDays: 90 }),
    );
  });

  it('members see the settings without controls to change them', async () => {
    const api = fakeApi({ organizationSettings: jest.fn(async () => makeSettings({ disabledScanners: ['code'], historyRetentionDays: 365 })) });
    renderWithQueries(
      <>
        <ScannersSection api={api} canEdit={false} />
        <RetentionSection api={api} canEdit={false} />
      </>,
    );
    const code = await screen.findByRole('switch', { name: 'Code' });
    expect(code.getAttribute('aria-checked')).toBe('false');
    expect(code.getAttribute('aria-disabled')).toBe('true');
    expect(((await screen.findByLabelText('Keep history for (days)')) as HTMLInputElement).value).toBe('365');
    expect(screen.queryByRole('button', { name: 'Save retention' })).toBeNull();
  });

  it('reads bounded numbers as the service takes them', () => {
    expect(parseBounded('', { min: 30, max: 3650 }, 'days')).toEqual({ value: null });
    expect(parseBounded(' 90 ', { min: 30, max: 3650 }, 'days')).toEqual({ value: 90 });
    expect(parseBounded('1.5', { min: 1, max: 720 }, 'hours')).toEqual({ problem: 'Give a whole number of hours, or leave it empty' });
    expect(parseBounded('7', { min: 30, max: 3650 }, 'days')).toEqual({ problem: 'Between 30 and 3650 days' });
  });
});

describe('credential', () => {
  it('shows how the organization is connected and replaces the PAT through the panel', async () => {
    const api = fakeApi({
      credential: jest.fn(async () => makeCredential({ postureScopeGaps: [{ scope: 'vso.build', label: 'Build (Read)', areas: ['buildDefinitions'] }] })),
    });
    renderWithQueries(<CredentialSection api={api} organizationUrl="https://dev.azure.com/contoso" />);
    expect(await screen.findByText('Personal access token')).toBeTruthy();
    expect(screen.getByText('Vigil Scanner')).toBeTruthy();
    expect(screen.getByText(/missing for posture: Build \(Read\) \(vso\.build\)/)).toBeTruthy();
    fireEvent.click(buttonNamed('Replace the credential'));
    const pat = (await screen.findByLabelText('Personal access token', { selector: 'input' })) as HTMLInputElement;
    fireEvent.change(pat, { target: { value: 'x'.repeat(52) } });
    fireEvent.click(buttonNamed('Check and replace the credential'));
    await waitFor(() => expect(api.replaceCredential).toHaveBeenCalledWith({ organizationUrl: 'https://dev.azure.com/contoso', pat: 'x'.repeat(52) }));
    expect(await screen.findByText(/The credential was replaced/)).toBeTruthy();
  });

  it('says the current credential stays when the new one is refused', async () => {
    const api = fakeApi({
      replaceCredential: jest.fn(async () => {
        throw new ApiError(400, 'Invalid PAT', 'Azure DevOps rejected the PAT: 401');
      }),
    });
    renderWithQueries(<CredentialSection api={api} organizationUrl="https://dev.azure.com/contoso" />);
    await screen.findByText('Vigil Scanner');
    fireEvent.click(buttonNamed('Replace the credential'));
    fireEvent.change(await screen.findByLabelText('Personal access token', { selector: 'input' }), { target: { value: 'y'.repeat(52) } });
    fireEvent.click(buttonNamed('Check and replace the credential'));
    expect(await screen.findByText(/the current one stays/)).toBeTruthy();
    expect(screen.getByText(/Azure DevOps rejected the PAT/)).toBeTruthy();
  });
});

describe('audit log', () => {
  it('lists entries newest first with who, what, target and the change, and filters by action', async () => {
    const api = fakeApi({
      auditLog: jest.fn(async () => ({
        items: [
          { id: 'a2', at: '2026-12-07T10:05:00.000Z', actor: { id: 'u1', displayName: 'Ada Admin' }, action: 'settings.changed', target: 'organization', before: { disabledScanners: [] }, after: { disabledScanners: ['iac'] } },
          { id: 'a1', at: '2026-12-07T10:00:00.000Z', actor: { id: 'u1', displayName: 'Ada Admin' }, action: 'organization.connected', target: 'https://dev.azure.com/contoso', after: { credentialKind: 'pat' } },
        ],
        actions: ['organization.connected', 'settings.changed'],
      })),
    });
    renderWithQueries(<AuditLogSection api={api} />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]).getByText('Settings changed')).toBeTruthy();
    expect(within(rows[1]).getByText('disabledScanners: [] → ["iac"]')).toBeTruthy();
    expect(within(rows[2]).getByText('Organization connected')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'settings.changed' } });
    await waitFor(() => expect(api.auditLog).toHaveBeenLastCalledWith({ action: 'settings.changed', cursor: undefined, limit: 25 }));
  });

  it('words a change as before → after, and recorded values alone', () => {
    expect(detailsText({ before: { gateSeverity: 'high' }, after: { gateSeverity: 'critical' } })).toBe('gateSeverity: high → critical');
    expect(detailsText({ after: { reason: 'false-positive' } })).toBe('reason: false-positive');
    expect(detailsText({})).toBe('');
  });
});

describe('disconnect', () => {
  it('enables the button only when the organization name is typed exactly, then disconnects', async () => {
    const api = fakeApi();
    renderWithQueries(<DisconnectSection api={api} organizationName="contoso" />);
    fireEvent.click(buttonNamed('Disconnect organization…'));
    const field = (await screen.findByLabelText('Type contoso to confirm')) as HTMLInputElement;
    const confirm = () => buttonNamed('Disconnect and delete data');
    expect(isDisabled(confirm())).toBe(true);
    for (const wrong of ['Contoso', 'contoso ', 'contos']) {
      fireEvent.change(field, { target: { value: wrong } });
      expect(isDisabled(confirm())).toBe(true);
    }
    fireEvent.click(confirm());
    expect(api.disconnect).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: 'contoso' } });
    expect(isDisabled(confirm())).toBe(false);
    fireEvent.click(confirm());
    await waitFor(() => expect(api.disconnect).toHaveBeenCalledTimes(1));
  });

  it('Cancel closes the dialog without disconnecting', async () => {
    const api = fakeApi();
    renderWithQueries(<DisconnectSection api={api} organizationName="contoso" />);
    fireEvent.click(buttonNamed('Disconnect organization…'));
    await screen.findByLabelText('Type contoso to confirm');
    fireEvent.click(buttonNamed('Cancel'));
    await waitFor(() => expect(screen.queryByLabelText('Type contoso to confirm')).toBeNull());
    expect(api.disconnect).not.toHaveBeenCalled();
  });
});

describe("a repository's scanners", () => {
  it("switches a family for the repository and goes back to the organization's", async () => {
    const api = fakeApi();
    renderWithQueries(<RepositoryScannersView api={api} repository={{ id: 'repo-1', name: 'payments-api' }} canEdit />);
    const secrets = await screen.findByRole('switch', { name: 'Secrets on payments-api' });
    fireEvent.click(secrets);
    await waitFor(() => expect(api.setRepositoryScanners).toHaveBeenCalledWith('repo-1', { secret: false }));
    expect(await screen.findByText(/off · this repository's choice/)).toBeTruthy();
    fireEvent.click(buttonNamed("Use the organization's scanners for this repository"));
    await waitFor(() => expect(api.setRepositoryScanners).toHaveBeenLastCalledWith('repo-1', {}));
  });
});
