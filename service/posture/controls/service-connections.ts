// Posture controls: service connections (ADO-SC-). One result per connection: classic Azure,
// credentials (secret instead of workload identity federation, basic auth, GitHub PATs), the Azure
// scope it is granted, who may use it (all pipelines, other projects) and its approvals and checks.
import type { Evidence } from '../../contract/model';
import type { CheckSnap, ServiceConnectionSnap } from '../snapshot';
import { noChecks, openAccess, serviceConnectionOf, snapshotOf, TEST_PROJECT, unavailableFacet } from '../testing';
import type { Control, ControlResult } from './control';
import { azsk, daysBefore, daysEarlier, defender, ev, fail, listValue, notAvailableResult, notSent, owaspCicd as owasp, pass, postureMeta, reasonOf } from './helpers';
import { checkJudges, connectionObject, onChecks, sharedAccessResult } from './resources';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';
const lower = (x: string | undefined): string => (x ?? '').toLowerCase();

export const isClassicAzure = (c: ServiceConnectionSnap): boolean => lower(c.type) === 'azure';
export const isAzureRm = (c: ServiceConnectionSnap): boolean => lower(c.type) === 'azurerm';
const isGitHub = (c: ServiceConnectionSnap): boolean => ['github', 'githubenterprise'].includes(lower(c.type));

/** An ARM connection that signs in with a client secret (or a publish profile): a credential that can leak and be replayed. */
export function armSecret(c: ServiceConnectionSnap): boolean | undefined {
  const scheme = lower(c.authorizationScheme);
  if (scheme === 'publishprofile') return true;
  if (scheme !== 'serviceprincipal') return scheme === '' ? undefined : false;
  const auth = lower(c.authenticationType);
  if (auth === 'spnkey') return true;
  if (auth === 'spncertificate') return false;
  return undefined;
}

/** The Azure scope is a whole subscription or management group; undefined when not known. */
export function broadScope(c: ServiceConnectionSnap): boolean | undefined {
  const level = c.azureScope?.level;
  if (level === undefined || level === 'unknown') return undefined;
  return level === 'subscription' || level === 'managementGroup';
}

const scopeText = (c: ServiceConnectionSnap): string => {
  const a = c.azureScope;
  if (!a) return 'not returned';
  if (a.level === 'resourceGroup') return `resource group ${a.resourceGroup ?? '?'}`;
  if (a.level === 'managementGroup') return `management group ${a.managementGroupName ?? a.managementGroupId ?? '?'}`;
  if (a.level === 'subscription') return `subscription ${a.subscriptionName ?? a.subscriptionId ?? '?'}`;
  return a.level;
};

export const connectionEvidence = (c: ServiceConnectionSnap): Evidence[] => [
  ev('Type', c.type),
  ev('Authentication', [c.authorizationScheme, c.authenticationType].filter(Boolean).join(' / ') || undefined),
];

const conn = (p: Partial<ServiceConnectionSnap> = {}) => serviceConnectionOf(p);
const secretArm = (p: Partial<ServiceConnectionSnap> = {}) => conn({ name: 'prod-spn', authorizationScheme: 'ServicePrincipal', authenticationType: 'spnKey', ...p });
const approval: CheckSnap = { id: 1, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u1', displayName: 'Adele Vance' }], requesterCannotBeApprover: true };
const branchControl: CheckSnap = { id: 2, typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', kind: 'branchControl', inputs: { allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'true' } };
const checks = (...c: CheckSnap[]) => ({ state: 'available' as const, value: c });

/** One result per connection the predicate keeps. */
const each = (keep: (c: ServiceConnectionSnap) => boolean, judge: (c: ServiceConnectionSnap) => ControlResult) => (s: { serviceConnections: ServiceConnectionSnap[] }) =>
  s.serviceConnections.filter(keep).map(judge);

const classic: Control = {
  meta: postureMeta({
    id: 'ADO-SC-CLASSIC',
    title: 'Classic Azure service connections should not be used',
    severity: 'medium',
    description: 'Classic (Azure Service Management) connections authenticate with a management certificate or credentials that grant co-administrator rights on the whole subscription, and cannot be limited by Azure RBAC.',
    remediation: 'Create an Azure Resource Manager connection with workload identity federation under Project settings > Service connections, move the pipelines to it, then delete the classic connection.',
    helpUri: `${LEARN}/library/connect-to-azure`,
    references: [defender("Azure DevOps Classic Azure service connections shouldn't be used to access a subscription"), azsk('ADO_ServiceConnection_AuthZ_Dont_Use_Classic_Connections'), owasp(2)],
  }),
  areas: ['serviceConnections'],
  evaluate: each(
    (c) => isClassicAzure(c) || isAzureRm(c),
    (c) => (isClassicAzure(c) ? fail(connectionObject(c), connectionEvidence(c), `Service connection ${c.name} is a classic Azure (ASM) connection.`) : pass(connectionObject(c), connectionEvidence(c))),
  ),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ name: 'legacy-asm', type: 'Azure', authorizationScheme: 'Certificate', azureScope: undefined })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn()] })],
    notApplicable: [snapshotOf({ serviceConnections: [conn({ type: 'GitHub', authorizationScheme: 'OAuth', azureScope: undefined })] })],
  },
};

