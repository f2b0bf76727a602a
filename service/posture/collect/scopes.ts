// The PAT scopes each posture area reads with (scopes.ts of the ADO client names them per path), so
// the connect check can say which areas a missing scope leaves not available, and the README can
// list what a full assessment needs.
import type { AreaName } from '../snapshot';

/** Every scope the area's reads need; the portal reads (org policies, org pipeline settings) need a full-scope PAT. */
export const POSTURE_AREA_SCOPES: Record<AreaName, readonly string[]> = {
  orgPolicies: ['all scopes'],
  orgPipelineSettings: ['all scopes'],
  projects: ['vso.project'],
  projectPipelineSettings: ['vso.project', 'vso.build'],
  buildDefinitions: ['vso.project', 'vso.build'],
  releaseDefinitions: ['vso.project', 'vso.release'],
  serviceConnections: ['vso.project', 'vso.serviceendpoint', 'vso.build'],
  variableGroups: ['vso.project', 'vso.variablegroups_read', 'vso.build'],
  secureFiles: ['vso.project', 'vso.securefiles_read', 'vso.build'],
  agentPools: ['vso.project', 'vso.agentpools', 'vso.build'],
  environments: ['vso.project', 'vso.environment_manage', 'vso.build'],
  repositories: ['vso.project', 'vso.code', 'vso.build'],
  advancedSecurity: ['vso.project', 'vso.code', 'vso.advsec'],
  audit: ['vso.auditlog'],
  users: ['vso.memberentitlementmanagement'],
  adminGroups: ['vso.project', 'vso.graph', 'vso.memberentitlementmanagement'],
  extensions: ['vso.extension'],
};

/** The areas a PAT holding `scopes` leaves (partly) not available, each with the scopes it lacks. 'all scopes' in `scopes` grants everything. */
export function areasMissing(scopes: readonly string[]): { area: AreaName; missing: string[] }[] {
  if (scopes.includes('all scopes')) return [];
  const held = new Set(scopes);
  return (Object.entries(POSTURE_AREA_SCOPES) as [AreaName, readonly string[]][]).flatMap(([area, needed]) => {
    const missing = needed.filter((s) => !held.has(s) && !held.has(s.replace(/_read$/, '_manage')) && !held.has(`${s}_write`) && !held.has(`${s}_manage`));
    return missing.length ? [{ area, missing }] : [];
  });
}
