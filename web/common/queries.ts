// Server state of the pages, through react-query: one client per page (bootstrap), the query keys, the
// cursor-paged lists, polling while scans or the first discovery run, and the mutations with what they
// invalidate. Components take the api as a prop and hand it to these hooks.
import * as React from 'react';
import {
  QueryClient,
  type QueryClientConfig,
  type QueryKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  ConnectRequest,
  DependenciesPage,
  DismissRequest,
  LicensePolicy,
  OrganizationDto,
  OrganizationSettingsPatch,
  Paged,
  RepositoryDto,
  ScanDto,
  TriggerScanRequest,
  FindingGroupCount,
  FindingGrouping,
} from '../../service/contract/api';
import { isScanActive } from '../../service/contract/vocabulary';
import { ApiError, type DependencyQuery, type FindingQuery, type VigilApi } from './api';

/** How often lists poll while something runs on the service. */
export const POLL_MS = 5000;
/** How often the repositories poll while one of them scans: its progress moves (the job writes it every 500 ms at most). */
export const PROGRESS_POLL_MS = 2000;
/** After connecting, how long to wait for the first discovery before giving up on it. */
export const DISCOVERY_WAIT_LIMIT_MS = 3 * 60_000;
/** Repositories per request of the filter's list: the most a page of the service holds. */
const REPOSITORY_OPTIONS_PAGE = 200;

/** The first element of every key of a kind: invalidating a root reads every query of that kind again. */
const roots = {
  repositories: ['repositories'] as const,
  repositoryOptions: ['repository-options'] as const,
  findings: ['findings'] as const,
  scans: ['scans'] as const,
  dependencies: ['dependencies'] as const,
};

export const queryKeys = {
  me: ['me'] as const,
  organization: ['organization'] as const,
  organizationSettings: ['organization-settings'] as const,
  allRepositories: roots.repositories,
  repositories: (project: string | undefined, pageSize: number) => [...roots.repositories, { project, pageSize }] as const,
  allRepositoryOptions: roots.repositoryOptions,
  repositoryOptions: (project: string | undefined) => [...roots.repositoryOptions, { project }] as const,
  allFindings: roots.findings,
  findings: (query: FindingQuery, pageSize: number) => [...roots.findings, { ...query, pageSize }] as const,
  allScans: roots.scans,
  lastScan: (repository: string) => [...roots.scans, { repository, limit: 1 }] as const,
  allDependencies: roots.dependencies,
  dependencies: (repository: string, query: DependencyQuery, pageSize: number) => [...roots.dependencies, { repository, ...query, pageSize }] as const,
  licensePolicy: ['license-policy'] as const,
  advisoryStatus: ['advisory-status'] as const,
};

/** What the service holds about the organization: everything but who the caller is (/me). */
const DATA_KEYS: readonly QueryKey[] = [
  queryKeys.organization,
  queryKeys.allRepositories,
  queryKeys.allRepositoryOptions,
  queryKeys.allFindings,
  queryKeys.allScans,
  queryKeys.allDependencies,
  queryKeys.advisoryStatus,
  // The Posture tab's queries (posture/queries.ts postureKeys.all).
  ['posture'],
  // The Overview tab (overview/OverviewView.tsx).
  ['overview'],
];

/** A 4xx is the service's answer (no rights, not connected, bad request): asking again changes nothing. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(config: QueryClientConfig = {}): QueryClient {
  return new QueryClient({
    ...config,
    defaultOptions: {
      ...config.defaultOptions,
      // In the ADO iframe, focus moves in and out with every click on the host: no refetch on focus.
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, ...config.defaultOptions?.queries },
      mutations: { retry: false, ...config.defaultOptions?.mutations },
    },
  });
}

export interface PagedList<T> {
  items: T[];
  total: number;
  /** The first page of this key is loading (nothing to show yet). */
  loading: boolean;
  loadingMore: boolean;
  /** The last request failed; items already shown stay. */
  error?: unknown;
  hasMore: boolean;
  loadMore(): void;
  /** Read again what is shown. */
  retry(): void;
}