const armSecretControl: Control = {
  meta: postureMeta({
    id: 'ADO-SC-SECRET-NOT-WIF',
    title: 'Azure Resource Manager connections should use workload identity federation, not a secret',
    severity: 'high',
    description:
      'A service principal secret (or publish profile) stored in a connection is a long-lived credential: it expires and gets copied, and anyone who extracts it from a pipeline can sign in to Azure from anywhere. Workload identity federation issues short-lived tokens to the pipeline only.',
    remediation: 'Open Project settings > Service connections > the connection, and choose "Convert" to workload identity federation (or recreate it with that scheme); then delete the old secret from the app registration in Entra ID.',
    helpUri: `${LEARN}/release/configure-workload-identity`,
    references: [azsk('ADO_ServiceConnection_AuthN_Use_Secure_Auth_Method'), azsk('ADO_ServiceConnection_AuthN_Use_Cert_Auth_for_SPN'), owasp(6)],
  }),
  areas: ['serviceConnections'],
  evaluate: each(isAzureRm, (c) => {
    const object = connectionObject(c);
    const evidence = connectionEvidence(c);
    const secret = armSecret(c);
    if (secret === undefined) return notAvailableResult(object, notSent(`how service connection ${c.name} authenticates`), evidence);
    return secret ? fail(object, evidence, `Service connection ${c.name} signs in to Azure with a ${lower(c.authorizationScheme) === 'publishprofile' ? 'publish profile' : 'service principal secret'}.`) : pass(object, evidence);
  }),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [secretArm()] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn()] }), snapshotOf({ serviceConnections: [conn({ authorizationScheme: 'ServicePrincipal', authenticationType: 'spnCertificate' })] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ authorizationScheme: 'ServicePrincipal' })] })],
  },
};

const basicAuth: Control = {
  meta: postureMeta({
    id: 'ADO-SC-BASIC-AUTH',
    title: 'Service connections should not authenticate with a username and password',
    severity: 'medium',
    description: 'A username and password stored in a connection is usually a person\'s or a shared account\'s long-lived credential, often valid beyond the one service and rarely rotated.',
    remediation: 'Open Project settings > Service connections > the connection and switch it to a token, key or federated identity scoped to what the pipeline needs; rotate the password.',
    helpUri: `${LEARN}/library/service-endpoints`,
    references: [azsk('ADO_ServiceConnection_AuthN_Use_Secure_Auth_Method'), owasp(6)],
  }),
  areas: ['serviceConnections'],
  evaluate: each(
    () => true,
    (c) => {
      const scheme = lower(c.authorizationScheme);
      // No scheme sent: unknown, never a pass.
      if (scheme === '') return notAvailableResult(connectionObject(c), notSent(`how service connection ${c.name} authenticates`), connectionEvidence(c));
      return scheme === 'usernamepassword' ? fail(connectionObject(c), connectionEvidence(c), `Service connection ${c.name} authenticates with a username and password.`) : pass(connectionObject(c), connectionEvidence(c));
    },
  ),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ name: 'nexus', type: 'Generic', authorizationScheme: 'UsernamePassword', azureScope: undefined })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn()] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ name: 'nexus', type: 'Generic', authorizationScheme: undefined, azureScope: undefined })] })],
  },
};

