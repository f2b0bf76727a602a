// Posture controls: classic release pipelines (ADO-REL-). One result per release definition:
// approvals before production-like stages, who may approve, credentials in clear, variables
// settable at release time, and classic releases kept while classic creation is enabled.
import type { PipelineVariable, ReleaseDefinitionSnap, ReleaseStageSnap } from '../snapshot';
import { projectOf as projectSnapOf, releaseDefinitionOf, releaseStageOf, snapshotOf, unavailableFacet } from '../testing';
import type { Control } from './control';
import { azsk, ev, fail, listValue, notApplicable, notAvailableResult, notSent, onOff, owaspCicd as owasp, pass, postureMeta } from './helpers';
import { classicCreationDisabled, literalCredentialInputs } from './pipelines';
import { holdsLiteral, identityName, isBroadGroup, isProductionLike, looksLikeSecretName, looksLikeUrlVariable, projectSettings, releaseObject } from './resources';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';

/** Release-wide variables and every stage's, each named with where it sits. */
function allVariables(r: ReleaseDefinitionSnap): { where: string; v: PipelineVariable }[] {
  return [...r.variables.map((v) => ({ where: v.name, v })), ...r.stages.flatMap((st) => st.variables.map((v) => ({ where: `${st.name}: ${v.name}`, v })))];
}

const prodStages = (r: ReleaseDefinitionSnap): ReleaseStageSnap[] => r.stages.filter((st) => isProductionLike(st.name));
/** A human approves before the stage deploys. */
const approved = (st: ReleaseStageSnap): boolean => !st.preDeployApprovals.isAutomated && st.preDeployApprovals.approvers.length > 0;
const approvalState = (st: ReleaseStageSnap): string =>
  approved(st) ? `${st.preDeployApprovals.approvers.length} approver(s): ${listValue(st.preDeployApprovals.approvers.map(identityName), 5)}` : 'automatic (no approver)';

const approvers = [{ id: 'u1', displayName: 'Adele Vance', uniqueName: 'adele@contoso.com' }];
const manual = (p: Partial<ReleaseStageSnap['preDeployApprovals']> = {}): ReleaseStageSnap['preDeployApprovals'] => ({ isAutomated: false, approvers, releaseCreatorCanBeApprover: false, ...p });
const withSettings = (value: Record<string, boolean>) => [projectSnapOf({ pipelineSettings: { state: 'available', value } })];

