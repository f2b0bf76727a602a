// Posture controls: combined risks (ADO-PATH-). Each joins two or more single-setting weaknesses
// into one path an attacker can walk (an untrusted change reaching a credential or production),
// with the evidence of every link. A path passes when one of its links is closed.
import type { Evidence } from '../../contract/model';
import type { BranchPolicySnap, BuildDefinitionSnap, CheckSnap, OrgSnapshot, ServiceConnectionSnap } from '../snapshot';
import {
  buildDefinitionOf,
  environmentOf,
  openAccess,
  releaseDefinitionOf,
  releaseStageOf,
  repositoryOf,
  serviceConnectionOf,
  snapshotOf,
  branchPolicyOf,
  TEST_PROJECT,
  unavailableFacet,
  variableGroupOf,
} from '../testing';
import type { Control, ControlResult } from './control';
import { ev, fail, listValue, notApplicable, notAvailableResult, notSent, owaspCicd as owasp, pass, postureMeta, reasonOf } from './helpers';
import { repositoryById } from './indexes';
import { forkFacts } from './pipelines';
import { approvals, connectionObject, connectionsOf, enabledChecks, environmentObject, isProductionLike, mayUse, openIn, pipelineObject, releaseObject, variableGroupObject } from './resources';
import { armSecret, broadScope, isAzureRm } from './service-connections';
import { holdsSecrets } from './variable-groups';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';

/** The build pipeline ran with the connection lately (its usage history names it). */
export function usedBy(c: ServiceConnectionSnap, d: BuildDefinitionSnap): boolean {
  return c.recentUse.state === 'available' && buildUsesOf(c).has(`${d.projectId}\u0000${d.id}`);
}

/** Per connection, the build pipelines (project and definition id) in its usage history, read once. */
const buildUses = new WeakMap<ServiceConnectionSnap, Set<string>>();
function buildUsesOf(c: ServiceConnectionSnap): Set<string> {
  let uses = buildUses.get(c);
  if (!uses) {
    uses = new Set();
    if (c.recentUse.state === 'available') for (const u of c.recentUse.value) if ((u.planType ?? 'build').toLowerCase() === 'build') uses.add(`${u.projectId}\u0000${u.definitionId}`);
    buildUses.set(c, uses);
  }
  return uses;
}

/**
 * The connections the pipeline may use (open to all pipelines in its project, authorized by id, or
 * in its recent usage history), and those whose permissions in its project are unknown.
 */
function usableConnections(s: OrgSnapshot, d: BuildDefinitionSnap): { usable: ServiceConnectionSnap[]; unknown: ServiceConnectionSnap[] } {
  const usable: ServiceConnectionSnap[] = [];
  const unknown: ServiceConnectionSnap[] = [];
  for (const c of connectionsOf(s, d.projectId)) {
    const access = c.pipelineAccess.find((a) => a.projectId === d.projectId)?.access;
    if (usedBy(c, d) || mayUse(access, d.id)) usable.push(c);
    else if (access && access.state !== 'available') unknown.push(c);
  }
  return { usable, unknown };
}

