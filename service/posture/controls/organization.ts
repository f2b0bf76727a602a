// Posture controls: organization (ADO-ORG-). Every organization policy of ado-rest.md §8 (Organization
// settings > Policies), the organization pipeline settings (Organization settings > Pipelines >
// Settings), audit streaming, and the collection-level admin groups with AzSK's thresholds.
import type { Reference } from '../../contract/model';
import type { Severity } from '../../contract/vocabulary';
import { notAvailable as notAvailableFacet, orgPolicy, type AdminGroupSnap, type AdminMemberSnap, type OrgPolicy, type OrgSnapshot } from '../snapshot';
import { adminGroupOf, snapshotOf, withAreaUnavailable, forbidden, missingScope } from '../testing';
import { guestAdmins, groupLabel, inactiveAdmins, tooFewAdmins, tooManyAdmins, type AdminVerdict } from './admins';
import type { Control, ControlResult } from './control';
import {
  azsk,
  daysEarlier,
  ev,
  fail,
  legitify,
  listValue,
  MAX_ADMINS,
  MIN_ADMINS,
  notAvailableResult,
  onOff,
  orgObject,
  owaspCicd,
  pass,
  postureMeta,
  reasonOf,
} from './helpers';
import { PIPELINE_SETTING_SPECS, type PipelineSettingSpec } from './pipeline-settings';

// ---- organization policies ------------------------------------------------------------------------

interface OrgPolicySpec {
  suffix: string;
  /** Policy.* name (ado-rest.md §8). */
  policy: string;
  section: string;
  /** The toggle as Organization settings > Policies labels it. */
  label: string;
  /** The toggle position that is secure. */
  secureOn: boolean;
  title: string;
  severity: Severity;
  description: string;
  helpUri: string;
  references: Reference[];
}

const POLICIES_HELP = 'https://learn.microsoft.com/azure/devops/organizations/accounts/change-application-access-policies';

