import * as React from 'react';
import { screen } from '@testing-library/react';
import { PrTabPage, pullRequestFromConfiguration } from './PrTabPage';
import { fakeApi, makeFinding, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

describe('pr-tab', () => {
  it('reads the documented configuration shape and nested variants', () => {
    expect(pullRequestFromConfiguration({ pullRequestId: 42, repositoryId: 'r1' })).toEqual({ pullRequestId: 42, repositoryId: 'r1' });
    expect(pullRequestFromConfiguration({ pullRequest: { pullRequestId: '7', repository: { id: 'r2' } } })).toEqual({
      pullRequestId: 7,
      repositoryId: 'r2',
    });
    expect(pullRequestFromConfiguration({})).toEqual({ pullRequestId: undefined, repositoryId: undefined });
    expect(pullRequestFromConfiguration({ pullRequestId: 'abc', repositoryId: 5 })).toEqual({ pullRequestId: undefined, repositoryId: undefined });
  });

  it('says diff scanning is not built and shows the repository findings', async () => {
    const api = fakeApi({ findings: jest.fn(async () => page([makeFinding({ title: 'Slack webhook URL', severity: 'medium' })])) });
    renderWithQueries(<PrTabPage api={api} context={{ pullRequestId: 42, repository: { id: 'repo-1', name: 'payments-api' } }} />);
    expect(screen.getByText(/Pull-request diff scanning is not built yet/)).toBeTruthy();
    expect(screen.getByText(/pull request !42/)).toBeTruthy();
    expect(await screen.findByText('Slack webhook URL')).toBeTruthy();
    expect(api.findings.mock.calls[0][0]).toMatchObject({ repository: 'repo-1' });
    expect(api.scans.mock.calls[0][0]).toEqual({ repository: 'repo-1', limit: 1 });
  });

  it('falls back gracefully without a repository', () => {
    renderWithQueries(<PrTabPage api={fakeApi()} context={{}} />);
    expect(screen.getByText('Could not tell which repository this pull request belongs to')).toBeTruthy();
  });
});