const open = () => [{ projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name, access: openAccess() }];
const prTrigger = (enabled: boolean, allowSecrets: boolean) => ({ triggerType: 'pullRequest', forks: { enabled, allowSecrets, allowFullAccessToken: false } });
const forkSecretsPipeline = (p: Partial<BuildDefinitionSnap> = {}) => buildDefinitionOf({ triggers: [prTrigger(true, true)], ...p });
const forkPipeline = () => buildDefinitionOf({ triggers: [prTrigger(true, false)] });
const spnKey = { authorizationScheme: 'ServicePrincipal', authenticationType: 'spnKey' } as const;
const subscription = { level: 'subscription', subscriptionId: '4b1d7e2a-93c5-4f08-b6a1-c2e3d4f5a6b7', subscriptionName: 'Contoso Production' } as const;
const approvalCheck: CheckSnap = { id: 1, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u1', displayName: 'Adele Vance' }], requesterCannotBeApprover: true };

// ---- 1. fork pull requests, with secrets, next to an open connection -----------------------------

const forkSecretsOpenConnection: Control = {
  meta: postureMeta({
    id: 'ADO-PATH-FORK-SECRETS-CONNECTION',
    title: 'Fork pull requests should not build with secrets in a pipeline that can use a service connection',
    severity: 'critical',
    description:
      'A stranger opens a pull request from a fork; the pipeline builds it with secrets available; the pull request edits the YAML to use a service connection open to all pipelines (or authorized for this one). The fork\'s author now deploys with your Azure or registry credentials.',
    remediation:
      'Break either link: edit the pipeline, Triggers > Pull request validation, and clear "Make secrets available to builds of forks"; and under Project settings > Service connections > the connection > Security, turn off "Grant access permission to all pipelines".',
    helpUri: `${LEARN}/repos/github#contributions-from-forks`,
    references: [owasp(4), owasp(5), owasp(6)],
  }),
  areas: ['buildDefinitions', 'serviceConnections'],
  evaluate: (s) =>
    s.buildDefinitions.flatMap((d) => {
      const f = forkFacts(s, d);
      if (f.secrets !== true) return [];
      const object = pipelineObject(d);
      const { usable, unknown } = usableConnections(s, d);
      const evidence: Evidence[] = [...f.evidence, ev('Service connections it can use', listValue(usable.map((c) => c.name)))];
      if (usable.length > 0) return [fail(object, evidence, `Pipeline ${d.name} builds fork pull requests with secrets and can use service connection(s) ${listValue(usable.map((c) => c.name))}.`)];
      if (unknown.length > 0) return [notAvailableResult(object, reasonOf((unknown[0].pipelineAccess.find((a) => a.projectId === d.projectId)!.access as { reason: Parameters<typeof reasonOf>[0] }).reason), evidence)];
      return [pass(object, evidence)];
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [forkSecretsPipeline()], serviceConnections: [serviceConnectionOf({ pipelineAccess: open() })] })],
    mustNotFlag: [
      snapshotOf({ buildDefinitions: [forkSecretsPipeline()], serviceConnections: [serviceConnectionOf()] }),
      snapshotOf({ buildDefinitions: [forkPipeline()], serviceConnections: [serviceConnectionOf({ pipelineAccess: open() })] }),
    ],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf()], serviceConnections: [serviceConnectionOf({ pipelineAccess: open() })] })],
    notAvailable: [snapshotOf({ buildDefinitions: [forkSecretsPipeline()], serviceConnections: [serviceConnectionOf({ pipelineAccess: [{ projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name, access: unavailableFacet() }] })] })],
  },
};

// ---- 2. an unreviewed branch deploying through a production connection ---------------------------

/** A blocking, enabled policy that makes someone other than the author review: minimum reviewers (>= 1) or required reviewers on every path. */
export function requiresReview(policies: readonly BranchPolicySnap[]): boolean {
  return policies.some((p) => {
    if (!p.isEnabled || !p.isBlocking || p.isDeleted) return false;
    if (p.settings.kind === 'minimumReviewers') return (p.settings.minimumApproverCount ?? 0) >= 1;
    if (p.settings.kind === 'requiredReviewers') return (p.settings.filenamePatterns ?? []).length === 0 && p.settings.requiredReviewerIds.length > 0;
    return false;
  });
}

