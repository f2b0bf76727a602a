// The compliance collection (issue 15): what ADO records of each merged pull request into a production
// branch, kept at merge time so build retention cannot erase it later.
//  - organization runs (`compliance-collect`, stately per organization): the backfill at connect (since
//    the start date) and the daily run (since the last finished run, less a day), then the evaluation;
//  - one pull request (`compliance-collect-pr`): git.pullrequest.merged / completed, then its evaluation;
//  - build.complete: once record-build has recorded a build of a recorded pull request, its evidence gains
//    the build and the pull request is evaluated again (no ADO request: record-build read it).
// Requests per pull request: the repository's completed pull requests are listed a page of 100 at a time
// with their reviewers; per production pull request its threads (votes), commits and statuses (and its
// iterations when it has statuses, to know the last); builds once per project for every pull request of
// the period, and a timeline only for a build that Vigil did not record already. Each run counts its ADO
// requests and 429s (compliance_collections).
import type PgBoss from 'pg-boss';
import type { Build } from '../ado/areas/build';
import type { PolicyConfiguration } from '../ado/areas/policy';
import type { PullRequest } from '../ado/areas/git-pull-requests';
import type { AdoClient } from '../ado/client';
import { countRequests, type RequestTally } from '../ado/request-tally';
import { AdoError } from '../ado/types';
import { isProductionBranch } from '../compliance/evaluate';
import type { BuildEvidence, MergedPullRequestEvidence, PolicyRevisionEvidence, UnavailableFacet } from '../compliance/evidence';
import type { AppContext } from '../context';
import { readComplianceSettings } from '../store/compliance-reads';
import {
  complianceRepositories,
  ensureComplianceSettings,
  failComplianceCollection,
  finishComplianceCollection,
  markPoliciesDeleted,
  partialPullRequests,
  pullRequestEvidence,
  recordedBuildsOf,
  recordedPullRequests,
  recordPolicyRevisions,
  startComplianceCollection,
  upsertPullRequestEvidence,
  type ComplianceRepositoryRow,
  type RecordedBuild,
} from '../store/compliance';
import { upsertBuild, type BuildRecord } from '../store/hooks';
import { getCredential, getOrganization } from '../store/organizations';
import { limiter } from '../posture/collect/context';
import { buildEvidence, mergeBuildEvidence, mergedPullRequestEvidence, recordedBuildEvidence, unavailableReason, type PullRequestFacets, type RepositoryRef } from './compliance-evidence';
import { evaluateCompliance } from './evaluate-compliance';
import { buildRecordOf, pullRequestOf } from './record-build';

export const COLLECT_COMPLIANCE_QUEUE = 'compliance-collect';
export const COLLECT_PULL_REQUEST_COMPLIANCE_QUEUE = 'compliance-collect-pr';
export const COLLECT_COMPLIANCE_ALL_QUEUE = 'compliance-collect-all';

export type ComplianceTrigger = 'connect' | 'schedule' | 'manual';

export interface CollectComplianceJob {
  orgId: string;
  trigger: ComplianceTrigger;
}

export interface CollectPullRequestComplianceJob {
  orgId: string;
  repoId: string;
  pullRequestId: number;
}

type Ctx = Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>;

const DAY_MS = 86_400_000;
/** The daily run lists pull requests closed since the last run started, less this (clock skew, late indexing). */
const DAILY_OVERLAP_MS = DAY_MS;
/** Builds are listed from this long before the period: a pull request merged on its first day was built before. */
const BUILD_LOOKBACK_MS = 30 * DAY_MS;
/** Pull requests read at once per repository, and repositories at once per organization. */
const PULL_REQUEST_CONCURRENCY = 4;
const REPOSITORY_CONCURRENCY = 2;
/** Policy types whose history the checks read: minimum reviewers, build validation, status. */
const POLICY_TYPES = new Set(['fa4e907d-c16b-4a4c-9dfa-4906e5d171dd', '0609b952-1397-4640-95ec-e00a01b2c241', 'cbdc66da-9728-4af8-aada-9a5a32e4a226']);