const POLICY_SPECS: readonly OrgPolicySpec[] = [
  {
    suffix: 'PUBLIC-PROJECTS',
    policy: 'Policy.AllowAnonymousAccess',
    section: 'security',
    label: 'Allow public projects',
    secureOn: false,
    title: 'Public projects should not be allowed in the organization',
    severity: 'high',
    description:
      'With "Allow public projects" on, any project administrator can make a project public: its code, pipelines, logs and work items become readable by anyone on the internet without signing in.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/projects/make-project-public',
    references: [azsk('ADO_Organization_DP_Dont_Allow_Public_Projects'), legitify('Only admins create public repos / default visibility not public')],
  },
  {
    suffix: 'OAUTH',
    policy: 'Policy.DisallowOAuthAuthentication',
    section: 'applicationConnection',
    label: 'Third-party application access via OAuth',
    secureOn: false,
    title: 'Third-party application access via OAuth should be disabled',
    severity: 'medium',
    description:
      'When on, any user can authorize a third-party application to act on their behalf across the organization; a malicious or compromised application then reads code and changes pipelines with that user\'s rights.',
    helpUri: POLICIES_HELP,
    references: [azsk('ADO_Organization_AuthZ_Disable_OAuth_App_Access'), owaspCicd(8)],
  },
  {
    suffix: 'SSH',
    policy: 'Policy.DisallowSecureShell',
    section: 'applicationConnection',
    label: 'SSH authentication',
    secureOn: false,
    title: 'SSH authentication to Git repositories should be disabled',
    severity: 'medium',
    description:
      'SSH keys are long-lived credentials outside Entra ID conditional access; disabling SSH authentication leaves Git access to tokens and interactive sign-in, which the organization can govern and revoke centrally.',
    helpUri: POLICIES_HELP,
    references: [azsk('ADO_Organization_AuthN_Disable_SSH_Access'), owaspCicd(2)],
  },
  {
    suffix: 'BASIC-AUTH',
    policy: 'Policy.DisallowBasicAuthentication',
    section: 'applicationConnection',
    label: 'Alternate authentication credentials',
    secureOn: false,
    title: 'Alternate authentication credentials (basic authentication) should be disabled',
    severity: 'medium',
    description: 'Alternate credentials are a user name and password sent with every request, outside multi-factor authentication; Microsoft retired them and the policy must stay off.',
    helpUri: POLICIES_HELP,
    references: [azsk('ADO_User_AuthN_Disable_Alternate_Credentials'), owaspCicd(2)],
  },
  {
    suffix: 'GUEST-ACCESS',
    policy: 'Policy.DisallowAadGuestUserAccess',
    section: 'user',
    label: 'External guest access',
    secureOn: false,
    title: 'External guest access should be disabled',
    severity: 'high',
    description: 'With external guest access on, users from outside your Entra ID tenant can be added to the organization and reach its code and pipelines.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/add-external-user',
    references: [azsk('ADO_Organization_AuthN_Disable_Guest_Users'), owaspCicd(2)],
  },
  {
    suffix: 'ADMIN-INVITE',
    policy: 'Policy.AllowTeamAdminsInvitationsAccessToken',
    section: 'user',
    label: 'Allow team and project administrators to invite new users',
    secureOn: false,
    title: 'Only organization administrators should be able to add new users',
    severity: 'medium',
    description: 'When team and project administrators can invite new users, people join the organization (and take a license) without the organization owners deciding it.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/restrict-invitations',
    references: [azsk('ADO_Organization_AuthZ_Review_Invite_Users_Setting'), owaspCicd(2)],
  },
  {
    suffix: 'REQUEST-ACCESS',
    policy: 'Policy.AllowRequestAccessToken',
    section: 'user',
    label: 'Request access',
    secureOn: false,
    title: 'Users should not be able to request access to the organization or its projects',
    severity: 'medium',
    description: 'The request-access flow lets anyone in the tenant ask for access and sends the request to administrators; turning it off keeps onboarding on the organization\'s own process.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/accounts/disable-request-access-policy',
    references: [azsk('ADO_Organization_AuthZ_Disable_Request_Access'), owaspCicd(2)],
  },
  {
    suffix: 'AUDIT-LOG',
    policy: 'Policy.LogAuditEvents',
    section: 'security',
    label: 'Log audit events',
    secureOn: true,
    title: 'Audit events should be logged',
    severity: 'high',
    description: 'Without audit logging nothing records who changed permissions, policies, pipelines or service connections, so an intrusion or a misuse cannot be traced.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/audit/azure-devops-auditing',
    references: [owaspCicd(10)],
  },
  {
    suffix: 'CONDITIONAL-ACCESS',
    policy: 'Policy.EnforceAADConditionalAccess',
    section: 'security',
    label: 'Enable IP Conditional Access policy validation',
    secureOn: true,
    title: 'Entra ID Conditional Access policy validation should be enabled',
    severity: 'medium',
    description: 'With validation on, Azure DevOps also applies the tenant\'s IP-based Conditional Access policies to web flows and to personal access tokens and other non-interactive sign-ins.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/accounts/change-application-access-policies#cap-support-on-azure-devops',
    references: [azsk('ADO_Organization_AuthZ_Enable_AAD_Conditional_Access_Policy'), legitify('Two-Factor / SSO enforced'), owaspCicd(2)],
  },
  {
    suffix: 'PUBLIC-REGISTRY',
    policy: 'Policy.ArtifactsExternalPackageProtectionToken',
    section: 'security',
    label: 'Additional protections when using public package registries',
    secureOn: true,
    title: 'Additional protections for public package registries should be enabled',
    severity: 'high',
    description:
      'Without the protection an Azure Artifacts feed with an upstream source can take a public package that has the same name as one of your private packages (dependency confusion), so a build installs an attacker\'s code.',
    helpUri: 'https://learn.microsoft.com/azure/devops/artifacts/concepts/upstream-behavior',
    references: [azsk('ADO_Organization_SI_Protect_Private_Feeds_Impersonation'), owaspCicd(3)],
  },
  {
    suffix: 'ENTERPRISE-ACCESS',
    policy: 'Policy.AllowOrgAccess',
    section: 'security',
    label: 'Enterprise access to projects',
    secureOn: false,
    title: 'Enterprise access to projects should be disabled',
    severity: 'medium',
    description: 'With enterprise access on, projects can be made visible to every user of the enterprise (every organization of the tenant), not only to the members of this organization.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/projects/make-project-public',
    references: [azsk('ADO_Organization_AuthZ_Verify_Enterprise_Access_To_Projects')],
  },
];