const unreviewedToProduction: Control = {
  meta: postureMeta({
    id: 'ADO-PATH-UNREVIEWED-TO-PROD',
    title: 'A YAML pipeline whose default branch needs no review should not deploy through a production connection without approval',
    severity: 'critical',
    description:
      'Any Contributor can push a change to the pipeline\'s YAML on its default branch (no reviewer required), and the pipeline may use a production-named service connection that has no approval check: one person, unreviewed and unapproved, deploys to production.',
    remediation:
      'Close a link: add a blocking "Require a minimum number of reviewers" policy to the default branch (Project settings > Repositories > the repository > Policies > the branch), and add an Approvals check to the connection (Project settings > Service connections > the connection > Approvals and checks).',
    helpUri: `${LEARN}/security/approach`,
    references: [owasp(1), owasp(4), owasp(5)],
  }),
  areas: ['buildDefinitions', 'repositories', 'serviceConnections'],
  evaluate: (s) =>
    s.buildDefinitions.flatMap((d): ControlResult[] => {
      if (d.processType !== 'yaml' || (d.repository?.type ?? '').toLowerCase() !== 'tfsgit') return [];
      const repo = d.repository?.id === undefined ? undefined : repositoryById(s, d.repository.id);
      const object = pipelineObject(d);
      if (!repo) return [notAvailableResult(object, { code: 'not-found', text: `The repository of pipeline ${d.name} was not among the repositories read.` })];
      const evidence: Evidence[] = [ev('Repository', repo.name, repo.policiesUrl), ev('Default branch', repo.defaultBranch)];
      const { usable, unknown } = usableConnections(s, d);
      const prod = usable.filter((c) => isProductionLike(c.name));
      const unguarded = prod.filter((c) => c.checks.state === 'available' && approvals(c.checks.value).length === 0);
      const unsure = prod.filter((c) => c.checks.state !== 'available');
      evidence.push(ev('Production connections it can use', listValue(prod.map((c) => c.name))), ev('...without an approval check', listValue(unguarded.map((c) => c.name))));
      if (repo.defaultBranchPolicies.state !== 'available') {
        if (unguarded.length === 0 && unsure.length === 0 && unknown.length === 0) return [pass(object, evidence)];
        return [notAvailableResult(object, reasonOf(repo.defaultBranchPolicies.reason), evidence)];
      }
      const reviewed = requiresReview(repo.defaultBranchPolicies.value);
      evidence.unshift(ev('Default branch requires a reviewer', reviewed));
      if (reviewed) return [pass(object, evidence)];
      if (unguarded.length > 0) return [fail(object, evidence, `Pipeline ${d.name}: its default branch needs no reviewer and it can deploy through ${listValue(unguarded.map((c) => c.name))} with no approval.`)];
      if (unsure.length > 0) return [notAvailableResult(object, reasonOf((unsure[0].checks as { reason: Parameters<typeof reasonOf>[0] }).reason), evidence)];
      if (unknown.length > 0) return [notAvailableResult(object, notSent('the pipeline permissions of every service connection of the project'), evidence)];
      return [pass(object, evidence)];
    }),
  examples: {
    mustFlag: [
      snapshotOf({
        buildDefinitions: [buildDefinitionOf({ repository: { id: repositoryOf().id, type: 'TfsGit', name: 'web' } })],
        repositories: [repositoryOf()],
        serviceConnections: [serviceConnectionOf({ name: 'azure-production', pipelineAccess: open() })],
      }),
    ],
    mustNotFlag: [
      snapshotOf({
        buildDefinitions: [buildDefinitionOf({ repository: { id: repositoryOf().id, type: 'TfsGit', name: 'web' } })],
        repositories: [repositoryOf({ defaultBranchPolicies: { state: 'available', value: [branchPolicyOf()] } })],
        serviceConnections: [serviceConnectionOf({ name: 'azure-production', pipelineAccess: open() })],
      }),
      snapshotOf({
        buildDefinitions: [buildDefinitionOf({ repository: { id: repositoryOf().id, type: 'TfsGit', name: 'web' } })],
        repositories: [repositoryOf()],
        serviceConnections: [serviceConnectionOf({ name: 'azure-production', pipelineAccess: open(), checks: { state: 'available', value: [approvalCheck] } })],
      }),
    ],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: { type: 'GitHub', name: 'contoso/web' } })] })],
    notAvailable: [
      snapshotOf({
        buildDefinitions: [buildDefinitionOf({ repository: { id: repositoryOf().id, type: 'TfsGit', name: 'web' } })],
        repositories: [repositoryOf({ defaultBranchPolicies: unavailableFacet() })],
        serviceConnections: [serviceConnectionOf({ name: 'azure-production', pipelineAccess: open() })],
      }),
    ],
  },
};

// ---- 3. a secrets group open to pipelines that build forks ---------------------------------------

