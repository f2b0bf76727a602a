// Rendering with the page's query client, as bootstrap provides it, minus retries and cache timers.
import * as React from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../common/queries';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

export function testQueryClient(): QueryClient {
  return createQueryClient({ logger: quiet, defaultOptions: { queries: { retry: false, cacheTime: Infinity }, mutations: { cacheTime: Infinity } } });
}

export function renderWithQueries(ui: React.ReactElement, client: QueryClient = testQueryClient()) {
  const wrapper = ({ children }: { children?: React.ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return { client, ...render(ui, { wrapper }) };
}
