import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { ApiError } from './api';
import { ErrorState } from './ErrorState';

describe('ErrorState', () => {
  it('offers Retry for an error that may pass', () => {
    render(<ErrorState error={new ApiError(503, 'Service unavailable')} context="Could not load repositories" onRetry={() => undefined} />);
    expect(screen.getByText('Could not load repositories: Service unavailable')).toBeTruthy();
    expect(screen.getByText('Retry')).toBeTruthy();
  });

  it('offers no Retry for a refusal (403): it would answer the same', () => {
    render(<ErrorState error={new ApiError(403, 'Forbidden', 'You cannot see this project')} context="Could not load findings" onRetry={() => undefined} />);
    expect(screen.getByText('You cannot see this project')).toBeTruthy();
    expect(screen.queryByText('Retry')).toBeNull();
  });
});