const secretsGroupForkProject: Control = {
  meta: postureMeta({
    id: 'ADO-PATH-SECRETS-GROUP-FORKS',
    title: 'A variable group with secrets should not be open to all pipelines in a project whose pipelines build forks',
    severity: 'high',
    description:
      'The group\'s secrets are open to every pipeline of a project where some pipeline builds pull requests from forks. A fork\'s pull request can change that pipeline\'s YAML to reference the group; once any fork build gets secrets (or a contributor turns it on), the group\'s secrets leave with it.',
    remediation:
      'Open Pipelines > Library > the variable group > Pipeline permissions and turn off open access (authorize only the pipelines that need it); and stop building forks in that project (Project settings > Pipelines > Settings > "Limit building pull requests from forks").',
    helpUri: `${LEARN}/library/variable-groups#set-variable-group-permissions`,
    references: [owasp(4), owasp(5), owasp(6)],
  }),
  areas: ['variableGroups', 'buildDefinitions'],
  evaluate: (s) => {
    // The pipelines that build forks, by project: computed once, not per group.
    const forkingIn = new Map<string, BuildDefinitionSnap[]>();
    // Pipelines whose fork settings were not sent: they may build forks.
    const maybeForkingIn = new Map<string, BuildDefinitionSnap[]>();
    for (const d of s.buildDefinitions) {
      const builds = forkFacts(s, d).builds;
      if (builds === true) forkingIn.set(d.projectId, [...(forkingIn.get(d.projectId) ?? []), d]);
      else if (builds === undefined) maybeForkingIn.set(d.projectId, [...(maybeForkingIn.get(d.projectId) ?? []), d]);
    }
    return s.variableGroups.filter(holdsSecrets).map((g) => {
      const object = variableGroupObject(g);
      const { open: openProjects, unknown } = openIn(g.pipelineAccess);
      const openIds = g.pipelineAccess.filter((a) => a.access.state === 'available' && a.access.value.allPipelines).map((a) => a.projectId);
      const forking = openIds.flatMap((id) => forkingIn.get(id) ?? []);
      const evidence = [ev('Open to all pipelines in', listValue(openProjects)), ev('Pipelines there that build forks', listValue(forking.map((d) => `${d.projectName}/${d.name}`)))];
      if (forking.length > 0) return fail(object, evidence, `Variable group ${g.name} holds secrets, is open to all pipelines, and pipelines of the same project build forks: ${listValue(forking.map((d) => d.name))}.`);
      if (openProjects.length === 0 && unknown.length > 0) return notAvailableResult(object, reasonOf((unknown[0].access as { reason: Parameters<typeof reasonOf>[0] }).reason), evidence);
      const maybe = openIds.flatMap((id) => maybeForkingIn.get(id) ?? []);
      if (maybe.length > 0) return notAvailableResult(object, notSent(`the fork settings of ${listValue(maybe.map((d) => d.name))}`), evidence);
      return pass(object, evidence);
    });
  },
  examples: {
    mustFlag: [snapshotOf({ variableGroups: [variableGroupOf({ variables: [{ name: 'npmToken', isSecret: true, plainValueForSecretsScan: null }], pipelineAccess: open() })], buildDefinitions: [forkPipeline()] })],
    mustNotFlag: [
      snapshotOf({ variableGroups: [variableGroupOf({ variables: [{ name: 'npmToken', isSecret: true, plainValueForSecretsScan: null }] })], buildDefinitions: [forkPipeline()] }),
      snapshotOf({ variableGroups: [variableGroupOf({ variables: [{ name: 'npmToken', isSecret: true, plainValueForSecretsScan: null }], pipelineAccess: open() })], buildDefinitions: [buildDefinitionOf()] }),
    ],
    notApplicable: [snapshotOf({ variableGroups: [variableGroupOf({ pipelineAccess: open() })], buildDefinitions: [forkPipeline()] })],
    notAvailable: [snapshotOf({ variableGroups: [variableGroupOf({ variables: [{ name: 'npmToken', isSecret: true, plainValueForSecretsScan: null }], pipelineAccess: [{ projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name, access: unavailableFacet() }] })], buildDefinitions: [forkPipeline()] })],
  },
};

// ---- 4. a subscription-wide secret any pipeline can use ------------------------------------------

