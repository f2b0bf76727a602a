// The react-query hooks: paging by cursor, polling while something runs on the service and stopping
// after, and what each mutation makes the page read again. Fake timers stand in for the poll interval.
import { act, waitFor } from '@testing-library/react';
import { ApiError } from './api';
import {
  POLL_MS,
  shouldRetry,
  useDiscoveryStatus,
  useFindingList,
  useFindingTriage,
  useLastScan,
  useMe,
  useRefresh,
  useRepositoryList,
  useRepositoryOptions,
  useTriggerScan,
} from './queries';
import { fakeApi, makeFinding, makeRepo, makeScan, page } from '../testing/fixtures';
import { renderHookWithQueries } from '../testing/render';

/** Lets the poll interval pass and the answers it asked for land. */
async function nextPoll(): Promise<void> {
  await act(async () => {
    jest.advanceTimersByTime(POLL_MS);
  });
}

/** A mock that answers each call with the next value, then keeps answering the last one. */
function answers<T>(...values: T[]): jest.Mock {
  let i = 0;
  return jest.fn(async () => values[Math.min(i++, values.length - 1)]);
}

const organization = (overrides = {}) => ({
  id: 'org-1',
  name: 'contoso',
  url: 'https://dev.azure.com/contoso',
  connectedAt: '2025-06-01T10:00:00Z',
  connectedBy: 'Ada Admin',
  credentialKind: 'pat' as const,
  repositoryCount: 0,
  ...overrides,
});

describe('paged lists', () => {
  it('follows nextCursor on load more and appends the page', async () => {
    const api = fakeApi({
      findings: jest.fn(async (q: { cursor?: string }) =>
        q.cursor === 'c2' ? page([makeFinding({ id: 'f-2' })], undefined, 2) : page([makeFinding()], 'c2', 2),
      ),
    });
    const { result } = renderHookWithQueries(() => useFindingList(api, { group: 'credential' }, 1));
    await waitFor(() => expect(result.current.items).toHaveLength(1));
    expect(result.current).toMatchObject({ total: 2, hasMore: true, loading: false });
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items.map((f) => f.id)).toEqual(['f-1', 'f-2']));
    expect(result.current.hasMore).toBe(false);
    expect(api.findings.mock.calls.map((c) => c[0])).toEqual([
      { group: 'credential', cursor: undefined, limit: 1 },
      { group: 'credential', cursor: 'c2', limit: 1 },
    ]);
  });

  it('keeps what is shown when a later read fails, and reads it again on retry', async () => {
    const findings = jest
      .fn()
      .mockResolvedValueOnce(page([makeFinding()]))
      .mockRejectedValueOnce(new ApiError(503, 'Service unavailable'))
      .mockResolvedValue(page([makeFinding({ title: 'Slack bot token' })]));
    const api = fakeApi({ findings });
    const { result, client } = renderHookWithQueries(() => useFindingList(api, {}));
    await waitFor(() => expect(result.current.items).toHaveLength(1));
    await act(() => client.invalidateQueries(['findings']));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ApiError));
    expect(result.current.items[0].title).toBe('AWS access key');
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.items[0].title).toBe('Slack bot token'));
    expect(result.current.error).toBeUndefined();
  });
});

