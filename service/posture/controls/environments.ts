// Posture controls: environments (ADO-ENV-). One result per environment: open to all pipelines,
// and for production-like ones (production, prod, live...), approvals, branch control and who may
// approve.
import type { CheckSnap, EnvironmentSnap } from '../snapshot';
import { environmentOf, openAccess, snapshotOf, unavailableFacet } from '../testing';
import type { Control, ControlResult } from './control';
import { azsk, ev, notApplicable, owaspCicd as owasp, postureMeta } from './helpers';
import { accessResult, checkJudges, environmentObject, isProductionLike, onChecks } from './resources';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';

const approval: CheckSnap = { id: 1, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u1', displayName: 'Adele Vance' }], requesterCannotBeApprover: true };
const branchControl: CheckSnap = { id: 2, typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', kind: 'branchControl', inputs: { allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'true' } };
const checks = (...c: CheckSnap[]) => ({ state: 'available' as const, value: c });

/** Production-like environments judged by `judge`; the others not applicable. */
const prodOnly = (judge: (e: EnvironmentSnap) => ControlResult) => (s: { environments: EnvironmentSnap[] }) =>
  s.environments.map((e) => (isProductionLike(e.name) ? judge(e) : notApplicable(environmentObject(e), [ev('Production-like name', false)])));

const openToAll: Control = {
  meta: postureMeta({
    id: 'ADO-ENV-OPEN-ACCESS',
    title: 'Environments should not grant access to all pipelines',
    severity: 'high',
    description: 'An environment open to all pipelines accepts deployments from any pipeline of the project, including one created from an unreviewed branch; its Kubernetes or VM resources are reachable from there.',
    remediation: 'Open Pipelines > Environments > the environment > ⋮ > Security, turn off open access under Pipeline permissions, and add only the pipelines that deploy to it.',
    helpUri: `${LEARN}/process/environments#security`,
    references: [azsk('ADO_Environment_AuthZ_Dont_Grant_All_Pipelines_Access'), owasp(5)],
  }),
  areas: ['environments'],
  evaluate: (s) => s.environments.map((e) => accessResult(environmentObject(e), e.pipelineAccess, `Environment ${e.name} is open to all pipelines of project ${e.projectName}.`)),
  examples: {
    mustFlag: [snapshotOf({ environments: [environmentOf({ pipelineAccess: openAccess() })] })],
    mustNotFlag: [snapshotOf({ environments: [environmentOf()] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ environments: [environmentOf({ pipelineAccess: unavailableFacet() })] })],
  },
};

const approvals: Control = {
  meta: postureMeta({
    id: 'ADO-ENV-PROD-APPROVAL',
    title: 'Production environments should require approval',
    severity: 'high',
    description: 'A production-like environment (production, prod, pre-prod, live...) without an Approvals check takes every deployment a pipeline sends it, with nobody looking.',
    remediation: 'Open Pipelines > Environments > the environment > ⋮ > Approvals and checks, add "Approvals" and name the approvers.',
    helpUri: `${LEARN}/process/approvals#approvals`,
    references: [azsk('ADO_Environment_AuthZ_Enable_PreDeployment_Approval'), owasp(1)],
  }),
  areas: ['environments'],
  evaluate: prodOnly((e) => onChecks(environmentObject(e), e.checks, checkJudges.approval(environmentObject(e), `Production environment ${e.name}`))),
  examples: {
    mustFlag: [snapshotOf({ environments: [environmentOf()] }), snapshotOf({ environments: [environmentOf({ name: 'prod-eu', checks: checks({ ...approval, disabled: true }) })] })],
    mustNotFlag: [snapshotOf({ environments: [environmentOf({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ environments: [environmentOf({ name: 'staging' })] })],
    notAvailable: [snapshotOf({ environments: [environmentOf({ checks: unavailableFacet() })] })],
  },
};

const branchControlControl: Control = {
  meta: postureMeta({
    id: 'ADO-ENV-PROD-BRANCH-CONTROL',
    title: 'Production environments should accept deployments from protected branches only',
    severity: 'medium',
    description: 'Without a Branch control check, a run from any branch (a feature branch nobody reviewed) can deploy to a production-like environment.',
    remediation: 'Open Pipelines > Environments > the environment > ⋮ > Approvals and checks, add "Branch control", list the release branches (e.g. refs/heads/main) and tick "Verify branch protection".',
    helpUri: `${LEARN}/process/approvals#branch-control`,
    references: [azsk('ADO_Environment_SI_Use_Good_Branch_Hygiene'), owasp(1)],
  }),
  areas: ['environments'],
  evaluate: prodOnly((e) => onChecks(environmentObject(e), e.checks, checkJudges.branchControl(environmentObject(e), `Production environment ${e.name}`))),
  examples: {
    mustFlag: [snapshotOf({ environments: [environmentOf({ checks: checks(approval) })] })],
    mustNotFlag: [snapshotOf({ environments: [environmentOf({ checks: checks(approval, branchControl) })] })],
    notApplicable: [snapshotOf({ environments: [environmentOf({ name: 'dev' })] })],
    notAvailable: [snapshotOf({ environments: [environmentOf({ checks: unavailableFacet() })] })],
  },
};

const selfApprove: Control = {
  meta: postureMeta({
    id: 'ADO-ENV-PROD-SELF-APPROVE',
    title: 'Production environment approvals should not let the requester approve',
    severity: 'high',
    description: 'An approval the person who queued the run may give themselves lets one person alone deploy to production.',
    remediation: 'Open Pipelines > Environments > the environment > ⋮ > Approvals and checks > the Approvals check, and under Advanced clear "Allow approvers to approve their own runs".',
    helpUri: `${LEARN}/process/approvals#approvals`,
    references: [azsk('ADO_Environment_AuthZ_Review_PreDeployment_Approvers'), owasp(1)],
  }),
  areas: ['environments'],
  evaluate: prodOnly((e) => onChecks(environmentObject(e), e.checks, checkJudges.requesterApproves(environmentObject(e), `Production environment ${e.name}`))),
  examples: {
    mustFlag: [snapshotOf({ environments: [environmentOf({ checks: checks({ ...approval, requesterCannotBeApprover: false }) })] })],
    mustNotFlag: [snapshotOf({ environments: [environmentOf({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ environments: [environmentOf()] })],
    notAvailable: [snapshotOf({ environments: [environmentOf({ checks: unavailableFacet() })] })],
  },
};

const broadApprovers: Control = {
  meta: postureMeta({
    id: 'ADO-ENV-BROAD-APPROVERS',
    title: 'Environment approvers should not be broad groups',
    severity: 'high',
    description: 'An approval that Contributors or Project Valid Users may give can be given by almost anyone in the project, often by the author of the change: it guards nothing.',
    remediation: 'Open Pipelines > Environments > the environment > ⋮ > Approvals and checks > the Approvals check, and replace the broad group with named approvers or a small dedicated group.',
    helpUri: `${LEARN}/process/approvals#approvals`,
    references: [azsk('ADO_Environment_Dont_Grant_Broader_Group_Access_As_Approvers'), owasp(1), owasp(2)],
  }),
  areas: ['environments'],
  evaluate: (s) => s.environments.map((e) => onChecks(environmentObject(e), e.checks, checkJudges.broadApprovers(environmentObject(e), `Environment ${e.name}`))),
  examples: {
    mustFlag: [snapshotOf({ environments: [environmentOf({ name: 'staging', checks: checks({ ...approval, approvers: [{ id: 'g', displayName: '[Storefront]\\Project Valid Users', isContainer: true }] }) })] })],
    mustNotFlag: [snapshotOf({ environments: [environmentOf({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ environments: [environmentOf()] })],
    notAvailable: [snapshotOf({ environments: [environmentOf({ checks: unavailableFacet() })] })],
  },
};

export const environmentsControls: readonly Control[] = [openToAll, approvals, branchControlControl, selfApprove, broadApprovers];
