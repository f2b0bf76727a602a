// Settings › Compliance in jsdom: the settings as loaded, a change saved as one request (lists split, the
// evidence sources by kind), a repository's own patterns set and cleared, and read-only for non-admins.
import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../common/api';
import { fakeApi } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { ComplianceSettingsSection } from './ComplianceSettingsSection';

const input = (id: string) => document.querySelector(`input[id$="${id}"]`) as HTMLInputElement;

describe('ComplianceSettingsSection', () => {
  it('saves the start date, label, patterns, checks and evidence sources in one request', async () => {
    const api = fakeApi();
    renderWithQueries(<ComplianceSettingsSection api={api} canEdit />);
    await waitFor(() => expect(input('compliance-start-date')?.value).toBe('2026-09-08'));
    expect(input('compliance-emergency-label').value).toBe('emergency');
    expect(input('compliance-branch-patterns').value).toBe('release/*');
    fireEvent.change(input('compliance-start-date'), { target: { value: '2026-10-01' } });
    fireEvent.change(input('compliance-emergency-label'), { target: { value: 'hotfix' } });
    fireEvent.change(input('compliance-branch-patterns'), { target: { value: 'release/*, main,\n hotfix/*' } });
    fireEvent.change(input('compliance-sastTasks'), { target: { value: 'MyScanner, Other@2' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Dependency checks before merge' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save compliance settings' }));
    await waitFor(() => expect(api.updateComplianceSettings).toHaveBeenCalled());
    expect(api.updateComplianceSettings.mock.calls[0][0]).toEqual({
      startDate: '2026-10-01',
      emergencyLabel: 'hotfix',
      branchPatterns: ['release/*', 'main', 'hotfix/*'],
      checks: ['CMP-BRANCH-APPROVAL', 'CMP-PR-APPROVAL', 'CMP-PR-SAST', 'CMP-PR-TESTS'],
      evidenceSources: { sastTasks: ['MyScanner', 'Other@2'], sastStatuses: [], testTasks: [], testStatuses: [], dependencyTasks: [], dependencyStatuses: [] },
    });
    expect(await screen.findByText(/being judged again/)).toBeTruthy();
  });

  it("shows the service's refusal", async () => {
    const api = fakeApi({ updateComplianceSettings: jest.fn(async () => Promise.reject(new ApiError(400, 'Invalid request', 'startDate: a date as YYYY-MM-DD'))) });
    renderWithQueries(<ComplianceSettingsSection api={api} canEdit />);
    await waitFor(() => expect(input('compliance-start-date')).toBeTruthy());
    fireEvent.change(input('compliance-start-date'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save compliance settings' }));
    expect(await screen.findByText(/a date as YYYY-MM-DD/)).toBeTruthy();
  });

  it("sets a repository's own patterns and gives them back to the organization", async () => {
    const api = fakeApi();
    renderWithQueries(<ComplianceSettingsSection api={api} canEdit />);
    const select = (await screen.findByRole('combobox', { name: 'Repository' })) as HTMLSelectElement;
    await waitFor(() => expect(within(select).getByText(/Payments \/ payments-api/)).toBeTruthy());
    fireEvent.change(select, { target: { value: 'repo-2' } });
    const patterns = screen.getByRole('textbox', { name: 'Production branches of the repository' }) as HTMLInputElement;
    await waitFor(() => expect(patterns.value).toBe('hotfix/*'));
    fireEvent.change(patterns, { target: { value: 'hotfix/*, release/*' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateComplianceRepository).toHaveBeenCalledWith('repo-2', { branchPatterns: ['hotfix/*', 'release/*'] }));
    fireEvent.click(screen.getByRole('button', { name: "Use the organization's" }));
    await waitFor(() => expect(api.updateComplianceRepository).toHaveBeenCalledWith('repo-2', { branchPatterns: null }));
  });

  it('is read-only for everyone but administrators', async () => {
    const api = fakeApi();
    renderWithQueries(<ComplianceSettingsSection api={api} canEdit={false} />);
    await waitFor(() => expect(input('compliance-start-date')).toBeTruthy());
    expect(input('compliance-start-date').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save compliance settings' })).toBeNull();
    expect(screen.getByText('Only a Project Collection Administrator can change these.')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Repository' })).toBeNull();
  });
});
