// Posture controls: projects (ADO-PRJ-). Visibility, the project pipeline general settings (Project
// settings > Pipelines > Settings; a switch the organization enforces counts as on), and the
// Project Administrators group of each project with AzSK's thresholds.
import type { AdminGroupSnap, AdminMemberSnap, OrgSnapshot, PipelineSettings, ProjectSnap } from '../snapshot';
import { adminGroupOf, forbidden, projectOf, snapshotOf, TEST_PROJECT, unavailableFacet, withAreaUnavailable } from '../testing';
import { guestAdmins, groupLabel, inactiveAdmins, tooFewAdmins, tooManyAdmins, type AdminVerdict } from './admins';
import type { Control, ControlResult } from './control';
import { azsk, daysEarlier, ev, fail, legitify, listValue, MAX_ADMINS, MIN_ADMINS, notAvailableResult, owaspCicd, pass, postureMeta, projectObject, unwrap } from './helpers';
import { PIPELINE_SETTING_SPECS, type PipelineSettingSpec } from './pipeline-settings';

// ---- visibility ---------------------------------------------------------------------------------

const publicProject: Control = {
  meta: postureMeta({
    id: 'ADO-PRJ-PUBLIC',
    title: 'Projects should be private or enterprise-visible, not public',
    severity: 'high',
    description:
      'A public project is readable by anyone on the internet without signing in: repositories, pipeline definitions and logs, artifacts and work items. Secrets echoed in a log or committed by mistake are then public too.',
    remediation: 'Project settings > General > Overview > Visibility (https://dev.azure.com/{organization}/{project}/_settings/): set Private (or Enterprise).',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/projects/make-project-public',
    references: [azsk('ADO_Project_AuthZ_Set_Visibility_Private_Or_Enterprise'), legitify('Only admins create public repos / default visibility not public')],
  }),
  areas: ['projects'],
  evaluate(s) {
    return s.projects.map((p) => {
      const object = projectObject(p, `${p.webUrl}/_settings/`);
      const evidence = [ev('Visibility', p.visibility)];
      if (p.visibility === undefined) return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not return the visibility of project ${p.name}.` }, evidence);
      return p.visibility.toLowerCase() === 'public' ? fail(object, evidence, `Project ${p.name} is public.`) : pass(object, evidence);
    });
  },
  examples: {
    mustFlag: [snapshotOf({ projects: [projectOf({ visibility: 'public' })] })],
    mustNotFlag: [snapshotOf({ projects: [projectOf({ visibility: 'private' })] }), snapshotOf({ projects: [projectOf({ visibility: 'organization' })] })],
    notApplicable: [snapshotOf({ projects: [] })],
    notAvailable: [snapshotOf({ projects: [projectOf({ visibility: undefined })] }), withAreaUnavailable(snapshotOf(), 'projects')],
  },
};

// ---- project pipeline settings ---------------------------------------------------------------------

/**
 * One project's verdict on a pipeline setting. The organization's switch applies to every project,
 * so a project that is off (or silent) passes when the organization's judge passes.
 */
export function projectSettingResult(spec: PipelineSettingSpec, s: OrgSnapshot, p: ProjectSnap): ControlResult {
  const object = projectObject(p, p.pipelineSettingsUrl);
  const got = unwrap(p.pipelineSettings, object, 'Project pipeline settings');
  if ('result' in got) return got.result;
  const mine = spec.judge(got.value);
  const org = s.orgPipelineSettings && s.areas.orgPipelineSettings.state === 'available' ? spec.judge(s.orgPipelineSettings) : undefined;
  const evidence = [...mine.evidence, ...(org ? org.evidence.map((e) => ({ ...e, label: `Organization: ${e.label}` })) : [])];
  if (mine.verdict === 'pass' || org?.verdict === 'pass') return pass(object, evidence);
  if (mine.verdict === 'unknown') return notAvailableResult(object, { code: 'unsupported', text: `The pipeline settings of project ${p.name} did not include this setting.` }, evidence);
  return fail(object, evidence, `Project ${p.name}: ${mine.evidence.map((e) => `${e.label}: ${e.value}`).join('; ')}.`);
}

function projectSettingsControl(spec: PipelineSettingSpec): Control {
  const withSettings = (settings: PipelineSettings, org: PipelineSettings = {}) => snapshotOf({ projects: [projectOf({ pipelineSettings: { state: 'available', value: settings } })], orgPipelineSettings: org });
  return {
    meta: postureMeta({
      id: `ADO-PRJ-${spec.suffix}`,
      title: `${spec.title} (project)`,
      severity: spec.severity,
      description: `${spec.description} A project passes when the organization enforces the setting for every project.`,
      remediation: `Project settings > Pipelines > Settings (https://dev.azure.com/{organization}/{project}/_settings/settings): ${spec.fix}; or enforce it for every project in Organization settings > Pipelines > Settings.`,
      helpUri: spec.helpUri,
      references: [...(spec.references.project ?? []), ...spec.references.both],
    }),
    areas: ['projects', 'projectPipelineSettings'],
    evaluate: (s) => s.projects.map((p) => projectSettingResult(spec, s, p)),
    examples: {
      mustFlag: spec.failing.map((settings) => withSettings(settings)),
      mustNotFlag: [...spec.passing.map((settings) => withSettings(settings)), ...spec.passing.map((org) => withSettings(spec.failing[0], org))],
      notApplicable: [snapshotOf({ projects: [] })],
      notAvailable: [
        withSettings({}),
        snapshotOf({ projects: [projectOf({ pipelineSettings: unavailableFacet(forbidden('Reading the pipeline settings of Storefront needs Project Collection Administrators or Project Administrators (HTTP 403)')) })] }),
        withAreaUnavailable(snapshotOf({ projects: [projectOf()] }), 'projectPipelineSettings'),
      ],
    },
  };
}

// ---- project administrators ------------------------------------------------------------------------

/** Project Administrators groups by project id (one map per evaluation: 1,000 projects, as many groups). */
const projectAdminGroups = (s: OrgSnapshot): Map<string, AdminGroupSnap> =>
  new Map(s.adminGroups.filter((g) => g.kind === 'projectAdministrators' && g.projectId).map((g) => [g.projectId as string, g]));

/** One result per project on its Project Administrators group. */
function perProjectAdmins(s: OrgSnapshot, judge: (ms: AdminMemberSnap[]) => AdminVerdict, failText: (p: ProjectSnap, offenders: string[]) => string): ControlResult[] {
  const groups = projectAdminGroups(s);
  return s.projects.map((p) => projectAdminResult(p, groups.get(p.id), judge, (o) => failText(p, o)));
}

function projectAdminResult(p: ProjectSnap, g: AdminGroupSnap | undefined, judge: (ms: AdminMemberSnap[]) => AdminVerdict, failText: (offenders: string[]) => string): ControlResult {
  const object = projectObject(p, g?.webUrl ?? `${p.webUrl}/_settings/permissions`);
  if (!g) return notAvailableResult(object, { code: 'not-found', text: `The Project Administrators group of project ${p.name} was not found.` });
  const got = unwrap(g.members, object, 'Members of Project Administrators');
  if ('result' in got) return got.result;
  const v = judge(got.value);
  const evidence = [ev('Group', groupLabel(g)), ...v.evidence];
  if (v.verdict === 'unknown') return notAvailableResult(object, { code: 'unsupported', text: v.why }, evidence);
  return v.verdict === 'pass' ? pass(object, evidence) : fail(object, evidence, failText(v.offenders));
}

const member = (name: string, p: Partial<AdminMemberSnap> = {}): AdminMemberSnap => ({
  descriptor: `aad.${name}`,
  kind: 'user',
  principalName: `${name}@contoso.com`,
  origin: 'aad',
  userType: 'member',
  isDirect: true,
  via: [],
  lastAccessedDate: '2025-12-20T09:00:00Z',
  ...p,
});
const projectAdminsWith = (...members: AdminMemberSnap[]) =>
  snapshotOf({
    projects: [projectOf()],
    adminGroups: [
      adminGroupOf({
        kind: 'projectAdministrators',
        descriptor: 'vssgp.storefront-admins',
        displayName: 'Project Administrators',
        principalName: `[${TEST_PROJECT.name}]\\Project Administrators`,
        projectId: TEST_PROJECT.id,
        projectName: TEST_PROJECT.name,
        webUrl: `https://dev.azure.com/contoso/${TEST_PROJECT.name}/_settings/permissions`,
        members: { state: 'available', value: members },
      }),
    ],
  });
const entraGroup: AdminMemberSnap = { descriptor: 'aadgp.storefront-leads', kind: 'aadGroup', displayName: 'Storefront leads', isDirect: true, via: [] };
const COLLECTED_AT = snapshotOf().collectedAt;
const PA_REMEDIATION = 'Project settings > General > Permissions > Project Administrators > Members (https://dev.azure.com/{organization}/{project}/_settings/permissions)';
const PA_HELP = 'https://learn.microsoft.com/azure/devops/organizations/security/change-project-level-permissions';

const adminMax: Control = {
  meta: postureMeta({
    id: 'ADO-PRJ-ADMIN-MAX',
    title: `Each project should have at most ${MAX_ADMINS} Project Administrators`,
    severity: 'medium',
    description:
      'Project Administrators control the project\'s permissions, policies, pipelines, service connections and repositories. Every extra member is one more account whose compromise hands over the project. Nested ADO groups count; Entra ID groups cannot be expanded and make the count unknown.',
    remediation: `${PA_REMEDIATION}: remove members until at most ${MAX_ADMINS} people remain.`,
    helpUri: PA_HELP,
    references: [azsk('ADO_Project_AuthZ_Limit_Admin_Count'), owaspCicd(2)],
  }),
  areas: ['projects', 'adminGroups'],
  evaluate: (s) => perProjectAdmins(s, tooManyAdmins, (p, o) => `Project ${p.name} has ${o.length} Project Administrators (at most ${MAX_ADMINS}).`),
  examples: {
    mustFlag: [projectAdminsWith(...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => member(n)))],
    mustNotFlag: [projectAdminsWith(member('a'), member('b'))],
    notApplicable: [snapshotOf()],
    notAvailable: [projectAdminsWith(member('a'), entraGroup), snapshotOf({ projects: [projectOf()] }), withAreaUnavailable(projectAdminsWith(), 'adminGroups')],
  },
};

