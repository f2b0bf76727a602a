// Which PAT scope a REST path needs (ado-rest.md §0 "PAT scopes"), so a 403 can name what is missing.

export interface ScopeHint {
  /** The scope id as listed in the extension manifest and the PAT docs, e.g. 'vso.code'. */
  scope: string;
  /** How the PAT creation page labels it. */
  label: string;
}

const AREA_SCOPES: Record<string, ScopeHint> = {
  projects: { scope: 'vso.project', label: 'Project and Team (Read)' },
  git: { scope: 'vso.code', label: 'Code (Read)' },
  policy: { scope: 'vso.code', label: 'Code (Read)' },
  build: { scope: 'vso.build', label: 'Build (Read)' },
  pipelines: { scope: 'vso.build', label: 'Build (Read)' },
  serviceendpoint: { scope: 'vso.serviceendpoint', label: 'Service Connections (Read)' },
  hooks: { scope: 'vso.hooks', label: 'Service Hooks (Read)' },
  audit: { scope: 'vso.auditlog', label: 'Audit Log (Read)' },
  graph: { scope: 'vso.graph', label: 'Graph (Read)' },
  userentitlements: { scope: 'vso.memberentitlementmanagement', label: 'Member Entitlement Management (Read)' },
  alert: { scope: 'vso.advsec', label: 'Advanced Security (Read)' },
  management: { scope: 'vso.advsec', label: 'Advanced Security (Read)' },
  // UNVERIFIED: the spec's security block for Permissions - Has Permissions lists vso.security_manage.
  permissions: { scope: 'vso.security_manage', label: 'Security (Manage)' },
  securitynamespaces: { scope: 'vso.security_manage', label: 'Security (Manage)' },
  accesscontrollists: { scope: 'vso.security_manage', label: 'Security (Manage)' },
};

const DISTRIBUTED_TASK_SCOPES: Record<string, ScopeHint> = {
  variablegroups: { scope: 'vso.variablegroups_read', label: 'Variable Groups (Read)' },
  securefiles: { scope: 'vso.securefiles_read', label: 'Secure Files (Read)' },
};
const AGENT_POOLS: ScopeHint = { scope: 'vso.agentpools', label: 'Agent Pools (Read)' };

/**
 * The scope a path relative to the organization needs, e.g. 'MyProject/_apis/git/repositories' ->
 * vso.code. Null for paths any valid credential may read (connectionData) or that are not mapped.
 */
export function scopeForPath(path: string): ScopeHint | null {
  const segments = path.split('?')[0].split('/').filter(Boolean);
  const apis = segments.findIndex((s) => s.toLowerCase() === '_apis');
  if (apis < 0) return null;
  const area = (segments[apis + 1] ?? '').toLowerCase();
  if (area === 'distributedtask') {
    return DISTRIBUTED_TASK_SCOPES[(segments[apis + 2] ?? '').toLowerCase()] ?? AGENT_POOLS;
  }
  return AREA_SCOPES[area] ?? null;
}