const githubPat: Control = {
  meta: postureMeta({
    id: 'ADO-SC-GITHUB-PAT',
    title: 'GitHub service connections should use the GitHub App or OAuth, not a personal access token',
    severity: 'medium',
    description: 'A GitHub connection with a personal access token acts as the person who made the token, with all the repositories and scopes that person can reach, until the token expires.',
    remediation: 'Open Project settings > Service connections, create a GitHub connection with "Azure Pipelines" GitHub App (or OAuth) authorization, move the pipelines to it, delete the PAT connection and revoke the token on GitHub.',
    helpUri: `${LEARN}/library/service-endpoints#github-service-connection`,
    references: [azsk('ADO_ServiceConnection_AuthN_Use_Secure_Auth_Method'), owasp(6), owasp(2)],
  }),
  areas: ['serviceConnections'],
  evaluate: each(isGitHub, (c) => {
    const scheme = lower(c.authorizationScheme);
    const object = connectionObject(c);
    if (scheme === '') return notAvailableResult(object, notSent(`how service connection ${c.name} authenticates`), connectionEvidence(c));
    return ['token', 'personalaccesstoken'].includes(scheme) ? fail(object, connectionEvidence(c), `GitHub service connection ${c.name} uses a personal access token.`) : pass(object, connectionEvidence(c));
  }),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ name: 'github-pat', type: 'github', authorizationScheme: 'PersonalAccessToken', azureScope: undefined })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn({ name: 'github-app', type: 'GitHub', authorizationScheme: 'InstallationToken', azureScope: undefined })] })],
    notApplicable: [snapshotOf({ serviceConnections: [conn()] })],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ type: 'GitHub', authorizationScheme: undefined, azureScope: undefined })] })],
  },
};

const scope: Control = {
  meta: postureMeta({
    id: 'ADO-SC-BROAD-SCOPE',
    title: 'Azure connections should be scoped to a resource group, not a subscription or management group',
    severity: 'high',
    description: 'A connection granted at subscription or management group level lets every pipeline that uses it change (or delete) every resource there, far beyond what one deployment needs.',
    remediation:
      'Open Project settings > Service connections > the connection and recreate it with "Resource group" scope (or grant its identity a role on the target resource groups only and remove the subscription-wide role assignment in Azure).',
    helpUri: `${LEARN}/library/connect-to-azure`,
    references: [azsk('ADO_ServiceConnection_AuthZ_Use_Least_Privilege_Access'), owasp(5), owasp(2)],
  }),
  areas: ['serviceConnections'],
  evaluate: each(isAzureRm, (c) => {
    const object = connectionObject(c);
    const evidence = [ev('Scope', scopeText(c)), ev('Creation mode', c.azureScope?.creationMode)];
    const broad = broadScope(c);
    if (broad === undefined) return notAvailableResult(object, notSent(`the Azure scope of service connection ${c.name}`), evidence);
    return broad ? fail(object, evidence, `Service connection ${c.name} is granted the whole ${scopeText(c)}.`) : pass(object, evidence);
  }),
  examples: {
    mustFlag: [
      snapshotOf({ serviceConnections: [conn({ azureScope: { level: 'subscription', subscriptionId: 'sub', subscriptionName: 'Contoso Prod', creationMode: 'Automatic' } })] }),
      snapshotOf({ serviceConnections: [conn({ azureScope: { level: 'managementGroup', managementGroupId: 'mg-root' } })] }),
    ],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn()] })],
    notApplicable: [snapshotOf({ serviceConnections: [conn({ type: 'dockerregistry', azureScope: undefined })] })],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ azureScope: undefined })] })],
  },
};

const openToAll: Control = {
  meta: postureMeta({
    id: 'ADO-SC-OPEN-ACCESS',
    title: 'Service connections should not grant access to all pipelines',
    severity: 'high',
    description:
      'A connection open to all pipelines can be used by any pipeline in the project, including one a contributor creates from a branch minutes ago: its credential, and the Azure or external rights behind it, are one YAML file away.',
    remediation: 'Open Project settings > Service connections > the connection > ⋮ > Security, turn off "Grant access permission to all pipelines" under Pipeline permissions, and add only the pipelines that need it.',
    helpUri: `${LEARN}/security/resources`,
    references: [defender("Azure DevOps service connections shouldn't grant access to all pipelines"), azsk('ADO_ServiceConnection_AuthZ_Dont_Grant_All_Pipelines_Access'), owasp(5)],
  }),
  areas: ['serviceConnections'],
  evaluate: each(
    () => true,
    (c) => sharedAccessResult(connectionObject(c), c.pipelineAccess, `Service connection ${c.name}`, connectionEvidence(c)),
  ),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ pipelineAccess: [{ projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name, access: openAccess() }] })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn()] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ pipelineAccess: [{ projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name, access: unavailableFacet() }] })] })],
  },
};

