// Build: pipeline definitions (shallow list, full get), project pipeline settings (ado-rest.md §4), and
// the builds tests complete (build-store.ts): list with ADO's filters, get, timeline (§11.4).
import { Router, type Request, type Response } from 'express';
import { buildJson, buildsOfOrg, timelineJson, type BuildArtifactInput, type BuildRecord } from '../build-store';
import { locals, type FakeContext } from '../context';
import { badArgument, eqi, pageOf, q, sendCollection, sendJson } from '../http';
import { requireScope } from '../middleware';
import type { BuildDefinitionDef, Json, OrgDef, ProjectDef } from '../model';
import { sendAdoError } from '../responses';
import { buildBufferZip } from '../zip';

/** The timeline record id of the step that published an artifact (stable per build and name). */
const stableSource = (b: BuildRecord, a: BuildArtifactInput): string => {
  const hex = Buffer.from(`${b.id}/${a.name}`).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

const GENERAL_SETTINGS_DEFAULTS: Record<string, boolean> = Object.fromEntries(
  [
    'enforceReferencedRepoScopedToken',
    'disableClassicPipelineCreation',
    'disableClassicBuildPipelineCreation',
    'disableClassicReleasePipelineCreation',
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
    'statusBadgesArePrivate',
    'enforceSettableVar',
    'enforceJobAuthScope',
    'enforceJobAuthScopeForReleases',
    'publishPipelineMetadata',
  ].map((k) => [k, false]),
);

/** A GitHub repository as a build definition names it (ado-rest.md §4.1): properties are strings. */
const githubRepository = (g: NonNullable<BuildDefinitionDef['githubRepository']>): Json => ({
  properties: { connectedServiceId: g.connection, isPrivate: g.isPrivate ? 'True' : 'False', fullName: g.fullName, reportBuildStatus: 'true' },
  id: g.fullName,
  type: 'GitHub',
  name: g.fullName,
  url: `https://github.com/${g.fullName}.git`,
  defaultBranch: 'refs/heads/main',
  clean: null,
  checkoutSubmodules: false,
});

export function buildRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const build = requireScope('vso.build');

  const reference = (org: OrgDef, project: ProjectDef, def: BuildDefinitionDef): Json => {
    const projectUrl = `${ctx.orgUrlOf(org)}/${project.id}`;
    const queueId = def.queue ?? 36;
    const queueUrl = `${ctx.orgUrlOf(org)}/_apis/build/Queues/${queueId}`;
    const queueDef = ctx.projectAreas(org, project).agentQueues?.find((x) => x.id === queueId);
    const poolDef = queueDef && (ctx.areas[org.name]?.agentPools ?? []).find((p) => p.id === queueDef.pool);
    const pool = poolDef ? { id: poolDef.id, name: poolDef.name, isHosted: poolDef.isHosted === true } : { id: 9, name: 'Azure Pipelines', isHosted: true };
    return {
      _links: {
        self: { href: `${projectUrl}/_apis/build/Definitions/${def.id}?revision=${def.revision}` },
        web: { href: `${projectUrl}/_build/definition?definitionId=${def.id}` },
        editor: { href: `${projectUrl}/_build/designer?id=${def.id}&_a=edit-build-definition` },
        badge: { href: `${projectUrl}/_apis/build/status/${def.id}` },
      },
      quality: 'definition',
      authoredBy: ctx.identityRef(org, ctx.identity(org, def.authoredBy)),
      drafts: [],
      queue: { _links: { self: { href: queueUrl } }, id: queueId, name: queueDef?.name ?? 'Azure Pipelines', url: queueUrl, pool },
      id: def.id,
      name: def.name,
      url: `${projectUrl}/_apis/build/Definitions/${def.id}?revision=${def.revision}`,
      uri: `vstfs:///Build/Definition/${def.id}`,
      path: def.path,
      type: 'build',
      queueStatus: def.queueStatus,
      revision: def.revision,
      createdDate: def.createdDate,
      project: ctx.projectRef(org, project),
    };
  };

  const full = (org: OrgDef, project: ProjectDef, def: BuildDefinitionDef): Json => {
    const repo = project.repos.find((x) => x.name === def.repository);
    if (!repo && !def.githubRepository) throw new Error(`fixture: definition ${def.id} names unknown repository ${def.repository}`);
    const groups = ctx.areas[org.name]?.variableGroups ?? [];
    return {
      ...reference(org, project, def),
      options: [],
      triggers: def.triggers,
      variables: def.variables,
      variableGroups: def.variableGroups.map((id) => {
        const g = groups.find((x) => x.id === id);
        if (!g) throw new Error(`fixture: definition ${def.id} names unknown variable group ${id}`);
        return { variables: {}, type: g.type, name: g.name, id };
      }),
      properties: {},
      tags: [],
      jobAuthorizationScope: def.jobAuthorizationScope,
      jobTimeoutInMinutes: def.jobTimeoutInMinutes,
      jobCancelTimeoutInMinutes: 5,
      ...(def.badgeEnabled !== undefined ? { badgeEnabled: def.badgeEnabled } : {}),
      process: def.process,
      repository: def.githubRepository ? githubRepository(def.githubRepository) : {
        properties: { cleanOptions: '0', reportBuildStatus: 'true', fetchDepth: '1' },
        id: repo!.id,
        type: 'TfsGit',
        name: repo!.name,
        url: `${ctx.orgUrlOf(org)}/${encodeURIComponent(project.name)}/_git/${encodeURIComponent(repo!.name)}`,
        defaultBranch: 'refs/heads/main',
        clean: null,
        checkoutSubmodules: false,
      },
    };
  };

  r.get('/:project/_apis/build/definitions', build, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const repoId = q(req, 'repositoryId');
    const name = q(req, 'name');
    let defs = (ctx.projectAreas(org, project).buildDefinitions ?? [])
      .filter((d) => !repoId || eqi(project.repos.find((x) => x.name === d.repository)?.id ?? '', repoId))
      .filter((d) => !name || eqi(d.name, name));
    defs = q(req, 'queryOrder') === 'definitionNameAscending' ? [...defs].sort((a, b) => a.name.localeCompare(b.name)) : [...defs].sort((a, b) => a.id - b.id);
    const paged = pageOf(req, res, defs, { token: 'definitions', maxPage: ctx.pageSizes.lists });
    if (!paged) return;
    // Shallow references unless includeAllProperties=true (ado-rest.md §4.1).
    const shape = q(req, 'includeAllProperties') === 'true' ? full : reference;
    sendCollection(req, res, paged.items.map((d) => shape(org, project, d)), paged.next);
  });

  r.get('/:project/_apis/build/definitions/:id', build, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const def = (ctx.projectAreas(org, project).buildDefinitions ?? []).find((d) => String(d.id) === req.params.id);
    if (!def) {
      // UNVERIFIED wording.
      return sendAdoError(res, 404, { message: `The requested build definition ${req.params.id} could not be found.`, typeKey: 'DefinitionNotFoundException' });
    }
    sendJson(res, full(org, project, def));
  });

  // Builds - List: reasonFilter, branchName, repositoryId (+repositoryType), definitions, statusFilter,
  // resultFilter, minTime/maxTime (finish time), queryOrder, $top + continuation token (page size listPageSize).
  r.get('/:project/_apis/build/builds', build, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const list = (name: string) => (q(req, name) ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const reasons = list('reasonFilter').map((x) => x.toLowerCase());
    const statuses = list('statusFilter').map((x) => x.toLowerCase());
    const results = list('resultFilter').map((x) => x.toLowerCase());
    const definitions = list('definitions');
    const branch = q(req, 'branchName');
    const repoId = q(req, 'repositoryId');
    const repoType = q(req, 'repositoryType');
    const minTime = q(req, 'minTime');
    const maxTime = q(req, 'maxTime');
    if (repoId && !repoType) return badArgument(res, 'repositoryType is required with repositoryId.'); // UNVERIFIED wording
    const deletedFilter = (q(req, 'deletedFilter') ?? 'excludeDeleted').toLowerCase();
    const matching = buildsOfOrg(ctx, org.name)
      .filter((b) => b.project.id === project.id)
      .filter((b) => (deletedFilter === 'onlydeleted' ? b.deleted === true : deletedFilter === 'includedeleted' || !b.deleted))
      .filter((b) => !reasons.length || reasons.includes('all') || reasons.includes(b.reason.toLowerCase()))
      // Every build the fake holds is completed.
      .filter(() => !statuses.length || statuses.includes('all') || statuses.includes('completed'))
      .filter((b) => !results.length || results.includes(b.result.toLowerCase()))
      .filter((b) => !definitions.length || definitions.includes(String(b.def.id)))
      .filter((b) => !branch || eqi(b.sourceBranch, branch))
      .filter((b) => !repoId || (eqi(b.repo.id, repoId) && eqi(repoType ?? '', 'TfsGit')))
      .filter((b) => !minTime || b.finishTime >= new Date(minTime).toISOString())
      .filter((b) => !maxTime || b.finishTime <= new Date(maxTime).toISOString());
    const order = (q(req, 'queryOrder') ?? 'queueTimeDescending').toLowerCase();
    const key = (b: BuildRecord) => (order.startsWith('finishtime') ? b.finishTime : order.startsWith('starttime') ? b.startTime : b.queueTime) + String(b.id).padStart(8, '0');
    const sorted = [...matching].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    if (order.endsWith('descending')) sorted.reverse();
    const paged = pageOf(req, res, sorted, { token: 'builds', maxPage: ctx.pageSizes.lists });
    if (paged) sendCollection(req, res, paged.items.map((b) => buildJson(ctx, b)), paged.next);
  });

  const buildOf = (req: Request, res: Response) => {
    const project = ctx.requireProject(req, res);
    if (!project) return null;
    const found = buildsOfOrg(ctx, locals(res).org.name).find((b) => b.project.id === project.id && String(b.id) === req.params.buildId && !b.deleted);
    // UNVERIFIED wording.
    if (!found) sendAdoError(res, 404, { message: `The requested build ${req.params.buildId} could not be found.`, typeKey: 'BuildNotFoundException' });
    return found ?? null;
  };

  r.get('/:project/_apis/build/builds/:buildId', build, (req, res) => {
    const found = buildOf(req, res);
    if (found) sendJson(res, buildJson(ctx, found));
  });

  r.get('/:project/_apis/build/builds/:buildId/timeline', build, (req, res) => {
    const found = buildOf(req, res);
    if (found) sendJson(res, timelineJson(ctx, found));
  });

  // Artifacts - List / Get / Get Artifact zip (ado-rest: Build Artifacts): a Container artifact in the build's
  // file container; with artifactName one artifact, as JSON, or as a zip of its files under its folder when
  // Accept is application/zip or $format=zip (what BuildRestClient.getArtifactContentZip asks).
  const artifactJson = (b: BuildRecord, a: BuildArtifactInput, index: number): Json => {
    const base = `${ctx.orgUrlOf(b.org)}/${b.project.id}/_apis/build/builds/${b.id}/artifacts?artifactName=${encodeURIComponent(a.name)}&api-version=7.1`;
    const containerId = 1_000_000 + b.id;
    return {
      id: index + 1,
      name: a.name,
      source: stableSource(b, a),
      resource: {
        type: 'Container',
        data: `#/${containerId}/${a.name}`,
        properties: { localpath: `/home/vsts/work/1/a/${a.name}`, artifactsize: String(a.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0)) },
        url: base,
        downloadUrl: `${base}&%24format=zip`,
      },
    };
  };

  r.get('/:project/_apis/build/builds/:buildId/artifacts', build, (req, res) => {
    const found = buildOf(req, res);
    if (!found) return;
    const artifacts = found.artifacts ?? [];
    const name = q(req, 'artifactName');
    if (!name) return sendCollection(req, res, artifacts.map((a, i) => artifactJson(found, a, i)));
    const index = artifacts.findIndex((a) => eqi(a.name, name));
    if (index < 0) {
      // UNVERIFIED wording.
      return sendAdoError(res, 404, { message: `Artifact ${name} was not found for build ${found.id}.`, typeKey: 'ArtifactNotFoundException' });
    }
    const artifact = artifacts[index];
    const wantsZip = q(req, '$format') === 'zip' || /application\/zip/i.test(req.get('accept') ?? '');
    if (!wantsZip) return sendJson(res, artifactJson(found, artifact, index));
    res.status(200).type('application/zip').set('Content-Disposition', `attachment; filename="${artifact.name}.zip"`);
    buildBufferZip(artifact.files.map((f) => ({ name: `${artifact.name}/${f.path}`, content: Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8') }))).pipe(res);
  });

  r.get('/:project/_apis/build/generalsettings', build, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    sendJson(res, { ...GENERAL_SETTINGS_DEFAULTS, ...ctx.projectAreas(locals(res).org, project).generalSettings });
  });

  return r;
}