const preApprovals: Control = {
  meta: postureMeta({
    id: 'ADO-REL-PROD-APPROVAL',
    title: 'Release stages to production should require pre-deployment approval',
    severity: 'high',
    description:
      'A production-like stage (Production, Prod, Pre-Prod, Live...) with automatic pre-deployment approval deploys whatever artifact reaches it, with nobody looking: a poisoned build goes straight to production.',
    remediation: 'Edit the release pipeline, click the lightning icon before each listed stage (Pre-deployment conditions), turn on "Pre-deployment approvals" and name the approvers.',
    helpUri: `${LEARN}/release/approvals/approvals`,
    references: [azsk('ADO_Release_AuthZ_Enable_PreDeployment_Approvals'), owasp(1)],
  }),
  areas: ['releaseDefinitions'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const prod = prodStages(r);
      const evidence = prod.map((st) => ev(`Stage ${st.name}: pre-deployment approval`, approvalState(st)));
      if (prod.length === 0) return notApplicable(object, [ev('Production-like stages', 'none'), ev('Stages', listValue(r.stages.map((st) => st.name)))]);
      const open = prod.filter((st) => !approved(st)).map((st) => st.name);
      return open.length > 0 ? fail(object, evidence, `Release pipeline ${r.name} deploys to ${listValue(open)} without pre-deployment approval.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf()] }), snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ name: 'Pre-Prod', preDeployApprovals: { isAutomated: false, approvers: [] } })] })] })],
    mustNotFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ name: 'Dev' }), releaseStageOf({ id: 2, name: 'Production', preDeployApprovals: manual() })] })] })],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ name: 'QA' })] })] })],
  },
};

const selfApproval: Control = {
  meta: postureMeta({
    id: 'ADO-REL-SELF-APPROVE',
    title: 'The requester of a production release should not approve it',
    severity: 'high',
    description: 'When the user who creates a release may approve its deployment to production, one person alone can ship a change: the approval no longer adds a second pair of eyes.',
    remediation: 'Edit the release pipeline, open the Pre-deployment conditions of each listed stage, and under Approval policies turn on "The user requesting a release or deployment should not approve it".',
    helpUri: `${LEARN}/release/approvals/approvals`,
    references: [azsk('ADO_Release_AuthZ_Review_PreDeployment_Approvers'), owasp(1)],
  }),
  areas: ['releaseDefinitions'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const gated = prodStages(r).filter(approved);
      const evidence = gated.map((st) => ev(`Stage ${st.name}: requester may approve`, st.preDeployApprovals.releaseCreatorCanBeApprover));
      if (gated.length === 0) return notApplicable(object, [ev('Production-like stages with approvals', 'none')]);
      const lax = gated.filter((st) => st.preDeployApprovals.releaseCreatorCanBeApprover === true).map((st) => st.name);
      if (lax.length > 0) return fail(object, evidence, `Release pipeline ${r.name} lets the requester approve the deployment to ${listValue(lax)}.`);
      if (gated.some((st) => st.preDeployApprovals.releaseCreatorCanBeApprover === undefined)) return notAvailableResult(object, notSent('the approval policy "The user requesting a release should not approve it"'), evidence);
      return pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ preDeployApprovals: manual({ releaseCreatorCanBeApprover: true }) })] })] })],
    mustNotFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ preDeployApprovals: manual() })] })] })],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf()] })],
    notAvailable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ preDeployApprovals: { isAutomated: false, approvers } })] })] })],
  },
};

const broadApprovers: Control = {
  meta: postureMeta({
    id: 'ADO-REL-BROAD-APPROVERS',
    title: 'Production release approvers should not be broad groups',
    severity: 'high',
    description: 'An approval granted to Contributors, Readers or Project Valid Users can be given by almost anyone in the project, often by the person who made the change: it is no approval at all.',
    remediation: 'Edit the release pipeline, open the Pre-deployment conditions of each listed stage, and replace the broad group among the approvers with named people or a small dedicated group.',
    helpUri: `${LEARN}/release/approvals/approvals`,
    references: [azsk('ADO_Release_AuthZ_Review_PreDeployment_Approvers'), owasp(1), owasp(2)],
  }),
  areas: ['releaseDefinitions'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const gated = prodStages(r).filter(approved);
      if (gated.length === 0) return notApplicable(object, [ev('Production-like stages with approvals', 'none')]);
      const broad = gated.flatMap((st) => st.preDeployApprovals.approvers.filter(isBroadGroup).map((a) => `${st.name}: ${identityName(a)}`));
      const evidence = [...gated.map((st) => ev(`Stage ${st.name}: approvers`, approvalState(st))), ev('Broad groups among approvers', listValue(broad))];
      return broad.length > 0 ? fail(object, evidence, `Release pipeline ${r.name} lets broad groups approve production deployments (${listValue(broad)}).`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ preDeployApprovals: manual({ approvers: [{ id: 'g', displayName: '[Storefront]\\Contributors', isContainer: true }] }) })] })] })],
    mustNotFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ preDeployApprovals: manual() })] })] })],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ name: 'Test' })] })] })],
  },
};

const plainSecrets: Control = {
  meta: postureMeta({
    id: 'ADO-REL-PLAIN-SECRETS',
    title: 'Release variables named like credentials should be secret',
    severity: 'high',
    description: 'A release or stage variable called password, token or key that is not marked secret shows its value to everyone who can read the release pipeline and in deployment logs.',
    remediation: 'Rotate the credential, then edit the release pipeline, open Variables (release or stage scope), and mark each listed variable secret with the new value; better, use a variable group linked to Azure Key Vault.',
    helpUri: `${LEARN}/release/variables`,
    cwe: ['CWE-312'],
    references: [azsk('ADO_Release_DP_No_PlainText_Secrets_In_Definition'), owasp(6)],
  }),
  areas: ['releaseDefinitions'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const vars = allVariables(r);
      const exposed = vars.filter(({ v }) => !v.isSecret && looksLikeSecretName(v.name) && holdsLiteral(v.plainValueForSecretsScan)).map((x) => x.where);
      const evidence = [ev('Variables', vars.length), ev('Plain variables named like credentials, with a value', listValue(exposed))];
      if (vars.length === 0) return notApplicable(object, evidence);
      return exposed.length > 0 ? fail(object, evidence, `Release pipeline ${r.name} keeps credential-like variables in plain text: ${listValue(exposed)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ variables: [{ name: 'AdminPassword', isSecret: false, allowOverride: false, plainValueForSecretsScan: 'P@ssw0rd-2026' }] })] })] })],
    mustNotFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ variables: [{ name: 'AdminPassword', isSecret: true, allowOverride: false, plainValueForSecretsScan: null }, { name: 'region', isSecret: false, allowOverride: false, plainValueForSecretsScan: 'westeurope' }] })] })],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf()] })],
  },
};

