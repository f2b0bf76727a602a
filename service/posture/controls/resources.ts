// What the pipeline, release, library and protected-resource controls share: which names look like
// secrets or production, the ADO objects they judge, the project pipeline settings a pipeline runs
// under, and how open access and approvals and checks read. Pure.
import type { AdoObjectLocation, Evidence } from '../../contract/model';
import type {
  AgentQueueSnap,
  BuildDefinitionSnap,
  CheckSnap,
  EnvironmentSnap,
  Facet,
  IdentityRefSnap,
  OrgSnapshot,
  PipelineAccess,
  PipelineSettings,
  ProjectPipelineAccess,
  ProjectSnap,
  ReleaseDefinitionSnap,
  SecureFileSnap,
  ServiceConnectionSnap,
  VariableGroupSnap,
} from '../snapshot';
import type { ControlResult } from './control';
import { ev, fail, listValue, notAvailableResult, notSent, onOff, pass, reasonOf } from './helpers';

// ---- names -------------------------------------------------------------------------------------

/**
 * Names already split: the same variable, connection and stage names recur across thousands of
 * pipelines. Bounded: emptied when full.
 */
const wordsCache = new Map<string, readonly string[]>();
const WORDS_CACHE_MAX = 20_000;

/** The words of a name: camelCase, snake_case, kebab-case, dotted and spaced names split, lower-cased. */
export function nameWords(name: string): readonly string[] {
  let words = wordsCache.get(name);
  if (words === undefined) {
    words = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0);
    if (wordsCache.size >= WORDS_CACHE_MAX) wordsCache.clear();
    wordsCache.set(name, words);
  }
  return words;
}

/** Words that make a variable name say it holds a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'secrets', 'token', 'apikey', 'accesskey', 'privatekey', 'credential', 'credentials', 'pat', 'connectionstring', 'connstr', 'sas']);
/** A last word that makes the name about the secret rather than the secret itself (secretName, tokenUrl). */
const NEUTRAL_LAST_WORDS = new Set([
  'name', 'names', 'id', 'ids', 'url', 'uri', 'path', 'file', 'type', 'version', 'enabled', 'expiry', 'expires', 'expiration', 'length', 'count', 'endpoint',
  'scope', 'scopes', 'issuer', 'audience', 'header', 'prefix', 'kind', 'policy', 'format', 'mode', 'ttl', 'lifetime', 'rotation', 'hint', 'provider', 'vault',
]);

/** Does a variable's name say it holds a credential (DbPassword, API_KEY, sqlConnectionString, storage.key)? */
export function looksLikeSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const last = words[words.length - 1];
  if (NEUTRAL_LAST_WORDS.has(last)) return false;
  const joined = words.map((w, i) => (i + 1 < words.length ? w + words[i + 1] : '')).filter((w) => w !== '');
  if (words.some((w) => SECRET_WORDS.has(w)) || joined.some((w) => SECRET_WORDS.has(w))) return true;
  // ...Key as the last word (storageKey, ACCOUNT_KEY), but not a public or SSH host key.
  return last === 'key' && words.length > 1 && !['public', 'host', 'ssh', 'partition', 'sort', 'cache', 'row', 'primary', 'foreign'].includes(words[words.length - 2]);
}

/** A value that only refers to another variable or a token substitution ($(x), $[x], ${{ x }}, #{x}#, __x__). */
export function isReferenceOnly(value: string): boolean {
  return /^\s*(?:\$\([^)]*\)|\$\[[^\]]*\]|\$\{\{[^}]*\}\}|#\{[^}]*\}#|__[A-Za-z0-9_.]+__)\s*$/.test(value);
}

/** A plain value worth calling a stored credential: present, not blank, not only a reference. */
export const holdsLiteral = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '' && !isReferenceOnly(value);

/** Stage and environment names Vigil reads as production (AzSK: Production, Pre-Production, Prod, Pre-Prod; plus live, prd). */
export const PRODUCTION_NAME_WORDS: readonly string[] = ['prod', 'production', 'prd', 'live', 'preprod', 'preproduction'];

/** Does a stage or environment name read as production (Production, prod-eu, Pre-Prod, web-PRD-2, Live)? */
const productionLikeCache = new Map<string, boolean>();

export function isProductionLike(name: string, words: readonly string[] = PRODUCTION_NAME_WORDS): boolean {
  if (words !== PRODUCTION_NAME_WORDS) return readsAs(name, words);
  let yes = productionLikeCache.get(name);
  if (yes === undefined) {
    yes = readsAs(name, words);
    if (productionLikeCache.size >= WORDS_CACHE_MAX) productionLikeCache.clear();
    productionLikeCache.set(name, yes);
  }
  return yes;
}

