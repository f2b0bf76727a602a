import * as React from 'react';
import { screen, waitFor } from '@testing-library/react';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { bootstrap, type PageHost } from './bootstrap';
import { shouldRetry } from './queries';
import { sdk } from '../testing/sdk';

describe('bootstrap', () => {
  let root: HTMLElement;
  const realParent = Object.getOwnPropertyDescriptor(window, 'parent');

  beforeEach(() => {
    sdk.resetSdkMock();
    root = document.createElement('div');
    document.body.appendChild(root);
    // Pages live in an iframe: pretend there is a host frame above this window.
    Object.defineProperty(window, 'parent', { value: {}, configurable: true });
  });
  afterEach(() => {
    root.remove();
    if (realParent) Object.defineProperty(window, 'parent', realParent);
  });

  it('waits for the handshake, renders the page with its host, then says it loaded', async () => {
    sdk.getConfiguration.mockReturnValue({ pullRequestId: 7, repositoryId: 'repo-9' });
    let seen: PageHost | undefined;
    await bootstrap((host) => {
      seen = host;
      return <h1>Hub content</h1>;
    }, root);
    expect(sdk.init).toHaveBeenCalledWith({ loaded: false, applyTheme: true });
    expect(sdk.ready).toHaveBeenCalled();
    expect(root.textContent).toBe('Hub content');
    await waitFor(() => expect(sdk.notifyLoadSucceeded).toHaveBeenCalled());
    expect(sdk.notifyLoadFailed).not.toHaveBeenCalled();
    expect(seen?.organization).toEqual({ id: 'host-0001', name: 'contoso' });
    expect(seen?.user).toEqual({ id: 'user-0001', displayName: 'Ada Admin' });
    expect(seen?.configuration).toEqual({ pullRequestId: 7, repositoryId: 'repo-9' });
  });

  it("gives each page a query client of its own for its server state, configured for the iframe", async () => {
    const clients: QueryClient[] = [];
    function UsesQueries(): JSX.Element {
      const client = useQueryClient();
      if (!clients.includes(client)) clients.push(client);
      const q = useQuery({ queryKey: ['probe'], queryFn: async () => 'answered' });
      return <span>{q.data ?? 'loading'}</span>;
    }
    await bootstrap(() => <UsesQueries />, root);
    await waitFor(() => expect(root.textContent).toBe('answered'));
    expect(sdk.notifyLoadFailed).not.toHaveBeenCalled();
    const [client] = clients;
    expect(client.getQueryData(['probe'])).toBe('answered');
    // No refetch each time focus moves between the host and the frame; no retry of the service's 4xx answers.
    expect(client.getDefaultOptions().queries).toMatchObject({ refetchOnWindowFocus: false, retry: shouldRetry });
    expect(client.getDefaultOptions().mutations).toMatchObject({ retry: false });

    const other = document.createElement('div');
    document.body.appendChild(other);
    try {
      await bootstrap(() => <UsesQueries />, other);
      await waitFor(() => expect(other.textContent).toBe('answered'));
      expect(clients).toHaveLength(2);
    } finally {
      other.remove();
    }
  });

  it('asks the host services for the project and repository', async () => {
    sdk.getService.mockImplementation(async (id: string) => {
      if (id === 'ms.vss-tfs-web.tfs-page-data-service') return { getProject: async () => ({ id: 'p1', name: 'Payments' }) };
      if (id === 'ms.vss-code-web.vc-repository-service')
        return { getCurrentGitRepository: async () => ({ id: 'r1', name: 'payments-api', project: { id: 'p1', name: 'Payments' } }) };
      throw new Error(id);
    });
    let host: PageHost | undefined;
    await bootstrap((h) => {
      host = h;
      return <span />;
    }, root);
    await expect(host!.project()).resolves.toEqual({ id: 'p1', name: 'Payments' });
    await expect(host!.currentRepository()).resolves.toEqual({ id: 'r1', name: 'payments-api', project: { id: 'p1', name: 'Payments' } });
  });

  it('falls back to the web context for the project', async () => {
    sdk.getWebContext.mockReturnValue({ project: { id: 'p2', name: 'Infra' } });
    let host: PageHost | undefined;
    await bootstrap((h) => {
      host = h;
      return <span />;
    }, root);
    await expect(host!.project()).resolves.toEqual({ id: 'p2', name: 'Infra' });
  });

  it('shows an error card and tells the host when the page cannot start', async () => {
    await bootstrap(() => {
      throw new Error('Azure DevOps did not say which project this page is in.');
    }, root);
    expect(screen.getByText('Vigil could not start: Azure DevOps did not say which project this page is in.')).toBeTruthy();
    await waitFor(() => expect(sdk.notifyLoadFailed).toHaveBeenCalledWith('Azure DevOps did not say which project this page is in.'));
    expect(sdk.notifyLoadSucceeded).not.toHaveBeenCalled();
  });

  it('explains itself when opened outside Azure DevOps', async () => {
    if (realParent) Object.defineProperty(window, 'parent', realParent);
    await bootstrap(() => <span>never</span>, root);
    expect(root.textContent).toContain('This page runs inside Azure DevOps');
    expect(sdk.init).not.toHaveBeenCalled();
  });
});