const settableSecret: Control = {
  meta: postureMeta({
    id: 'ADO-REL-SETTABLE-SECRETS',
    title: 'Secret release variables should not be settable at release time',
    severity: 'medium',
    description: 'A secret variable marked "Settable at release time" can be replaced by whoever creates the release: a credential swapped for one the attacker controls, or a value that breaks out of a deployment script.',
    remediation: 'Edit the release pipeline, open Variables, and clear "Settable at release time" on each secret variable listed.',
    helpUri: `${LEARN}/release/variables`,
    references: [azsk('ADO_Release_SI_Review_Variables_Settable_At_Release_Time'), owasp(6)],
  }),
  areas: ['releaseDefinitions'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const secrets = allVariables(r).filter(({ v }) => v.isSecret);
      const settable = secrets.filter(({ v }) => v.allowOverride).map((x) => x.where);
      const evidence = [ev('Secret variables', secrets.length), ev('Secret variables settable at release time', listValue(settable))];
      if (secrets.length === 0) return notApplicable(object, evidence);
      return settable.length > 0 ? fail(object, evidence, `Release pipeline ${r.name} lets users override secret variables at release time: ${listValue(settable)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ variables: [{ name: 'sqlAdmin', isSecret: true, allowOverride: true, plainValueForSecretsScan: null }] })] })],
    mustNotFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ variables: [{ name: 'sqlAdmin', isSecret: true, allowOverride: false, plainValueForSecretsScan: null }] })] })],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf()] })],
  },
};

const settableUrl: Control = {
  meta: postureMeta({
    id: 'ADO-REL-SETTABLE-URLS',
    title: 'URL variables should not be settable at release time',
    severity: 'medium',
    description: 'A URL variable (a deployment endpoint, a feed, a health check) settable at release time lets whoever creates the release point the deployment at a server they control.',
    remediation: 'Edit the release pipeline, open Variables, and clear "Settable at release time" on each URL variable listed.',
    helpUri: `${LEARN}/release/variables`,
    references: [azsk('ADO_Release_SI_Review_URL_Variables_Settable_At_Release_Time'), owasp(4)],
  }),
  areas: ['releaseDefinitions'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const vars = allVariables(r);
      // The plain value is read for its shape only (does it start with http?), never shown.
      const urls = vars.filter(({ v }) => v.allowOverride && looksLikeUrlVariable(v.name, v.plainValueForSecretsScan)).map((x) => x.where);
      const evidence = [ev('Variables settable at release time', listValue(vars.filter(({ v }) => v.allowOverride).map((x) => x.where))), ev('URL variables among them', listValue(urls))];
      if (vars.length === 0) return notApplicable(object, evidence);
      return urls.length > 0 ? fail(object, evidence, `Release pipeline ${r.name} lets users override URL variables at release time: ${listValue(urls)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ variables: [{ name: 'healthEndpoint', isSecret: false, allowOverride: true, plainValueForSecretsScan: 'https://web.contoso.com/health' }] })] })],
    mustNotFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ variables: [{ name: 'healthEndpoint', isSecret: false, allowOverride: false, plainValueForSecretsScan: 'https://web.contoso.com/health' }] })] })],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf()] })],
  },
};

