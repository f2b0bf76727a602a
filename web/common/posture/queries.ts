// Server state of the Posture tab through react-query: the summary, the controls list, one control's
// results, the "Assess now" trigger and exemptions, with what each change reads again.
import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateExemptionRequest, PostureSummary } from '../../../service/contract/api';
import type { PostureControlQuery, PostureControlsFilter, VigilApi } from '../api';
import { POLL_MS } from '../queries';

/** Every posture query starts with this: invalidating it reads the whole tab again. */
const ROOT = ['posture'] as const;

export const postureKeys = {
  all: ROOT,
  summary: (project: string | undefined) => [...ROOT, 'summary', { project }] as const,
  controls: (filter: PostureControlsFilter) => [...ROOT, 'controls', filter] as const,
  control: (controlId: string, query: PostureControlQuery) => [...ROOT, 'control', controlId, query] as const,
  recentAssessments: [...ROOT, 'assessments', { limit: 2 }] as const,
};

/** Bounded: one control judges every pipeline or user of the organization; the panel lists them all up to this. */
export const CONTROL_RESULTS_LIMIT = 500;

/** The summary; polls while an assessment waits or runs, and reads the lists again when it ends. */
export function usePostureSummary(api: VigilApi, project: string | undefined) {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: postureKeys.summary(project),
    queryFn: () => api.postureSummary(project),
    refetchInterval: (summary?: PostureSummary) => (summary?.inProgress ? POLL_MS : false),
  });
  const inProgress = q.data?.inProgress;
  const assessedAt = q.data?.lastAssessment?.finishedAt ?? q.data?.lastAssessment?.startedAt;
  const previous = React.useRef({ inProgress, assessedAt });
  React.useEffect(() => {
    const before = previous.current;
    if ((before.inProgress && !inProgress) || (before.assessedAt && assessedAt !== before.assessedAt)) {
      void client.invalidateQueries([...ROOT, 'controls']);
      void client.invalidateQueries([...ROOT, 'control']);
    }
    previous.current = { inProgress, assessedAt };
  }, [inProgress, assessedAt, client]);
  return q;
}

export function usePostureControls(api: VigilApi, filter: PostureControlsFilter) {
  return useQuery({ queryKey: postureKeys.controls(filter), queryFn: () => api.postureControls(filter), keepPreviousData: true });
}

/** One control with every object it judged in the scope (failures first, as the service orders them). */
export function usePostureControl(api: VigilApi, controlId: string, project: string | undefined) {
  const query: PostureControlQuery = { project, limit: CONTROL_RESULTS_LIMIT };
  return useQuery({ queryKey: postureKeys.control(controlId, query), queryFn: () => api.postureControl(controlId, query) });
}

/**
 * Whether the last assessment had one before it (administrators only: the assessments list is theirs).
 * The first assessment reports every failure as new; the page says "first" instead.
 */
export function useHasPreviousAssessment(api: VigilApi, enabled: boolean, lastId: string | undefined): boolean | undefined {
  const q = useQuery({ queryKey: [...postureKeys.recentAssessments, lastId], queryFn: () => api.postureAssessments({ limit: 2 }), enabled: enabled && Boolean(lastId) });
  return q.data ? q.data.items.length > 1 : undefined;
}

/** "Assess now": the summary then says in progress and polls. */
export function useAssessPosture(api: VigilApi) {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => api.assessPosture(), onSuccess: () => client.invalidateQueries([...ROOT, 'summary']) });
}

/** Exempting or revoking changes counts everywhere on the tab. */
export function useExemptions(api: VigilApi) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries(ROOT);
  const exempt = useMutation({ mutationFn: (request: CreateExemptionRequest) => api.createExemption(request), onSuccess: refresh });
  const revoke = useMutation({ mutationFn: (exemptionId: string) => api.revokeExemption(exemptionId), onSuccess: refresh });
  return { exempt, revoke };
}
