import * as React from 'react';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from './api';
import { ConnectedGate } from './ConnectedGate';
import { queryKeys } from './queries';
import { fakeApi } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const connected = {
  user: { id: 'user-0001', displayName: 'Ada Admin' },
  organization: { name: 'contoso', connected: true, id: 'org-1', url: 'https://dev.azure.com/contoso' },
  isOrgAdmin: true,
};

describe('ConnectedGate', () => {
  it('says why Vigil could not load when the first read of /me fails, and reads it again on retry', async () => {
    const me = jest.fn().mockRejectedValueOnce(new ApiError(0, 'Cannot reach the Vigil service')).mockResolvedValue(connected);
    renderWithQueries(<ConnectedGate api={fakeApi({ me })}>{(m) => <p>Page of {m.organization.name}</p>}</ConnectedGate>);
    expect(await screen.findByText('Could not load Vigil: Cannot reach the Vigil service')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Page of contoso')).toBeTruthy();
  });

  it('keeps a working page when a later read of /me fails (react-query keeps the data beside the error)', async () => {
    const me = jest.fn().mockResolvedValueOnce(connected).mockRejectedValue(new ApiError(503, 'Service unavailable'));
    const { client } = renderWithQueries(<ConnectedGate api={fakeApi({ me })}>{(m) => <p>Page of {m.organization.name}</p>}</ConnectedGate>);
    expect(await screen.findByText('Page of contoso')).toBeTruthy();
    await act(() => client.invalidateQueries(queryKeys.me));
    await waitFor(() => expect(client.getQueryState(queryKeys.me)?.status).toBe('error'));
    expect(me).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Page of contoso')).toBeTruthy();
    expect(screen.queryByText(/Could not load Vigil/)).toBeNull();
  });
});