const subscriptionSecretOpen: Control = {
  meta: postureMeta({
    id: 'ADO-PATH-SUBSCRIPTION-SECRET-OPEN',
    title: 'A subscription-wide Azure connection with a secret should not be open to all pipelines',
    severity: 'critical',
    description:
      'Three weaknesses on one connection: a service principal secret (extractable and replayable from anywhere), granted on a whole subscription or management group, usable by every pipeline of the project. Any pipeline run can print the secret and sign in to Azure with rights over everything there.',
    remediation:
      'Close at least one link, best all three: under Project settings > Service connections > the connection, convert it to workload identity federation, recreate it scoped to a resource group, and under Security turn off "Grant access permission to all pipelines".',
    helpUri: `${LEARN}/release/configure-workload-identity`,
    references: [owasp(2), owasp(5), owasp(6)],
  }),
  areas: ['serviceConnections'],
  evaluate: (s) =>
    s.serviceConnections.filter(isAzureRm).map((c) => {
      const object = connectionObject(c);
      const secret = armSecret(c);
      const broad = broadScope(c);
      const { open: openProjects, unknown } = openIn(c.pipelineAccess);
      const isOpen = openProjects.length > 0 ? true : unknown.length > 0 || c.pipelineAccess.length === 0 ? undefined : false;
      const evidence = [ev('Signs in with a secret', secret), ev('Subscription or management group scope', broad), ev('Open to all pipelines in', listValue(openProjects))];
      if (secret === false || broad === false || isOpen === false) return pass(object, evidence);
      if (secret && broad && isOpen) return fail(object, evidence, `Service connection ${c.name} holds a secret for a whole ${c.azureScope?.level === 'managementGroup' ? 'management group' : 'subscription'} and is open to all pipelines in ${listValue(openProjects)}.`);
      return notAvailableResult(object, notSent(`every setting of service connection ${c.name} this path needs`), evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ serviceConnections: [serviceConnectionOf({ name: 'contoso-sub', ...spnKey, azureScope: subscription, pipelineAccess: open() })] })],
    mustNotFlag: [
      snapshotOf({ serviceConnections: [serviceConnectionOf({ name: 'contoso-sub', ...spnKey, azureScope: subscription })] }),
      snapshotOf({ serviceConnections: [serviceConnectionOf({ name: 'contoso-sub', azureScope: subscription, pipelineAccess: open() })] }),
    ],
    notApplicable: [snapshotOf({ serviceConnections: [serviceConnectionOf({ type: 'github', authorizationScheme: 'PersonalAccessToken', azureScope: undefined, pipelineAccess: open() })] })],
    notAvailable: [snapshotOf({ serviceConnections: [serviceConnectionOf({ name: 'contoso-sub', ...spnKey, azureScope: undefined, pipelineAccess: open() })] })],
  },
};

// ---- 5. a classic release to production, unapproved, through an unchecked connection -------------

const classicProdUnchecked: Control = {
  meta: postureMeta({
    id: 'ADO-PATH-CLASSIC-PROD-UNCHECKED',
    title: 'A classic release to production should not deploy without approval through a connection without checks',
    severity: 'high',
    description:
      'A production-like stage of a classic release has no pre-deployment approval, and its tasks use a service connection that has no approvals or checks of its own: nothing stands between creating a release and changing production with that connection\'s rights.',
    remediation:
      'Edit the release pipeline and turn on Pre-deployment approvals for the stage (Pre-deployment conditions); and move the deployment to a YAML pipeline, whose runs honour the connection\'s Approvals and checks (Project settings > Service connections > the connection > Approvals and checks).',
    helpUri: `${LEARN}/release/approvals/approvals`,
    references: [owasp(1), owasp(5)],
  }),
  areas: ['releaseDefinitions', 'serviceConnections'],
  evaluate: (s) => {
    const byId = new Map(s.serviceConnections.map((c) => [c.id.toLowerCase(), c]));
    return s.releaseDefinitions.map((r) => {
      const object = releaseObject(r);
      const prod = r.stages.filter((st) => isProductionLike(st.name));
      if (prod.length === 0) return notApplicable(object, [ev('Production-like stages', 'none')]);
      const links: string[] = [];
      const unsure: ServiceConnectionSnap[] = [];
      for (const st of prod) {
        if (!st.preDeployApprovals.isAutomated && st.preDeployApprovals.approvers.length > 0) continue;
        const used = new Set(st.steps.filter((x) => x.enabled !== false).flatMap((x) => Object.values(x.inputsForSecretsScan).flatMap((v) => v.split(',').map((id) => byId.get(id.trim().toLowerCase())))));
        for (const c of used) {
          if (!c) continue;
          if (c.checks.state !== 'available') unsure.push(c);
          else if (enabledChecks(c.checks.value).length === 0) links.push(`${st.name} via ${c.name}`);
        }
      }
      const evidence = [...prod.map((st) => ev(`Stage ${st.name}: pre-deployment approval`, st.preDeployApprovals.isAutomated || st.preDeployApprovals.approvers.length === 0 ? 'automatic' : 'required')), ev('Unapproved production deployments through connections without checks', listValue(links))];
      if (links.length > 0) return fail(object, evidence, `Release pipeline ${r.name} deploys to production without approval through connections without checks: ${listValue(links)}.`);
      if (unsure.length > 0) return notAvailableResult(object, reasonOf((unsure[0].checks as { reason: Parameters<typeof reasonOf>[0] }).reason), evidence);
      return pass(object, evidence);
    });
  },
  examples: {
    mustFlag: [
      snapshotOf({
        releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ steps: [{ taskId: 'azurerm-webapp', displayName: 'Deploy', inputsForSecretsScan: { ConnectedServiceName: serviceConnectionOf().id } }] })] })],
        serviceConnections: [serviceConnectionOf()],
      }),
    ],
    mustNotFlag: [
      snapshotOf({
        releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ preDeployApprovals: { isAutomated: false, approvers: [{ id: 'u1', displayName: 'Adele Vance' }] }, steps: [{ taskId: 'azurerm-webapp', inputsForSecretsScan: { ConnectedServiceName: serviceConnectionOf().id } }] })] })],
        serviceConnections: [serviceConnectionOf()],
      }),
      snapshotOf({
        releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ steps: [{ taskId: 'azurerm-webapp', inputsForSecretsScan: { ConnectedServiceName: serviceConnectionOf().id } }] })] })],
        serviceConnections: [serviceConnectionOf({ checks: { state: 'available', value: [approvalCheck] } })],
      }),
    ],
    notApplicable: [snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ name: 'QA' })] })] })],
    notAvailable: [
      snapshotOf({
        releaseDefinitions: [releaseDefinitionOf({ stages: [releaseStageOf({ steps: [{ taskId: 'azurerm-webapp', inputsForSecretsScan: { ConnectedServiceName: serviceConnectionOf().id } }] })] })],
        serviceConnections: [serviceConnectionOf({ checks: unavailableFacet() })],
      }),
    ],
  },
};

