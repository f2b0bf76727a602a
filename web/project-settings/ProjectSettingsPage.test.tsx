import * as React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ProjectSettingsPage } from './ProjectSettingsPage';
import { fakeApi } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const project = { id: 'proj-1', name: 'Storefront' };

describe('ProjectSettingsPage: Scan project', () => {
  it("queues the project's repositories and says so on the Repositories tab", async () => {
    const api = fakeApi();
    renderWithQueries(<ProjectSettingsPage api={api} project={project} />);
    const enabled = () => screen.getByText('Scan project').closest('button')?.getAttribute('aria-disabled') !== 'true';
    await waitFor(() => expect(enabled()).toBe(true));
    fireEvent.click(screen.getByText('Scan project'));
    expect(await screen.findByText('Queued 1 scan in Storefront.')).toBeTruthy();
    expect(api.triggerScan).toHaveBeenCalledWith({ projectId: 'proj-1' });
    expect(await screen.findByText('payments-api')).toBeTruthy(); // the Repositories tab is shown
  });

  it('is not offered to someone who is not a Project Collection Administrator', async () => {
    const api = fakeApi({
      me: jest.fn(async () => ({ user: { id: 'u-2', displayName: 'Dev' }, organization: { name: 'contoso', connected: true, id: 'org-1' }, isOrgAdmin: false })),
    });
    renderWithQueries(<ProjectSettingsPage api={api} project={project} />);
    await waitFor(() => expect(api.overview).toHaveBeenCalled()); // the page knows who the caller is by then
    fireEvent.click(screen.getByText('Scan project'));
    expect(api.triggerScan).not.toHaveBeenCalled();
    expect(screen.getByText('Scan project').closest('button')?.getAttribute('aria-disabled')).toBe('true');
  });
});
