// collectSnapshot: one typed posture snapshot of an organization, read only through the ADO client.
// Every area ends available or not available with its reason; one area failing never fails the
// collection. Every ADO call runs inside one concurrency limit (the client behind it paces by
// Retry-After and the rate-limit headers and is shared per identity by its caller).
import type { AdoClient } from '../../ado/client';
import { parseOrgUrl } from '../../ado/org-url';
import { AREA_NAMES, SNAPSHOT_SCHEMA_VERSION, orgPolicy, type AreaName, type AreaStatus, type OrgSnapshot, type ProjectSnap, type Unavailable } from '../snapshot';
import { limiter, notAvailableArea, type AreaResult, type CollectContext } from './context';
import { collectAdminGroups, collectUsers } from './identities';
import { collectAgentPools, collectAuditStreams, collectExtensions, collectOrgPipelineSettings, collectOrgPolicies } from './organization';
import { collectBuildDefinitions, collectReleaseDefinitions } from './pipelines';
import { collectProjects } from './projects';
import { dependsOn, unavailableFrom } from './reasons';
import { collectRepositories } from './repositories';
import { collectAgentQueues, collectEnvironments, collectSecureFiles, collectServiceConnections, collectVariableGroups } from './resources';

export { unavailableFrom } from './reasons';

export interface CollectOptions {
  /** ADO requests in flight at most. Default 4 (ado-rest.md §14: modest concurrency, 4-8). */
  concurrency?: number;
  /** Only these areas; the others are not available ('unsupported', "not collected"). Default every area. */
  areas?: readonly AreaName[];
  /** Clock for collectedAt and durationMs. */
  now?: () => number;
  /** Stops the collection (rejects with the signal's reason): a shutdown is not an area failure. */
  signal?: AbortSignal;
}

