// Posture controls: agent pools and their project queues (ADO-POOL-). Self-hosted agents run jobs
// inside your network and keep state between them: who may use a pool (all pipelines, every new
// project), whether its agents stay patched, and the checks on its queues.
import type { AgentPoolSnap, AgentQueueSnap, CheckSnap, OrgSnapshot } from '../snapshot';
import { agentPoolOf, agentQueueOf, openAccess, snapshotOf, unavailableFacet } from '../testing';
import type { Control } from './control';
import { agentPoolById } from './indexes';
import { azsk, ev, fail, notAvailableResult, notSent, onOff, owaspCicd as owasp, pass, postureMeta } from './helpers';
import { accessResult, checkJudges, onChecks, queueObject } from './resources';
import type { AdoObjectLocation } from '../../contract/model';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';

export function poolObject(p: AgentPoolSnap): AdoObjectLocation {
  return { kind: 'ado-object', objectKind: 'agent-pool', id: String(p.id), name: p.name, url: p.webUrl };
}

/** A queue whose pool is not Microsoft-hosted (unknown counts as self-hosted: open access is a risk either way). */
export function selfHostedQueues(s: OrgSnapshot): AgentQueueSnap[] {
  return s.agentQueues.filter((q) => (q.isHosted ?? (q.poolId === undefined ? undefined : agentPoolById(s, q.poolId)?.isHosted)) !== true);
}
const selfHostedPools = (s: OrgSnapshot): AgentPoolSnap[] => s.agentPools.filter((p) => p.isHosted !== true);