// Until the first discovery has listed the repositories, an organization run waits (retried).
const QUEUE: PgBoss.Queue = { name: COLLECT_COMPLIANCE_QUEUE, policy: 'stately', expireInSeconds: 6 * 3600, retryLimit: 40, retryDelay: 15 };
const PR_QUEUE: PgBoss.Queue = { name: COLLECT_PULL_REQUEST_COMPLIANCE_QUEUE, policy: 'standard', expireInSeconds: 15 * 60, retryLimit: 3, retryDelay: 30, retryBackoff: true };
const ALL_QUEUE: PgBoss.Queue = { name: COLLECT_COMPLIANCE_ALL_QUEUE, policy: 'singleton', retryLimit: 0 };

export const COMPLIANCE_COLLECT_QUEUES = [QUEUE, PR_QUEUE, ALL_QUEUE];

export class DiscoveryPendingError extends Error {}

/** Queue an organization run; false when one already waits (it coalesces into it). */
export async function requestComplianceCollection(ctx: Pick<AppContext, 'boss'>, orgId: string, trigger: ComplianceTrigger): Promise<boolean> {
  return (await ctx.boss.send(COLLECT_COMPLIANCE_QUEUE, { orgId, trigger } satisfies CollectComplianceJob, { singletonKey: orgId })) !== null;
}

/** Queue the collection of one merged pull request (one waiting job per pull request). */
export async function requestPullRequestCompliance(ctx: Pick<AppContext, 'boss'>, job: CollectPullRequestComplianceJob): Promise<boolean> {
  const key = `${job.orgId}:${job.repoId}:${job.pullRequestId}`;
  return (await ctx.boss.send(COLLECT_PULL_REQUEST_COMPLIANCE_QUEUE, job, { singletonKey: key })) !== null;
}

export interface CollectComplianceResult {
  state: 'done' | 'failed' | 'skipped';
  pullRequests?: number;
  adoRequests?: number;
  throttled?: number;
  warnings?: number;
  error?: string;
}

/** Warnings by facet, counted, so that 10,000 unreadable statuses make one line. */
class Warnings {
  private readonly byKey = new Map<string, { text: string; count: number; example: string }>();
  add(key: string, text: string, example: string): void {
    const w = this.byKey.get(key);
    if (w) w.count++;
    else this.byKey.set(key, { text, count: 1, example });
  }
  list(): string[] {
    return [...this.byKey.values()].map((w) => (w.count > 1 ? `${w.text} (${w.count} times; e.g. ${w.example})` : `${w.text} (${w.example})`));
  }
  get size(): number {
    return this.byKey.size;
  }
}

/** One organization run. Never throws for ADO trouble (the run is recorded as failed) but while discovery is pending. */
export async function collectCompliance(ctx: Ctx, job: CollectComplianceJob, signal?: AbortSignal): Promise<CollectComplianceResult> {
  const { db } = ctx.store;
  const org = await getOrganization(db, job.orgId);
  if (!org) return { state: 'skipped' };
  if (!org.last_discovery_at) throw new DiscoveryPendingError(`the organization's repositories are not discovered yet`);
  await ensureComplianceSettings(db, org.org_id);
  const settings = (await readComplianceSettings(db, org.org_id))!;
  const started = new Date();
  const { collectedFrom, collectedUntil } = await startComplianceCollection(db, org.org_id, started);
  const startMs = Date.parse(`${settings.startDate}T00:00:00Z`);
  // The daily run lists what closed since the last run, unless the start date moved before what was collected.
  const covered = collectedFrom && collectedUntil && collectedFrom.getTime() <= startMs;
  const sinceMs = job.trigger === 'schedule' && covered ? Math.max(startMs, collectedUntil.getTime() - DAILY_OVERLAP_MS) : startMs;
  const tally: RequestTally = { requests: 0, throttled: 0 };
  const warnings = new Warnings();
  const policiesUnavailable: Record<string, string> = {};
  const log = ctx.log.child({ orgId: org.org_id, job: COLLECT_COMPLIANCE_QUEUE });
  try {
    const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, org.org_id));
    const run = new OrganizationRun(ctx, org.org_id, client, { branchPatterns: settings.branchPatterns, sinceMs, started, warnings, policiesUnavailable, signal });
    const pullRequests = await countRequests(tally, () => run.collect());
    await finishComplianceCollection(db, org.org_id, {
      collectedFrom: new Date(sinceMs).toISOString(),
      until: started,
      pullRequests,
      adoRequests: tally.requests,
      throttled: tally.throttled,
      warnings: warnings.list(),
      policiesUnavailable,
    });
    log.info({ pullRequests, adoRequests: tally.requests, throttled: tally.throttled, warnings: warnings.size, ms: Date.now() - started.getTime() }, 'compliance evidence collected');
    await evaluateCompliance(ctx, org.org_id);
    return { state: 'done', pullRequests, adoRequests: tally.requests, throttled: tally.throttled, warnings: warnings.size };
  } catch (err) {
    if (signal?.aborted) throw err;
    const error = err instanceof Error ? err.message : String(err);
    await failComplianceCollection(db, org.org_id, error, { adoRequests: tally.requests, throttled: tally.throttled, warnings: warnings.list() });
    log.warn({ err: error }, 'compliance collection failed');
    return { state: 'failed', error, adoRequests: tally.requests };
  }
}

