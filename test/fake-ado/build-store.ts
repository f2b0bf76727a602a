// Builds that tests complete (fake.completeBuild): the Build and its timeline in ADO's shapes
// (ado-samples/build-builds-list-pr-synth.json, build/timeline), and build.complete published with
// the Build as resource. A PR build runs on refs/pull/{id}/merge at the PR's merge commit.
import { createHash } from 'node:crypto';
import type { FakeContext } from './context';
import type { BuildDefinitionDef, Json, OrgDef, ProjectDef, RepoDef } from './model';
import { guidFrom, pullRequestsOfOrg } from './pull-request-store';

export interface BuildTaskInput {
  /** The step's display name ("Run Vigil scan"). */
  name: string;
  /** The task's name ("CmdLine", "PowerShell"...). */
  taskName: string;
  /** "2.212.0" */
  version: string;
  /** The task definition id; default a stable GUID derived from taskName. */
  taskId?: string;
  /** Default: the build's result (succeeded -> succeeded...). */
  result?: string;
}

/** An artifact the build published (PublishBuildArtifacts / PublishPipelineArtifact to the build's file container). */
export interface BuildArtifactInput {
  /** "CodeAnalysisLogs" */
  name: string;
  /** Paths inside the artifact ("vigil.sarif"); the zip download holds them under the artifact's folder. */
  files: { path: string; content: string | Buffer }[];
}

export interface CompleteBuildInput {
  /** Definition id or name in the project. */
  definition: number | string;
  /** A PR build (reason pullRequest, refs/pull/{id}/merge at the PR's lastMergeCommit)... */
  pullRequestId?: number;
  /** ...or a branch build (reason individualCI); short or refs/heads/ name. */
  branch?: string;
  /** Default: the PR's merge commit or the branch head. */
  commit?: string;
  /** succeeded | partiallySucceeded | failed | canceled */
  result: string;
  tasks?: BuildTaskInput[];
  /** Default pullRequest for a PR build, individualCI otherwise. */
  reason?: string;
  /** Identity key of requestedFor; default the PR's creator or the organization's scanner. */
  requestedFor?: string;
  /** Artifacts the build published (none by default). */
  artifacts?: BuildArtifactInput[];
}

export interface BuildRecord {
  id: number;
  org: OrgDef;
  project: ProjectDef;
  repo: RepoDef;
  def: BuildDefinitionDef;
  buildNumber: string;
  result: string;
  reason: string;
  sourceBranch: string;
  sourceVersion: string;
  requestedFor: string;
  queueTime: string;
  startTime: string;
  finishTime: string;
  pullRequest?: { id: number; sourceRefName: string; targetRefName: string; sourceCommit?: string };
  tasks: BuildTaskInput[];
  /** Published artifacts (none when absent). */
  artifacts?: BuildArtifactInput[];
  /** Seeded from compliance.json (ids from 9001), not completed by a test. */
  seeded?: boolean;
  /** Deleted by retention: listed only with deletedFilter includeDeleted/onlyDeleted; GET and timeline 404. */
  deleted?: boolean;
  deletedDate?: string;
}

const stores = new WeakMap<FakeContext, Map<string, BuildRecord[]>>();

/** Builds of an organization, oldest first. */
export function buildsOfOrg(ctx: FakeContext, orgName: string): BuildRecord[] {
  let byOrg = stores.get(ctx);
  if (!byOrg) stores.set(ctx, (byOrg = new Map()));
  let builds = byOrg.get(orgName);
  if (!builds) byOrg.set(orgName, (builds = []));
  return builds;
}

const stableGuid = (seed: string) => guidFrom(createHash('sha1').update(seed).digest('hex'));

/** The task state of a timeline record for a build result. */
const recordResult = (buildResult: string) => (buildResult === 'partiallySucceeded' ? 'succeededWithIssues' : buildResult === 'canceled' ? 'canceled' : buildResult);

