// Build area: pipeline (build) definitions, builds of a pull request or branch, and the project's
// pipeline general settings (ado-rest.md §4.1, §4.2, §11.4).
import { asRecord, badResponse, collect, optIdentity, optNumber, optString, optStringMap, requireBody, requireItem, requireNumber, requireString, seg, webLink, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import { AdoError, type IdentityRef } from '../types';
import { toDefinition, toDefinitionRef, type BuildDefinition, type BuildDefinitionRef } from './build-definitions';

export interface Build {
  id: number;
  buildNumber?: string;
  /** inProgress | completed | cancelling | postponed | notStarted */
  status?: string;
  /** Meaningful once completed: succeeded | partiallySucceeded | failed | canceled */
  result?: string;
  /** pullRequest | individualCI | manual | schedule | resourceTrigger ... */
  reason?: string;
  definition?: { id: number; name?: string };
  repository?: { id?: string; type?: string };
  sourceBranch?: string;
  /** For a PR build, the merge commit: compare with the PR's lastMergeCommit to know it is current. */
  sourceVersion?: string;
  queueTime?: string;
  startTime?: string;
  finishTime?: string;
  requestedFor?: IdentityRef;
  /** pr.number, pr.isFork, pr.sourceSha... */
  triggerInfo: Record<string, string | null>;
  webUrl?: string;
  /** Deleted (by hand or by retention): its record remains for a while, its timeline and logs do not. */
  deleted?: boolean;
  deletedDate?: string;
}

/** One step of a build's timeline: a stage, phase, job, checkpoint or task (ado-rest.md §11.4, build/timeline). */
export interface TimelineRecord {
  id: string;
  parentId?: string;
  /** Stage | Phase | Job | Task | Checkpoint ... */
  type: string;
  name?: string;
  /** pending | inProgress | completed */
  state?: string;
  /** succeeded | succeededWithIssues | failed | canceled | skipped | abandoned */
  result?: string;
  /** The task a Task record ran (its definition id, name and version). */
  task?: { id: string; name?: string; version?: string };
  startTime?: string;
  finishTime?: string;
  order?: number;
}

export interface BuildQuery {
  repositoryId?: string;
  /** TfsGit unless said otherwise, when repositoryId is set. */
  repositoryType?: string;
  branchName?: string;
  reasonFilter?: string;
  statusFilter?: string;
  resultFilter?: string;
  definitions?: number[];
  minTime?: string;
  maxTime?: string;
  /** Page size, default 50. */
  top?: number;
  /** excludeDeleted (ADO's default) | includeDeleted | onlyDeleted: deleted builds answer with `deleted` true. */
  deletedFilter?: 'excludeDeleted' | 'includeDeleted' | 'onlyDeleted';
}

export const GENERAL_SETTING_KEYS = [
  'disableClassicPipelineCreation',
  'disableClassicBuildPipelineCreation',
  'disableClassicReleasePipelineCreation',
  'enforceJobAuthScope',
  'enforceJobAuthScopeForReleases',
  'enforceReferencedRepoScopedToken',
  'enforceSettableVar',
  'auditEnforceSettableVar',
  'publishPipelineMetadata',
  'statusBadgesArePrivate',
  'forkProtectionEnabled',
  'buildsEnabledForForks',
  'enforceJobAuthScopeForForks',
  'enforceNoAccessToSecretsFromForks',
  'isCommentRequiredForPullRequest',
  'requireCommentsForNonTeamMembersOnly',
  'requireCommentsForNonTeamMemberAndNonContributors',
  'enableShellTasksArgsSanitizing',
  'enableShellTasksArgsSanitizingAudit',
  'disableImpliedYAMLCiTrigger',
] as const;
export type GeneralSettingKey = (typeof GENERAL_SETTING_KEYS)[number];
/** A setting missing from the answer is unknown, not false. */
export type PipelineGeneralSettings = Partial<Record<GeneralSettingKey, boolean>>;

export class BuildArea {
  constructor(private readonly t: AdoTransport) {}

  /** Shallow definitions (no process, triggers or variables), across pages. */
  listDefinitions(projectId: string, filter: { repositoryId?: string; name?: string } = {}): Promise<BuildDefinitionRef[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/build/definitions`,
      query: {
        repositoryId: filter.repositoryId,
        repositoryType: filter.repositoryId ? 'TfsGit' : undefined,
        name: filter.name,
        queryOrder: 'definitionNameAscending',
        $top: 500,
      },
      operation: `list the pipelines of project ${projectId}`,
    };
    return collect(this.t.pages(spec), (raw) => toDefinitionRef(raw, spec));
  }

  /**
   * Full definitions (process, repository, triggers, variables) across pages, in one call per page
   * (includeAllProperties=true): heavy, so the pages stay small.
   */
  listFullDefinitions(projectId: string): Promise<BuildDefinition[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/build/definitions`,
      query: { includeAllProperties: true, queryOrder: 'definitionNameAscending', $top: 100 },
      operation: `list the pipelines of project ${projectId} with their settings`,
    };
    return collect(this.t.pages(spec), (raw) => toDefinition(raw, spec, 'definition'));
  }

  /** The full definition: process (YAML file or designer steps), repository, triggers, variables. */
  async getDefinition(projectId: string, definitionId: number): Promise<BuildDefinition> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/build/definitions/${definitionId}`, operation: `read pipeline ${definitionId}` };
    return toDefinition(await this.t.getJson(spec), spec);
  }

  listBuilds(projectId: string, q: BuildQuery = {}): Promise<Build[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/build/builds`,
      query: {
        repositoryId: q.repositoryId,
        repositoryType: q.repositoryId ? (q.repositoryType ?? 'TfsGit') : undefined,
        branchName: q.branchName,
        reasonFilter: q.reasonFilter,
        statusFilter: q.statusFilter,
        resultFilter: q.resultFilter,
        definitions: q.definitions?.join(','),
        minTime: q.minTime,
        maxTime: q.maxTime,
        deletedFilter: q.deletedFilter,
        queryOrder: 'queueTimeDescending',
        $top: q.top ?? 50,
      },
      operation: `list the builds of project ${projectId}`,
    };
    return collect(this.t.pages(spec), (raw) => toBuild(raw, spec));
  }

  /**
   * Every pull-request build of a project queued since `minTime`, deleted ones included (`deleted`), newest
   * first: one paged list for all the project's pull requests instead of one request per pull request.
   */
  pullRequestBuildsSince(projectId: string, minTime: string): Promise<Build[]> {
    return this.listBuilds(projectId, { reasonFilter: 'pullRequest', minTime, deletedFilter: 'includeDeleted', top: 1000 });
  }

  /** Builds of a pull request's merge ref, newest first. */
  buildsForPullRequest(projectId: string, repoId: string, pullRequestId: number): Promise<Build[]> {
    return this.listBuilds(projectId, { repositoryId: repoId, branchName: `refs/pull/${pullRequestId}/merge`, reasonFilter: 'pullRequest' });
  }

  /** One build; undefined when it is gone (deleted, or lost to retention). */
  async getBuild(projectId: string, buildId: number): Promise<Build | undefined> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/build/builds/${buildId}`, operation: `read build ${buildId}` };
    try {
      return toBuild(requireBody(await this.t.getJson(spec), spec), spec);
    } catch (err) {
      if (err instanceof AdoError && err.kind === 'not-found') return undefined;
      throw err;
    }
  }

  /**
   * The build's timeline (stages, jobs, tasks and their results); empty when the build is gone or has
   * no timeline yet (a JSON null or a body without records: UNVERIFIED how ADO answers that case).
   */
  async getTimeline(projectId: string, buildId: number): Promise<TimelineRecord[]> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/build/builds/${buildId}/timeline`, operation: `read the timeline of build ${buildId}` };
    let body: unknown;
    try {
      body = await this.t.getJson(spec);
    } catch (err) {
      if (err instanceof AdoError && err.kind === 'not-found') return [];
      throw err;
    }
    if (body === null) return [];
    const records = requireBody(body, spec).records;
    if (records === undefined || records === null) return [];
    if (!Array.isArray(records)) throw badResponse(spec, 'records is not an array');
    return records.map((raw) => toTimelineRecord(raw, spec));
  }

  /** Project-level pipeline settings (there is no organization-level route: see PortalArea). */
  async getGeneralSettings(projectId: string): Promise<PipelineGeneralSettings> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/build/generalsettings`, operation: `read the pipeline settings of project ${projectId}` };
    const r = requireBody(await this.t.getJson(spec), spec);
    const out: PipelineGeneralSettings = {};
    for (const key of GENERAL_SETTING_KEYS) if (typeof r[key] === 'boolean') out[key] = r[key];
    return out;
  }
}

function toTimelineRecord(raw: unknown, ctx: ParseContext): TimelineRecord {
  const r = requireItem(raw, ctx, 'record');
  const task = asRecord(r.task);
  return {
    id: requireString(r, 'id', ctx, 'record'),
    parentId: optString(r.parentId),
    type: requireString(r, 'type', ctx, 'record'),
    name: optString(r.name),
    state: optString(r.state),
    result: optString(r.result),
    task: task && typeof task.id === 'string' ? { id: task.id, name: optString(task.name), version: optString(task.version) } : undefined,
    startTime: optString(r.startTime),
    finishTime: optString(r.finishTime),
    order: optNumber(r.order),
  };
}

function toBuild(raw: unknown, ctx: ParseContext): Build {
  const r = requireItem(raw, ctx, 'build');
  const id = requireNumber(r, 'id', ctx, 'build');
  const def = asRecord(r.definition);
  const repo = asRecord(r.repository);
  return {
    id,
    buildNumber: optString(r.buildNumber),
    status: optString(r.status),
    result: optString(r.result),
    reason: optString(r.reason),
    definition: typeof def?.id === 'number' ? { id: def.id, name: optString(def.name) } : undefined,
    repository: repo && { id: optString(repo.id), type: optString(repo.type) },
    sourceBranch: optString(r.sourceBranch),
    sourceVersion: optString(r.sourceVersion),
    queueTime: optString(r.queueTime),
    startTime: optString(r.startTime),
    finishTime: optString(r.finishTime),
    requestedFor: optIdentity(r.requestedFor),
    triggerInfo: optStringMap(r.triggerInfo) ?? {},
    webUrl: webLink(r),
    deleted: r.deleted === true ? true : undefined,
    deletedDate: optString(r.deletedDate),
  };
}