const approval: CheckSnap = { id: 1, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u1', displayName: 'Adele Vance' }], requesterCannotBeApprover: true };
const branchControl: CheckSnap = { id: 2, typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', kind: 'branchControl', inputs: { allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'true' } };
const checks = (...c: CheckSnap[]) => ({ state: 'available' as const, value: c });
const hostedQueue = () => agentQueueOf({ id: 5, name: 'Azure Pipelines', poolId: 1, poolName: 'Azure Pipelines', isHosted: true, pipelineAccess: openAccess() });

const openToAll: Control = {
  meta: postureMeta({
    id: 'ADO-POOL-OPEN-ACCESS',
    title: 'Self-hosted agent queues should not grant access to all pipelines',
    severity: 'high',
    description: 'A self-hosted queue open to all pipelines lets any pipeline of the project, including one from an unreviewed branch, run code on machines inside your network that keep state between jobs.',
    remediation: 'Open Project settings > Agent pools > the pool > Security, turn off "Grant access permission to all pipelines" under Pipeline permissions, and add only the pipelines that need it.',
    helpUri: `${LEARN}/agents/pools-queues#pipeline-permissions`,
    references: [azsk('ADO_AgentPool_AuthZ_Dont_Grant_All_Pipelines_Access'), owasp(5), owasp(7)],
  }),
  areas: ['agentPools'],
  evaluate: (s) => selfHostedQueues(s).map((q) => accessResult(queueObject(q), q.pipelineAccess, `Self-hosted agent queue ${q.name} is open to all pipelines of project ${q.projectName}.`, [ev('Pool', q.poolName)])),
  examples: {
    mustFlag: [snapshotOf({ agentPools: [agentPoolOf()], agentQueues: [agentQueueOf({ pipelineAccess: openAccess() })] })],
    mustNotFlag: [snapshotOf({ agentPools: [agentPoolOf()], agentQueues: [agentQueueOf(), hostedQueue()] })],
    notApplicable: [snapshotOf({ agentQueues: [hostedQueue()] })],
    notAvailable: [snapshotOf({ agentQueues: [agentQueueOf({ pipelineAccess: unavailableFacet() })] })],
  },
};

const autoProvision: Control = {
  meta: postureMeta({
    id: 'ADO-POOL-AUTO-PROVISION',
    title: 'Self-hosted agent pools should not be provisioned to every new project',
    severity: 'medium',
    description: '"Auto-provision this agent pool in all projects" gives every project created later a queue on these agents: their pipelines run on your machines without anyone deciding so.',
    remediation: 'Open Organization settings > Agent pools > the pool > Settings and turn off "Auto-provision this agent pool in all projects"; add the pool to the projects that need it by hand.',
    helpUri: `${LEARN}/agents/pools-queues`,
    references: [azsk('ADO_AgentPool_AuthZ_Dont_Enable_Auto_Provisioning'), owasp(5)],
  }),
  areas: ['agentPools'],
  evaluate: (s) =>
    selfHostedPools(s).map((p) => {
      const object = poolObject(p);
      const evidence = [ev('Auto-provision this agent pool in all projects', onOff(p.autoProvision)), ev('Microsoft-hosted', p.isHosted)];
      if (p.autoProvision === undefined) return notAvailableResult(object, notSent(`the auto-provision setting of pool ${p.name}`), evidence);
      return p.autoProvision ? fail(object, evidence, `Self-hosted agent pool ${p.name} is auto-provisioned to every project.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ agentPools: [agentPoolOf({ autoProvision: true })] })],
    mustNotFlag: [snapshotOf({ agentPools: [agentPoolOf(), agentPoolOf({ id: 1, name: 'Azure Pipelines', isHosted: true, autoProvision: true })] })],
    notApplicable: [snapshotOf({ agentPools: [agentPoolOf({ id: 1, name: 'Azure Pipelines', isHosted: true, autoProvision: true })] })],
    notAvailable: [snapshotOf({ agentPools: [agentPoolOf({ autoProvision: undefined })] })],
  },
};

const autoUpdate: Control = {
  meta: postureMeta({
    id: 'ADO-POOL-AUTO-UPDATE',
    title: 'Self-hosted agents should update themselves',
    severity: 'medium',
    description: 'With "Allow agents in this pool to automatically update" off, agents keep running an old agent version and the old task runners it brings, security fixes included.',
    remediation: 'Open Organization settings > Agent pools > the pool > Settings and turn on "Allow agents in this pool to automatically update".',
    helpUri: `${LEARN}/agents/agents#agent-version-and-upgrades`,
    references: [azsk('ADO_AgentPool_DP_Enable_Auto_Update'), owasp(7)],
  }),
  areas: ['agentPools'],
  evaluate: (s) =>
    selfHostedPools(s).map((p) => {
      const object = poolObject(p);
      const evidence = [ev('Allow agents in this pool to automatically update', onOff(p.autoUpdate)), ev('Agents', p.size)];
      if (p.autoUpdate === undefined) return notAvailableResult(object, notSent(`the auto-update setting of pool ${p.name}`), evidence);
      return p.autoUpdate ? pass(object, evidence) : fail(object, evidence, `Agents of self-hosted pool ${p.name} do not update themselves.`);
    }),
  examples: {
    mustFlag: [snapshotOf({ agentPools: [agentPoolOf({ autoUpdate: false })] })],
    mustNotFlag: [snapshotOf({ agentPools: [agentPoolOf()] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ agentPools: [agentPoolOf({ autoUpdate: undefined })] })],
  },
};

const branchControlControl: Control = {
  meta: postureMeta({
    id: 'ADO-POOL-BRANCH-CONTROL',
    title: 'Self-hosted agent queues should be limited to protected branches',
    severity: 'medium',
    description: 'Without a Branch control check that allows only protected branches, a run from any branch (one nobody reviewed) gets a self-hosted agent inside your network.',
    remediation: 'Open Project settings > Agent pools > the pool > Approvals and checks, add "Branch control", list the allowed branches and tick "Verify branch protection".',
    helpUri: `${LEARN}/process/approvals#branch-control`,
    references: [azsk('ADO_AgentPool_AuthZ_Enable_Branch_Control'), owasp(1)],
  }),
  areas: ['agentPools'],
  evaluate: (s) => selfHostedQueues(s).map((q) => onChecks(queueObject(q), q.checks, checkJudges.branchControl(queueObject(q), `Self-hosted agent queue ${q.name}`))),
  examples: {
    mustFlag: [snapshotOf({ agentQueues: [agentQueueOf()] })],
    mustNotFlag: [snapshotOf({ agentQueues: [agentQueueOf({ checks: checks(branchControl) })] })],
    notApplicable: [snapshotOf({ agentQueues: [hostedQueue()] })],
    notAvailable: [snapshotOf({ agentQueues: [agentQueueOf({ checks: unavailableFacet() })] })],
  },
};

const broadApprovers: Control = {
  meta: postureMeta({
    id: 'ADO-POOL-BROAD-APPROVERS',
    title: 'Agent queue approvers should not be broad groups',
    severity: 'high',
    description: 'An approval that Contributors or Project Valid Users may give can be given by almost anyone in the project: it guards nothing.',
    remediation: 'Open Project settings > Agent pools > the pool > Approvals and checks > the Approvals check, and replace the broad group with named approvers.',
    helpUri: `${LEARN}/process/approvals#approvals`,
    references: [azsk('ADO_AgentPool_Dont_Grant_Broader_Group_Access_As_Approvers'), owasp(1), owasp(2)],
  }),
  areas: ['agentPools'],
  evaluate: (s) => s.agentQueues.map((q) => onChecks(queueObject(q), q.checks, checkJudges.broadApprovers(queueObject(q), `Agent queue ${q.name}`))),
  examples: {
    mustFlag: [snapshotOf({ agentQueues: [agentQueueOf({ checks: checks({ ...approval, approvers: [{ id: 'g', displayName: 'Contributors', isContainer: true }] }) })] })],
    mustNotFlag: [snapshotOf({ agentQueues: [agentQueueOf({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ agentQueues: [agentQueueOf()] })],
    notAvailable: [snapshotOf({ agentQueues: [agentQueueOf({ checks: unavailableFacet() })] })],
  },
};

export const agentPoolsControls: readonly Control[] = [openToAll, autoProvision, autoUpdate, branchControlControl, broadApprovers];
