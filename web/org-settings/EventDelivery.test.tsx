import * as React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../common/api';
import { fakeApi, makeEventDelivery } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';
import { EventDeliverySection } from './EventDeliverySection';

const NOW = Date.parse('2025-06-01T10:05:00Z');

describe('EventDeliverySection', () => {
  it('shows service hooks mode with each subscription state, and repairs on request', async () => {
    const repaired = makeEventDelivery({ subscriptions: makeEventDelivery().subscriptions.map((s) => ({ ...s, status: 'enabled' })) });
    const api = fakeApi({ repairEventDelivery: jest.fn(async () => repaired) });
    renderWithQueries(<EventDeliverySection api={api} canEdit now={NOW} />);
    expect(await screen.findByText(/Azure DevOps sends pushes, pull requests and builds to https:\/\/vigil\.example\.com\/hooks\/ado\/org-1/)).toBeTruthy();
    expect(screen.getByText('Code pushed')).toBeTruthy();
    expect(screen.getByText('Pull request created')).toBeTruthy();
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.getByText('Disabled by Azure DevOps')).toBeTruthy();
    expect(screen.getByText(/3 events ignored/)).toBeTruthy();
    fireEvent.click(screen.getByText('Repair subscriptions'));
    await waitFor(() => expect(api.repairEventDelivery).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByText('Disabled by Azure DevOps')).toBeNull());
    expect(screen.getAllByText('Active')).toHaveLength(2);
  });

  it('shows polling mode with the reason, and no repair button for others', async () => {
    const reason = 'The PAT lacks the Service Hooks (read and write) scope, vso.hooks_write: Vigil polls every 5 minutes instead.';
    const api = fakeApi({ eventDelivery: jest.fn(async () => makeEventDelivery({ mode: 'polling', modeReason: reason, subscriptions: [], receiverUrl: undefined, lastPollAt: '2025-06-01T10:03:00Z' })) });
    renderWithQueries(<EventDeliverySection api={api} canEdit={false} now={NOW} />);
    expect(await screen.findByText('Polling every 5 minutes: events do not reach Vigil.')).toBeTruthy();
    expect(screen.getByText(reason)).toBeTruthy();
    expect(screen.getByText(/last poll 2 minutes ago/)).toBeTruthy();
    expect(screen.queryByText('Repair subscriptions')).toBeNull();
    expect(screen.getByText('Only a Project Collection Administrator can repair the subscriptions.')).toBeTruthy();
  });

  it('says why a repair failed', async () => {
    const api = fakeApi({ repairEventDelivery: jest.fn(async () => Promise.reject(new ApiError(502, 'Azure DevOps error', 'TF400898'))) });
    renderWithQueries(<EventDeliverySection api={api} canEdit now={NOW} />);
    fireEvent.click(await screen.findByText('Repair subscriptions'));
    expect(await screen.findByText('Could not repair the subscriptions: Azure DevOps error')).toBeTruthy();
    // The last known state stays.
    expect(screen.getByText('Disabled by Azure DevOps')).toBeTruthy();
  });
});