function readsAs(name: string, words: readonly string[]): boolean {
  const parts = nameWords(name).map((w) => w.replace(/\d+$/, ''));
  return parts.some((w, i) => words.includes(w) || (w === 'pre' && i + 1 < parts.length && words.includes(`pre${parts[i + 1]}`)));
}

/** A name that reads like a URL holder (AzSK's URL variables settable at queue time). */
export const looksLikeUrlVariable = (name: string, value: string | null): boolean =>
  nameWords(name).some((w) => ['url', 'uri', 'endpoint', 'host', 'hostname', 'server', 'baseurl'].includes(w)) || (value !== null && /^\s*https?:\/\//i.test(value));

// ---- objects -----------------------------------------------------------------------------------

/**
 * One location object per snapshot object, shared by every control's result for it (dozens of
 * controls judge each pipeline; locations are never changed once built).
 */
function perObject<T extends object>(build: (o: T) => AdoObjectLocation): (o: T) => AdoObjectLocation {
  const cache = new WeakMap<T, AdoObjectLocation>();
  return (o) => {
    let loc = cache.get(o);
    if (!loc) cache.set(o, (loc = build(o)));
    return loc;
  };
}

const pipelineAtItsPage = perObject((d: BuildDefinitionSnap): AdoObjectLocation => ({ kind: 'ado-object', objectKind: 'pipeline', id: String(d.id), name: d.name, project: { id: d.projectId, name: d.projectName }, url: d.webUrl }));

export function pipelineObject(d: BuildDefinitionSnap, url: string = d.webUrl): AdoObjectLocation {
  if (url === d.webUrl) return pipelineAtItsPage(d);
  return { kind: 'ado-object', objectKind: 'pipeline', id: String(d.id), name: d.name, project: { id: d.projectId, name: d.projectName }, url };
}

const releaseAtItsPage = perObject((r: ReleaseDefinitionSnap): AdoObjectLocation => ({ kind: 'ado-object', objectKind: 'pipeline', id: `release-${r.id}`, name: r.name, project: { id: r.projectId, name: r.projectName }, url: r.webUrl }));

/** A classic release pipeline (id prefixed: build and release definition ids overlap). */
export function releaseObject(r: ReleaseDefinitionSnap, url: string = r.webUrl): AdoObjectLocation {
  if (url === r.webUrl) return releaseAtItsPage(r);
  return { kind: 'ado-object', objectKind: 'pipeline', id: `release-${r.id}`, name: r.name, project: { id: r.projectId, name: r.projectName }, url };
}

export const connectionObject = perObject((c: ServiceConnectionSnap): AdoObjectLocation => {
  const p = c.projects[0];
  return { kind: 'ado-object', objectKind: 'service-connection', id: c.id, name: c.name, ...(p ? { project: { id: p.id, name: p.name } } : {}), url: c.webUrl };
});

export const variableGroupObject = perObject((g: VariableGroupSnap): AdoObjectLocation => {
  const p = g.projects[0];
  return { kind: 'ado-object', objectKind: 'variable-group', id: String(g.id), name: g.name, ...(p ? { project: { id: p.id, name: p.name } } : {}), url: g.webUrl };
});

export const secureFileObject = perObject(
  (f: SecureFileSnap): AdoObjectLocation => ({ kind: 'ado-object', objectKind: 'secure-file', id: f.id, name: f.name, project: { id: f.projectId, name: f.projectName }, url: f.webUrl }),
);

/** A project's agent queue (open access and checks live there, not on the pool). */
export const queueObject = perObject(
  (q: AgentQueueSnap): AdoObjectLocation => ({ kind: 'ado-object', objectKind: 'agent-pool', id: `queue-${q.id}`, name: q.name, project: { id: q.projectId, name: q.projectName }, url: q.webUrl }),
);

export const environmentObject = perObject(
  (e: EnvironmentSnap): AdoObjectLocation => ({ kind: 'ado-object', objectKind: 'environment', id: String(e.id), name: e.name, project: { id: e.projectId, name: e.projectName }, url: e.webUrl }),
);

// ---- project pipeline settings -----------------------------------------------------------------

/** Per snapshot, its projects by id (controls look a project up once per pipeline; big organizations have thousands). */
const projectIndex = new WeakMap<OrgSnapshot, Map<string, ProjectSnap>>();

export function projectOf(s: OrgSnapshot, projectId: string): ProjectSnap | undefined {
  let index = projectIndex.get(s);
  if (!index) {
    index = new Map(s.projects.map((p) => [p.id, p]));
    projectIndex.set(s, index);
  }
  return index.get(projectId);
}

/** Per snapshot, the service connections each project has (by project id). */
const connectionIndex = new WeakMap<OrgSnapshot, Map<string, ServiceConnectionSnap[]>>();

export function connectionsOf(s: OrgSnapshot, projectId: string): readonly ServiceConnectionSnap[] {
  let index = connectionIndex.get(s);
  if (!index) {
    index = new Map();
    for (const c of s.serviceConnections) {
      for (const id of new Set([...c.projects.map((p) => p.id), ...c.pipelineAccess.map((a) => a.projectId)])) {
        const list = index.get(id) ?? [];
        list.push(c);
        index.set(id, list);
      }
    }
    connectionIndex.set(s, index);
  }
  return index.get(projectId) ?? [];
}

/**
 * The project pipeline settings a pipeline of `projectId` runs under, or why they are unknown
 * (project not listed, settings not readable).
 */
export function projectSettings(s: OrgSnapshot, projectId: string, projectName: string): { value: PipelineSettings; url: string } | { reason: ReturnType<typeof reasonOf> } {
  const p = projectOf(s, projectId);
  if (!p) return { reason: { code: 'not-found', text: `The project ${projectName} was not in the projects read, so its pipeline settings are unknown.` } };
  if (p.pipelineSettings.state !== 'available') return { reason: reasonOf(p.pipelineSettings.reason) };
  return { value: p.pipelineSettings.value, url: p.pipelineSettingsUrl };
}

// ---- open access -------------------------------------------------------------------------------

/** Open access of a resource in one project: fail when "all pipelines" is on. */
export function accessResult(object: AdoObjectLocation, access: Facet<PipelineAccess>, message: string, extra: Evidence[] = []): ControlResult {
  if (access.state !== 'available') return notAvailableResult(object, reasonOf(access.reason), [ev('Pipeline permissions', 'not available'), ...extra]);
  const evidence = [ev('Grant access permission to all pipelines', onOff(access.value.allPipelines)), ev('Pipelines authorized one by one', access.value.authorizedPipelineIds.length), ...extra];
  if (access.value.authorizedBy?.displayName) evidence.push(ev('Opened by', access.value.authorizedBy.displayName));
  return access.value.allPipelines ? fail(object, evidence, message) : pass(object, evidence);
}

/** The projects where a shared resource is open to all pipelines, and those where that is unknown. */
export function openIn(access: readonly ProjectPipelineAccess[]): { open: string[]; unknown: ProjectPipelineAccess[] } {
  const open: string[] = [];
  const unknown: ProjectPipelineAccess[] = [];
  for (const a of access) {
    if (a.access.state !== 'available') unknown.push(a);
    else if (a.access.value.allPipelines) open.push(a.projectName);
  }
  return { open, unknown };
}

/** Open access of a resource shared into several projects: fail when open in any. */
export function sharedAccessResult(object: AdoObjectLocation, access: readonly ProjectPipelineAccess[], what: string, extra: Evidence[] = []): ControlResult {
  if (access.length === 0) return notAvailableResult(object, notSent(`the pipeline permissions of ${what}`), extra);
  const { open, unknown } = openIn(access);
  const evidence = [ev('Open to all pipelines in', listValue(open)), ...extra];
  if (open.length > 0) return fail(object, evidence, `${what} is open to all pipelines in ${listValue(open)}.`);
  if (unknown.length > 0) return notAvailableResult(object, reasonOf((unknown[0].access as { reason: Parameters<typeof reasonOf>[0] }).reason), [ev('Pipeline permissions not readable in', listValue(unknown.map((u) => u.projectName))), ...extra]);
  return pass(object, evidence);
}

/** Open to all pipelines in the project, true/false, or undefined when unknown. */
export function isOpenIn(access: readonly ProjectPipelineAccess[], projectId: string): boolean | undefined {
  const a = access.find((x) => x.projectId === projectId);
  if (!a || a.access.state !== 'available') return undefined;
  return a.access.value.allPipelines;
}

/** Pipeline `pipelineId` may use the resource in its project: open to all, or authorized by name. */
export function mayUse(access: Facet<PipelineAccess> | undefined, pipelineId: number): boolean {
  if (!access || access.state !== 'available') return false;
  return access.value.allPipelines || access.value.authorizedPipelineIds.includes(pipelineId);
}

// ---- approvals and checks ----------------------------------------------------------------------

/** The enabled checks. */
export const enabledChecks = (checks: readonly CheckSnap[]): CheckSnap[] => checks.filter((c) => c.disabled !== true);
export const approvals = (checks: readonly CheckSnap[]): CheckSnap[] => enabledChecks(checks).filter((c) => c.kind === 'approval');
export const branchControls = (checks: readonly CheckSnap[]): CheckSnap[] => enabledChecks(checks).filter((c) => c.kind === 'branchControl');

export const checkKinds = (checks: readonly CheckSnap[]): string => listValue(enabledChecks(checks).map((c) => c.typeName ?? c.kind));

/** Groups every project member or every user belongs to: approvers that approve nothing (AzSK's broad groups). */
const BROAD_GROUPS = ['contributors', 'readers', 'project valid users', 'project collection valid users', 'endpoint creators', 'build administrators'];

export function isBroadGroup(i: IdentityRefSnap): boolean {
  const names = [i.displayName, i.uniqueName].filter((n): n is string => !!n).map((n) => n.toLowerCase().replace(/^\[[^\]]*\]\\/, ''));
  return names.some((n) => BROAD_GROUPS.includes(n));
}