export function usePagedQuery<T>(
  key: QueryKey,
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Paged<T>>,
  pageSize: number,
  /** True: poll every POLL_MS; a number: every that many ms; false: stop. */
  pollWhile?: (items: T[]) => boolean | number,
): PagedList<T> {
  const q = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage(pageParam as string | undefined, pageSize),
    getNextPageParam: (last: Paged<T>) => last.nextCursor,
    refetchInterval: pollWhile
      ? (data) => {
          const poll = data ? pollWhile(data.pages.flatMap((p) => p.items)) : false;
          return poll === true ? POLL_MS : poll || false;
        }
      : undefined,
  });
  const items = React.useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const pages = q.data?.pages;
  const { hasNextPage, isFetchingNextPage, fetchNextPage, refetch } = q;
  return {
    items,
    total: pages?.length ? pages[pages.length - 1].total : 0,
    loading: q.isLoading,
    loadingMore: isFetchingNextPage,
    error: q.error ?? undefined,
    hasMore: Boolean(hasNextPage),
    loadMore: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    retry: () => void refetch(),
  };
}

/** Repositories of the organization or of one project; polls while any of them is queued or scanning. */
export function useRepositoryList(api: VigilApi, project: string | undefined, pageSize = 50): PagedList<RepositoryDto> {
  return usePagedQuery(
    queryKeys.repositories(project, pageSize),
    (cursor, limit) => api.repositories({ project, cursor, limit }),
    pageSize,
    (repos) => (repos.some((r) => r.scanState === 'running') ? PROGRESS_POLL_MS : repos.some((r) => isScanActive(r.scanState))),
  );
}

/** A repository's scans, newest first; polls while the newest is queued or running. */
export function useRepositoryScans(api: VigilApi, repositoryId: string, pageSize = 20): PagedList<ScanDto> {
  return usePagedQuery(
    [...roots.scans, 'history', { repositoryId, pageSize }],
    (cursor, limit) => api.repositoryScans(repositoryId, { cursor, limit }),
    pageSize,
    (scans) => (scans[0]?.state === 'running' ? PROGRESS_POLL_MS : isScanActive(scans[0]?.state)),
  );
}

/** The findings of `query` grouped by rule or repository (same filters as the list). */
export function useFindingGroups(api: VigilApi, query: FindingQuery, by: FindingGrouping, pageSize = 50): PagedList<FindingGroupCount> {
  return usePagedQuery([...roots.findings, 'groups', { ...query, by, pageSize }], (cursor, limit) => api.findingGroups({ ...query, cursor, limit }, by), pageSize);
}

/** One row per alert (group=credential is part of the query the filter builds). */
export function useFindingList(api: VigilApi, query: FindingQuery, pageSize = 50) {
  return usePagedQuery(queryKeys.findings(query, pageSize), (cursor, limit) => api.findings({ ...query, cursor, limit }), pageSize);
}

/** Every repository of the scope, for the repository filter and the "N scanned" line (a large organization's in pages of 200). */
export function useRepositoryOptions(api: VigilApi, project: string | undefined, enabled: boolean): RepositoryDto[] | undefined {
  const q = useQuery({
    queryKey: queryKeys.repositoryOptions(project),
    enabled,
    queryFn: async () => {
      const all: RepositoryDto[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.repositories({ project, cursor, limit: REPOSITORY_OPTIONS_PAGE });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  });
  return q.data;
}

/** The repository's latest scan (null: never scanned); polls while it is queued or running. */
export function useLastScan(api: VigilApi, repositoryId: string) {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: queryKeys.lastScan(repositoryId),
    queryFn: async (): Promise<ScanDto | null> => (await api.scans({ repository: repositoryId, limit: 1 })).items[0] ?? null,
    refetchInterval: (scan) => (scan && isScanActive(scan.state) ? POLL_MS : false),
  });
  // A scan that just finished changed the findings: read them again.
  const state = q.data?.state;
  const previous = React.useRef(state);
  React.useEffect(() => {
    if (isScanActive(previous.current) && state && !isScanActive(state)) {
      void client.invalidateQueries(queryKeys.allFindings);
      void client.invalidateQueries(queryKeys.allRepositories);
      void client.invalidateQueries(queryKeys.allDependencies);
    }
    previous.current = state;
  }, [state, client]);
  return q;
}

export function useMe(api: VigilApi) {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => api.me() });
}

export interface DiscoveryStatus {
  /** The first discovery is still running: an empty repository list means "not yet". */
  waiting: boolean;
  /** Why the last discovery failed (e.g. the PAT expired), as the service reports it. */
  error?: string;
}

const discoveryPending = (org: OrganizationDto | undefined) => !org?.lastDiscoveryAt && !org?.lastDiscoveryError;

/**
 * Right after connecting, the organization has no repositories until the first discovery ends: poll
 * the organization until it reports a finished or failed discovery (or the wait limit passes), then
 * read the repositories again.
 */
