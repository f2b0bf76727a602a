import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../common/api';
import { DEFAULT_POLICY, fakeApi, NOW } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { draftOf, listOf, policyOf } from './LicensePolicySection';
import { SettingsView } from './SettingsView';

/** Picks `option` in the dropdown labelled `label`. */
async function choose(label: string, option: string): Promise<void> {
  fireEvent.click(screen.getByLabelText(label));
  const list = await screen.findByRole('listbox');
  fireEvent.click(within(list).getByText(option));
}

describe('the license policy in Settings', () => {
  it('shows the default policy by category and lets an administrator change a category and save', async () => {
    const api = fakeApi();
    renderWithQueries(<SettingsView api={api} canEdit now={NOW} />);
    expect(await screen.findByText('License policy')).toBeTruthy();
    expect(screen.getByText('The default policy is in force.')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'By category' }) as HTMLElement).getAttribute('aria-checked')).toBe('true');
    await choose('Strong copyleft licenses', 'Critical');
    await choose('Weak copyleft licenses', 'Low');
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(api.updateLicensePolicy).toHaveBeenCalled());
    expect(api.updateLicensePolicy).toHaveBeenCalledWith({
      mode: 'categories',
      flag: { 'weak-copyleft': 'low', 'strong-copyleft': 'critical', 'network-copyleft': 'high', proprietary: 'off', unknown: 'low' },
      ignoreDevScope: true,
    });
    expect(await screen.findByText(/Saved\. Findings follow/)).toBeTruthy();
    expect(screen.getByText('This organization has its own policy.')).toBeTruthy();
  });

  it('edits a deny list as text and says why the service refused it', async () => {
    const api = fakeApi({ updateLicensePolicy: jest.fn(async () => Promise.reject(new ApiError(400, 'Invalid request', 'deny.0: must be an SPDX license id'))) });
    renderWithQueries(<SettingsView api={api} canEdit now={NOW} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'On a deny list' }));
    expect(screen.getByText('An empty deny list flags nothing.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Denied licenses'), { target: { value: 'AGPL-*\nSSPL-1.0, GPL-3.0-only\n\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(api.updateLicensePolicy).toHaveBeenCalledWith({ mode: 'deny', deny: ['AGPL-*', 'SSPL-1.0', 'GPL-3.0-only'], severity: 'high', ignoreDevScope: true }));
    expect(await screen.findByText('Could not save the policy: Invalid request')).toBeTruthy();
    expect(screen.getByText('deny.0: must be an SPDX license id')).toBeTruthy();
  });

  it('is read-only for others', async () => {
    const api = fakeApi({ licensePolicy: jest.fn(async () => ({ policy: { mode: 'allow' as const, allow: ['MIT', 'Apache-2.0'], otherwise: 'medium' as const }, isDefault: false })) });
    renderWithQueries(<SettingsView api={api} canEdit={false} now={NOW} />);
    const allowed = (await screen.findByLabelText('Allowed licenses')) as HTMLTextAreaElement;
    expect(allowed.value).toBe('MIT\nApache-2.0');
    expect(allowed.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save policy' })).toBeNull();
    expect(screen.getByText('Only a Project Collection Administrator can change the license policy.')).toBeTruthy();
  });

  it('keeps what a policy holds through the form: modes, lists, exceptions', () => {
    for (const policy of [
      DEFAULT_POLICY,
      { mode: 'allow' as const, allow: ['MIT', 'BSD-*'], otherwise: 'low' as const, ignoreDevScope: false },
      { mode: 'deny' as const, deny: ['AGPL-3.0-only'], severity: 'critical' as const, ignoreDevScope: true, exceptions: [{ name: 'ckeditor5', reason: 'commercial license bought' }] },
    ]) {
      const back = policyOf(draftOf(policy));
      expect(back.mode).toBe(policy.mode);
      expect(back).toMatchObject({ ...policy, ...(policy.mode === 'categories' ? { flag: expect.objectContaining(policy.flag) } : {}) });
    }
    expect(listOf(' MIT ,\n\nISC\n')).toEqual(['MIT', 'ISC']);
  });
});

describe('the advisory database in Settings', () => {
  it('lists each ecosystem: records, last sync, newest record, and why a sync failed', async () => {
    const api = fakeApi({
      advisoryStatus: jest.fn(async () => ({
        ecosystems: [
          { ecosystem: 'npm', records: 12345, lastSyncAt: new Date(NOW - 3600_000).toISOString(), lastSuccessAt: new Date(NOW - 3600_000).toISOString(), newestRecordAt: new Date(NOW - 7200_000).toISOString(), warnings: 2 },
          { ecosystem: 'PyPI', records: 800, lastSyncAt: new Date(NOW - 600_000).toISOString(), lastSuccessAt: new Date(NOW - 86_400_000).toISOString(), warnings: 0, lastError: 'HTTP 503 from the OSV host' },
        ],
      })),
    });
    renderWithQueries(<SettingsView api={api} canEdit now={NOW} />);
    const table = await screen.findByLabelText('Advisory database by ecosystem');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain('npm');
    expect(rows[0].textContent).toContain('12,345 advisories');
    expect(rows[0].textContent).toContain('2 records skipped');
    expect(rows[1].textContent).toContain('Failed: HTTP 503 from the OSV host');
    expect(rows[1].textContent).toContain('last good');
    expect(screen.getByText('13,145 advisories in all.')).toBeTruthy();
  });

  it('says when nothing was ever synced', async () => {
    renderWithQueries(<SettingsView api={fakeApi()} canEdit now={NOW} />);
    expect(await screen.findByText(/No advisory has been synced or imported yet/)).toBeTruthy();
  });
});