const adminMin: Control = {
  meta: postureMeta({
    id: 'ADO-PRJ-ADMIN-MIN',
    title: `Each project should have at least ${MIN_ADMINS} Project Administrators`,
    severity: 'medium',
    description: 'With one Project Administrator (or none) nobody in the project can manage it when that person is away or leaves; the work falls to organization administrators.',
    remediation: `${PA_REMEDIATION}: add a second trusted administrator.`,
    helpUri: PA_HELP,
    references: [azsk('ADO_Project_BCDR_Min_Admin_Count')],
  }),
  areas: ['projects', 'adminGroups'],
  evaluate: (s) => perProjectAdmins(s, tooFewAdmins, (p, o) => `Project ${p.name} has ${o.length} Project Administrator(s) (at least ${MIN_ADMINS}).`),
  examples: {
    mustFlag: [projectAdminsWith(member('a')), projectAdminsWith()],
    mustNotFlag: [projectAdminsWith(member('a'), member('b'), { descriptor: 'vssgp.nested', kind: 'group', isDirect: true, via: [] })],
    notApplicable: [snapshotOf()],
    notAvailable: [projectAdminsWith(entraGroup), withAreaUnavailable(projectAdminsWith(), 'adminGroups')],
  },
};

const adminGuests: Control = {
  meta: postureMeta({
    id: 'ADO-PRJ-ADMIN-GUESTS',
    title: 'Guest users should not be Project Administrators',
    severity: 'high',
    description: 'Guests (Entra B2B users of another tenant) are governed by their home tenant; they must not administer a project, directly or through a nested group.',
    remediation: `${PA_REMEDIATION}: remove the guests named in the evidence (or the nested group they come through).`,
    helpUri: PA_HELP,
    references: [azsk('ADO_Project_AuthZ_Revoke_Admin_Access_for_Guest_Users'), owaspCicd(2)],
  }),
  areas: ['projects', 'adminGroups'],
  evaluate: (s) => perProjectAdmins(s, guestAdmins, (p, o) => `Project ${p.name} has guest administrators: ${listValue(o, 5)}.`),
  examples: {
    mustFlag: [projectAdminsWith(member('a'), member('vendor', { userType: 'guest', isDirect: false, via: ['Release managers'] }))],
    mustNotFlag: [projectAdminsWith(member('a'), member('b'))],
    notApplicable: [snapshotOf()],
    notAvailable: [projectAdminsWith(member('a', { userType: undefined })), withAreaUnavailable(projectAdminsWith(), 'adminGroups')],
  },
};