export function useDiscoveryStatus(api: VigilApi, waitLimitMs = DISCOVERY_WAIT_LIMIT_MS): DiscoveryStatus {
  const client = useQueryClient();
  const started = React.useRef(Date.now());
  const q = useQuery({
    queryKey: queryKeys.organization,
    queryFn: () => api.organization(),
    refetchInterval: (org) => (discoveryPending(org) && Date.now() - started.current < waitLimitMs ? POLL_MS : false),
  });
  const answeredAt = Math.max(q.dataUpdatedAt, q.errorUpdatedAt);
  const waiting = !q.isLoading && discoveryPending(q.data) && answeredAt - started.current < waitLimitMs;
  const discoveredAt = q.data?.lastDiscoveryAt;

  const waited = React.useRef(false);
  React.useEffect(() => {
    if (waiting) waited.current = true;
    else if (waited.current && discoveredAt) {
      waited.current = false;
      void client.invalidateQueries(queryKeys.allRepositories);
      void client.invalidateQueries(queryKeys.allRepositoryOptions);
    }
  }, [waiting, discoveredAt, client]);

  return { waiting, error: q.data?.lastDiscoveryError || undefined };
}

/** Queues scans; resolves once the lists show them queued. */
export function useTriggerScan(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: TriggerScanRequest) => api.triggerScan(request),
    onSuccess: () => Promise.all([client.invalidateQueries(queryKeys.allRepositories), client.invalidateQueries(queryKeys.allScans)]),
  });
}

/** Dismissing or reopening changes the findings lists and the repositories' open counts. */
export function useFindingTriage(api: VigilApi) {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries(queryKeys.allFindings);
    void client.invalidateQueries(queryKeys.allRepositories);
  };
  const dismiss = useMutation({
    mutationFn: ({ id, request }: { id: string; request: DismissRequest }) => api.dismissFinding(id, request),
    onSuccess: refresh,
  });
  const reopen = useMutation({ mutationFn: (id: string) => api.reopenFinding(id), onSuccess: refresh });
  return { dismiss, reopen, refresh };
}

/**
 * The Refresh command: reads again what the page shows of the organization, not /me. Who the caller
 * is does not change with a refresh, and a failed read of it would hide a working page.
 */
export function useRefresh(): () => void {
  const client = useQueryClient();
  return React.useCallback(() => {
    for (const key of DATA_KEYS) void client.invalidateQueries(key);
  }, [client]);
}

/** Connecting changes everything the page knows: /me says connected, discovery starts. */
export function useConnect(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ConnectRequest) => api.connect(request),
    onSuccess: () => void client.invalidateQueries(),
  });
}

/** The organization's settings (verifySecrets...). */
export function useOrganizationSettings(api: VigilApi) {
  return useQuery({ queryKey: queryKeys.organizationSettings, queryFn: () => api.organizationSettings() });
}

/** Changes settings (administrators); the answer is the new settings. */
export function useUpdateOrganizationSettings(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationSettingsPatch) => api.updateOrganizationSettings(patch),
    onSuccess: (settings) => client.setQueryData(queryKeys.organizationSettings, settings),
  });
}

/** The packages of a repository's last scan, paged; the first page also says which scan they come from. */
export function useDependencyList(api: VigilApi, repository: string, query: DependencyQuery, pageSize = 50) {
  const list = usePagedQuery<DependenciesPage['items'][number]>(
    queryKeys.dependencies(repository, query, pageSize),
    (cursor, limit) => api.dependencies(repository, { ...query, cursor, limit }),
    pageSize,
  );
  const client = useQueryClient();
  const first = client.getQueryData<{ pages: DependenciesPage[] }>(queryKeys.dependencies(repository, query, pageSize))?.pages[0];
  return { ...list, inventory: first?.inventory };
}

/** The organization's license policy (its own, or the default). */
export function useLicensePolicy(api: VigilApi) {
  return useQuery({ queryKey: queryKeys.licensePolicy, queryFn: () => api.licensePolicy() });
}

/** Stores a license policy (administrators); findings follow at each repository's next scan. */
export function useUpdateLicensePolicy(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (policy: LicensePolicy) => api.updateLicensePolicy(policy),
    onSuccess: (answer) => client.setQueryData(queryKeys.licensePolicy, answer),
  });
}

/** The OSV mirror's state: records per ecosystem, last sync, errors. */
export function useAdvisoryStatus(api: VigilApi) {
  return useQuery({ queryKey: queryKeys.advisoryStatus, queryFn: () => api.advisoryStatus() });
}