/**
 * The UI toggle of a policy: effectiveValue, or when ADO sent only the stored value, that value
 * (inverted for Policy.Disallow*, whose stored value is the opposite of the toggle, ado-rest.md §8).
 */
export function policyToggle(p: OrgPolicy): boolean | undefined {
  if (p.effectiveValue !== undefined) return p.effectiveValue;
  if (p.value === undefined) return undefined;
  return /^policy\.disallow/i.test(p.name) ? !p.value : p.value;
}

function policyControl(spec: OrgPolicySpec): Control {
  const id = `ADO-ORG-${spec.suffix}`;
  const secure = spec.secureOn ? 'On' : 'Off';
  const evaluate = (s: OrgSnapshot): ControlResult[] => {
    const object = orgObject(s, 'organizationPolicy');
    const p = orgPolicy(s, spec.policy);
    if (!p) {
      return [notAvailableResult(object, { code: 'not-found', text: `The organization's policy list has no ${spec.policy} ("${spec.label}").` }, [ev('Policy', spec.policy)])];
    }
    const toggle = policyToggle(p);
    const evidence = [ev(spec.label, onOff(toggle)), ev('Secure setting', secure), ev('Policy', spec.policy)];
    if (toggle === undefined) return [notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps returned ${spec.policy} without a value.` }, evidence)];
    if (p.isValueUndefined) evidence.push(ev('Set explicitly', false));
    return toggle === spec.secureOn ? [pass(object, evidence)] : [fail(object, evidence, `Organization ${s.organization.name}: "${spec.label}" is ${onOff(toggle)} (should be ${secure}).`)];
  };
  const withToggle = (effectiveValue: boolean) => snapshotOf({ orgPolicies: [{ section: spec.section, name: spec.policy, effectiveValue }] });
  return {
    meta: postureMeta({
      id,
      title: spec.title,
      severity: spec.severity,
      description: spec.description,
      remediation: `Organization settings > Security > Policies (https://dev.azure.com/{organization}/_settings/organizationPolicy): turn "${spec.label}" ${secure.toLowerCase()}.`,
      helpUri: spec.helpUri,
      references: spec.references,
    }),
    areas: ['orgPolicies'],
    evaluate,
    examples: {
      mustFlag: [withToggle(!spec.secureOn)],
      mustNotFlag: [withToggle(spec.secureOn)],
      notAvailable: [
        snapshotOf({ orgPolicies: [] }),
        snapshotOf({ orgPolicies: [{ section: spec.section, name: spec.policy, isValueUndefined: true }] }),
        withAreaUnavailable(snapshotOf(), 'orgPolicies', forbidden('Organization policies are readable by Project Collection Administrators only (HTTP 403)')),
      ],
    },
  };
}

// ---- organization pipeline settings ---------------------------------------------------------------

function orgSettingsControl(spec: PipelineSettingSpec): Control {
  const id = `ADO-ORG-${spec.suffix}`;
  return {
    meta: postureMeta({
      id,
      title: `${spec.title} (organization)`,
      severity: spec.severity,
      description: `${spec.description} Set at the organization, the switch applies to every project.`,
      remediation: `Organization settings > Pipelines > Settings (https://dev.azure.com/{organization}/_settings/pipelinessettings): ${spec.fix}.`,
      helpUri: spec.helpUri,
      references: [...(spec.references.org ?? []), ...spec.references.both],
    }),
    areas: ['orgPipelineSettings'],
    evaluate(s) {
      const object = orgObject(s, 'pipelinessettings');
      if (!s.orgPipelineSettings) return [notAvailableResult(object, { code: 'error', text: 'The organization pipeline settings were not collected.' })];
      const { verdict, evidence } = spec.judge(s.orgPipelineSettings);
      if (verdict === 'unknown') return [notAvailableResult(object, { code: 'unsupported', text: 'The organization pipeline settings did not include this setting.' }, evidence)];
      return verdict === 'pass' ? [pass(object, evidence)] : [fail(object, evidence, `Organization ${s.organization.name}: ${evidence.map((e) => `${e.label}: ${e.value}`).join('; ')}.`)];
    },
    examples: {
      mustFlag: spec.failing.map((settings) => snapshotOf({ orgPipelineSettings: settings })),
      mustNotFlag: spec.passing.map((settings) => snapshotOf({ orgPipelineSettings: settings })),
      notAvailable: [snapshotOf({ orgPipelineSettings: {} }), withAreaUnavailable(snapshotOf({ orgPipelineSettings: null }), 'orgPipelineSettings', { code: 'error', text: 'The settings page answered with a sign-in page' })],
    },
  };
}

