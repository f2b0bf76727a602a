import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../common/api';
import { fakeApi, makeRepositorySelection, NOW } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { draftOf, requestOf } from './RepositorySelectionSection';
import { SettingsView } from './SettingsView';

const isChecked = (el: HTMLElement) => el.getAttribute('aria-checked') === 'true';
/** Queries inside the section (other Settings sections have filters and buttons of their own). */
const card = () => within(screen.getByText('Repositories to scan').closest('.vigil-repository-selection') as HTMLElement);

describe('the repositories to scan in Settings', () => {
  it('shows the default (every repository and new ones) and saves a chosen list', async () => {
    const api = fakeApi();
    renderWithQueries(<SettingsView api={api} canEdit now={NOW} />);
    expect(await screen.findByText('Repositories to scan')).toBeTruthy();
    expect(isChecked(await card().findByRole('radio', { name: 'All repositories, and new ones as they are created' }))).toBe(true);
    expect(card().getByText('Scanned now: 3 of 3 repositories.')).toBeTruthy();

    fireEvent.click(card().getByRole('radio', { name: 'Only the repositories I choose' }));
    const list = card().getByRole('group', { name: 'Repositories to scan' });
    // Starts from what is scanned now; the filter narrows the list.
    expect(within(list).getAllByRole('checkbox').every(isChecked)).toBe(true);
    fireEvent.change(card().getByLabelText('Filter the repositories to scan'), { target: { value: 'pay' } });
    expect(within(list).getAllByRole('checkbox')).toHaveLength(1);
    fireEvent.click(within(list).getByRole('checkbox', { name: 'Storefront / payments-api' }));
    expect(card().getByText('2 of 3 chosen')).toBeTruthy();

    // A project left out is said beside its repositories.
    fireEvent.change(card().getByLabelText('Filter the repositories to scan'), { target: { value: '' } });
    fireEvent.click(card().getByRole('radio', { name: 'Only the projects checked below' }));
    fireEvent.click(within(card().getByRole('group', { name: 'Projects to scan' })).getByRole('checkbox', { name: 'Storefront (2 repositories)' }));
    expect(within(list).getByRole('checkbox', { name: 'Platform / platform-infra (its project is not scanned)' })).toBeTruthy();
    expect(within(list).getByRole('checkbox', { name: 'Storefront / web-storefront' })).toBeTruthy();

    fireEvent.click(card().getByRole('button', { name: 'Save selection' }));
    await waitFor(() =>
      expect(api.updateRepositorySelection).toHaveBeenCalledWith({ mode: 'selected', repositoryIds: ['r-infra', 'r-web'], includeProjects: ['p-storefront'] }),
    );
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('asks before deleting findings, naming how many repositories lose them, and saves only when confirmed', async () => {
    const problem = {
      type: 'https://vigil.dev/problems/confirm-delete',
      title: 'Confirmation needed',
      status: 409,
      detail: 'This selection excludes 2 repositories with stored findings',
      repositoriesToDelete: 2,
      repositories: [
        { id: 'r-payments', name: 'payments-api', projectName: 'Storefront' },
        { id: 'r-web', name: 'web-storefront', projectName: 'Storefront' },
      ],
    };
    const updateRepositorySelection = jest.fn(async (request: { confirmDelete?: boolean }) => {
      if (!request.confirmDelete) throw new ApiError(409, problem.title, problem.detail, problem);
      return { ...makeRepositorySelection(), selection: { mode: 'all-future' as const, excludeProjects: ['p-storefront'] }, deleted: { repositories: 2, findings: 17 } };
    });
    const api = fakeApi({ updateRepositorySelection });
    renderWithQueries(<SettingsView api={api} canEdit now={NOW} />);

    fireEvent.click(await card().findByRole('radio', { name: 'Every project except those checked below' }));
    fireEvent.click(within(card().getByRole('group', { name: 'Projects never scanned' })).getByRole('checkbox', { name: 'Storefront (2 repositories)' }));
    fireEvent.click(card().getByRole('button', { name: 'Save selection' }));

    expect(await screen.findByText('Delete stored findings?')).toBeTruthy();
    expect(screen.getByText(/This selection excludes 2 repositories that have stored findings/)).toBeTruthy();
    expect(screen.getByText('Storefront / payments-api')).toBeTruthy();
    expect(updateRepositorySelection).toHaveBeenCalledTimes(1);
    expect(updateRepositorySelection).toHaveBeenLastCalledWith({ mode: 'all-future', excludeProjects: ['p-storefront'] });

    fireEvent.click(screen.getByRole('button', { name: 'Delete findings of 2 repositories and save' }));
    await waitFor(() => expect(updateRepositorySelection).toHaveBeenLastCalledWith({ mode: 'all-future', excludeProjects: ['p-storefront'], confirmDelete: true }));
    expect(await screen.findByText('Saved. The findings of 2 repositories were deleted.')).toBeTruthy();
    expect(screen.queryByText('Delete stored findings?')).toBeNull();
  });

  it('cancelling the confirmation saves nothing', async () => {
    const updateRepositorySelection = jest.fn(async () => {
      throw new ApiError(409, 'Confirmation needed', 'excludes 1 repository', {
        type: 'https://vigil.dev/problems/confirm-delete',
        title: 'Confirmation needed',
        status: 409,
        repositoriesToDelete: 1,
        repositories: [{ id: 'r-infra', name: 'platform-infra', projectName: 'Platform' }],
      } as never);
    });
    const api = fakeApi({ updateRepositorySelection });
    renderWithQueries(<SettingsView api={api} canEdit now={NOW} />);
    fireEvent.click(await card().findByRole('radio', { name: 'Only the projects checked below' }));
    fireEvent.click(within(card().getByRole('group', { name: 'Projects to scan' })).getByRole('checkbox', { name: 'Storefront (2 repositories)' }));
    fireEvent.click(card().getByRole('button', { name: 'Save selection' }));
    expect(await screen.findByText(/excludes 1 repository that has stored findings/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByText('Delete stored findings?')).toBeNull());
    expect(updateRepositorySelection).toHaveBeenCalledTimes(1);
    expect(updateRepositorySelection).toHaveBeenCalledWith({ mode: 'all-future', includeProjects: ['p-storefront'] });
    expect(screen.queryByText(/^Saved/)).toBeNull();
  });

  it("names the repositories created since 'all' was chosen, which it does not scan", async () => {
    const base = makeRepositorySelection();
    const api = fakeApi({
      repositorySelection: jest.fn(async () => ({
        ...base,
        selection: { mode: 'all' as const, repositoryIds: ['r-infra', 'r-payments'] },
        repositories: base.repositories.map((r) => ({ ...r, included: r.id !== 'r-web' })),
      })),
    });
    renderWithQueries(<SettingsView api={api} canEdit now={NOW} />);
    expect(isChecked(await card().findByRole('radio', { name: 'All repositories that exist now (new ones are scanned once you choose them)' }))).toBe(true);
    expect(card().getByText('Scanned now: 2 of 3 repositories.')).toBeTruthy();
    expect(card().getByText(/^Created since you chose this mode, not scanned: web-storefront\./)).toBeTruthy();
  });

  it('is not offered to others, and not even loaded', async () => {
    const api = fakeApi();
    renderWithQueries(<SettingsView api={api} canEdit={false} now={NOW} />);
    expect(await screen.findByText('Only a Project Collection Administrator can see and change which repositories are scanned.')).toBeTruthy();
    expect(api.repositorySelection).not.toHaveBeenCalled();
  });

  it('keeps what a selection means through the form', () => {
    const { repositories } = makeRepositorySelection();
    for (const selection of [
      { mode: 'all-future' as const },
      { mode: 'selected' as const, repositoryIds: ['r-infra', 'r-web'], excludeProjects: ['p-platform'] },
      { mode: 'all' as const, includeProjects: ['p-platform'] },
    ]) {
      const back = requestOf(draftOf(selection, repositories));
      expect(back).toEqual(selection);
    }
    // Include and exclude together reduce to the included projects not excluded.
    expect(requestOf(draftOf({ mode: 'all-future', includeProjects: ['a', 'b'], excludeProjects: ['b'] }, repositories))).toEqual({ mode: 'all-future', includeProjects: ['a'] });
  });
});
