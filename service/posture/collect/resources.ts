// Protected resources: service connections, variable groups, secure files, agent queues and
// environments, each with its open access ("all pipelines") and its approvals and checks.
import type { ProtectedResourceType } from '../../ado/areas/pipelines';
import type { ServiceEndpoint } from '../../ado/areas/service-endpoints';
import type { VariableGroup } from '../../ado/areas/distributed-task';
import type {
  AgentQueueSnap,
  AzureScope,
  CheckSnap,
  EndpointUseSnap,
  EnvironmentSnap,
  Facet,
  PipelineAccess,
  ProjectPipelineAccess,
  ProjectRef,
  ProjectSnap,
  SecureFileSnap,
  ServiceConnectionSnap,
  VariableGroupSnap,
} from '../snapshot';
import { accessOf, checkOf, identityOf } from './convert';
import { facet, perProject, projectUrl, type AreaResult, type CollectContext } from './context';

export function pipelineAccess(ctx: CollectContext, projectId: string, type: ProtectedResourceType, id: string | number): Promise<Facet<PipelineAccess>> {
  return facet(ctx, async () => accessOf(await ctx.client.pipelines.getPipelinePermissions(projectId, type, id)));
}

export function checks(ctx: CollectContext, projectId: string, type: ProtectedResourceType, id: string | number): Promise<Facet<CheckSnap[]>> {
  return facet(ctx, async () => (await ctx.client.pipelines.listCheckConfigurations(projectId, type, id)).map(checkOf));
}

const QUERY_CHUNK = 100;
const idKey = (id: string | number) => String(id).toLowerCase();

/**
 * The checks of many resources of one project: one query per 100 resources (not one request each);
 * where the query route is missing (404), one read per resource. Keyed by lower-cased id.
 */
export async function checksOfMany(ctx: CollectContext, projectId: string, type: ProtectedResourceType, ids: (string | number)[]): Promise<Map<string, Facet<CheckSnap[]>>> {
  const out = new Map<string, Facet<CheckSnap[]>>();
  const chunks: (string | number)[][] = [];
  for (let i = 0; i < ids.length; i += QUERY_CHUNK) chunks.push(ids.slice(i, i + QUERY_CHUNK));
  await Promise.all(
    chunks.map(async (chunk) => {
      const r = await facet(ctx, () => ctx.client.pipelines.queryCheckConfigurations(projectId, chunk.map((id) => ({ type, id }))));
      if (r.state === 'available') {
        for (const id of chunk) out.set(idKey(id), { state: 'available', value: [] });
        for (const c of r.value) {
          if (c.resource?.type !== undefined && c.resource.type.toLowerCase() !== type) continue;
          const list = out.get(idKey(c.resource?.id ?? ''));
          if (list?.state === 'available') list.value.push(checkOf(c));
        }
      } else if (r.reason.code === 'not-found') {
        await Promise.all(chunk.map(async (id) => out.set(idKey(id), await checks(ctx, projectId, type, id))));
      } else {
        for (const id of chunk) out.set(idKey(id), r);
      }
    }),
  );
  return out;
}

/** checksOfMany over objects read in several projects: asked in each object's first project. */
async function checksInFirstProject<T extends { id: string | number }>(ctx: CollectContext, entries: { item: T; projects: ProjectSnap[] }[], type: ProtectedResourceType): Promise<Map<string, Facet<CheckSnap[]>>> {
  const byProject = new Map<string, (string | number)[]>();
  for (const e of entries) byProject.set(e.projects[0].id, [...(byProject.get(e.projects[0].id) ?? []), e.item.id]);
  const maps = await Promise.all([...byProject].map(([projectId, ids]) => checksOfMany(ctx, projectId, type, ids)));
  return new Map(maps.flatMap((m) => [...m]));
}

const checksFrom = (m: Map<string, Facet<CheckSnap[]>>, id: string | number): Facet<CheckSnap[]> =>
  m.get(idKey(id)) ?? { state: 'not-available', reason: { code: 'error', text: 'The checks query did not answer for this resource.' } };

