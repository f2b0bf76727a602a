// At connect: which PAT scopes a full posture assessment needs that this PAT lacks, and which posture
// areas each leaves not available. One cheap read per scope (the first project's lists for the
// per-project ones), through the connect-time client (short timeout, no retries). A read refused for
// its scope (a 401, or a 403 worded about the token: posture/collect/reasons.ts) names the scope; any
// other failure (a feature turned off, an admin-only list) says nothing about scopes and is left to the
// assessment, which reports every area it could not read with its reason.
import type { AdoClient } from '../ado/client';
import { POSTURE_SCOPE_AREAS } from '../ado/scopes';
import type { PostureScopeGap } from '../contract/api';
import type { PostureArea } from '../contract/vocabulary';
import { unavailableFrom } from '../posture/collect/reasons';

type Probe = (client: AdoClient, projectId: string | undefined) => Promise<unknown> | undefined;

/** One read per scope, by scope id; undefined when it needs a project and there is none. */
const PROBES: Record<string, Probe> = {
  'vso.project': (c) => c.core.listProjects(),
  'vso.build': (c, p) => p ? c.build.listDefinitions(p) : undefined,
  'vso.release': (c, p) => p ? c.release.listDefinitions(p) : undefined,
  'vso.serviceendpoint': (c, p) => p ? c.serviceEndpoints.list(p) : undefined,
  'vso.variablegroups_read': (c, p) => p ? c.distributedTask.listVariableGroups(p) : undefined,
  'vso.securefiles_read': (c, p) => p ? c.distributedTask.listSecureFiles(p) : undefined,
  'vso.agentpools': (c) => c.distributedTask.listAgentPools(),
  'vso.environment_manage': (c, p) => p ? c.distributedTask.listEnvironments(p) : undefined,
  'vso.code': (c) => c.git.listRepositories(),
  'vso.auditlog': (c) => c.audit.listStreams(),
  // Guests only: a page of every user of a large organization is not needed to learn about a scope.
  'vso.memberentitlementmanagement': (c) => c.memberEntitlements.searchUserEntitlements({ filter: "userType eq 'guest'" }),
  'vso.graph': (c) => c.graph.listGroups(),
  'vso.extension': (c) => c.extensions.listInstalledExtensions(),
  'all scopes': (c) => c.portal.getOrgPipelineSettings(),
};

export async function postureScopeGaps(client: AdoClient, projectId: string | undefined): Promise<PostureScopeGap[]> {
  const checks = await Promise.all(
    POSTURE_SCOPE_AREAS.map(async ({ hint, areas }) => {
      const read = PROBES[hint.scope]?.(client, projectId);
      if (!read) return null;
      try {
        await read;
        return null;
      } catch (err) {
        const u = unavailableFrom(err);
        if (u.code !== 'missing-scope') return null;
        return { scope: hint.scope, label: hint.label, areas: areas as PostureArea[] };
      }
    }),
  );
  return checks.filter((g): g is PostureScopeGap => g !== null);
}
