// The fake organizations as data: fixtures/orgs.json plus the repository folders under fixtures/repos.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_FIXTURES_DIR = path.join(__dirname, 'fixtures');

export interface ExtraZipEntry {
  /** Written raw into the zip, so it may be hostile ('../x', '/abs'). */
  name: string;
  content?: string;
  symlinkTarget?: string;
}

/**
 * Which optional fields ADO's answers carry for a fixture object. 'none' (the default) is the
 * documented minimal shape of the official examples (ado-rest.md §1, docs/ado-fields.md); 'all' adds
 * every optional field the 7.1 schema lists. A flag that is true (isDisabled) is sent either way.
 */
export type OptionalFields = 'all' | 'none';

export interface RepoDef {
  id: string;
  name: string;
  /** Default 'none': id, name, url, project {id, name, url, state}, defaultBranch, remoteUrl only. */
  optionalFields?: OptionalFields;
  /** Folder under repos/<org>/; absent for an empty repository. */
  folder?: string;
  empty?: boolean;
  disabled?: boolean;
  /** More refs besides refs/heads/main; their commits are synthetic: the fixture tree, the fixture commit as parent. */
  extraRefs?: string[];
  extraZipEntries?: ExtraZipEntry[];
  /**
   * The list answer leaves `defaultBranch` out although the single-repository answer has it (as in
   * Microsoft's own examples for the same id): a client must not call the repository empty from the list.
   */
  defaultBranchOnlyInSingle?: boolean;
}

export interface ProjectDef {
  id: string;
  name: string;
  /** Default 'none': id, name, description (when set), url, state only. */
  optionalFields?: OptionalFields;
  description?: string;
  /** Default wellFormed. */
  state?: string;
  visibility: string;
  revision: number;
  lastUpdateTime: string;
  /** What `includeCapabilities` says: 'Git' (default) or 'Tfvc' (code in Team Foundation Version Control). */
  sourceControl?: 'Git' | 'Tfvc';
  repos: RepoDef[];
}

export interface IdentityDef {
  key: string;
  id: string;
  displayName: string;
  uniqueName: string;
  /** Holds every bit of the Collection namespace (Project Collection Administrators). */
  isAdmin: boolean;
  /** Graph metaType: member (default) | guest (Entra B2B). */
  metaType?: 'member' | 'guest';
  /** Graph origin; default aad. */
  origin?: string;
  /** Member entitlements: last sign-in (default 2025-11-20T09:30:00Z); '0001-01-01T00:00:00Z' = never. */
  lastAccessedDate?: string;
  /** Member entitlements: accountLicenseType (default express = Basic). */
  license?: string;
}

export interface CredentialDef {
  /** Name used by tests: fake.pats[handle] or fake.users[handle]. */
  handle: string;
  kind: 'pat' | 'bearer';
  token: string;
  identity: string;
  /** PAT scopes; bearer tokens act with the user's full rights. */
  scopes?: 'all' | string[];
  revoked?: boolean;
}

export interface OrgDef {
  name: string;
  id: string;
  deploymentId: string;
  identities: IdentityDef[];
  credentials: CredentialDef[];
  projects: ProjectDef[];
}

export interface RepoFile {
  /** Repository-relative POSIX path. */
  path: string;
  absPath: string;
  size: number;
  executable: boolean;
  /** Modification time: with the size, what tells the fake that a file may have changed (fixtureHeadOf's cache). */
  mtimeMs: number;
}

// ---- fixtures/areas.json: posture and pull-request data, in ADO's shapes minus what the fake derives ----

export type Json = Record<string, unknown>;

/** A policy scope entry naming the repository (null: every repository of the project). */
export interface PolicyScopeDef {
  repository?: string | null;
  refName?: string;
  matchKind?: string;
}

export interface PolicyConfigDef {
  id: number;
  revision: number;
  /** A key of POLICY_TYPES (routes/policy.ts): minimumReviewers, build, status... */
  type: string;
  isEnabled: boolean;
  isBlocking: boolean;
  createdBy: string;
  createdDate: string;
  settings: Json & { scope: PolicyScopeDef[] };
}

export interface BuildDefinitionDef {
  id: number;
  name: string;
  path: string;
  revision: number;
  queueStatus: string;
  /** Repository name in the same project. */
  repository: string;
  authoredBy: string;
  createdDate: string;
  process: Json;
  triggers: Json[];
  variables: Json;
  /** Variable group ids. */
  variableGroups: number[];
  jobAuthorizationScope: string;
  jobTimeoutInMinutes: number;
  badgeEnabled?: boolean;
  /** Agent queue id of the project (its `agentQueues`); default 36, Azure Pipelines (hosted). */
  queue?: number;
  /** Builds a GitHub repository (through a service connection) instead of `repository`. */
  githubRepository?: { fullName: string; isPrivate: boolean; connection: string };
}

export interface ReviewerDef {
  identity: string;
  vote: number;
  isRequired?: boolean;
  /** A group reviewer's IdentityRef (compliance.json groups); absent for a person. */
  ref?: Json;
  isContainer?: boolean;
  /** The group IdentityRefs this person's vote counted for. */
  votedFor?: Json[];
}

export interface PullRequestDef {
  id: number;
  repository: string;
  title: string;
  description: string;
  status: string;
  isDraft: boolean;
  createdBy: string;
  creationDate: string;
  closedDate?: string;
  closedBy?: string;
  sourceRefName: string;
  targetRefName: string;
  mergeStatus: string;
  reviewers: ReviewerDef[];
  completionOptions?: Json;
  labels: { name: string; active: boolean }[];
}

