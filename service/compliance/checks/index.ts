// Every compliance check, in the order an auditor reads them (COMPLIANCE_CHECK_IDS).
import { COMPLIANCE_CHECK_IDS } from '../../contract/compliance-api';
import type { BranchCheck, ComplianceCheck, PullRequestCheck } from '../check';
import { branchApprovalCheck } from './branch-approval';
import { prApprovalCheck } from './pr-approval';
import { prDependenciesCheck, prSastCheck, prTestsCheck } from './pr-scans';

const rank = (c: ComplianceCheck): number => (COMPLIANCE_CHECK_IDS as readonly string[]).indexOf(c.meta.id);

export const complianceChecks: readonly ComplianceCheck[] = [branchApprovalCheck, prApprovalCheck, prSastCheck, prTestsCheck, prDependenciesCheck].sort((a, b) => rank(a) - rank(b));

export const pullRequestChecks: readonly PullRequestCheck[] = complianceChecks.filter((c): c is PullRequestCheck => c.subject === 'pull-request');
export const branchCheck: BranchCheck = branchApprovalCheck;