// ---- audit streams ----------------------------------------------------------------------------------

const auditStream: Control = {
  meta: postureMeta({
    id: 'ADO-ORG-AUDIT-STREAM',
    title: 'Audit events should be streamed to a SIEM or log store (at least one enabled audit stream)',
    severity: 'medium',
    description:
      'Azure DevOps keeps audit events for 90 days and offers no alerting. An enabled audit stream (Azure Monitor Logs, Splunk or Event Grid) keeps them longer and lets security monitoring alert on permission, policy and pipeline changes. A stream the system disabled (expired credentials) sends nothing.',
    remediation: 'Organization settings > General > Auditing > Streams (https://dev.azure.com/{organization}/_settings/audit): create a stream, or re-enable a disabled one.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/audit/auditing-streaming',
    references: [azsk('ADO_Organization_Enable_Audit_Stream'), owaspCicd(10)],
  }),
  areas: ['audit'],
  evaluate(s) {
    const object = { ...orgObject(s), url: s.audit.webUrl };
    const streams = s.audit.streams;
    const enabled = streams.filter((st) => st.status.toLowerCase() === 'enabled');
    const evidence = [
      ev('Audit streams', streams.length),
      ev('Enabled', enabled.length),
      ev('Streams', listValue(streams.map((st) => `${st.displayName ?? st.consumerType ?? `stream ${st.id}`} (${st.status}${st.statusReason ? `: ${st.statusReason}` : ''})`))),
    ];
    if (s.audit.logAuditEvents !== undefined) evidence.push(ev('Log audit events', onOff(s.audit.logAuditEvents)));
    if (enabled.length > 0) return [pass(object, evidence)];
    const why = streams.length === 0 ? 'has no audit stream' : `has ${streams.length} audit stream(s), none enabled`;
    return [fail(object, evidence, `Organization ${s.organization.name} ${why}.`)];
  },
  examples: {
    mustFlag: [
      snapshotOf(),
      snapshotOf({ audit: { streams: [{ id: 1, consumerType: 'Splunk', status: 'disabledBySystem', statusReason: 'The token expired' }], webUrl: 'https://dev.azure.com/contoso/_settings/audit' } }),
    ],
    mustNotFlag: [snapshotOf({ audit: { streams: [{ id: 1, consumerType: 'AzureMonitorLogs', displayName: 'sentinel', status: 'enabled' }], webUrl: 'https://dev.azure.com/contoso/_settings/audit' } })],
    notAvailable: [withAreaUnavailable(snapshotOf(), 'audit', missingScope('vso.auditlog', 'The credential lacks the Auditing (Read Audit Log) scope'))],
  },
};

// ---- collection-level admin groups -------------------------------------------------------------------

const user = (name: string, p: Partial<AdminMemberSnap> = {}): AdminMemberSnap => ({
  descriptor: `aad.${name}`,
  kind: 'user',
  principalName: `${name}@contoso.com`,
  displayName: name,
  origin: 'aad',
  userType: 'member',
  isDirect: true,
  via: [],
  lastAccessedDate: '2025-12-20T09:00:00Z',
  ...p,
});
const pcaWith = (...members: AdminMemberSnap[]) => snapshotOf({ adminGroups: [adminGroupOf({ members: { state: 'available', value: members } })] });
const COLLECTED_AT = snapshotOf().collectedAt;

