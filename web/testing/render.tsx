// Rendering with the page's query client, as bootstrap provides it, minus retries and cache timers.
import * as React from 'react';
import { render } from '@testing-library/react';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../common/queries';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

export function testQueryClient(): QueryClient {
  return createQueryClient({ logger: quiet, defaultOptions: { queries: { retry: false, cacheTime: Infinity }, mutations: { cacheTime: Infinity } } });
}

export function renderWithQueries(ui: React.ReactElement, client: QueryClient = testQueryClient()) {
  const wrapper = ({ children }: { children?: React.ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return { client, ...render(ui, { wrapper }) };
}

/** Runs a hook inside a component under the query client; `result.current` is its latest value. */
export function renderHookWithQueries<T>(hook: () => T, client: QueryClient = testQueryClient()) {
  const result = { current: undefined as unknown as T };
  function Probe(): null {
    result.current = hook();
    return null;
  }
  return { result, ...renderWithQueries(<Probe />, client) };
}