interface RunOptions {
  branchPatterns: string[];
  sinceMs: number;
  started: Date;
  warnings: Warnings;
  policiesUnavailable: Record<string, string>;
  signal?: AbortSignal;
}

/** What a production check needs of a repository: its default branch and patterns. */
const productionOf = (repo: ComplianceRepositoryRow, orgPatterns: string[]) => ({
  id: repo.repoId,
  projectId: repo.projectId,
  defaultBranch: repo.defaultBranch,
  branchPatterns: repo.branchPatterns ?? orgPatterns,
  checks: [],
});

const refOf = (repo: ComplianceRepositoryRow): RepositoryRef => ({ projectId: repo.projectId, projectName: repo.projectName, repoId: repo.repoId, repoName: repo.name });

class OrganizationRun {
  /** Per project: its pull-request builds of the period by `${repoId}:${pullRequestId}`, or why they could not be listed. */
  private readonly builds = new Map<string, Promise<Map<string, Build[]> | { unavailable: string }>>();

  constructor(
    private readonly ctx: Ctx,
    private readonly orgId: string,
    private readonly client: AdoClient,
    private readonly o: RunOptions,
  ) {}

  async collect(): Promise<number> {
    const { db } = this.ctx.store;
    const repos = await complianceRepositories(db, this.orgId);
    const projects = [...new Set(repos.map((r) => r.projectId))];
    for (const projectId of projects) await this.collectPolicies(projectId);
    const partial = await partialPullRequests(db, this.orgId);
    const limit = limiter(REPOSITORY_CONCURRENCY);
    const counts = await Promise.all(
      repos.map((repo) =>
        limit(() =>
          this.collectRepository(
            repo,
            partial.filter((p) => p.repoId === repo.repoId && isProductionBranch(p.targetRef, productionOf(repo, this.o.branchPatterns))).map((p) => p.pullRequestId),
          ),
        ),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** The project's policies that the checks read, with every revision (the current one when revisions cannot be read). */
  private async collectPolicies(projectId: string): Promise<void> {
    let configurations: PolicyConfiguration[];
    try {
      configurations = await this.client.policy.listConfigurations(projectId);
    } catch (err) {
      if (!(err instanceof AdoError)) throw err;
      this.o.policiesUnavailable[projectId] = unavailableReason(err);
      this.o.warnings.add(`policies:${err.kind}`, `Branch policies could not be read: ${unavailableReason(err)}`, `project ${projectId}`);
      return;
    }
    const revisions: PolicyRevisionEvidence[] = [];
    for (const c of configurations.filter((x) => POLICY_TYPES.has(x.typeId))) {
      let history: PolicyConfiguration[];
      try {
        history = await this.client.policy.listRevisions(projectId, c.id);
      } catch (err) {
        if (!(err instanceof AdoError)) throw err;
        this.o.warnings.add(`policy-revisions:${err.kind}`, `Policy revisions could not be read, only the current configuration is recorded: ${unavailableReason(err)}`, `policy ${c.id}`);
        history = [c];
      }
      revisions.push(...history.map((r) => policyRevisionOf(projectId, r)));
    }
    const { db } = this.ctx.store;
    await recordPolicyRevisions(db, this.orgId, revisions);
    await markPoliciesDeleted(db, this.orgId, projectId, configurations.map((c) => c.id));
  }

  private async collectRepository(repo: ComplianceRepositoryRow, partialIds: number[]): Promise<number> {
    this.o.signal?.throwIfAborted();
    let listed: PullRequest[];
    try {
      listed = await this.client.pullRequests.list(repo.projectId, repo.repoId, {
        status: 'completed',
        queryTimeRangeType: 'closed',
        minTime: new Date(this.o.sinceMs).toISOString(),
        top: 100,
      });
    } catch (err) {
      if (!(err instanceof AdoError)) throw err;
      this.o.warnings.add(`pull-requests:${err.kind}`, `Merged pull requests could not be listed: ${unavailableReason(err)}`, `repository ${repo.name}`);
      return 0;
    }
    const { db } = this.ctx.store;
    const stored = await recordedPullRequests(db, this.orgId, repo.repoId, new Date(this.o.sinceMs));
    const production = (pr: PullRequest) => isProductionBranch(pr.targetRefName, productionOf(repo, this.o.branchPatterns));
    const todo = listed.filter((pr) => pr.closedDate && (!stored.has(pr.pullRequestId) || (stored.get(pr.pullRequestId)!.partial && production(pr))));
    // Recorded with the list's data only, when the target was no production branch: completed now it is one.
    for (const id of partialIds) {
      if (todo.some((p) => p.pullRequestId === id)) continue;
      try {
        todo.push(await this.client.pullRequests.get(repo.projectId, repo.repoId, id));
      } catch (err) {
        if (!(err instanceof AdoError)) throw err;
        this.o.warnings.add(`pull-request:${err.kind}`, `A pull request recorded earlier could not be read again: ${unavailableReason(err)}`, `${repo.name} !${id}`);
      }
    }
    if (!todo.length) return 0;
    const recorded = await recordedBuildsOf(db, this.orgId, repo.repoId, todo.map((p) => p.pullRequestId));
    const limit = limiter(PULL_REQUEST_CONCURRENCY);
    const out = await Promise.all(
      todo.map((pr) =>
        limit(async () => {
          this.o.signal?.throwIfAborted();
          if (!production(pr)) return { evidence: mergedPullRequestEvidence(this.client.orgUrl, refOf(repo), pr, { builds: [], unavailable: [] }, this.o.started), partial: true };
          const builds = await this.projectBuilds(repo.projectId);
          const facets = await readFacets(this.ctx, this.orgId, this.client, refOf(repo), pr, {
            listed: 'unavailable' in builds ? builds : (builds.get(`${repo.repoId.toLowerCase()}:${pr.pullRequestId}`) ?? []),
            recorded: recorded.get(pr.pullRequestId) ?? [],
          });
          for (const u of facets.unavailable) this.o.warnings.add(`${u.facet}`, `The ${u.facet} of some pull requests could not be read: ${u.reason}`, `${repo.name} !${pr.pullRequestId}`);
          return { evidence: mergedPullRequestEvidence(this.client.orgUrl, refOf(repo), pr, facets, this.o.started), partial: false };
        }),
      ),
    );
    await upsertPullRequestEvidence(db, this.orgId, out);
    return out.length;
  }

  /** Every pull-request build of the project since the period's start (less the lookback), read once per run. */
  private projectBuilds(projectId: string): Promise<Map<string, Build[]> | { unavailable: string }> {
    let p = this.builds.get(projectId);
    if (!p) {
      p = this.client.build.pullRequestBuildsSince(projectId, new Date(this.o.sinceMs - BUILD_LOOKBACK_MS).toISOString()).then(
        (builds) => {
          const byPr = new Map<string, Build[]>();
          for (const b of builds) {
            const prId = pullRequestOf(b);
            if (prId === undefined || !b.repository?.id) continue;
            const key = `${b.repository.id.toLowerCase()}:${prId}`;
            byPr.set(key, [...(byPr.get(key) ?? []), b]);
          }
          return byPr;
        },
        (err: unknown) => {
          if (!(err instanceof AdoError)) throw err;
          return { unavailable: unavailableReason(err) };
        },
      );
      this.builds.set(projectId, p);
    }
    return p;
  }
}

function policyRevisionOf(projectId: string, c: PolicyConfiguration): PolicyRevisionEvidence {
  return {
    projectId,
    policyId: c.id,
    revision: c.revision ?? 1,
    typeId: c.typeId,
    isEnabled: c.isEnabled,
    isBlocking: c.isBlocking,
    ...(c.isDeleted ? { isDeleted: true } : {}),
    scope: c.scope,
    settings: c.settings as Record<string, unknown>,
    ...(c.createdDate ? { revisedAt: c.createdDate } : {}),
    ...(c.createdBy ? { revisedBy: { id: c.createdBy.id, displayName: c.createdBy.displayName, uniqueName: c.createdBy.uniqueName } } : {}),
  };
}

interface BuildSources {
  /** Builds ADO lists for the pull request now (deleted ones flagged), or why they could not be listed. */
  listed: Build[] | { unavailable: string };
  /** Builds Vigil recorded for it (build.complete, earlier collections). */
  recorded: RecordedBuild[];
}

/**
 * Reads a production pull request's votes, commits, statuses (and its last iteration when it has statuses),
 * and its builds' tasks: a build Vigil recorded is not read again; another one's timeline is read (when its
 * tasks can prove a check: tasksCanProve) and the build recorded (table builds), so that retention cannot
 * erase it later.
 */
async function readFacets(ctx: Ctx, orgId: string, client: AdoClient, repo: RepositoryRef, pr: PullRequest, sources: BuildSources): Promise<PullRequestFacets> {
  const unavailable: UnavailableFacet[] = [];
  const read = async <T>(facet: UnavailableFacet['facet'], fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof AdoError)) throw err;
      unavailable.push({ facet, reason: unavailableReason(err) });
      return undefined;
    }
  };
  const { projectId, repoId } = repo;
  const id = pr.pullRequestId;
  const [votes, commits, statuses] = await Promise.all([
    read('votes', () => client.pullRequests.listVoteUpdates(projectId, repoId, id)),
    read('commits', () => client.pullRequests.listCommits(projectId, repoId, id)),
    read('statuses', () => client.pullRequests.listStatuses(projectId, repoId, id)),
  ]);
  // The last iteration only matters to tell a status on it from one on an earlier push.
  const iterations = statuses?.some((s) => s.iterationId !== undefined) ? await read('statuses', () => client.pullRequests.listIterations(projectId, repoId, id)) : undefined;
  const builds = await buildsOf(ctx, orgId, client, repo, pr, sources, unavailable);
  return {
    votes,
    commits,
    statuses,
    ...(iterations?.length ? { lastIteration: iterations[iterations.length - 1].id } : {}),
    builds,
    unavailable,
  };
}