export async function collectSnapshot(client: AdoClient, opts: CollectOptions = {}): Promise<OrgSnapshot> {
  const now = opts.now ?? Date.now;
  const started = now();
  const limit = limiter(opts.concurrency ?? 4);
  const signal = opts.signal;
  // Once stopped, no call that is still waiting for its turn goes out.
  const call = <T>(fn: () => Promise<T>): Promise<T> =>
    limit(() => {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return fn();
    });
  const ctx: CollectContext = { client, orgUrl: client.orgUrl, call, signal };
  const wanted = new Set<AreaName>(opts.areas ?? AREA_NAMES);
  const skipped: Unavailable = { code: 'unsupported', text: 'Not collected: this area was not asked for.' };
  const areas = Object.fromEntries(AREA_NAMES.map((a) => [a, { state: 'not-available', reason: skipped }])) as Record<AreaName, AreaStatus>;
  const snapshot: OrgSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    organization: { name: parseOrgUrl(client.orgUrl).name, url: client.orgUrl },
    collectedAt: new Date(started).toISOString(),
    areas,
    orgPolicies: [],
    orgPipelineSettings: null,
    projects: [],
    buildDefinitions: [],
    releaseDefinitions: [],
    serviceConnections: [],
    variableGroups: [],
    secureFiles: [],
    agentPools: [],
    agentQueues: [],
    environments: [],
    repositories: [],
    advancedSecurity: [],
    audit: { streams: [], webUrl: `${client.orgUrl}/_settings/audit` },
    users: [],
    adminGroups: [],
    extensions: [],
  };
  const finish = () => {
    snapshot.durationMs = Math.max(0, now() - started);
    return snapshot;
  };

  // Who we are and which organization answered; a credential refused here is refused everywhere.
  try {
    const who = await ctx.call(() => client.core.connectionData());
    snapshot.organization.id = who.instanceId;
    snapshot.collectedBy = who.authenticatedUser.providerDisplayName
      ? { id: who.authenticatedUser.id, displayName: who.authenticatedUser.providerDisplayName }
      : { id: who.authenticatedUser.id };
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const reason = unavailableFrom(err);
    for (const a of wanted) areas[a] = { state: 'not-available', reason: { ...reason, code: reason.code === 'missing-scope' ? 'error' : reason.code } };
    return finish();
  }

  const want = (a: AreaName) => wanted.has(a);
  const needsProjects: AreaName[] = ['projects', 'projectPipelineSettings', 'buildDefinitions', 'releaseDefinitions', 'serviceConnections', 'variableGroups', 'secureFiles', 'agentPools', 'environments', 'repositories', 'advancedSecurity', 'adminGroups'];
  const projectsPromise = needsProjects.some(want) ? collectProjects(ctx) : null;

  const orgTasks = Promise.all([
    want('orgPolicies') || want('audit') ? collectOrgPolicies(ctx) : null,
    want('orgPipelineSettings') ? collectOrgPipelineSettings(ctx) : null,
    want('audit') ? collectAuditStreams(ctx) : null,
    want('extensions') ? collectExtensions(ctx) : null,
    want('users') || want('adminGroups') ? collectUsers(ctx) : null,
  ]);

  // Awaited below; when a stop rejects the project list first, this one must not go unhandled.
  orgTasks.catch(() => undefined);
  const projectsResult = projectsPromise ? await projectsPromise : null;
  const projects: ProjectSnap[] = projectsResult?.projects ?? [];
  const listFailure = projectsResult?.listFailure;
  if (projectsResult) {
    snapshot.projects = projectsResult.projects;
    if (want('projects')) areas.projects = projectsResult.projectsStatus;
    if (want('projectPipelineSettings')) areas.projectPipelineSettings = projectsResult.settingsStatus;
  }
  /** A per-project area: not available when the project list is not. */
  const perProjectArea = <T>(area: AreaName, run: () => Promise<AreaResult<T>>): Promise<AreaResult<T>> | null => {
    if (!want(area)) return null;
    if (listFailure) return Promise.resolve(notAvailableArea<T>(dependsOn('the project list', listFailure)));
    return run();
  };

  const [policies, orgPipelineSettings, streams, extensions, users] = await orgTasks;
  const usersOk = users && users.status.state === 'available' ? users.items : null;

  const [builds, releases, connections, groups, files, pools, queues, environments, repos, admins] = await Promise.all([
    perProjectArea('buildDefinitions', () => collectBuildDefinitions(ctx, projects)),
    perProjectArea('releaseDefinitions', () => collectReleaseDefinitions(ctx, projects)),
    perProjectArea('serviceConnections', () => collectServiceConnections(ctx, projects)),
    perProjectArea('variableGroups', () => collectVariableGroups(ctx, projects)),
    perProjectArea('secureFiles', () => collectSecureFiles(ctx, projects)),
    want('agentPools') ? collectAgentPools(ctx) : null,
    perProjectArea('agentPools', () => collectAgentQueues(ctx, projects)),
    perProjectArea('environments', () => collectEnvironments(ctx, projects)),
    want('repositories') || want('advancedSecurity')
      ? listFailure
        ? null
        : collectRepositories(ctx, projects, { advancedSecurity: want('advancedSecurity') })
      : null,
    want('adminGroups') ? collectAdminGroups(ctx, listFailure ? [] : projects, usersOk) : null,
  ]);

  const put = <T>(area: AreaName, r: AreaResult<T> | null, set: (items: T[]) => void) => {
    if (!r || !want(area)) return;
    areas[area] = r.status;
    set(r.items);
  };
  if (policies) {
    if (want('orgPolicies')) put('orgPolicies', policies, (x) => (snapshot.orgPolicies = x));
    else snapshot.orgPolicies = [];
  }
  if (orgPipelineSettings) {
    areas.orgPipelineSettings = orgPipelineSettings.status;
    snapshot.orgPipelineSettings = orgPipelineSettings.value;
  }
  if (streams) {
    areas.audit = streams.status;
    snapshot.audit.streams = streams.items;
    const log = policies && policies.status.state === 'available' ? orgPolicy({ ...snapshot, orgPolicies: policies.items }, 'Policy.LogAuditEvents') : undefined;
    if (log?.effectiveValue !== undefined) snapshot.audit.logAuditEvents = log.effectiveValue;
  }
  put('extensions', extensions, (x) => (snapshot.extensions = x));
  put('users', users, (x) => (snapshot.users = x));
  put('buildDefinitions', builds, (x) => (snapshot.buildDefinitions = x));
  put('releaseDefinitions', releases, (x) => (snapshot.releaseDefinitions = x));
  put('serviceConnections', connections, (x) => (snapshot.serviceConnections = x));
  put('variableGroups', groups, (x) => (snapshot.variableGroups = x));
  put('secureFiles', files, (x) => (snapshot.secureFiles = x));
  put('environments', environments, (x) => (snapshot.environments = x));
  put('adminGroups', admins, (x) => (snapshot.adminGroups = x));
  if (admins && listFailure && areas.adminGroups.state === 'available') {
    const missing = { what: 'the Project Administrators groups (the project list could not be read)', reason: listFailure };
    areas.adminGroups = { state: 'available', partialFailures: [...(areas.adminGroups.partialFailures ?? []), missing] };
  }
  if (admins && admins.status.state === 'available') linkAdmins(snapshot);
  if (want('agentPools')) {
    snapshot.agentPools = pools?.items ?? [];
    snapshot.agentQueues = queues?.items ?? [];
    areas.agentPools = combinePools(pools, queues);
  }
  if (listFailure) {
    for (const a of ['repositories', 'advancedSecurity'] as const) if (want(a)) areas[a] = { state: 'not-available', reason: dependsOn('the project list', listFailure) };
  } else if (repos) {
    if (want('repositories')) {
      areas.repositories = repos.status;
      snapshot.repositories = repos.repositories;
    }
    if (want('advancedSecurity')) {
      areas.advancedSecurity = repos.advancedSecurityStatus;
      snapshot.advancedSecurity = repos.advancedSecurity;
    }
  }
  return finish();
}

/** Each user's admin group memberships, from the expanded members of every admin group. */
function linkAdmins(s: OrgSnapshot): void {
  const byDescriptor = new Map(s.users.map((u) => [u.descriptor.toLowerCase(), u]));
  for (const u of s.users) u.adminOf = [];
  for (const g of s.adminGroups) {
    if (g.members.state !== 'available') continue;
    for (const m of g.members.value) {
      const u = m.kind === 'user' ? byDescriptor.get(m.descriptor.toLowerCase()) : undefined;
      if (!u) continue;
      const link: NonNullable<typeof u.adminOf>[number] = { kind: g.kind, groupDescriptor: g.descriptor, isDirect: m.isDirect };
      if (g.projectId !== undefined) link.projectId = g.projectId;
      if (g.projectName !== undefined) link.projectName = g.projectName;
      u.adminOf!.push(link);
    }
  }
}

/** Pools (organization) and queues (per project) make one area: not available only when both failed. */
function combinePools(pools: AreaResult<unknown> | null, queues: AreaResult<unknown> | null): AreaStatus {
  const p = pools?.status;
  const q = queues?.status;
  if (!p || !q) return (p ?? q) as AreaStatus;
  if (p.state === 'not-available' && q.state === 'not-available') return p;
  const failures = [
    ...(p.state === 'not-available' ? [{ what: 'the agent pools of the organization', reason: p.reason }] : p.partialFailures ?? []),
    ...(q.state === 'not-available' ? [{ what: 'the agent queues of the projects', reason: q.reason }] : q.partialFailures ?? []),
  ];
  return failures.length ? { state: 'available', partialFailures: failures } : { state: 'available' };
}