describe('polling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the repositories again while a scan is queued or running, and stops when none is', async () => {
    const repositories = answers(
      page([makeRepo({ scanState: 'queued' })]),
      page([makeRepo({ scanState: 'running' })]),
      page([makeRepo({ scanState: 'done' })]),
    );
    const { result } = renderHookWithQueries(() => useRepositoryList(fakeApi({ repositories }), undefined));
    await waitFor(() => expect(result.current.items[0]?.scanState).toBe('queued'));
    await nextPoll();
    await waitFor(() => expect(result.current.items[0].scanState).toBe('running'));
    await nextPoll();
    await waitFor(() => expect(result.current.items[0].scanState).toBe('done'));
    await nextPoll();
    await nextPoll();
    expect(repositories).toHaveBeenCalledTimes(3);
  });

  it('does not poll a list where nothing runs', async () => {
    const repositories = jest.fn(async () => page([makeRepo()]));
    const { result } = renderHookWithQueries(() => useRepositoryList(fakeApi({ repositories }), 'proj-1'));
    await waitFor(() => expect(result.current.items).toHaveLength(1));
    await nextPoll();
    expect(repositories).toHaveBeenCalledTimes(1);
    expect(repositories).toHaveBeenCalledWith({ project: 'proj-1', cursor: undefined, limit: 50 });
  });

  it('follows the last scan until it finishes, then reads the findings again', async () => {
    const scans = answers(page([makeScan({ state: 'running' })]), page([makeScan({ state: 'done' })]));
    const findings = jest.fn(async () => page([makeFinding()]));
    const api = fakeApi({ scans, findings });
    const { result } = renderHookWithQueries(() => ({ scan: useLastScan(api, 'repo-1'), findings: useFindingList(api, { repository: 'repo-1' }) }));
    await waitFor(() => expect(result.current.scan.data?.state).toBe('running'));
    await waitFor(() => expect(findings).toHaveBeenCalledTimes(1));
    await nextPoll();
    await waitFor(() => expect(result.current.scan.data?.state).toBe('done'));
    await waitFor(() => expect(findings).toHaveBeenCalledTimes(2));
    await nextPoll();
    expect(scans).toHaveBeenCalledTimes(2);
    expect(scans).toHaveBeenCalledWith({ repository: 'repo-1', limit: 1 });
  });

  it('says null for a repository that was never scanned', async () => {
    const { result } = renderHookWithQueries(() => useLastScan(fakeApi({ scans: jest.fn(async () => page([])) }), 'repo-1'));
    await waitFor(() => expect(result.current.data).toBeNull());
  });

  it('waits for the first discovery, then lists the repositories it found', async () => {
    const organizationCalls = answers(organization(), organization(), organization({ lastDiscoveryAt: '2025-06-01T10:01:00Z', repositoryCount: 1 }));
    const repositories = answers(page([]), page([makeRepo()]));
    const api = fakeApi({ organization: organizationCalls, repositories });
    const { result } = renderHookWithQueries(() => ({ discovery: useDiscoveryStatus(api), list: useRepositoryList(api, undefined) }));
    await waitFor(() => expect(result.current.discovery.waiting).toBe(true));
    expect(result.current.list.items).toEqual([]);
    await nextPoll();
    expect(result.current.discovery.waiting).toBe(true);
    await nextPoll();
    await waitFor(() => expect(result.current.list.items).toHaveLength(1));
    expect(result.current.discovery).toEqual({ waiting: false, error: undefined });
    await nextPoll();
    expect(organizationCalls).toHaveBeenCalledTimes(3);
  });

  it('stops waiting when discovery failed, with the reason', async () => {
    const organizationCalls = jest.fn(async () => organization({ lastDiscoveryError: 'Azure DevOps answered 401.' }));
    const { result } = renderHookWithQueries(() => useDiscoveryStatus(fakeApi({ organization: organizationCalls })));
    await waitFor(() => expect(result.current.error).toBe('Azure DevOps answered 401.'));
    expect(result.current.waiting).toBe(false);
    await nextPoll();
    expect(organizationCalls).toHaveBeenCalledTimes(1);
  });

  it('gives up waiting after the wait limit', async () => {
    const organizationCalls = jest.fn(async () => organization());
    const { result } = renderHookWithQueries(() => useDiscoveryStatus(fakeApi({ organization: organizationCalls }), 2 * POLL_MS));
    await waitFor(() => expect(result.current.waiting).toBe(true));
    await nextPoll();
    await nextPoll();
    await waitFor(() => expect(result.current.waiting).toBe(false));
    const calls = organizationCalls.mock.calls.length;
    await nextPoll();
    expect(organizationCalls).toHaveBeenCalledTimes(calls);
  });
});

