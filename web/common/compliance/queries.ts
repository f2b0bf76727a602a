// Server state of the Compliance tab through react-query: the summary of the period, the pull requests
// (paged), one pull request's evidence, the branches, the settings and a repository's own, and what each
// change reads again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComplianceRepositoryRequest, ComplianceSettingsRequest, ComplianceSummaryDto } from '../../../service/contract/compliance-api';
import type { ComplianceQuery, VigilApi } from '../api';
import { POLL_MS, usePagedQuery } from '../queries';

/** Every compliance query starts with this: invalidating it reads the whole tab again. */
const ROOT = ['compliance'] as const;

export const complianceKeys = {
  all: ROOT,
  summary: (q: ComplianceQuery) => [...ROOT, 'summary', q] as const,
  pullRequests: (q: ComplianceQuery) => [...ROOT, 'pull-requests', q] as const,
  pullRequest: (repositoryId: string, pullRequestId: number) => [...ROOT, 'pull-request', repositoryId, pullRequestId] as const,
  branches: (q: ComplianceQuery) => [...ROOT, 'branches', { project: q.project, repository: q.repository }] as const,
  settings: [...ROOT, 'settings'] as const,
  repositories: (project: string | undefined) => [...ROOT, 'repositories', { project }] as const,
};

/** The summary; polls while the collection runs, and reads the lists again when it ends. */
export function useComplianceSummary(api: VigilApi, q: ComplianceQuery) {
  const client = useQueryClient();
  return useQuery({
    queryKey: complianceKeys.summary(q),
    queryFn: () => api.complianceSummary(q),
    keepPreviousData: true,
    refetchInterval: (s?: ComplianceSummaryDto) => (s?.collection.state === 'running' ? POLL_MS : false),
    onSuccess: (s: ComplianceSummaryDto) => {
      if (s.collection.state !== 'running') return;
      void client.invalidateQueries([...ROOT, 'pull-requests']);
    },
  });
}

export function useCompliancePullRequests(api: VigilApi, q: ComplianceQuery, pageSize = 50) {
  return usePagedQuery(complianceKeys.pullRequests(q), (cursor, limit) => api.compliancePullRequests({ ...q, cursor, limit }), pageSize);
}

export function useCompliancePullRequest(api: VigilApi, repositoryId: string, pullRequestId: number) {
  return useQuery({ queryKey: complianceKeys.pullRequest(repositoryId, pullRequestId), queryFn: () => api.compliancePullRequest(repositoryId, pullRequestId) });
}

export function useComplianceBranches(api: VigilApi, q: ComplianceQuery) {
  return useQuery({ queryKey: complianceKeys.branches(q), queryFn: () => api.complianceBranches({ project: q.project, repository: q.repository }) });
}

export function useComplianceSettings(api: VigilApi) {
  return useQuery({ queryKey: complianceKeys.settings, queryFn: () => api.complianceSettings() });
}

/** Settings change outcomes (they are evaluated again): the whole tab is read again. */
export function useUpdateComplianceSettings(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ComplianceSettingsRequest) => api.updateComplianceSettings(request),
    onSuccess: (settings) => {
      client.setQueryData(complianceKeys.settings, settings);
      void client.invalidateQueries(ROOT);
    },
  });
}

export function useComplianceRepositories(api: VigilApi, project: string | undefined, enabled = true) {
  return useQuery({ queryKey: complianceKeys.repositories(project), queryFn: () => api.complianceRepositories(project), enabled });
}

export function useUpdateComplianceRepository(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ repositoryId, request }: { repositoryId: string; request: ComplianceRepositoryRequest }) => api.updateComplianceRepository(repositoryId, request),
    onSuccess: () => void client.invalidateQueries(ROOT),
  });
}
