import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PullRequestGateSection } from './PullRequestGateSection';
import { fakeApi, makeRepo, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const repos = () => page([makeRepo(), makeRepo({ id: 'repo-2', name: 'infra', projectName: 'Platform' }), makeRepo({ id: 'repo-3', name: 'empty', defaultBranch: undefined, isEmpty: true })]);

describe('pull request gate settings', () => {
  it('shows the gate severity and comments; an administrator changes each', async () => {
    const api = fakeApi({ repositories: jest.fn(async () => repos()) });
    renderWithQueries(<PullRequestGateSection api={api} canEdit />);
    const high = await screen.findByRole('radio', { name: 'High' });
    expect(high.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('radio', { name: 'Medium' }));
    await waitFor(() => expect(api.updateOrganizationSettings).toHaveBeenCalledWith({ gateSeverity: 'medium' }));
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Medium' }).getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(screen.getByRole('switch', { name: 'Comment on pull requests' }));
    await waitFor(() => expect(api.updateOrganizationSettings).toHaveBeenCalledWith({ prComments: false }));
  });

  it('others see the settings, cannot change them, and get the manual steps only', async () => {
    const api = fakeApi();
    renderWithQueries(<PullRequestGateSection api={api} canEdit={false} />);
    expect(await screen.findByText(/Only a Project Collection Administrator/)).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'High' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText(/Add status policy/)).toBeTruthy();
    expect(screen.queryByText("Require Vigil's check on these repositories")).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Repository' })).toBeNull();
    expect(api.repositories).not.toHaveBeenCalled();
  });

  it("requires Vigil's check on the chosen repositories and lists what happened to each", async () => {
    const api = fakeApi({ repositories: jest.fn(async () => repos()) });
    renderWithQueries(<PullRequestGateSection api={api} canEdit />);
    const button = (await screen.findByText("Require Vigil's check on these repositories")).closest('button')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // An empty repository has no branch to protect.
    expect((screen.getByRole('checkbox', { name: /empty: no default branch/ }) as HTMLElement).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Payments / payments-api' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Platform / infra' }));
    fireEvent.click(button);
    await waitFor(() => expect(api.requireStatusPolicy).toHaveBeenCalledWith({ repositoryIds: ['repo-1', 'repo-2'] }));
    const results = await screen.findByRole('list', { name: 'Result per repository' });
    expect(within(results).getByText(/Policy created on main/)).toBeTruthy();
    expect(within(results).getByText(/Failed on main — Azure DevOps refused: the PAT lacks Code/)).toBeTruthy();
  });

  it("sets and clears a repository's own gate severity", async () => {
    const api = fakeApi({ repositories: jest.fn(async () => repos()) });
    renderWithQueries(<PullRequestGateSection api={api} canEdit />);
    const repository = (await screen.findByRole('combobox', { name: 'Repository' })) as HTMLSelectElement;
    const severity = screen.getByRole('combobox', { name: 'Gate severity of the repository' }) as HTMLSelectElement;
    expect(severity.disabled).toBe(true);
    await waitFor(() => expect(within(repository).getByText('Platform / infra')).toBeTruthy());
    fireEvent.change(repository, { target: { value: 'repo-2' } });
    await waitFor(() => expect(api.repositoryGate).toHaveBeenCalledWith('repo-2'));
    await waitFor(() => expect(severity.disabled).toBe(false));
    expect(severity.value).toBe('');
    expect(within(severity).getByText("The organization's (High)")).toBeTruthy();
    fireEvent.change(severity, { target: { value: 'critical' } });
    await waitFor(() => expect(api.setRepositoryGate).toHaveBeenCalledWith('repo-2', 'critical'));
    await waitFor(() => expect(severity.value).toBe('critical'));
    fireEvent.change(severity, { target: { value: '' } });
    await waitFor(() => expect(api.setRepositoryGate).toHaveBeenLastCalledWith('repo-2', null));
  });

  it('the filter narrows the repositories', async () => {
    const api = fakeApi({ repositories: jest.fn(async () => repos()) });
    renderWithQueries(<PullRequestGateSection api={api} canEdit />);
    await screen.findByRole('checkbox', { name: 'Platform / infra' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter repositories' }), { target: { value: 'pay' } });
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Platform / infra' })).toBeNull());
    expect(screen.getByRole('checkbox', { name: 'Payments / payments-api' })).toBeTruthy();
  });
});