const shared: Control = {
  meta: postureMeta({
    id: 'ADO-SC-SHARED',
    title: 'Service connections should not be shared across projects',
    severity: 'medium',
    description: 'A connection shared into other projects is usable by their pipelines and administrators too: its credential\'s reach grows with every project, and who may use it is no longer decided in one place.',
    remediation: 'Open Project settings > Service connections > the connection > ⋮ > Security, remove the other projects under "Project permissions", and give each project its own connection with only the rights it needs.',
    helpUri: `${LEARN}/library/service-endpoints#project-permissions---cross-project-sharing-of-service-connections`,
    references: [azsk('ADO_ServiceConnection_SI_Dont_Share_Across_Projects'), owasp(5)],
  }),
  areas: ['serviceConnections'],
  evaluate: each(
    () => true,
    (c) => {
      const object = connectionObject(c);
      const projects = c.projects.map((p) => p.name);
      const evidence = [ev('Shared', c.isShared), ev('Projects', listValue(projects))];
      return c.isShared === true || projects.length > 1 ? fail(object, evidence, `Service connection ${c.name} is shared with ${projects.length} projects: ${listValue(projects)}.`) : pass(object, evidence);
    },
  ),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ isShared: true, projects: [{ ...TEST_PROJECT }, { id: 'p2', name: 'Payments' }] })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn()] })],
    notApplicable: [snapshotOf()],
  },
};

const checksMeta = (id: string, title: string, description: string, remediation: string, severity: 'high' | 'medium', references: ReturnType<typeof azsk>[]) =>
  postureMeta({ id, title, severity, description, remediation, helpUri: `${LEARN}/process/approvals`, references });

const noChecksControl: Control = {
  meta: checksMeta(
    'ADO-SC-NO-CHECKS',
    'Service connections should have approvals or checks',
    'A connection without approvals or checks can be used by any authorized pipeline run, from any branch, at any time, with nobody asked.',
    'Open Project settings > Service connections > the connection > ⋮ > Approvals and checks, and add an Approvals check (and Branch control) for connections that reach production.',
    'medium',
    [owasp(1), owasp(5)],
  ),
  areas: ['serviceConnections'],
  evaluate: each(() => true, (c) => onChecks(connectionObject(c), c.checks, checkJudges.anyCheck(connectionObject(c), `Service connection ${c.name}`), connectionEvidence(c))),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ checks: noChecks() })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ checks: unavailableFacet() })] })],
  },
};

const branchControlControl: Control = {
  meta: checksMeta(
    'ADO-SC-BRANCH-CONTROL',
    'Service connections should be limited to protected branches',
    'Without a Branch control check that allows only protected branches, a pipeline run from any branch, including one nobody reviewed, can use the connection.',
    'Open Project settings > Service connections > the connection > ⋮ > Approvals and checks, add "Branch control", list the allowed branches (e.g. refs/heads/main) and tick "Verify branch protection".',
    'medium',
    [azsk('ADO_ServiceConnection_AuthZ_Enable_Branch_Control'), owasp(1)],
  ),
  areas: ['serviceConnections'],
  evaluate: each(() => true, (c) => onChecks(connectionObject(c), c.checks, checkJudges.branchControl(connectionObject(c), `Service connection ${c.name}`), connectionEvidence(c))),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ checks: checks(approval) })] }), snapshotOf({ serviceConnections: [conn({ checks: checks({ ...branchControl, inputs: { allowedBranches: '*' } }) })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn({ checks: checks(branchControl) })] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ checks: unavailableFacet() })] })],
  },
};

const selfApprove: Control = {
  meta: checksMeta(
    'ADO-SC-SELF-APPROVE',
    'Service connection approvals should not let the requester approve',
    'An approval that the person who queued the run may give themselves lets one person alone use the connection.',
    'Open Project settings > Service connections > the connection > ⋮ > Approvals and checks > the Approvals check, and under Advanced clear "Allow approvers to approve their own runs".',
    'medium',
    [owasp(1)],
  ),
  areas: ['serviceConnections'],
  evaluate: each(() => true, (c) => onChecks(connectionObject(c), c.checks, checkJudges.requesterApproves(connectionObject(c), `Service connection ${c.name}`))),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ checks: checks({ ...approval, requesterCannotBeApprover: false }) })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ serviceConnections: [conn()] })],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ checks: unavailableFacet() })] })],
  },
};

