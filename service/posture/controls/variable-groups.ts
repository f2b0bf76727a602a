// Posture controls: variable groups (ADO-VG-). One result per group: open to all pipelines while
// holding secrets, credentials stored as plain variables, secrets kept outside Key Vault, shared
// across projects, and the approvals and checks that guard its secrets.
import type { CheckSnap, VariableGroupSnap, VariableGroupVariableSnap } from '../snapshot';
import { noChecks, openAccess, snapshotOf, TEST_PROJECT, unavailableFacet, variableGroupOf } from '../testing';
import type { Control, ControlResult } from './control';
import { azsk, defender, ev, fail, listValue, notApplicable, owaspCicd as owasp, pass, postureMeta } from './helpers';
import { checkJudges, holdsLiteral, looksLikeSecretName, onChecks, sharedAccessResult, variableGroupObject } from './resources';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';

const isKeyVault = (g: VariableGroupSnap): boolean => (g.type ?? '').toLowerCase() === 'azurekeyvault' || g.keyVault !== undefined;
/** The group holds secrets: secret variables, or it is linked to a Key Vault (every variable is a vault secret). */
export const holdsSecrets = (g: VariableGroupSnap): boolean => isKeyVault(g) || g.variables.some((v) => v.isSecret);
const secretNames = (g: VariableGroupSnap): string[] => g.variables.filter((v) => v.isSecret || isKeyVault(g)).map((v) => v.name);

const groupEvidence = (g: VariableGroupSnap) => [ev('Type', isKeyVault(g) ? 'Linked to Azure Key Vault' : 'Library variables'), ev('Secret variables', listValue(secretNames(g), 5))];

const secretVar = (name: string): VariableGroupVariableSnap => ({ name, isSecret: true, plainValueForSecretsScan: null });
const plainVar = (name: string, value: string): VariableGroupVariableSnap => ({ name, isSecret: false, plainValueForSecretsScan: value });
const withSecret = (p: Partial<VariableGroupSnap> = {}) => variableGroupOf({ variables: [secretVar('sqlPassword'), plainVar('region', 'westeurope')], ...p });
const open = () => [{ projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name, access: openAccess() }];
const approval: CheckSnap = { id: 1, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u1', displayName: 'Adele Vance' }], requesterCannotBeApprover: true };
const branchControl: CheckSnap = { id: 2, typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', kind: 'branchControl', inputs: { allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'true' } };
const checks = (...c: CheckSnap[]) => ({ state: 'available' as const, value: c });

/** One result per group; groups without secrets are not applicable when `secretsOnly`. */
const each = (secretsOnly: boolean, judge: (g: VariableGroupSnap) => ControlResult) => (s: { variableGroups: VariableGroupSnap[] }) =>
  s.variableGroups.map((g) => (secretsOnly && !holdsSecrets(g) ? notApplicable(variableGroupObject(g), groupEvidence(g)) : judge(g)));

const openWithSecrets: Control = {
  meta: postureMeta({
    id: 'ADO-VG-OPEN-ACCESS',
    title: 'Variable groups with secrets should not grant access to all pipelines',
    severity: 'high',
    description: 'A variable group with secrets that is open to all pipelines hands those secrets to any pipeline of the project, including one created minutes ago from an unreviewed branch.',
    remediation: 'Open Pipelines > Library > the variable group > Pipeline permissions, turn off open access ("⋮ > Open access" / "Grant access permission to all pipelines"), and add only the pipelines that need it.',
    helpUri: `${LEARN}/library/variable-groups#set-variable-group-permissions`,
    references: [defender("Azure DevOps variable groups with secret variables shouldn't grant access to all pipelines"), azsk('ADO_VariableGroup_AuthZ_Dont_Grant_All_Pipelines_Access_On_VG_With_Secrets'), owasp(5), owasp(6)],
  }),
  areas: ['variableGroups'],
  evaluate: each(true, (g) => sharedAccessResult(variableGroupObject(g), g.pipelineAccess, `Variable group ${g.name} (with secrets)`, groupEvidence(g))),
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [withSecret({ pipelineAccess: open() })] }), snapshotOf({ variableGroups: [variableGroupOf({ type: 'AzureKeyVault', keyVault: { vault: 'kv-web' }, variables: [secretVar('sql-password')], pipelineAccess: open() })] })],
    mustNotFlag: [snapshotOf({ variableGroups: [withSecret()] }), snapshotOf({ variableGroups: [variableGroupOf({ variables: [plainVar('region', 'westeurope')], pipelineAccess: open() })] })],
    notApplicable: [snapshotOf({ variableGroups: [variableGroupOf({ variables: [plainVar('region', 'westeurope')] })] })],
    notAvailable: [snapshotOf({ variableGroups: [withSecret({ pipelineAccess: [{ projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name, access: unavailableFacet() }] })] })],
  },
};

