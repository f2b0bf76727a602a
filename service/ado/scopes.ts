// Which PAT scope a REST path needs (ado-rest.md §0 "PAT scopes", ado-platform.md §7), so a 403 can
// name what is missing.

export interface ScopeHint {
  /** The scope id as listed in the extension manifest and the PAT docs, e.g. 'vso.code'. */
  scope: string;
  /** How the PAT creation page labels it. */
  label: string;
}

const hint = (scope: string, label: string): ScopeHint => ({ scope, label });

const CODE = hint('vso.code', 'Code (Read)');
const BUILD = hint('vso.build', 'Build (Read)');
const ADVSEC = hint('vso.advsec', 'Advanced Security (Read)');
// UNVERIFIED: the spec's security block for Permissions - Has Permissions lists vso.security_manage.
const SECURITY = hint('vso.security_manage', 'Security (Manage)');
// UNVERIFIED (ado-rest.md §0): portal data providers generally need a full-scope PAT or an Entra token.
const FULL = hint('all scopes', 'Full access');

const AREA_SCOPES: Record<string, ScopeHint> = {
  projects: hint('vso.project', 'Project and Team (Read)'),
  git: CODE,
  policy: CODE,
  build: BUILD,
  pipelines: BUILD,
  release: hint('vso.release', 'Release (Read)'),
  serviceendpoint: hint('vso.serviceendpoint', 'Service Connections (Read)'),
  hooks: hint('vso.hooks', 'Service Hooks (Read)'),
  audit: hint('vso.auditlog', 'Audit Log (Read)'),
  graph: hint('vso.graph', 'Graph (Read)'),
  userentitlements: hint('vso.memberentitlementmanagement', 'Member Entitlement Management (Read)'),
  alert: ADVSEC,
  management: ADVSEC,
  permissions: SECURITY,
  securitynamespaces: SECURITY,
  accesscontrollists: SECURITY,
  extensionmanagement: hint('vso.extension', 'Extensions (Read)'),
  contribution: FULL,
  organizationpolicy: FULL,
};

const DISTRIBUTED_TASK_SCOPES: Record<string, ScopeHint> = {
  variablegroups: hint('vso.variablegroups_read', 'Variable Groups (Read)'),
  securefiles: hint('vso.securefiles_read', 'Secure Files (Read)'),
  // UNVERIFIED (ado-platform.md §7): there seems to be no read-only scope for environments.
  environments: hint('vso.environment_manage', 'Environment (Read & manage)'),
};
const AGENT_POOLS = hint('vso.agentpools', 'Agent Pools (Read)');

/** Writes that need their own scope; everything else a scanner writes is covered by its area's scope. */
const WRITE_SCOPES: { test: (segments: string[]) => boolean; hint: ScopeHint }[] = [
  { test: (s) => s[0] === 'git' && s.includes('pullrequests') && s.at(-1) === 'statuses', hint: hint('vso.code_status', 'Code (Status)') },
  {
    test: (s) => s[0] === 'git' && s.includes('pullrequests') && (s.includes('threads') || s.at(-1) === 'comments'),
    hint: hint('vso.threads_full', 'Pull Request Threads (Read & write)'),
  },
  { test: (s) => s[0] === 'hooks', hint: hint('vso.hooks_write', 'Service Hooks (Read & write)') },
  // UNVERIFIED against a live 403: the REST reference lists vso.code_manage for Configurations - Create.
  { test: (s) => s[0] === 'policy' && s[1] === 'configurations', hint: hint('vso.code_manage', 'Code (Read, write, & manage)') },
];

/**
 * The scope a path relative to the organization (on its host) needs, e.g. 'MyProject/_apis/git/repositories'
 * -> vso.code; `method` tells writes apart where they need more. Null for paths any valid credential
 * may read (connectionData) or that are not mapped.
 */
export function scopeForPath(path: string, method = 'GET'): ScopeHint | null {
  const segments = path.split('?')[0].split('/').filter(Boolean);
  if (segments[0]?.toLowerCase() === '_settings') return FULL;
  const apis = segments.findIndex((s) => s.toLowerCase() === '_apis');
  if (apis < 0) return null;
  const rest = segments.slice(apis + 1).map((s) => s.toLowerCase());
  if (method.toUpperCase() !== 'GET') {
    const write = WRITE_SCOPES.find((w) => w.test(rest));
    if (write) return write.hint;
  }
  if (rest[0] === 'distributedtask') return DISTRIBUTED_TASK_SCOPES[rest[1] ?? ''] ?? AGENT_POOLS;
  return AREA_SCOPES[rest[0] ?? ''] ?? null;
}

/**
 * The posture areas (contract POSTURE_AREAS) each PAT scope is read with: what a missing scope leaves
 * not available. 'all scopes': the portal data providers (organization policies and pipeline settings)
 * answer a full-scope PAT or an Entra token only. Projects are read with vso.project, which every
 * per-project area needs too.
 */
export const POSTURE_SCOPE_AREAS: readonly { hint: ScopeHint; areas: readonly string[] }[] = [
  { hint: AREA_SCOPES.projects, areas: ['projects'] },
  { hint: BUILD, areas: ['buildDefinitions', 'projectPipelineSettings'] },
  { hint: AREA_SCOPES.release, areas: ['releaseDefinitions'] },
  { hint: AREA_SCOPES.serviceendpoint, areas: ['serviceConnections'] },
  { hint: DISTRIBUTED_TASK_SCOPES.variablegroups, areas: ['variableGroups'] },
  { hint: DISTRIBUTED_TASK_SCOPES.securefiles, areas: ['secureFiles'] },
  { hint: AGENT_POOLS, areas: ['agentPools'] },
  { hint: DISTRIBUTED_TASK_SCOPES.environments, areas: ['environments'] },
  { hint: CODE, areas: ['repositories'] },
  { hint: ADVSEC, areas: ['advancedSecurity'] },
  { hint: AREA_SCOPES.audit, areas: ['audit'] },
  { hint: AREA_SCOPES.userentitlements, areas: ['users'] },
  { hint: AREA_SCOPES.graph, areas: ['adminGroups'] },
  { hint: AREA_SCOPES.extensionmanagement, areas: ['extensions'] },
  { hint: FULL, areas: ['orgPolicies', 'orgPipelineSettings'] },
];

/** The posture areas a missing scope leaves not available (none for a scope posture does not read). */
export const postureAreasOfScope = (scope: string): readonly string[] => POSTURE_SCOPE_AREAS.find((s) => s.hint.scope === scope)?.areas ?? [];
