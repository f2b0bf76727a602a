// A pipeline task's report (POST /api/v1/pipeline/runs): the run's SARIF read into findings and stored
// beside the run, so that the hub lists them with source "pipeline"; and the build recorded with a
// VigilScan task when build.complete has not recorded it yet, so that the compliance checks count the
// run as SAST and dependency-check evidence for the pull request it built.
import { createHash } from 'node:crypto';
import type { AppContext } from '../context';
import type { Location } from '../contract/model';
import type { PipelineRunUpload, PipelineRunUploadResponse } from '../contract/pipeline-api';
import { readSarif, SarifReadError, type SarifFinding } from '../contract/sarif-read';
import { CATEGORIES, CONFIDENCES, type Category, type Confidence, type Severity } from '../contract/vocabulary';
import { AppError, badRequest, forbidden } from '../errors';
import { upsertBuild } from '../store/hooks';
import { buildRecorded, recordPipelineRun, type PipelineFindingInput } from '../store/pipeline-runs';
import { getRepository } from '../store/repositories';
import type { OrganizationRow } from '../store/schema';

/** The timeline task name the compliance checks recognise as a Vigil pipeline scan. */
export const VIGIL_SCAN_TASK = 'VigilScan';

/** Categories a pipeline scan reports; another tool's results count as code findings. */
const SCAN_CATEGORIES = CATEGORIES.filter((c) => c !== 'posture' && c !== 'compliance');

/** https://dev.azure.com/Contoso/ and https://dev.azure.com/contoso are the same organization. */
const sameOrganizationUrl = (a: string, b: string): boolean => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

function locationOf(f: SarifFinding): Location {
  if (!f.path) return { kind: 'file', path: '(no file)', line: 1 };
  return { kind: 'file', path: f.path, line: f.line ?? 1, ...(f.column ? { column: f.column } : {}) };
}

/** Results without a fingerprint get one from what identifies them in the log (stable across runs of the same tool). */
const fallbackFingerprint = (f: SarifFinding): string =>
  'sarif:' + createHash('sha256').update(JSON.stringify([f.tool, f.ruleId, f.path ?? '', f.line ?? 0, f.message])).digest('hex').slice(0, 32);

export function toPipelineFinding(f: SarifFinding): PipelineFindingInput {
  return {
    fingerprint: f.fingerprint ?? fallbackFingerprint(f),
    tool: f.tool.slice(0, 200),
    ruleId: f.ruleId.slice(0, 500),
    category: (SCAN_CATEGORIES as readonly string[]).includes(f.category ?? '') ? (f.category as Category) : 'code',
    severity: f.severity,
    confidence: (CONFIDENCES as readonly string[]).includes(f.confidence ?? '') ? (f.confidence as Confidence) : 'medium',
    title: f.title.slice(0, 1000),
    message: f.message.slice(0, 4000),
    location: locationOf(f),
    ...(f.remediation ? { remediation: f.remediation.slice(0, 4000) } : {}),
    ...(f.helpUri ? { helpUri: f.helpUri.slice(0, 2000) } : {}),
    ...(f.cwe ? { cwe: f.cwe } : {}),
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    suppressed: f.suppressed,
  };
}

/** What a run's findings hold, worst first: a log with more is refused (the task's own never nears it). */
export const MAX_PIPELINE_FINDINGS = 20_000;

export async function recordPipelineUpload(
  ctx: AppContext,
  org: Pick<OrganizationRow, 'org_id' | 'url'>,
  tokenId: string,
  upload: PipelineRunUpload,
): Promise<PipelineRunUploadResponse> {
  const { run } = upload;
  if (!sameOrganizationUrl(run.organizationUrl, org.url)) {
    throw forbidden('The run belongs to another organization than the pipeline token; use a token of that organization');
  }
  let read;
  try {
    read = readSarif(upload.sarif);
  } catch (err) {
    if (err instanceof SarifReadError) throw badRequest(err.message, 'invalid-sarif');
    throw err;
  }
  // Results fixed since the baseline (absent) are not findings of this run.
  const findings = read.findings.filter((f) => f.baselineState !== 'absent').map(toPipelineFinding);
  if (findings.length > MAX_PIPELINE_FINDINGS) {
    throw new AppError(413, 'too-many-findings', 'Too many findings', `The log has ${findings.length} results; a run may report at most ${MAX_PIPELINE_FINDINGS}`);
  }
  const counts: Partial<Record<Severity, number>> = {};
  for (const f of findings) if (!f.suppressed) counts[f.severity] = (counts[f.severity] ?? 0) + 1;

  const { db } = ctx.store;
  // The run names its project; when Vigil knows the repository, they must agree (project members see the run's findings).
  const known = run.repository ? await getRepository(db, org.org_id, run.repository.id) : undefined;
  if (known && known.project_id.toLowerCase() !== run.project.id.toLowerCase()) {
    throw badRequest(`Repository ${run.repository!.id} belongs to another project than ${run.project.id}`, 'project-mismatch');
  }
  const runId = await recordPipelineRun(db, org.org_id, {
    tokenId,
    projectId: run.project.id,
    projectName: run.project.name,
    pipelineId: run.pipeline.id,
    pipelineName: run.pipeline.name,
    buildId: run.build.id,
    buildNumber: run.build.number,
    reason: run.build.reason,
    sourceBranch: run.build.sourceBranch,
    commitSha: run.build.sourceVersion,
    repoId: run.repository?.id,
    repoName: run.repository?.name,
    pullRequestId: run.pullRequestId,
    targetBranch: run.targetBranch,
    verdict: upload.verdict,
    categories: upload.categories,
    counts,
  }, findings);

  if (!(await buildRecorded(db, org.org_id, run.build.id))) {
    await upsertBuild(db, org.org_id, {
      buildId: run.build.id,
      projectId: run.project.id,
      definitionId: run.pipeline.id,
      definitionName: run.pipeline.name,
      buildNumber: run.build.number,
      // The task reports while its build still runs; build.complete replaces this record when it arrives.
      status: 'inProgress',
      reason: run.build.reason,
      sourceBranch: run.build.sourceBranch,
      sourceVersion: run.build.sourceVersion,
      repoId: run.repository?.id,
      pullRequestId: run.pullRequestId,
      tasks: [{ name: VIGIL_SCAN_TASK, task: { id: '', name: VIGIL_SCAN_TASK }, result: upload.verdict }],
    });
  }
  ctx.log.info({ orgId: org.org_id, runId, buildId: run.build.id, verdict: upload.verdict, findings: findings.length }, 'pipeline run recorded');
  return { runId, findings: findings.filter((f) => !f.suppressed).length, hubUrl: pipelineFindingsHubUrl(org.url, ctx.config.extensionId, upload.run) };
}

/**
 * The run's findings in the hub: Project settings › Vigil › Findings with the Source filter on pipeline
 * runs and the run's repository (the list shows the latest run of each repository, pipeline and branch;
 * the hub has no filter by build). The hub is Azure DevOps' page, so the link needs the organization's
 * address and the extension's id, not the service's public address.
 */
export function pipelineFindingsHubUrl(orgUrl: string, extensionId: string, run: PipelineRunUpload['run']): string {
  const query = new URLSearchParams({ source: 'pipeline', ...(run.repository ? { repository: run.repository.id } : {}) });
  return `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(run.project.id)}/_settings/${extensionId}.project-settings-hub?${query}`;
}