/**
 * Whether a build's tasks can prove a check for the pull request (compliance/checks/pr-scans.ts,
 * relevantBuilds): queued before completion and built its last merge commit (any commit when either is
 * unknown). Another build's timeline is not read: nothing of it is judged.
 */
function tasksCanProve(b: Build, pr: PullRequest): boolean {
  const queued = Date.parse(b.queueTime ?? '');
  const closed = Date.parse(pr.closedDate ?? '');
  if (!Number.isNaN(queued) && !Number.isNaN(closed) && queued > closed) return false;
  return !pr.lastMergeCommit || !b.sourceVersion || b.sourceVersion.toLowerCase() === pr.lastMergeCommit.toLowerCase();
}

async function buildsOf(
  ctx: Ctx,
  orgId: string,
  client: AdoClient,
  repo: RepositoryRef,
  pr: PullRequest,
  sources: BuildSources,
  unavailable: UnavailableFacet[],
): Promise<BuildEvidence[]> {
  const orgUrl = client.orgUrl;
  const recorded = new Map(sources.recorded.map((b) => [b.buildId, b]));
  const previous = sources.recorded.map((b) => recordedBuildEvidence(orgUrl, repo.projectId, b, false));
  if ('unavailable' in sources.listed) {
    unavailable.push({ facet: 'builds', reason: sources.listed.unavailable });
    return previous;
  }
  const current: BuildEvidence[] = [];
  for (const b of sources.listed) {
    const known = recorded.get(b.id);
    if (known) {
      current.push(known.tasks.length || b.deleted ? { ...recordedBuildEvidence(orgUrl, repo.projectId, known, b.deleted === true) } : buildEvidence(orgUrl, repo.projectId, b, known.tasks));
      continue;
    }
    if (b.deleted || b.status !== 'completed' || !tasksCanProve(b, pr)) {
      current.push(buildEvidence(orgUrl, repo.projectId, b, undefined));
      continue;
    }
    try {
      const timeline = await client.build.getTimeline(repo.projectId, b.id);
      const record: BuildRecord = buildRecordOf(repo.projectId, b, timeline);
      await upsertBuild(ctx.store.db, orgId, record);
      current.push(buildEvidence(orgUrl, repo.projectId, b, record.tasks));
    } catch (err) {
      if (!(err instanceof AdoError)) throw err;
      unavailable.push({ facet: 'timeline', reason: `build ${b.id}: ${unavailableReason(err)}` });
      current.push(buildEvidence(orgUrl, repo.projectId, b, undefined));
    }
  }
  return mergeBuildEvidence(current, previous);
}