export const identityName = (i: IdentityRefSnap): string => i.displayName ?? i.uniqueName ?? i.id;

/** Branch control that lets any branch through, or does not require the branch to be protected. */
export function weakBranchControl(c: CheckSnap): string | undefined {
  const allowed = (c.inputs?.allowedBranches ?? '').split(',').map((b) => b.trim()).filter((b) => b !== '');
  if (allowed.length === 0 || allowed.some((b) => b === '*' || b === 'refs/heads/*' || b === 'refs/*')) return `allowed branches: ${allowed.length === 0 ? 'none listed' : allowed.join(', ')}`;
  if ((c.inputs?.ensureProtectionOfBranch ?? '').toLowerCase() !== 'true') return 'branches need not be protected';
  return undefined;
}

/**
 * The checks of a resource: `judge` gives the verdict on its enabled checks, or the resource's
 * not-available result when the checks could not be read.
 */
export function onChecks(object: AdoObjectLocation, checks: Facet<CheckSnap[]>, judge: (enabled: CheckSnap[], evidence: Evidence[]) => ControlResult, extra: Evidence[] = []): ControlResult {
  if (checks.state !== 'available') return notAvailableResult(object, reasonOf(checks.reason), [ev('Approvals and checks', 'not available'), ...extra]);
  const enabled = enabledChecks(checks.value);
  return judge(enabled, [ev('Approvals and checks', checkKinds(enabled)), ...extra]);
}

