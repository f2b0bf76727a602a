import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { PipelineTokenDto } from '../../service/contract/pipeline-api';
import { fakeApi, NOW } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { PipelineTokensSection } from './PipelineTokensSection';

const token = (over: Partial<PipelineTokenDto> = {}): PipelineTokenDto => ({
  id: '11111111-1111-4111-8111-111111111111',
  name: 'storefront CI',
  createdBy: 'user-0001',
  createdByName: 'Ada Admin',
  createdAt: new Date(NOW - 3 * 86_400_000).toISOString(),
  ...over,
});

describe('Settings › Pipeline tokens', () => {
  it('lists the tokens with who made them and their last use; revokes one', async () => {
    const live = token({ lastUsedAt: new Date(NOW - 3_600_000).toISOString() });
    const old = token({ id: '22222222-2222-4222-8222-222222222222', name: 'old nightly', revokedAt: new Date(NOW - 86_400_000).toISOString() });
    const api = fakeApi({ pipelineTokens: jest.fn(async () => ({ items: [live, old] })) });
    renderWithQueries(<PipelineTokensSection api={api} canEdit now={NOW} />);
    const table = await screen.findByRole('table', { name: 'Pipeline tokens' });
    expect(within(table).getByText('storefront CI')).toBeTruthy();
    expect(within(table).getAllByText('Ada Admin')).toHaveLength(2);
    expect(within(table).getByText('1 hour ago')).toBeTruthy();
    expect(within(table).getByText(/^Revoked/)).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Revoke storefront CI' }));
    await waitFor(() => expect(api.revokePipelineToken).toHaveBeenCalledWith(live.id));
    await waitFor(() => expect(api.pipelineTokens).toHaveBeenCalledTimes(2));
    expect(within(table).queryByRole('button', { name: 'Revoke old nightly' })).toBeNull();
  });

  it('creates a token and shows it once, with where it goes', async () => {
    const created = { token: 'vgp_' + 'A'.repeat(43), info: token({ name: 'payments CD' }) };
    const api = fakeApi({ createPipelineToken: jest.fn(async () => created) });
    renderWithQueries(<PipelineTokensSection api={api} canEdit now={NOW} />);
    expect(await screen.findByText('No pipeline token yet.')).toBeTruthy();
    const create = screen.getByRole('button', { name: 'Create token' });
    expect(create.getAttribute('aria-disabled') === 'true' || create.hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByLabelText('Name of the new pipeline token'), { target: { value: '  payments CD ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(api.createPipelineToken).toHaveBeenCalledWith({ name: 'payments CD' }));
    expect((await screen.findByLabelText('The new pipeline token')).textContent).toBe(created.token);
    expect(screen.getByText(/it is not shown again/)).toBeTruthy();
    expect(screen.getByText(/Generic service connection/)).toBeTruthy();
  });

  it('says why a non-administrator sees nothing, without asking the service', () => {
    const api = fakeApi();
    renderWithQueries(<PipelineTokensSection api={api} canEdit={false} now={NOW} />);
    expect(screen.getByText('Only a Project Collection Administrator can see and create pipeline tokens.')).toBeTruthy();
    expect(api.pipelineTokens).not.toHaveBeenCalled();
  });
});