const taskInputs: Control = {
  meta: postureMeta({
    id: 'ADO-REL-TASK-CREDENTIALS',
    title: 'Release tasks should not take credentials as literal inputs',
    severity: 'high',
    description: 'A deployment task input such as password or adminPassword filled with the credential itself stores it in clear in the release definition, readable by everyone who can view the release pipeline.',
    remediation: 'Rotate the credential, then edit the release pipeline, put the new value in a secret variable (or a Key Vault-linked variable group) and set the task input to $(thatVariable).',
    helpUri: `${LEARN}/release/variables`,
    cwe: ['CWE-312'],
    references: [azsk('ADO_Release_DP_No_PlainText_Secrets_In_Definition'), owasp(6)],
  }),
  areas: ['releaseDefinitions'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const found = r.stages.flatMap((st) => literalCredentialInputs(st.steps).map((x) => `${st.name}: ${x}`));
      const steps = r.stages.reduce((n, st) => n + st.steps.length, 0);
      const evidence = [ev('Tasks', steps), ev('Credential inputs with a literal value', listValue(found))];
      if (steps === 0) return notApplicable(object, evidence);
      return found.length > 0 ? fail(object, evidence, `Release pipeline ${r.name} has credentials typed into task inputs: ${listValue(found)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ steps: [{ taskId: 'sqldacpac', displayName: 'Deploy database', inputsForSecretsScan: { SqlPassword: 'Sup3rSecret!' } }] })] })] })],
    mustNotFlag: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ steps: [{ taskId: 'sqldacpac', displayName: 'Deploy database', inputsForSecretsScan: { SqlPassword: '$(sqlPassword)' } }] })] })] })],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf()] })],
  },
};

const classicCreation: Control = {
  meta: postureMeta({
    id: 'ADO-REL-CLASSIC',
    title: 'Classic release pipelines should not be kept while classic release creation is enabled',
    severity: 'medium',
    description:
      'Classic release pipelines are edited in the portal, outside code review, and approvals and checks on protected resources do not apply to them. While classic release creation stays enabled, anyone with release rights can add more.',
    remediation: 'Move the release to a YAML pipeline with environments and approvals, delete the classic one, and turn on Project settings > Pipelines > Settings > "Disable creation of classic release pipelines".',
    helpUri: `${LEARN}/security/overview`,
    references: [azsk('ADO_Project_DP_Disable_Creation_Of_Classic_Pipeline'), owasp(1)],
  }),
  areas: ['releaseDefinitions', 'projects', 'projectPipelineSettings'],
  evaluate: (s) =>
    s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const ps = projectSettings(s, r.projectId, r.projectName);
      if ('reason' in ps) return notAvailableResult(object, ps.reason, [ev('Disable creation of classic release pipelines', 'not available')]);
      const disabled = classicCreationDisabled(ps.value, 'release');
      const evidence = [ev(`Disable creation of classic release pipelines (project ${r.projectName})`, onOff(disabled), ps.url)];
      if (disabled === undefined) return notAvailableResult(object, notSent('the project setting "Disable creation of classic release pipelines"'), evidence);
      return disabled ? pass(object, evidence) : fail(object, evidence, `Classic release pipeline ${r.name} is kept in project ${r.projectName}, where classic release creation is still enabled.`);
    }),
  examples: {
    mustFlag: [snapshotOf({ projects: withSettings({ disableClassicReleasePipelineCreation: false }), releaseDefinitions: [releaseDefinitionOf()] })],
    mustNotFlag: [snapshotOf({ projects: withSettings({ disableClassicPipelineCreation: true }), releaseDefinitions: [releaseDefinitionOf()] })],
    notApplicable: [snapshotOf({ projects: withSettings({}) })],
    notAvailable: [snapshotOf({ projects: [projectSnapOf({ pipelineSettings: unavailableFacet() })], releaseDefinitions: [releaseDefinitionOf()] })],
  },
};

export const releasesControls: readonly Control[] = [preApprovals, selfApproval, broadApprovers, plainSecrets, settableSecret, settableUrl, taskInputs, classicCreation];