/** Records a completed build and publishes build.complete. Throws on an unknown definition, PR or branch. */
export function completeBuild(ctx: FakeContext, org: OrgDef, projectKey: string, input: CompleteBuildInput): BuildRecord {
  const project = ctx.findProject(org, projectKey);
  if (!project) throw new Error(`fake-ado: no project ${projectKey} in ${org.name}`);
  const def = (ctx.projectAreas(org, project).buildDefinitions ?? []).find((d) => d.id === input.definition || d.name === input.definition);
  if (!def) throw new Error(`fake-ado: no build definition ${input.definition} in ${project.name}`);
  const repo = project.repos.find((r) => r.name === def.repository);
  if (!repo) throw new Error(`fake-ado: definition ${def.name} names no repository of ${project.name}`);
  const history = ctx.history(org, repo);
  let sourceBranch: string;
  let sourceVersion: string | undefined;
  let pullRequest: BuildRecord['pullRequest'];
  let requestedFor = input.requestedFor;
  if (input.pullRequestId !== undefined) {
    const pr = pullRequestsOfOrg(ctx, org.name).get(input.pullRequestId);
    if (!pr || pr.repo.id !== repo.id) throw new Error(`fake-ado: no pull request ${input.pullRequestId} in ${repo.name}`);
    sourceBranch = `refs/pull/${pr.id}/merge`;
    sourceVersion = input.commit ?? pr.lastMergeCommit;
    pullRequest = { id: pr.id, sourceRefName: pr.sourceRefName, targetRefName: pr.targetRefName, sourceCommit: pr.lastMergeSourceCommit };
    requestedFor ??= pr.createdBy;
  } else {
    const branch = input.branch ?? 'main';
    sourceBranch = branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
    sourceVersion = input.commit ?? history.ref(sourceBranch) ?? undefined;
  }
  if (!sourceVersion) throw new Error(`fake-ado: no commit to build for ${sourceBranch}`);
  const builds = buildsOfOrg(ctx, org.name);
  const now = Date.now();
  const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
  const build: BuildRecord = {
    id: 500 + builds.filter((b) => !b.seeded).length + 1,
    org,
    project,
    repo,
    def,
    buildNumber: `${day}.${builds.filter((b) => b.def.id === def.id).length + 1}`,
    result: input.result,
    reason: input.reason ?? (pullRequest ? 'pullRequest' : 'individualCI'),
    sourceBranch,
    sourceVersion: sourceVersion.toLowerCase(),
    requestedFor: requestedFor ?? org.identities[0].key,
    queueTime: new Date(now - 60_000).toISOString(),
    startTime: new Date(now - 50_000).toISOString(),
    finishTime: new Date(now).toISOString(),
    ...(pullRequest ? { pullRequest } : {}),
    tasks: input.tasks ?? [],
    artifacts: input.artifacts ?? [],
  };
  builds.push(build);
  const status = { succeeded: 'Succeeded', partiallySucceeded: 'PartiallySucceeded', failed: 'Failed', canceled: 'Stopped' }[build.result] ?? build.result;
  ctx.publish({
    org,
    project,
    eventType: 'build.complete',
    resource: buildJson(ctx, build),
    actor: build.requestedFor,
    message: `Build ${build.buildNumber} ${build.result}`,
    definitionName: def.name,
    buildStatus: status,
  });
  return build;
}