const plainSecrets: Control = {
  meta: postureMeta({
    id: 'ADO-VG-PLAIN-SECRETS',
    title: 'Variable group variables named like credentials should be secret',
    severity: 'high',
    description: 'A variable called password, token or key that is not marked secret shows its value to everyone who can read the Library, and prints in pipeline logs.',
    remediation: 'Rotate the credential, then open Pipelines > Library > the variable group and mark each listed variable secret (the lock icon) with the new value; better, link the group to Azure Key Vault.',
    helpUri: `${LEARN}/library/variable-groups`,
    cwe: ['CWE-312'],
    references: [azsk('ADO_VariableGroup_DP_No_PlainText_Secrets_In_Variables'), owasp(6)],
  }),
  areas: ['variableGroups'],
  evaluate: each(false, (g) => {
    const object = variableGroupObject(g);
    const exposed = g.variables.filter((v) => !v.isSecret && looksLikeSecretName(v.name) && holdsLiteral(v.plainValueForSecretsScan)).map((v) => v.name);
    const evidence = [ev('Variables', g.variables.length), ev('Plain variables named like credentials, with a value', listValue(exposed))];
    if (isKeyVault(g) || g.variables.length === 0) return notApplicable(object, evidence);
    return exposed.length > 0 ? fail(object, evidence, `Variable group ${g.name} keeps credential-like variables in plain text: ${listValue(exposed)}.`) : pass(object, evidence);
  }),
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [variableGroupOf({ variables: [plainVar('STORAGE_ACCOUNT_KEY', 'c2VjcmV0LWtleS12YWx1ZS0xMjM0NTY3ODkw')] })] })],
    mustNotFlag: [snapshotOf({ variableGroups: [withSecret()] }), snapshotOf({ variableGroups: [variableGroupOf({ variables: [plainVar('apiKey', '$(kv-api-key)')] })] })],
    notApplicable: [snapshotOf({ variableGroups: [variableGroupOf()] })],
  },
};

const keyVault: Control = {
  meta: postureMeta({
    id: 'ADO-VG-KEY-VAULT',
    title: 'Variable groups holding secrets should be linked to Azure Key Vault',
    severity: 'low',
    description: 'Secrets typed into a Library variable group live only in Azure DevOps: they are not rotated with the rest of your secrets, their access is not audited in Azure, and nobody sees when they expire.',
    remediation: 'Move the secrets to an Azure Key Vault, then open Pipelines > Library > the variable group and turn on "Link secrets from an Azure key vault as variables" (or create a linked group and switch the pipelines to it).',
    helpUri: `${LEARN}/library/link-variable-groups-to-key-vaults`,
    references: [azsk('ADO_VariableGroup_DP_Store_Secrets_In_KeyVault'), owasp(6)],
  }),
  areas: ['variableGroups'],
  evaluate: each(true, (g) => {
    const object = variableGroupObject(g);
    const evidence = groupEvidence(g);
    return isKeyVault(g) ? pass(object, evidence) : fail(object, evidence, `Variable group ${g.name} keeps ${secretNames(g).length} secret(s) in Azure DevOps instead of a linked Key Vault.`);
  }),
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [withSecret()] })],
    mustNotFlag: [snapshotOf({ variableGroups: [variableGroupOf({ type: 'AzureKeyVault', keyVault: { vault: 'kv-web' }, variables: [secretVar('sql-password')] })] })],
    notApplicable: [snapshotOf({ variableGroups: [variableGroupOf({ variables: [plainVar('region', 'westeurope')] })] })],
  },
};

const sharedWithSecrets: Control = {
  meta: postureMeta({
    id: 'ADO-VG-SHARED',
    title: 'Variable groups with secrets should not be shared across projects',
    severity: 'medium',
    description: 'A variable group shared into other projects gives their pipelines and administrators its secrets too: each project added widens who can read them.',
    remediation: 'Open Pipelines > Library > the variable group > Security (Project permissions) and remove the other projects; give each project its own group with only the secrets it needs.',
    helpUri: `${LEARN}/library/variable-groups#share-a-variable-group`,
    references: [owasp(5), owasp(6)],
  }),
  areas: ['variableGroups'],
  evaluate: each(true, (g) => {
    const object = variableGroupObject(g);
    const projects = g.projects.map((p) => p.name);
    const evidence = [...groupEvidence(g), ev('Shared', g.isShared), ev('Projects', listValue(projects))];
    return g.isShared === true || projects.length > 1 ? fail(object, evidence, `Variable group ${g.name} shares its secrets with ${projects.length} projects: ${listValue(projects)}.`) : pass(object, evidence);
  }),
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [withSecret({ isShared: true, projects: [{ ...TEST_PROJECT }, { id: 'p2', name: 'Payments' }] })] })],
    mustNotFlag: [snapshotOf({ variableGroups: [withSecret()] })],
    notApplicable: [snapshotOf({ variableGroups: [variableGroupOf({ isShared: true })] })],
  },
};