describe('mutations', () => {
  it('dismiss and reopen read the findings and the repositories again', async () => {
    const api = fakeApi();
    const { result } = renderHookWithQueries(() => ({
      triage: useFindingTriage(api),
      findings: useFindingList(api, {}),
      repositories: useRepositoryList(api, undefined),
    }));
    await waitFor(() => expect(result.current.findings.items).toHaveLength(1));
    await waitFor(() => expect(result.current.repositories.items).toHaveLength(1));
    await act(async () => {
      await result.current.triage.dismiss.mutateAsync({ id: 'f-1', request: { reason: 'revoked' } });
    });
    expect(api.dismissFinding).toHaveBeenCalledWith('f-1', { reason: 'revoked' });
    await waitFor(() => expect(api.findings).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(api.repositories).toHaveBeenCalledTimes(2));
    await act(async () => {
      await result.current.triage.reopen.mutateAsync('f-1');
    });
    expect(api.reopenFinding).toHaveBeenCalledWith('f-1');
    await waitFor(() => expect(api.findings).toHaveBeenCalledTimes(3));
  });

  it('a queued scan resolves once the repositories were read again', async () => {
    const api = fakeApi();
    const { result } = renderHookWithQueries(() => ({ scan: useTriggerScan(api), repositories: useRepositoryList(api, undefined) }));
    await waitFor(() => expect(result.current.repositories.items).toHaveLength(1));
    await act(async () => {
      await result.current.scan.mutateAsync({ repositoryId: 'repo-1' });
    });
    expect(api.triggerScan).toHaveBeenCalledWith({ repositoryId: 'repo-1' });
    expect(api.repositories).toHaveBeenCalledTimes(2);
  });
});

describe('repository options', () => {
  it('lists every repository of a large organization, beyond the first 500, in pages of 200', async () => {
    const all = Array.from({ length: 1234 }, (_, i) => makeRepo({ id: `repo-${i}`, name: `svc-${i}` }));
    const repositories = jest.fn(async (q: { cursor?: string; limit?: number }) => {
      const offset = q.cursor ? Number(q.cursor) : 0;
      const items = all.slice(offset, offset + (q.limit ?? 50));
      const next = offset + items.length;
      return { items, total: all.length, ...(next < all.length ? { nextCursor: String(next) } : {}) };
    });
    const api = fakeApi({ repositories });
    const { result } = renderHookWithQueries(() => useRepositoryOptions(api, undefined, true));
    await waitFor(() => expect(result.current).toHaveLength(1234));
    expect(result.current?.[1233]).toMatchObject({ id: 'repo-1233' });
    expect(repositories).toHaveBeenCalledTimes(7);
    expect(repositories.mock.calls.every(([q]) => q.limit === 200)).toBe(true);
  });
});

describe('refresh', () => {
  it('reads again every query the page holds but /me', async () => {
    const api = fakeApi({ organization: jest.fn(async () => organization({ lastDiscoveryAt: '2025-06-01T10:01:00Z', repositoryCount: 1 })) });
    const { result, client } = renderHookWithQueries(() => ({
      refresh: useRefresh(),
      me: useMe(api),
      discovery: useDiscoveryStatus(api),
      repositories: useRepositoryList(api, undefined),
      options: useRepositoryOptions(api, undefined, true),
      findings: useFindingList(api, {}),
      scan: useLastScan(api, 'repo-1'),
    }));
    const updates = () => client.getQueryCache().getAll().map((q) => [q.queryKey[0], q.state.dataUpdateCount]);
    await waitFor(() => expect(updates()).toEqual(expect.arrayContaining([['me', 1], ['organization', 1], ['repositories', 1], ['repository-options', 1], ['findings', 1], ['scans', 1]])));
    expect(updates()).toHaveLength(6);
    act(() => result.current.refresh());
    await waitFor(() => expect(updates().filter(([, n]) => n === 2)).toHaveLength(5));
    expect(updates()).toContainEqual(['me', 1]);
    expect(api.me).toHaveBeenCalledTimes(1);
  });
});

describe('retries', () => {
  it('never retries an answer of the service (4xx), retries an unreachable or failing service twice', () => {
    expect(shouldRetry(0, new ApiError(403, 'Forbidden'))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, 'Not found'))).toBe(false);
    expect(shouldRetry(0, new ApiError(0, 'Cannot reach the Vigil service'))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, 'Unavailable'))).toBe(true);
    expect(shouldRetry(2, new ApiError(503, 'Unavailable'))).toBe(false);
  });
});
