// The `record-build` job (issue 14 §4, build.complete): read the build and its timeline and record the
// build, the pull request or commit it ran for, and the tasks it ran, for the compliance checks. No scan.
import type { Build, TimelineRecord } from '../ado/areas/build';
import type { AppContext } from '../context';
import { upsertBuild, type BuildRecord } from '../store/hooks';
import { afterBuildRecorded } from './collect-compliance';
import { getCredential, getOrganization } from '../store/organizations';

export const RECORD_BUILD_QUEUE = 'record-build';

export interface RecordBuildJob {
  orgId: string;
  projectId: string;
  buildId: number;
}

/** The pull request a build ran for: triggerInfo's pr.number, else its refs/pull/{id}/merge source branch. */
export function pullRequestOf(build: Pick<Build, 'triggerInfo' | 'sourceBranch'>): number | undefined {
  const fromTrigger = Number(build.triggerInfo['pr.number']);
  if (Number.isInteger(fromTrigger) && fromTrigger > 0) return fromTrigger;
  const m = /^refs\/pull\/(\d+)\/merge$/.exec(build.sourceBranch ?? '');
  return m ? Number(m[1]) : undefined;
}

/** What is kept of a build: its identity, outcome, what it ran for, and its tasks in timeline order. */
export function buildRecordOf(projectId: string, build: Build, timeline: readonly TimelineRecord[]): BuildRecord {
  const tasks = timeline
    .filter((r) => r.type === 'Task')
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((r) => ({ name: r.name, task: r.task, result: r.result }));
  const repoId = build.repository && (build.repository.type ?? 'TfsGit') === 'TfsGit' ? build.repository.id : undefined;
  return {
    buildId: build.id,
    projectId,
    definitionId: build.definition?.id,
    definitionName: build.definition?.name,
    buildNumber: build.buildNumber,
    status: build.status,
    result: build.result,
    reason: build.reason,
    sourceBranch: build.sourceBranch,
    sourceVersion: build.sourceVersion,
    repoId,
    pullRequestId: pullRequestOf(build),
    queueTime: build.queueTime,
    finishTime: build.finishTime,
    tasks,
  };
}

export type RecordBuildOutcome = 'recorded' | 'gone' | 'skipped';

export async function recordBuild(ctx: Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>, job: RecordBuildJob): Promise<RecordBuildOutcome> {
  const { db } = ctx.store;
  const org = await getOrganization(db, job.orgId);
  if (!org) return 'skipped'; // disconnected since
  const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, org.org_id));
  const build = await client.build.getBuild(job.projectId, job.buildId);
  if (!build) return 'gone';
  const timeline = await client.build.getTimeline(job.projectId, job.buildId);
  const record = buildRecordOf(job.projectId, build, timeline);
  await upsertBuild(db, org.org_id, record);
  // A build of a merged pull request already recorded for compliance joins its evidence.
  await afterBuildRecorded(ctx, org.org_id, record, client.orgUrl);
  ctx.log.info({ orgId: org.org_id, buildId: build.id, result: build.result, pullRequestId: record.pullRequestId, tasks: record.tasks.length }, 'build recorded');
  return 'recorded';
}
