// Queries of the organization's settings sections (schedule, scanners, retention, credential, audit log,
// disconnect). Every change reads the audit log again: the entry it wrote shows at once.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectRequest } from '../../service/contract/api';
import type { ScanSettings } from '../../service/contract/settings-api';
import type { ScannerFamily } from '../../service/contract/settings-vocabulary';
import type { VigilApi } from '../common/api';
import { queryKeys } from '../common/queries';

export const settingsKeys = {
  credential: ['organization-credential'] as const,
  auditLog: (action: string | undefined) => ['audit-log', { action }] as const,
  allAuditLog: ['audit-log'] as const,
  repositoryScanners: (repositoryId: string) => ['repository-scanners', repositoryId] as const,
};

export function useUpdateScanSettings(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: ScanSettings) => api.updateScanSettings(settings),
    onSuccess: (settings) => {
      client.setQueryData(queryKeys.organizationSettings, settings);
      void client.invalidateQueries(settingsKeys.allAuditLog);
    },
  });
}

export function useCredential(api: VigilApi) {
  return useQuery({ queryKey: settingsKeys.credential, queryFn: () => api.credential() });
}

export function useReplaceCredential(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ConnectRequest) => api.replaceCredential(request),
    onSuccess: (credential) => {
      client.setQueryData(settingsKeys.credential, credential);
      void client.invalidateQueries(settingsKeys.allAuditLog);
    },
  });
}

export function useAuditLog(api: VigilApi, action: string | undefined, pageSize = 25) {
  return useInfiniteQuery({
    queryKey: settingsKeys.auditLog(action),
    queryFn: ({ pageParam }) => api.auditLog({ action, cursor: pageParam as string | undefined, limit: pageSize }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useRepositoryScanners(api: VigilApi, repositoryId: string) {
  return useQuery({ queryKey: settingsKeys.repositoryScanners(repositoryId), queryFn: () => api.repositoryScanners(repositoryId) });
}

export function useSetRepositoryScanners(api: VigilApi, repositoryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (overrides: Partial<Record<ScannerFamily, boolean>>) => api.setRepositoryScanners(repositoryId, overrides),
    onSuccess: (answer) => {
      client.setQueryData(settingsKeys.repositoryScanners(repositoryId), answer);
      void client.invalidateQueries(settingsKeys.allAuditLog);
    },
  });
}

/** After a disconnect every query is stale: /me says not connected and the hub shows the Connect page. */
export function useDisconnect(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.disconnect(),
    onSuccess: () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      void client.invalidateQueries(queryKeys.me);
    },
  });
}
