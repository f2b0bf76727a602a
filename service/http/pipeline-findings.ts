// A pipeline run's finding as the hub's API answers it: a finding like the scans' (source 'pipeline')
// with the run that reported it, the build linked to its results page in Azure DevOps.
import type { FindingDto } from '../contract/api';
import type { PipelineFindingRow } from '../store/pipeline-runs';
import { toFindingDto } from './dto';

/** `https://dev.azure.com/contoso/<project id>/_build/results?buildId=42` */
export const buildResultsUrl = (orgUrl: string, projectId: string, buildId: number): string =>
  `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(projectId)}/_build/results?buildId=${buildId}`;

export function toPipelineFindingDto(row: PipelineFindingRow, orgUrl: string): FindingDto {
  const { run } = row;
  return {
    ...toFindingDto(row, orgUrl),
    source: 'pipeline',
    pipelineRun: {
      runId: row.run_id,
      pipelineId: run.pipeline_id,
      ...(run.pipeline_name ? { pipelineName: run.pipeline_name } : {}),
      buildId: run.build_id,
      ...(run.build_number ? { buildNumber: run.build_number } : {}),
      ...(row.project_id ? { buildUrl: buildResultsUrl(orgUrl, row.project_id, run.build_id) } : {}),
      ...(run.source_branch ? { sourceBranch: run.source_branch } : {}),
      ...(run.pull_request_id ? { pullRequestId: run.pull_request_id } : {}),
      ...(row.commit_sha ? { commitSha: row.commit_sha } : {}),
    },
  };
}