/** One object per id across projects (shared ones are listed in each), with every project it is seen in. */
function byId<T extends { id: string | number }>(seen: { project: ProjectSnap; item: T }[]): { item: T; projects: ProjectSnap[] }[] {
  const map = new Map<string, { item: T; projects: ProjectSnap[] }>();
  for (const { project, item } of seen) {
    const key = String(item.id).toLowerCase();
    const entry = map.get(key);
    if (entry) {
      if (!entry.projects.some((p) => p.id === project.id)) entry.projects.push(project);
    } else map.set(key, { item, projects: [project] });
  }
  return [...map.values()];
}

/** The projects it is shared with: ADO's references, else the projects it was seen in. */
function projectsOf(refs: { projectId: string; projectName?: string }[], seenIn: ProjectSnap[], all: ProjectSnap[]): ProjectRef[] {
  const out: ProjectRef[] = refs.map((r) => ({ id: r.projectId, name: r.projectName ?? all.find((p) => p.id === r.projectId)?.name ?? r.projectId }));
  for (const p of seenIn) if (!out.some((x) => x.id.toLowerCase() === p.id.toLowerCase())) out.push({ id: p.id, name: p.name });
  return out;
}

/** Open access is set per project: read it in every project of ours that has the resource. */
async function accessPerProject(ctx: CollectContext, seenIn: ProjectSnap[], type: ProtectedResourceType, id: string | number): Promise<ProjectPipelineAccess[]> {
  return Promise.all(seenIn.map(async (p) => ({ projectId: p.id, projectName: p.name, access: await pipelineAccess(ctx, p.id, type, id) })));
}

/** Recent runs that used the connection, from every project that has it, newest first; not available if any project's read failed. */
async function usesOf(ctx: CollectContext, seenIn: ProjectSnap[], id: string): Promise<Facet<EndpointUseSnap[]>> {
  const per = await Promise.all(
    seenIn.map((p) =>
      facet(ctx, async () =>
        (await ctx.client.serviceEndpoints.executionHistory(p.id, id)).map((x) => {
          const use: EndpointUseSnap = { definitionId: x.definitionId, projectId: p.id };
          if (x.definitionName !== undefined) use.definitionName = x.definitionName;
          if (x.planType !== undefined) use.planType = x.planType;
          if (x.result !== undefined) use.result = x.result;
          if (x.finishTime !== undefined) use.finishTime = x.finishTime;
          return use;
        }),
      ),
    ),
  );
  const failed = per.find((f) => f.state === 'not-available');
  if (failed) return failed;
  const all = per.flatMap((f) => (f.state === 'available' ? f.value : []));
  return { state: 'available', value: all.sort((a, b) => (b.finishTime ?? '').localeCompare(a.finishTime ?? '')) };
}

export function azureScopeOf(e: ServiceEndpoint): AzureScope | undefined {
  if (e.type.toLowerCase() !== 'azurerm') return undefined;
  const level = (e.data.scopeLevel ?? '').toLowerCase();
  const scopeId = e.authorization.parameters.scope ?? undefined;
  const rg = scopeId ? /\/resourcegroups\/([^/]+)/i.exec(scopeId)?.[1] : undefined;
  const out: AzureScope = {
    level: rg
      ? 'resourceGroup'
      : level === 'managementgroup'
        ? 'managementGroup'
        : level === 'subscription'
          ? 'subscription'
          : level === 'azuremlworkspace'
            ? 'machineLearningWorkspace'
            : 'unknown',
  };
  const set = (key: keyof AzureScope, v: string | null | undefined) => {
    if (typeof v === 'string' && v !== '') (out as unknown as Record<string, string>)[key] = v;
  };
  set('subscriptionId', e.data.subscriptionId);
  set('subscriptionName', e.data.subscriptionName);
  set('managementGroupId', e.data.managementGroupId);
  set('managementGroupName', e.data.managementGroupName);
  set('resourceGroup', rg);
  set('scopeId', scopeId);
  set('creationMode', e.data.creationMode);
  return out;
}