/** One verdict on one admin group, as the organization's result (the groups page is where it is fixed). */
function groupResult(s: OrgSnapshot, g: AdminGroupSnap | undefined, kindLabel: string, judge: (ms: AdminMemberSnap[]) => AdminVerdict, failText: (offenders: string[]) => string): ControlResult {
  const object = { ...orgObject(s, 'groups'), ...(g ? { url: g.webUrl } : {}) };
  if (!g) return notAvailableResult(object, { code: 'not-found', text: `The ${kindLabel} group was not found in the organization's groups.` });
  if (g.members.state !== 'available') return notAvailableResult(object, reasonOf(g.members.reason), [ev('Group', groupLabel(g))]);
  const v = judge(g.members.value);
  const evidence = [ev('Group', groupLabel(g)), ...v.evidence];
  if (v.verdict === 'unknown') return notAvailableResult(object, { code: 'unsupported', text: v.why }, evidence);
  return v.verdict === 'pass' ? pass(object, evidence) : fail(object, evidence, failText(v.offenders));
}

const pcaOf = (s: OrgSnapshot) => s.adminGroups.find((g) => g.kind === 'projectCollectionAdministrators');
const PCA = 'Project Collection Administrators';

const pcaMax: Control = {
  meta: postureMeta({
    id: 'ADO-ORG-PCA-MAX',
    title: `There should be at most ${MAX_ADMINS} Project Collection Administrators`,
    severity: 'medium',
    description:
      'Project Collection Administrators can do anything in every project: change policies, permissions, pipelines and service connections. Every extra member is one more account whose compromise hands over the organization. Members of nested ADO groups count; Entra ID groups cannot be expanded and make the count unknown.',
    remediation: `Organization settings > Security > Permissions > ${PCA} > Members (https://dev.azure.com/{organization}/_settings/groups): remove members until at most ${MAX_ADMINS} people remain; give narrower roles instead.`,
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/look-up-project-collection-administrators',
    references: [azsk('ADO_Organization_AuthZ_Limit_Admin_Count'), owaspCicd(2)],
  }),
  areas: ['adminGroups'],
  evaluate: (s) => [groupResult(s, pcaOf(s), PCA, tooManyAdmins, (o) => `${PCA} of ${s.organization.name} has ${o.length} users (at most ${MAX_ADMINS}).`)],
  examples: {
    mustFlag: [pcaWith(...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => user(n)))],
    mustNotFlag: [pcaWith(user('a'), user('b'), user('c')), pcaWith(...['a', 'b', 'c', 'd', 'e', 'f'].map((n) => user(n)), { descriptor: 'svc.build', kind: 'serviceIdentity', isDirect: true, via: [] })],
    notAvailable: [
      pcaWith(user('a'), { descriptor: 'aadgp.admins', kind: 'aadGroup', displayName: 'DevOps admins', isDirect: true, via: [] }),
      snapshotOf({ adminGroups: [adminGroupOf({ members: notAvailableFacet(forbidden()) })] }),
      snapshotOf({ adminGroups: [] }),
      withAreaUnavailable(snapshotOf(), 'adminGroups', missingScope('vso.graph', 'The credential lacks the Graph (Read) scope')),
    ],
  },
};

const pcaMin: Control = {
  meta: postureMeta({
    id: 'ADO-ORG-PCA-MIN',
    title: `There should be at least ${MIN_ADMINS} Project Collection Administrators`,
    severity: 'medium',
    description: 'With a single Project Collection Administrator the organization is locked out of its own administration when that person leaves or loses their account.',
    remediation: `Organization settings > Security > Permissions > ${PCA} > Members (https://dev.azure.com/{organization}/_settings/groups): add a second trusted administrator.`,
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/look-up-project-collection-administrators',
    references: [azsk('ADO_Organization_BCDR_Min_Admin_Count'), legitify('Fewer Than Three Owners / ≥2 admins')],
  }),
  areas: ['adminGroups'],
  evaluate: (s) => [groupResult(s, pcaOf(s), PCA, tooFewAdmins, (o) => `${PCA} of ${s.organization.name} has ${o.length} user(s) (at least ${MIN_ADMINS}).`)],
  examples: {
    mustFlag: [pcaWith(user('a')), pcaWith()],
    mustNotFlag: [pcaWith(user('a'), user('b'))],
    notAvailable: [pcaWith(user('a'), { descriptor: 'aadgp.admins', kind: 'aadGroup', isDirect: true, via: [] }), withAreaUnavailable(snapshotOf(), 'adminGroups')],
  },
};