// ---- 6. production open to every pipeline, unapproved ---------------------------------------------

const prodEnvironmentOpen: Control = {
  meta: postureMeta({
    id: 'ADO-PATH-PROD-ENV-OPEN',
    title: 'A production environment should not be open to all pipelines and deploy without approval',
    severity: 'critical',
    description:
      'A production-like environment that every pipeline of the project may target, with no Approvals check: any pipeline, including one a contributor creates from an unreviewed branch, deploys to production unattended.',
    remediation:
      'Open Pipelines > Environments > the environment: under ⋮ > Approvals and checks add "Approvals"; under ⋮ > Security turn off open access and authorize only the release pipelines.',
    helpUri: `${LEARN}/process/environments#security`,
    references: [owasp(1), owasp(5)],
  }),
  areas: ['environments'],
  evaluate: (s) =>
    s.environments.map((e) => {
      const object = environmentObject(e);
      if (!isProductionLike(e.name)) return notApplicable(object, [ev('Production-like name', false)]);
      const isOpen = e.pipelineAccess.state === 'available' ? e.pipelineAccess.value.allPipelines : undefined;
      const approved = e.checks.state === 'available' ? approvals(e.checks.value).length > 0 : undefined;
      const evidence = [ev('Open to all pipelines', isOpen), ev('Approval check', approved)];
      if (isOpen === false || approved === true) return pass(object, evidence);
      if (isOpen && approved === false) return fail(object, evidence, `Production environment ${e.name} is open to all pipelines and has no approval.`);
      const reason = e.pipelineAccess.state !== 'available' ? e.pipelineAccess.reason : (e.checks as { reason: Parameters<typeof reasonOf>[0] }).reason;
      return notAvailableResult(object, reasonOf(reason), evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ environments: [environmentOf({ pipelineAccess: openAccess() })] })],
    mustNotFlag: [snapshotOf({ environments: [environmentOf()] }), snapshotOf({ environments: [environmentOf({ pipelineAccess: openAccess(), checks: { state: 'available', value: [approvalCheck] } })] })],
    notApplicable: [snapshotOf({ environments: [environmentOf({ name: 'dev', pipelineAccess: openAccess() })] })],
    notAvailable: [snapshotOf({ environments: [environmentOf({ pipelineAccess: openAccess(), checks: unavailableFacet() })] })],
  },
};

export const combinedControls: readonly Control[] = [forkSecretsOpenConnection, unreviewedToProduction, secretsGroupForkProject, subscriptionSecretOpen, classicProdUnchecked, prodEnvironmentOpen];