/** One merged pull request (the event path): read, recorded, evaluated. */
export async function collectPullRequestCompliance(ctx: Ctx, job: CollectPullRequestComplianceJob): Promise<'recorded' | 'partial' | 'skipped'> {
  const { db } = ctx.store;
  const org = await getOrganization(db, job.orgId);
  if (!org) return 'skipped';
  const [repo] = await complianceRepositories(db, org.org_id, [job.repoId]);
  if (!repo) return 'skipped';
  await ensureComplianceSettings(db, org.org_id);
  const settings = (await readComplianceSettings(db, org.org_id))!;
  const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, org.org_id));
  const pr = await client.pullRequests.get(repo.projectId, repo.repoId, job.pullRequestId);
  if (pr.status !== 'completed' || !pr.closedDate) return 'skipped';
  const now = new Date();
  const ref = refOf(repo);
  if (!isProductionBranch(pr.targetRefName, productionOf(repo, settings.branchPatterns))) {
    await upsertPullRequestEvidence(db, org.org_id, [{ evidence: mergedPullRequestEvidence(client.orgUrl, ref, pr, { builds: [], unavailable: [] }, now), partial: true }]);
    await evaluateCompliance(ctx, org.org_id, { repoId: repo.repoId, pullRequestIds: [pr.pullRequestId] });
    return 'partial';
  }
  let listed: BuildSources['listed'];
  try {
    const builds = await client.build.listBuilds(repo.projectId, {
      repositoryId: repo.repoId,
      branchName: `refs/pull/${pr.pullRequestId}/merge`,
      reasonFilter: 'pullRequest',
      deletedFilter: 'includeDeleted',
    });
    listed = builds;
  } catch (err) {
    if (!(err instanceof AdoError)) throw err;
    listed = { unavailable: unavailableReason(err) };
  }
  const recorded = (await recordedBuildsOf(db, org.org_id, repo.repoId, [pr.pullRequestId])).get(pr.pullRequestId) ?? [];
  const facets = await readFacets(ctx, org.org_id, client, ref, pr, { listed, recorded });
  const before = await pullRequestEvidence(db, org.org_id, repo.repoId, pr.pullRequestId);
  const evidence = mergedPullRequestEvidence(client.orgUrl, ref, pr, { ...facets, builds: mergeBuildEvidence(facets.builds, before?.evidence.builds ?? []) }, now);
  await upsertPullRequestEvidence(db, org.org_id, [{ evidence, partial: false }]);
  await evaluateCompliance(ctx, org.org_id, { repoId: repo.repoId, pullRequestIds: [pr.pullRequestId] });
  return 'recorded';
}

/**
 * After record-build recorded a build: when it ran for a pull request already recorded, the pull request's
 * evidence gains it (or its newer state) and is evaluated again. No ADO request.
 */
export async function afterBuildRecorded(ctx: Pick<AppContext, 'store' | 'log'>, orgId: string, build: BuildRecord, orgUrl: string): Promise<boolean> {
  if (!build.repoId || build.pullRequestId === undefined) return false;
  const { db } = ctx.store;
  const stored = await pullRequestEvidence(db, orgId, build.repoId, build.pullRequestId);
  // A pull request recorded with the list's data only is not judged: its builds wait for its full collection.
  if (!stored || stored.partial) return false;
  const before: MergedPullRequestEvidence = stored.evidence;
  const recorded: RecordedBuild = { ...build, pullRequestId: build.pullRequestId };
  const builds = mergeBuildEvidence([recordedBuildEvidence(orgUrl, build.projectId, recorded, false)], before.builds);
  await upsertPullRequestEvidence(db, orgId, [{ evidence: { ...before, builds }, partial: false }]);
  await evaluateCompliance(ctx, orgId, { repoId: build.repoId, pullRequestIds: [build.pullRequestId] });
  return true;
}