const ORG_ADMIN_KINDS = new Set(['projectCollectionAdministrators', 'projectCollectionBuildAdministrators', 'projectCollectionServiceAccounts']);

/** One result for the organization over every collection-level admin group: fail names each offender and group. */
function acrossOrgAdminGroups(s: OrgSnapshot, judge: (ms: AdminMemberSnap[]) => AdminVerdict, what: string): ControlResult {
  const object = orgObject(s, 'groups');
  const groups = s.adminGroups.filter((g) => ORG_ADMIN_KINDS.has(g.kind));
  if (groups.length === 0) return notAvailableResult(object, { code: 'not-found', text: 'No collection-level admin group was found in the organization\'s groups.' });
  const evidence = [];
  const offenders: string[] = [];
  let unknown: ControlResult['reason'];
  for (const g of groups) {
    if (g.members.state !== 'available') {
      unknown ??= reasonOf(g.members.reason);
      evidence.push(ev(groupLabel(g), 'members not available'));
      continue;
    }
    const v = judge(g.members.value);
    if (v.verdict === 'fail') offenders.push(...v.offenders.map((o) => `${o} in ${groupLabel(g)}`));
    else if (v.verdict === 'unknown') unknown ??= { code: 'unsupported', text: v.why };
    evidence.push(ev(groupLabel(g), v.verdict === 'fail' ? listValue(v.offenders) : v.verdict === 'pass' ? 'none' : 'not known'));
  }
  if (offenders.length) return fail(object, evidence, `Organization ${s.organization.name} has ${what} in admin groups: ${listValue(offenders, 5)}.`);
  if (unknown) return notAvailableResult(object, unknown, evidence);
  return pass(object, evidence);
}

const groupsWith = (kind: AdminGroupSnap['kind'], ...members: AdminMemberSnap[]) =>
  snapshotOf({
    adminGroups: [
      adminGroupOf({ members: { state: 'available', value: [user('a'), user('b')] } }),
      adminGroupOf({ kind, descriptor: `vssgp.${kind}`, displayName: kind, members: { state: 'available', value: members } }),
    ],
  });

const adminGuests: Control = {
  meta: postureMeta({
    id: 'ADO-ORG-ADMIN-GUESTS',
    title: 'Guest users should not be members of collection-level admin groups',
    severity: 'high',
    description:
      'Guests (Entra B2B users from another tenant) are governed by their home tenant: their account hygiene, MFA and leaving the company are outside your control. They must not hold Project Collection Administrators, Project Collection Build Administrators or Project Collection Service Accounts membership, directly or through nested groups.',
    remediation: 'Organization settings > Security > Permissions (https://dev.azure.com/{organization}/_settings/groups): remove the guests named in the evidence from the group, or from the nested group they come through.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/security-best-practices#scope-permissions',
    references: [azsk('ADO_Organization_AuthZ_Revoke_Admin_Access_for_Guest_Users'), owaspCicd(2)],
  }),
  areas: ['adminGroups'],
  evaluate: (s) => [acrossOrgAdminGroups(s, guestAdmins, 'guest users')],
  examples: {
    mustFlag: [pcaWith(user('a'), user('vendor', { userType: 'guest', isDirect: false, via: ['Ops admins'] })), groupsWith('projectCollectionBuildAdministrators', user('vendor', { userType: 'guest' }))],
    mustNotFlag: [pcaWith(user('a'), user('b'))],
    notAvailable: [pcaWith(user('a', { userType: undefined })), snapshotOf({ adminGroups: [adminGroupOf({ members: notAvailableFacet(forbidden()) })] }), snapshotOf({ adminGroups: [] })],
  },
};

