// Posture controls: secure files (ADO-SF-). One result per file: open to all pipelines, and the
// approvals and checks that guard it (signing certificates, provisioning profiles, keystores).
import type { CheckSnap } from '../snapshot';
import { openAccess, secureFileOf, snapshotOf, unavailableFacet } from '../testing';
import type { Control } from './control';
import { azsk, defender, owaspCicd as owasp, postureMeta } from './helpers';
import { accessResult, checkJudges, onChecks, secureFileObject } from './resources';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';

const approval: CheckSnap = { id: 1, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u1', displayName: 'Adele Vance' }], requesterCannotBeApprover: true };
const branchControl: CheckSnap = { id: 2, typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', kind: 'branchControl', inputs: { allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'true' } };
const checks = (...c: CheckSnap[]) => ({ state: 'available' as const, value: c });

const openToAll: Control = {
  meta: postureMeta({
    id: 'ADO-SF-OPEN-ACCESS',
    title: 'Secure files should not grant access to all pipelines',
    severity: 'high',
    description: 'A secure file (a signing certificate, a provisioning profile, a keystore, an SSH key) open to all pipelines can be downloaded by any pipeline of the project, including one built from an unreviewed branch.',
    remediation: 'Open Pipelines > Library > Secure files > the file > Pipeline permissions, turn off open access, and add only the pipelines that need it.',
    helpUri: `${LEARN}/library/secure-files`,
    references: [defender("Azure DevOps secure files shouldn't grant access to all pipelines"), azsk('ADO_SecureFile_AuthZ_Dont_Grant_All_Pipelines_Access'), owasp(5), owasp(6)],
  }),
  areas: ['secureFiles'],
  evaluate: (s) => s.secureFiles.map((f) => accessResult(secureFileObject(f), f.pipelineAccess, `Secure file ${f.name} is open to all pipelines of project ${f.projectName}.`)),
  examples: {
    mustFlag: [snapshotOf({ secureFiles: [secureFileOf({ pipelineAccess: openAccess() })] })],
    mustNotFlag: [snapshotOf({ secureFiles: [secureFileOf()] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ secureFiles: [secureFileOf({ pipelineAccess: unavailableFacet() })] })],
  },
};

const noChecksControl: Control = {
  meta: postureMeta({
    id: 'ADO-SF-NO-CHECKS',
    title: 'Secure files should have approvals or checks',
    severity: 'medium',
    description: 'Without approvals or checks, any authorized pipeline run, from any branch, downloads the file with nobody asked.',
    remediation: 'Open Pipelines > Library > Secure files > the file > Approvals and checks, and add an Approvals check or Branch control.',
    helpUri: `${LEARN}/process/approvals`,
    references: [owasp(1), owasp(6)],
  }),
  areas: ['secureFiles'],
  evaluate: (s) => s.secureFiles.map((f) => onChecks(secureFileObject(f), f.checks, checkJudges.anyCheck(secureFileObject(f), `Secure file ${f.name}`))),
  examples: {
    mustFlag: [snapshotOf({ secureFiles: [secureFileOf()] })],
    mustNotFlag: [snapshotOf({ secureFiles: [secureFileOf({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ secureFiles: [secureFileOf({ checks: unavailableFacet() })] })],
  },
};

const branchControlControl: Control = {
  meta: postureMeta({
    id: 'ADO-SF-BRANCH-CONTROL',
    title: 'Secure files should be limited to protected branches',
    severity: 'medium',
    description: 'Without a Branch control check that allows only protected branches, a run from any branch (one nobody reviewed) can download the file and sign whatever it likes with it.',
    remediation: 'Open Pipelines > Library > Secure files > the file > Approvals and checks, add "Branch control", list the allowed branches and tick "Verify branch protection".',
    helpUri: `${LEARN}/process/approvals#branch-control`,
    references: [azsk('ADO_SecureFile_AuthZ_Enable_Branch_Control'), owasp(1)],
  }),
  areas: ['secureFiles'],
  evaluate: (s) => s.secureFiles.map((f) => onChecks(secureFileObject(f), f.checks, checkJudges.branchControl(secureFileObject(f), `Secure file ${f.name}`))),
  examples: {
    mustFlag: [snapshotOf({ secureFiles: [secureFileOf({ checks: checks(approval) })] })],
    mustNotFlag: [snapshotOf({ secureFiles: [secureFileOf({ checks: checks(branchControl) })] })],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ secureFiles: [secureFileOf({ checks: unavailableFacet() })] })],
  },
};

const broadApprovers: Control = {
  meta: postureMeta({
    id: 'ADO-SF-BROAD-APPROVERS',
    title: 'Secure file approvers should not be broad groups',
    severity: 'high',
    description: 'An approval that Contributors or Project Valid Users may give can be given by almost anyone in the project: it guards nothing.',
    remediation: 'Open Pipelines > Library > Secure files > the file > Approvals and checks > the Approvals check, and replace the broad group with named approvers.',
    helpUri: `${LEARN}/process/approvals#approvals`,
    references: [azsk('ADO_SecureFile_Dont_Grant_Broader_Group_Access_As_Approvers'), owasp(1), owasp(2)],
  }),
  areas: ['secureFiles'],
  evaluate: (s) => s.secureFiles.map((f) => onChecks(secureFileObject(f), f.checks, checkJudges.broadApprovers(secureFileObject(f), `Secure file ${f.name}`))),
  examples: {
    mustFlag: [snapshotOf({ secureFiles: [secureFileOf({ checks: checks({ ...approval, approvers: [{ id: 'g', uniqueName: '[Storefront]\\Readers', isContainer: true }] }) })] })],
    mustNotFlag: [snapshotOf({ secureFiles: [secureFileOf({ checks: checks(approval) })] })],
    notApplicable: [snapshotOf({ secureFiles: [secureFileOf()] })],
    notAvailable: [snapshotOf({ secureFiles: [secureFileOf({ checks: unavailableFacet() })] })],
  },
};

export const secureFilesControls: readonly Control[] = [openToAll, noChecksControl, branchControlControl, broadApprovers];