const noChecksControl: Control = {
  meta: postureMeta({
    id: 'ADO-VG-NO-CHECKS',
    title: 'Variable groups with secrets should have approvals or checks',
    severity: 'medium',
    description: 'Without approvals or checks, any authorized pipeline run, from any branch, reads the group\'s secrets with nobody asked.',
    remediation: 'Open Pipelines > Library > the variable group > Approvals and checks, and add an Approvals check or Branch control.',
    helpUri: `${LEARN}/process/approvals`,
    references: [owasp(1), owasp(6)],
  }),
  areas: ['variableGroups'],
  evaluate: each(true, (g) => onChecks(variableGroupObject(g), g.checks, checkJudges.anyCheck(variableGroupObject(g), `Variable group ${g.name}`), groupEvidence(g))),
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [withSecret({ checks: noChecks() })] })],
    mustNotFlag: [snapshotOf({ variableGroups: [withSecret({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ variableGroups: [variableGroupOf()] })],
    notAvailable: [snapshotOf({ variableGroups: [withSecret({ checks: unavailableFacet() })] })],
  },
};

const branchControlControl: Control = {
  meta: postureMeta({
    id: 'ADO-VG-BRANCH-CONTROL',
    title: 'Variable groups with secrets should be limited to protected branches',
    severity: 'medium',
    description: 'Without a Branch control check that allows only protected branches, a run from any branch (one nobody reviewed) can read the group\'s secrets.',
    remediation: 'Open Pipelines > Library > the variable group > Approvals and checks, add "Branch control", list the allowed branches (e.g. refs/heads/main) and tick "Verify branch protection".',
    helpUri: `${LEARN}/process/approvals#branch-control`,
    references: [azsk('ADO_VariableGroup_AuthZ_Enable_Branch_Control'), owasp(1)],
  }),
  areas: ['variableGroups'],
  evaluate: each(true, (g) => onChecks(variableGroupObject(g), g.checks, checkJudges.branchControl(variableGroupObject(g), `Variable group ${g.name}`), groupEvidence(g))),
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [withSecret({ checks: checks(approval) })] })],
    mustNotFlag: [snapshotOf({ variableGroups: [withSecret({ checks: checks(branchControl) })] })],
    notApplicable: [snapshotOf({ variableGroups: [variableGroupOf()] })],
    notAvailable: [snapshotOf({ variableGroups: [withSecret({ checks: unavailableFacet() })] })],
  },
};

const broadApprovers: Control = {
  meta: postureMeta({
    id: 'ADO-VG-BROAD-APPROVERS',
    title: 'Variable group approvers should not be broad groups',
    severity: 'high',
    description: 'An approval that Contributors or Project Valid Users may give can be given by almost anyone in the project: it guards nothing.',
    remediation: 'Open Pipelines > Library > the variable group > Approvals and checks > the Approvals check, and replace the broad group with named approvers or a small dedicated group.',
    helpUri: `${LEARN}/process/approvals#approvals`,
    references: [azsk('ADO_VariableGroup_Dont_Grant_Broader_Group_Access_As_Approvers'), owasp(1), owasp(2)],
  }),
  areas: ['variableGroups'],
  evaluate: each(false, (g) => onChecks(variableGroupObject(g), g.checks, checkJudges.broadApprovers(variableGroupObject(g), `Variable group ${g.name}`))),
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [withSecret({ checks: checks({ ...approval, approvers: [{ id: 'g', displayName: 'Contributors', isContainer: true }] }) })] })],
    mustNotFlag: [snapshotOf({ variableGroups: [withSecret({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ variableGroups: [withSecret()] })],
    notAvailable: [snapshotOf({ variableGroups: [withSecret({ checks: unavailableFacet() })] })],
  },
};

export const variableGroupsControls: readonly Control[] = [openWithSecrets, plainSecrets, keyVault, sharedWithSecrets, noChecksControl, branchControlControl, broadApprovers];

/** Examples of the combined controls reuse these. */
export const vgExamples = { withSecret, open };