const adminInactive: Control = {
  meta: postureMeta({
    id: 'ADO-ORG-ADMIN-INACTIVE',
    title: 'Users inactive for 90 days should not be members of collection-level admin groups',
    severity: 'high',
    description:
      'An administrator who has not signed in for 90 days (or never) does not need the role, and a dormant privileged account is a favoured target because nobody notices its misuse. Members of Project Collection Administrators, Project Collection Build Administrators and Project Collection Service Accounts are checked, nested groups included.',
    remediation: 'Organization settings > Security > Permissions (https://dev.azure.com/{organization}/_settings/groups): remove the inactive users named in the evidence from the group (or their nested group).',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/accounts/manage-users-table-view',
    references: [azsk('ADO_Organization_AuthZ_Revoke_Admin_Access_for_Inactive_Users'), legitify('Members/Admins activity in 6 months'), owaspCicd(2)],
  }),
  areas: ['adminGroups'],
  evaluate: (s) => [acrossOrgAdminGroups(s, (ms) => inactiveAdmins(s, ms), 'inactive users')],
  examples: {
    mustFlag: [pcaWith(user('a'), user('b', { lastAccessedDate: daysEarlier(COLLECTED_AT, 120) })), pcaWith(user('a'), user('c', { lastAccessedDate: null }))],
    mustNotFlag: [pcaWith(user('a'), user('b', { lastAccessedDate: daysEarlier(COLLECTED_AT, 89) }))],
    notAvailable: [pcaWith(user('a', { lastAccessedDate: undefined })), withAreaUnavailable(snapshotOf(), 'adminGroups')],
  },
};

const pcsaUsers: Control = {
  meta: postureMeta({
    id: 'ADO-ORG-PCSA-USERS',
    title: 'Project Collection Service Accounts should hold service identities only, no people',
    severity: 'high',
    description:
      'Project Collection Service Accounts has collection-wide administrative rights and is meant for Azure DevOps service identities. A person in it is an administrator that the usual admin reviews (which look at Project Collection Administrators) miss.',
    remediation: 'Organization settings > Security > Permissions > Project Collection Service Accounts > Members (https://dev.azure.com/{organization}/_settings/groups): remove the users named in the evidence.',
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/permissions-access#collection-level-groups',
    references: [azsk('ADO_Organization_AuthZ_Review_Project_Collection_Service_Accounts'), owaspCicd(2)],
  }),
  areas: ['adminGroups'],
  evaluate(s) {
    const g = s.adminGroups.find((x) => x.kind === 'projectCollectionServiceAccounts');
    return [
      groupResult(
        s,
        g,
        'Project Collection Service Accounts',
        (ms) => {
          const people = ms.filter((m) => m.kind === 'user').map((m) => m.principalName ?? m.displayName ?? m.descriptor);
          const evidence = [ev('Members', ms.length), ev('Users (people)', listValue(people))];
          return people.length ? { verdict: 'fail', evidence, offenders: people } : { verdict: 'pass', evidence, offenders: [] };
        },
        (o) => `Project Collection Service Accounts of ${s.organization.name} has users: ${listValue(o, 5)}.`,
      ),
    ];
  },
  examples: {
    mustFlag: [groupsWith('projectCollectionServiceAccounts', { descriptor: 'svc.a', kind: 'serviceIdentity', isDirect: true, via: [] }, user('mallory'))],
    mustNotFlag: [groupsWith('projectCollectionServiceAccounts', { descriptor: 'svc.a', kind: 'serviceIdentity', displayName: 'Project Collection Build Service (contoso)', isDirect: true, via: [] })],
    notAvailable: [pcaWith(user('a'), user('b')), withAreaUnavailable(snapshotOf(), 'adminGroups')],
  },
};

export const organizationControls: readonly Control[] = [
  ...POLICY_SPECS.map(policyControl),
  ...PIPELINE_SETTING_SPECS.filter((spec) => spec.levels.includes('org')).map(orgSettingsControl),
  auditStream,
  pcaMax,
  pcaMin,
  adminGuests,
  adminInactive,
  pcsaUsers,
];