/** A Build as the builds API answers it. */
export function buildJson(ctx: FakeContext, b: BuildRecord): Json {
  const { org, project, repo, def } = b;
  const projectUrl = `${ctx.orgUrlOf(org)}/${project.id}`;
  const url = `${projectUrl}/_apis/build/Builds/${b.id}`;
  const who = ctx.identityRef(org, ctx.identity(org, b.requestedFor));
  const planId = stableGuid(`plan/${org.name}/${b.id}`);
  const queueUrl = `${ctx.orgUrlOf(org)}/_apis/build/Queues/${def.queue ?? 36}`;
  return {
    _links: {
      self: { href: url },
      web: { href: `${projectUrl}/_build/results?buildId=${b.id}` },
      sourceVersionDisplayUri: { href: `${projectUrl}/_apis/build/builds/${b.id}/sources` },
      timeline: { href: `${projectUrl}/_apis/build/builds/${b.id}/Timeline` },
      badge: { href: `${projectUrl}/_apis/build/status/${def.id}` },
    },
    properties: {},
    tags: [],
    validationResults: [],
    plans: [{ planId }],
    triggerInfo: b.pullRequest
      ? { 'pr.number': String(b.pullRequest.id), 'pr.isFork': 'False', 'pr.triggerRepository': repo.id, 'pr.triggerRepository.Type': 'TfsGit' }
      : {},
    id: b.id,
    buildNumber: b.buildNumber,
    status: 'completed',
    result: b.result,
    queueTime: b.queueTime,
    startTime: b.startTime,
    finishTime: b.finishTime,
    url,
    definition: {
      drafts: [],
      id: def.id,
      name: def.name,
      url: `${projectUrl}/_apis/build/Definitions/${def.id}?revision=${def.revision}`,
      uri: `vstfs:///Build/Definition/${def.id}`,
      path: def.path,
      type: 'build',
      queueStatus: def.queueStatus,
      revision: def.revision,
      project: ctx.projectRef(org, project),
    },
    buildNumberRevision: 1,
    project: ctx.projectRef(org, project),
    uri: `vstfs:///Build/Build/${b.id}`,
    sourceBranch: b.sourceBranch,
    sourceVersion: b.sourceVersion,
    queue: { _links: { self: { href: queueUrl } }, id: def.queue ?? 36, name: 'Azure Pipelines', url: queueUrl, pool: { id: 9, name: 'Azure Pipelines', isHosted: true } },
    priority: 'normal',
    reason: b.reason,
    requestedFor: who,
    requestedBy: b.pullRequest
      ? { displayName: 'Microsoft.VisualStudio.Services.TFS', id: '00000002-0000-8888-8000-000000000000', uniqueName: `00000002-0000-8888-8000-000000000000@${org.id}` }
      : who,
    lastChangedDate: b.finishTime,
    lastChangedBy: who,
    ...(b.pullRequest
      ? {
          parameters: JSON.stringify({
            'system.pullRequest.pullRequestId': String(b.pullRequest.id),
            'system.pullRequest.sourceBranch': b.pullRequest.sourceRefName,
            'system.pullRequest.targetBranch': b.pullRequest.targetRefName,
            'system.pullRequest.sourceCommitId': b.pullRequest.sourceCommit ?? '',
            'system.pullRequest.sourceRepositoryUri': `${ctx.orgUrlOf(org)}/${encodeURIComponent(project.name)}/_git/${encodeURIComponent(repo.name)}`,
            'system.pullRequest.isFork': 'False',
          }),
        }
      : {}),
    orchestrationPlan: { planId },
    logs: { id: 0, type: 'Container', url: `${projectUrl}/_apis/build/builds/${b.id}/logs` },
    repository: {
      id: repo.id,
      type: 'TfsGit',
      name: repo.name,
      url: `${ctx.orgUrlOf(org)}/${encodeURIComponent(project.name)}/_git/${encodeURIComponent(repo.name)}`,
      clean: null,
      checkoutSubmodules: false,
    },
    retainedByRelease: false,
    ...(b.deleted ? { deleted: true, deletedDate: b.deletedDate, deletedReason: 'Retention policy' } : {}),
    triggeredByBuild: null,
    appendCommitMessageToRunName: true,
    keepForever: false,
  };
}

/** The build's timeline: one stage, phase and job, then a Task record per task, in order. */
export function timelineJson(ctx: FakeContext, b: BuildRecord): Json {
  const projectUrl = `${ctx.orgUrlOf(b.org)}/${b.project.id}`;
  const result = recordResult(b.result);
  const id = (kind: string) => stableGuid(`${b.org.name}/${b.id}/${kind}`);
  const base = (recordId: string, parentId: string | null, type: string, name: string, order: number, recordResultValue: string): Json => ({
    previousAttempts: [],
    id: recordId,
    parentId,
    type,
    name,
    startTime: b.startTime,
    finishTime: b.finishTime,
    currentOperation: null,
    percentComplete: null,
    state: 'completed',
    result: recordResultValue,
    resultCode: null,
    changeId: order + 1,
    lastModified: b.finishTime,
    workerName: type === 'Task' || type === 'Job' ? 'Hosted Agent' : null,
    order,
    details: null,
    errorCount: recordResultValue === 'failed' ? 1 : 0,
    warningCount: 0,
    url: null,
    log: type === 'Task' ? { id: order + 3, type: 'Container', url: `${projectUrl}/_apis/build/builds/${b.id}/logs/${order + 3}` } : null,
    task: null,
    attempt: 1,
    identifier: null,
  });
  const stage = id('stage');
  const phase = id('phase');
  const job = id('job');
  const records = [
    base(stage, null, 'Stage', '__default', 1, result),
    base(phase, stage, 'Phase', 'Job', 1, result),
    base(job, phase, 'Job', 'Job', 1, result),
    ...b.tasks.map((t, i) => ({
      ...base(id(`task/${i}`), job, 'Task', t.name, i + 1, t.result ?? result),
      task: { id: t.taskId ?? stableGuid(`task/${t.taskName}`), name: t.taskName, version: t.version },
    })),
  ];
  return {
    records,
    lastChangedBy: '00000002-0000-8888-8000-000000000000',
    lastChangedOn: b.finishTime,
    id: stableGuid(`timeline/${b.org.name}/${b.id}`),
    changeId: records.length,
    url: `${projectUrl}/_apis/build/builds/${b.id}/Timeline/${stableGuid(`timeline/${b.org.name}/${b.id}`)}`,
  };
}
