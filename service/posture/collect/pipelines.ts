// Build (YAML and classic) and classic release definitions, in full.
import type { BuildDefinition } from '../../ado/areas/build-definitions';
import type { ReleaseApprovals, ReleaseDefinition } from '../../ado/areas/release';
import type { BuildDefinitionSnap, ProjectSnap, ReleaseApprovalStep, ReleaseDefinitionSnap, ReleaseStageSnap } from '../snapshot';
import { boolProperty, enumWord, identityOf, stepsOf, variablesOf } from './convert';
import { perProject, projectUrl, type AreaResult, type CollectContext } from './context';

export function buildDefinitionOf(ctx: CollectContext, p: ProjectSnap, d: BuildDefinition): BuildDefinitionSnap {
  const out: BuildDefinitionSnap = {
    id: d.id,
    name: d.name,
    projectId: p.id,
    projectName: p.name,
    webUrl: d.webUrl ?? `${projectUrl(ctx, p.name)}/_build/definition?definitionId=${d.id}`,
    processType: d.processType === 1 ? 'classic' : d.processType === 2 ? 'yaml' : 'unknown',
    triggers: d.triggers.map((t) => {
      const { triggerType, ...rest } = t;
      const trig: BuildDefinitionSnap['triggers'][number] = { triggerType: enumWord(triggerType) };
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) (trig as unknown as Record<string, unknown>)[k] = v;
      return trig;
    }),
    variables: variablesOf(d.variables),
    variableGroups: d.variableGroups.map((g) => (g.name === undefined ? { id: g.id } : { id: g.id, name: g.name })),
    steps: stepsOf(d.steps),
  };
  if (d.path !== undefined) out.path = d.path;
  if (d.yamlFilename !== undefined) out.yamlFilename = d.yamlFilename;
  if (d.queueStatus !== undefined) out.queueStatus = enumWord(d.queueStatus);
  if (d.repository) {
    const r = d.repository;
    const repo: NonNullable<BuildDefinitionSnap['repository']> = {};
    if (r.id !== undefined) repo.id = r.id;
    if (r.type !== undefined) repo.type = r.type;
    if (r.name !== undefined) repo.name = r.name;
    if (r.url !== undefined) repo.url = r.url;
    if (r.defaultBranch !== undefined) repo.defaultBranch = r.defaultBranch;
    const isPrivate = boolProperty(r.properties, 'isPrivate', 'IsPrivate');
    if (isPrivate !== undefined) repo.isPrivate = isPrivate;
    const conn = r.properties.connectedServiceId;
    if (typeof conn === 'string' && conn) repo.connectedServiceId = conn;
    out.repository = repo;
  }
  if (d.queue) {
    const q: NonNullable<BuildDefinitionSnap['queue']> = { id: d.queue.id };
    if (d.queue.name !== undefined) q.name = d.queue.name;
    if (d.queue.pool?.id !== undefined) q.poolId = d.queue.pool.id;
    if (d.queue.pool?.name !== undefined) q.poolName = d.queue.pool.name;
    if (d.queue.pool?.isHosted !== undefined) q.isHosted = d.queue.pool.isHosted;
    out.queue = q;
  }
  const author = identityOf(d.authoredBy);
  if (author) out.authoredBy = author;
  if (d.createdDate !== undefined) out.createdDate = d.createdDate;
  if (d.jobAuthorizationScope !== undefined) out.jobAuthorizationScope = enumWord(d.jobAuthorizationScope);
  return out;
}

export function collectBuildDefinitions(ctx: CollectContext, projects: ProjectSnap[]): Promise<AreaResult<BuildDefinitionSnap>> {
  return perProject(ctx, projects, 'pipelines', async (p) => (await ctx.call(() => ctx.client.build.listFullDefinitions(p.id))).map((d) => buildDefinitionOf(ctx, p, d)));
}

function approvalsOf(a: ReleaseApprovals): ReleaseApprovalStep {
  const out: ReleaseApprovalStep = { isAutomated: a.isAutomated, approvers: a.approvers.map((x) => ({ ...x })) };
  if (a.requiredApproverCount !== undefined) out.requiredApproverCount = a.requiredApproverCount;
  if (a.releaseCreatorCanBeApprover !== undefined) out.releaseCreatorCanBeApprover = a.releaseCreatorCanBeApprover;
  if (a.enforceIdentityRevalidation !== undefined) out.enforceIdentityRevalidation = a.enforceIdentityRevalidation;
  return out;
}

export function releaseDefinitionOf(ctx: CollectContext, p: ProjectSnap, d: ReleaseDefinition): ReleaseDefinitionSnap {
  const out: ReleaseDefinitionSnap = {
    id: d.id,
    name: d.name,
    projectId: p.id,
    projectName: p.name,
    webUrl: d.webUrl ?? `${projectUrl(ctx, p.name)}/_release?_a=releases&view=mine&definitionId=${d.id}`,
    variables: variablesOf(d.variables),
    variableGroupIds: d.variableGroups,
    stages: d.stages.map((s) => {
      const stage: ReleaseStageSnap = {
        id: s.id,
        name: s.name,
        preDeployApprovals: approvalsOf(s.preDeployApprovals),
        postDeployApprovals: approvalsOf(s.postDeployApprovals),
        variables: variablesOf(s.variables),
        variableGroupIds: s.variableGroups,
        steps: stepsOf(s.tasks),
      };
      if (s.rank !== undefined) stage.rank = s.rank;
      if (s.gatesEnabled !== undefined) stage.gatesEnabled = s.gatesEnabled;
      if (s.queueId !== undefined) stage.queueId = s.queueId;
      return stage;
    }),
  };
  if (d.path !== undefined) out.path = d.path;
  const created = identityOf(d.createdBy);
  if (created) out.createdBy = created;
  const modified = identityOf(d.modifiedBy);
  if (modified) out.modifiedBy = modified;
  if (d.modifiedOn !== undefined) out.modifiedOn = d.modifiedOn;
  return out;
}

/** The list, then each definition in full (the list carries no stages or approvals). */
export function collectReleaseDefinitions(ctx: CollectContext, projects: ProjectSnap[]): Promise<AreaResult<ReleaseDefinitionSnap>> {
  return perProject(ctx, projects, 'release pipelines', async (p) => {
    const refs = (await ctx.call(() => ctx.client.release.listDefinitions(p.id))).filter((d) => d.isDeleted !== true);
    const full = await Promise.all(refs.map((d) => ctx.call(() => ctx.client.release.getDefinition(p.id, d.id))));
    return full.map((d) => releaseDefinitionOf(ctx, p, d));
  });
}