const broadApprovers: Control = {
  meta: checksMeta(
    'ADO-SC-BROAD-APPROVERS',
    'Service connection approvers should not be broad groups',
    'An approval that Contributors or Project Valid Users may give can be given by almost anyone in the project: it protects nothing.',
    'Open Project settings > Service connections > the connection > ⋮ > Approvals and checks > the Approvals check, and replace the broad group with named approvers or a small dedicated group.',
    'high',
    [azsk('ADO_ServiceConnection_Dont_Grant_Broader_Group_Access_As_Approvers'), owasp(1), owasp(2)],
  ),
  areas: ['serviceConnections'],
  evaluate: each(() => true, (c) => onChecks(connectionObject(c), c.checks, checkJudges.broadApprovers(connectionObject(c), `Service connection ${c.name}`))),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [conn({ checks: checks({ ...approval, approvers: [{ id: 'g', displayName: 'Project Valid Users', isContainer: true }] }) })] })],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ serviceConnections: [conn()] })],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ checks: unavailableFacet() })] })],
  },
};

/** Days without a recorded use after which a connection counts as inactive (AzSK: 180 days for pipeline resources). */
export const INACTIVE_RESOURCE_DAYS = 180;

const inactive: Control = {
  meta: postureMeta({
    id: 'ADO-SC-INACTIVE',
    title: 'Service connections that no pipeline used for 180 days should be removed',
    severity: 'low',
    description:
      'A connection no pipeline has used lately still holds a working credential (or trust to a federated identity) and the rights behind it: forgotten, it is never rotated or reviewed, and anyone who can edit a pipeline may pick it up.',
    remediation: 'Check the connection\'s Usage history under Project settings > Service connections > the connection; if nothing needs it, delete it there and remove its identity\'s role assignments (or the credential) on the other side.',
    helpUri: `${LEARN}/library/service-endpoints`,
    references: [azsk('ADO_ServiceConnection_DP_Review_Inactive_Connection'), owasp(6)],
  }),
  areas: ['serviceConnections'],
  evaluate: (s) =>
    s.serviceConnections.map((c) => {
      const object = connectionObject(c);
      if (c.recentUse.state !== 'available') return notAvailableResult(object, reasonOf(c.recentUse.reason), [ev('Usage history', 'not available')]);
      const times = c.recentUse.value.map((u) => u.finishTime).filter((t): t is string => !!t).sort();
      const last = times[times.length - 1];
      const days = daysBefore(s, last);
      const evidence = [ev('Runs in the usage history', c.recentUse.value.length), ev('Last used', last ?? 'never recorded'), ev('Days since', days)];
      if (c.recentUse.value.length === 0) return fail(object, evidence, `Service connection ${c.name} has no recorded use.`);
      if (days === undefined) return notAvailableResult(object, notSent(`when service connection ${c.name} was last used`), evidence);
      return days > INACTIVE_RESOURCE_DAYS ? fail(object, evidence, `Service connection ${c.name} was last used ${days} days ago.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [
      snapshotOf({ serviceConnections: [conn({ name: 'old-deploy', recentUse: { state: 'available', value: [{ definitionId: 1, planType: 'Build', projectId: TEST_PROJECT.id, finishTime: daysEarlier('2026-01-01T00:00:00.000Z', 200) }] } })] }),
      snapshotOf({ serviceConnections: [conn({ name: 'never-used' })] }),
    ],
    mustNotFlag: [snapshotOf({ serviceConnections: [conn({ recentUse: { state: 'available', value: [{ definitionId: 1, planType: 'Build', projectId: TEST_PROJECT.id, finishTime: '2025-12-20T10:00:00Z' }] } })] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ serviceConnections: [conn({ recentUse: unavailableFacet() })] })],
  },
};

export const serviceConnectionsControls: readonly Control[] = [classic, armSecretControl, basicAuth, githubPat, scope, openToAll, shared, noChecksControl, branchControlControl, selfApprove, broadApprovers, inactive];

/** Examples of the combined controls reuse these. */
export const scExamples = { secretArm, approval, branchControl, checks };