export async function collectServiceConnections(ctx: CollectContext, projects: ProjectSnap[]): Promise<AreaResult<ServiceConnectionSnap>> {
  const listed = await perProject(ctx, projects, 'service connections', async (p) => (await ctx.call(() => ctx.client.serviceEndpoints.list(p.id))).map((item) => ({ project: p, item })));
  const entries = byId(listed.items);
  const checkMap = await checksInFirstProject(ctx, entries, 'endpoint');
  const items = await Promise.all(
    entries.map(async ({ item: e, projects: seenIn }) => {
      const first = seenIn[0];
      const checkList = checksFrom(checkMap, e.id);
      const [access, recentUse] = await Promise.all([accessPerProject(ctx, seenIn, 'endpoint', e.id), usesOf(ctx, seenIn, e.id)]);
      const data: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.data)) if (typeof v === 'string') data[k] = v;
      const out: ServiceConnectionSnap = {
        id: e.id,
        name: e.name,
        type: e.type,
        data,
        projects: projectsOf(e.projectReferences, seenIn, projects),
        webUrl: `${projectUrl(ctx, first.name)}/_settings/adminservices?resourceId=${encodeURIComponent(e.id)}`,
        pipelineAccess: access,
        checks: checkList,
        recentUse,
      };
      if (e.url !== undefined) out.url = e.url;
      if (e.description) out.description = e.description;
      if (e.authorization.scheme !== undefined) out.authorizationScheme = e.authorization.scheme;
      const params = e.authorization.parameters;
      if (params.authenticationType) out.authenticationType = params.authenticationType;
      if (params.tenantid) out.tenantId = params.tenantid;
      if (params.serviceprincipalid) out.servicePrincipalId = params.serviceprincipalid;
      const scope = azureScopeOf(e);
      if (scope) out.azureScope = scope;
      if (e.isShared !== undefined) out.isShared = e.isShared;
      if (e.owner !== undefined) out.owner = e.owner;
      if (e.isReady !== undefined) out.isReady = e.isReady;
      const by = identityOf(e.createdBy);
      if (by) out.createdBy = by;
      return out;
    }),
  );
  return { items, status: listed.status };
}

function variableGroupOf(ctx: CollectContext, g: VariableGroup, seenIn: ProjectSnap[], all: ProjectSnap[]): Omit<VariableGroupSnap, 'pipelineAccess' | 'checks'> {
  const keyVault = g.type?.toLowerCase() === 'azurekeyvault';
  const out: Omit<VariableGroupSnap, 'pipelineAccess' | 'checks'> = {
    id: g.id,
    name: g.name,
    variables: Object.entries(g.variables).map(([name, v]) => {
      const isSecret = v.isSecret === true;
      const x: VariableGroupSnap['variables'][number] = { name, isSecret, plainValueForSecretsScan: isSecret || keyVault || !v.value ? null : v.value };
      if (v.isReadOnly !== undefined) x.isReadOnly = v.isReadOnly;
      if (v.enabled !== undefined) x.enabled = v.enabled;
      if (typeof v.expires === 'string') x.expires = v.expires;
      return x;
    }),
    projects: projectsOf(g.projectReferences, seenIn, all),
    webUrl: `${projectUrl(ctx, seenIn[0].name)}/_library?itemType=VariableGroups&view=VariableGroupView&variableGroupId=${g.id}`,
  };
  if (g.description) out.description = g.description;
  if (g.type !== undefined) out.type = g.type;
  if (g.providerData && keyVault) {
    const kv: NonNullable<VariableGroupSnap['keyVault']> = {};
    if (g.providerData.vault !== undefined) kv.vault = g.providerData.vault;
    if (g.providerData.serviceEndpointId !== undefined) kv.serviceEndpointId = g.providerData.serviceEndpointId;
    if (g.providerData.lastRefreshedOn !== undefined) kv.lastRefreshedOn = g.providerData.lastRefreshedOn;
    out.keyVault = kv;
  }
  if (g.isShared !== undefined) out.isShared = g.isShared;
  const created = identityOf(g.createdBy);
  if (created) out.createdBy = created;
  const modified = identityOf(g.modifiedBy);
  if (modified) out.modifiedBy = modified;
  if (g.modifiedOn !== undefined) out.modifiedOn = g.modifiedOn;
  return out;
}