export interface PipelinePermissionDef {
  resourceType: string;
  resourceId: string;
  allPipelines?: { by: string; on: string };
  pipelines: { id: number; by: string; on: string }[];
}

export interface SecureFileDef {
  id: string;
  name: string;
  createdBy: string;
  createdOn: string;
  modifiedBy: string;
  modifiedOn: string;
}

/** An approval or check on a protected resource (pipelines/checks/configurations). */
export interface CheckDef {
  id: number;
  resourceType: string;
  resourceId: string;
  /** approval | branchControl | businessHours | requiredTemplate */
  kind: string;
  createdBy: string;
  createdOn: string;
  timeout?: number;
  /** As ADO sends them; for approvals, `approvers` are identity keys (made IdentityRefs) or IdentityRefs as given (groups). */
  settings: Json;
}

/** A classic release definition in ADO's shape; createdBy/modifiedBy and approvers are identity keys. */
export interface ReleaseDefinitionDef extends Json {
  id: number;
  name: string;
  createdBy: string;
  modifiedBy: string;
}

/** An ADO group (graph); members are identity keys or other group keys. */
export interface GroupDef {
  key: string;
  displayName: string;
  /** Project name for a project group (e.g. its Project Administrators). */
  project?: string;
  members: string[];
}

export interface ProjectAreasDef {
  /** Runs that used a service connection, newest first: {endpointId, definitionId, definitionName, planType, result, finishTime}. */
  endpointExecutions?: { endpointId: string; definitionId: number; definitionName: string; planType: string; result: string; finishTime: string }[];
  releaseDefinitions?: ReleaseDefinitionDef[];
  /** Project views of pools: {id, name, pool: pool id}. */
  agentQueues?: { id: number; name: string; pool: number }[];
  environments?: { id: number; name: string; description?: string; createdBy: string; lastModifiedOn: string }[];
  checks?: CheckDef[];
  /** GHAzDO enablement by repository name, in the current answer shape; unlisted repositories answer every flag false (an unlicensed organization). */
  advancedSecurity?: Record<string, Json>;
  policyConfigurations?: PolicyConfigDef[];
  buildDefinitions?: BuildDefinitionDef[];
  generalSettings?: Record<string, boolean>;
  secureFiles?: SecureFileDef[];
  pipelinePermissions?: PipelinePermissionDef[];
  pullRequests?: PullRequestDef[];
}

/** Organization-wide objects shared into projects (same id in each). */
export interface SharedDef extends Json {
  id: string | number;
  name: string;
  createdBy: string;
  /** Project names. */
  projects: string[];
}

export interface OrgAreasDef {
  /** Organization policies by page section, as the portal lists them: {section, name, value, effectiveValue}. */
  orgPolicies?: { section: string; name: string; value: boolean; effectiveValue: boolean; description?: string }[];
  /** The organization pipeline settings data provider's booleans. */
  orgPipelineSettings?: Record<string, boolean>;
  /** Audit streams in ADO's shape (status as a word or number). */
  auditStreams?: Json[];
  /** Installed extensions in ADO's shape. */
  extensions?: Json[];
  /** Agent pools in ADO's shape (owner: an identity key). */
  agentPools?: Json[];
  /**
   * Groups besides the built-in ones. Project Collection Administrators, unless listed here under
   * that displayName, holds every isAdmin identity; a project's Project Administrators, unless
   * listed (with `project`), holds the isAdmin identities too.
   */
  groups?: GroupDef[];
  serviceEndpoints: SharedDef[];
  variableGroups: SharedDef[];
  /** By project name. */
  projects: Record<string, ProjectAreasDef>;
}

export function loadAreas(fixturesDir: string = DEFAULT_FIXTURES_DIR): Record<string, OrgAreasDef> {
  return (JSON.parse(readFileSync(path.join(fixturesDir, 'areas.json'), 'utf8')) as { orgs: Record<string, OrgAreasDef> }).orgs;
}

export function loadOrgs(fixturesDir: string = DEFAULT_FIXTURES_DIR): OrgDef[] {
  const raw = JSON.parse(readFileSync(path.join(fixturesDir, 'orgs.json'), 'utf8')) as { orgs: OrgDef[] };
  return raw.orgs;
}

export function repoFolder(fixturesDir: string, org: OrgDef, repo: RepoDef): string | null {
  return repo.folder ? path.join(fixturesDir, 'repos', org.name, repo.folder) : null;
}

/** Regular files under `root`, sorted by path; links and special files are ignored. */
export function listRepoFiles(root: string): RepoFile[] {
  const out: RepoFile[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs, relPath);
      else if (st.isFile()) out.push({ path: relPath, absPath: abs, size: st.size, executable: (st.mode & 0o111) !== 0, mtimeMs: st.mtimeMs });
    }
  };
  walk(root, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A stable stand-in for the head commit: sha1 over every path and content hash (plus the hostile
 * extra entries), so any content change moves the head.
 */
export function contentSha(files: RepoFile[], extras: ExtraZipEntry[] = []): string {
  const h = createHash('sha1');
  for (const f of files) {
    h.update(`${f.path}\0${createHash('sha1').update(readFileSync(f.absPath)).digest('hex')}\n`);
  }
  for (const e of extras) h.update(`extra\0${e.name}\0${e.content ?? ''}\0${e.symlinkTarget ?? ''}\n`);
  return h.digest('hex');
}

/** Synthetic commit for a ref other than the default branch. */
export function derivedSha(refName: string, headSha: string): string {
  return createHash('sha1').update(`${refName}\n${headSha}`).digest('hex');
}
