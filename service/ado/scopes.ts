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