export async function collectVariableGroups(ctx: CollectContext, projects: ProjectSnap[]): Promise<AreaResult<VariableGroupSnap>> {
  const listed = await perProject(ctx, projects, 'variable groups', async (p) => (await ctx.call(() => ctx.client.distributedTask.listVariableGroups(p.id))).map((item) => ({ project: p, item })));
  const entries = byId(listed.items);
  const checkMap = await checksInFirstProject(ctx, entries, 'variablegroup');
  const items = await Promise.all(
    entries.map(async ({ item: g, projects: seenIn }) => {
      const access = await accessPerProject(ctx, seenIn, 'variablegroup', g.id);
      return { ...variableGroupOf(ctx, g, seenIn, projects), pipelineAccess: access, checks: checksFrom(checkMap, g.id) };
    }),
  );
  return { items, status: listed.status };
}

export function collectSecureFiles(ctx: CollectContext, projects: ProjectSnap[]): Promise<AreaResult<SecureFileSnap>> {
  return perProject(ctx, projects, 'secure files', async (p) => {
    const files = await ctx.call(() => ctx.client.distributedTask.listSecureFiles(p.id));
    const checkMap = await checksOfMany(ctx, p.id, 'securefile', files.map((f) => f.id));
    return Promise.all(
      files.map(async (f) => {
        const access = await pipelineAccess(ctx, p.id, 'securefile', f.id);
        const checkList = checksFrom(checkMap, f.id);
        const out: SecureFileSnap = {
          id: f.id,
          name: f.name,
          projectId: p.id,
          projectName: p.name,
          webUrl: `${projectUrl(ctx, p.name)}/_library?itemType=SecureFiles&view=SecureFileView&secureFileId=${encodeURIComponent(f.id)}`,
          pipelineAccess: access,
          checks: checkList,
        };
        const created = identityOf(f.createdBy);
        if (created) out.createdBy = created;
        if (f.createdOn !== undefined) out.createdOn = f.createdOn;
        const modified = identityOf(f.modifiedBy);
        if (modified) out.modifiedBy = modified;
        if (f.modifiedOn !== undefined) out.modifiedOn = f.modifiedOn;
        return out;
      }),
    );
  });
}

export function collectAgentQueues(ctx: CollectContext, projects: ProjectSnap[]): Promise<AreaResult<AgentQueueSnap>> {
  return perProject(ctx, projects, 'agent queues', async (p) => {
    const queues = await ctx.call(() => ctx.client.distributedTask.listAgentQueues(p.id));
    const checkMap = await checksOfMany(ctx, p.id, 'queue', queues.map((q) => q.id));
    return Promise.all(
      queues.map(async (q) => {
        const access = await pipelineAccess(ctx, p.id, 'queue', q.id);
        const checkList = checksFrom(checkMap, q.id);
        const out: AgentQueueSnap = {
          id: q.id,
          name: q.name,
          projectId: p.id,
          projectName: p.name,
          webUrl: `${projectUrl(ctx, p.name)}/_settings/agentqueues?queueId=${q.id}&view=jobs`,
          pipelineAccess: access,
          checks: checkList,
        };
        if (q.pool) {
          out.poolId = q.pool.id;
          if (q.pool.name !== undefined) out.poolName = q.pool.name;
          if (q.pool.isHosted !== undefined) out.isHosted = q.pool.isHosted;
        }
        return out;
      }),
    );
  });
}

export function collectEnvironments(ctx: CollectContext, projects: ProjectSnap[]): Promise<AreaResult<EnvironmentSnap>> {
  return perProject(ctx, projects, 'environments', async (p) => {
    const envs = await ctx.call(() => ctx.client.distributedTask.listEnvironments(p.id));
    const checkMap = await checksOfMany(ctx, p.id, 'environment', envs.map((e) => e.id));
    return Promise.all(
      envs.map(async (e) => {
        const access = await pipelineAccess(ctx, p.id, 'environment', e.id);
        const checkList = checksFrom(checkMap, e.id);
        const out: EnvironmentSnap = {
          id: e.id,
          name: e.name,
          projectId: p.id,
          projectName: p.name,
          webUrl: `${projectUrl(ctx, p.name)}/_environments/${e.id}`,
          pipelineAccess: access,
          checks: checkList,
        };
        if (e.description) out.description = e.description;
        const created = identityOf(e.createdBy);
        if (created) out.createdBy = created;
        if (e.lastModifiedOn !== undefined) out.lastModifiedOn = e.lastModifiedOn;
        return out;
      }),
    );
  });
}