/** Common verdicts on a resource's checks. */
export const checkJudges = {
  anyCheck: (object: AdoObjectLocation, what: string) => (enabled: CheckSnap[], evidence: Evidence[]) =>
    enabled.length > 0 ? pass(object, evidence) : fail(object, evidence, `${what} has no approvals or checks.`),
  approval: (object: AdoObjectLocation, what: string) => (enabled: CheckSnap[], evidence: Evidence[]) =>
    enabled.some((c) => c.kind === 'approval') ? pass(object, evidence) : fail(object, evidence, `${what} has no approval check.`),
  branchControl: (object: AdoObjectLocation, what: string) => (enabled: CheckSnap[], evidence: Evidence[]) => {
    const bc = enabled.filter((c) => c.kind === 'branchControl');
    if (bc.length === 0) return fail(object, evidence, `${what} has no branch control check.`);
    const weak = bc.map(weakBranchControl).filter((w): w is string => w !== undefined);
    if (weak.length === bc.length) return fail(object, [...evidence, ev('Branch control', weak[0])], `${what} has a branch control check that does not restrict it to protected branches (${weak[0]}).`);
    return pass(object, [...evidence, ev('Branch control', 'restricted to protected branches')]);
  },
  requesterApproves: (object: AdoObjectLocation, what: string) => (enabled: CheckSnap[], evidence: Evidence[]) => {
    const a = enabled.filter((c) => c.kind === 'approval');
    if (a.length === 0) return { outcome: 'not-applicable', object, evidence } as ControlResult;
    const lax = a.filter((c) => c.requesterCannotBeApprover !== true);
    const e = [...evidence, ev('Approvers can approve their own runs', lax.length > 0 ? 'Yes' : 'No')];
    return lax.length > 0 ? fail(object, e, `${what} lets the person who queued a run approve it.`) : pass(object, e);
  },
  broadApprovers: (object: AdoObjectLocation, what: string) => (enabled: CheckSnap[], evidence: Evidence[]) => {
    const a = enabled.filter((c) => c.kind === 'approval');
    if (a.length === 0) return { outcome: 'not-applicable', object, evidence } as ControlResult;
    const broad = a.flatMap((c) => (c.approvers ?? []).filter(isBroadGroup).map(identityName));
    const e = [...evidence, ev('Broad groups among approvers', listValue(broad))];
    return broad.length > 0 ? fail(object, e, `${what} has ${listValue(broad)} as approvers: anyone in the project can approve.`) : pass(object, e);
  },
};