const adminInactive: Control = {
  meta: postureMeta({
    id: 'ADO-PRJ-ADMIN-INACTIVE',
    title: 'Users inactive for 90 days should not be Project Administrators',
    severity: 'high',
    description: 'A Project Administrator who has not signed in for 90 days (or never) does not need the role; a dormant privileged account is a favoured target because nobody notices its use.',
    remediation: `${PA_REMEDIATION}: remove the inactive users named in the evidence.`,
    helpUri: PA_HELP,
    references: [azsk('ADO_Project_AuthZ_Revoke_Admin_Access_for_Inactive_Users'), owaspCicd(2)],
  }),
  areas: ['projects', 'adminGroups'],
  evaluate: (s) => perProjectAdmins(s, (ms) => inactiveAdmins(s, ms), (p, o) => `Project ${p.name} has inactive administrators: ${listValue(o, 5)}.`),
  examples: {
    mustFlag: [projectAdminsWith(member('a'), member('b', { lastAccessedDate: daysEarlier(COLLECTED_AT, 200) })), projectAdminsWith(member('c', { lastAccessedDate: null }))],
    mustNotFlag: [projectAdminsWith(member('a'), member('b', { lastAccessedDate: daysEarlier(COLLECTED_AT, 30) }))],
    notApplicable: [snapshotOf()],
    notAvailable: [projectAdminsWith(member('a', { lastAccessedDate: undefined })), withAreaUnavailable(projectAdminsWith(), 'adminGroups')],
  },
};

export const projectsControls: readonly Control[] = [
  publicProject,
  ...PIPELINE_SETTING_SPECS.filter((spec) => spec.levels.includes('project')).map(projectSettingsControl),
  adminMax,
  adminMin,
  adminGuests,
  adminInactive,
];
