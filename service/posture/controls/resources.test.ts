// The names the pipeline and resource controls read as credentials or production, and how open
// access and checks of a resource turn into results.
import type { AdoObjectLocation } from '../../contract/model';
import { closedAccess, openAccess, unavailableFacet } from '../testing';
import {
  accessResult,
  checkJudges,
  isBroadGroup,
  isProductionLike,
  isReferenceOnly,
  looksLikeSecretName,
  onChecks,
  sharedAccessResult,
  weakBranchControl,
} from './resources';
import type { CheckSnap } from '../snapshot';

const object: AdoObjectLocation = { kind: 'ado-object', objectKind: 'environment', id: '1', name: 'production' };

test.each([
  ['Production', true],
  ['production', true],
  ['prod', true],
  ['Prod-EU', true],
  ['web-prd-2', true],
  ['PRD1', true],
  ['Pre-Prod', true],
  ['Pre-Production', true],
  ['preprod', true],
  ['Live', true],
  ['go-live', true],
  ['ProdWest', true],
  ['product-catalog', false],
  ['products', false],
  ['deliver', false],
  ['olive', false],
  ['Staging', false],
  ['dev', false],
  ['QA', false],
  ['reproduce', false],
])('production-like name %s: %s', (name, expected) => {
  expect(isProductionLike(name)).toBe(expected);
});

test('the production words can be configured', () => {
  expect(isProductionLike('Staging', ['staging'])).toBe(true);
  expect(isProductionLike('Production', ['staging'])).toBe(false);
});

test.each([
  ['DbPassword', true],
  ['sql_password', true],
  ['SQL_PWD', true],
  ['GITHUB_TOKEN', true],
  ['npmAuthToken', true],
  ['api.key', true],
  ['API_KEY', true],
  ['storageAccountKey', true],
  ['clientSecret', true],
  ['ConnectionString', true],
  ['sqlConnectionString', true],
  ['ado-pat', true],
  ['sasToken', true],
  ['credentials', true],
  ['PrivateKey', true],
  ['secretName', false],
  ['tokenUrl', false],
  ['passwordFile', false],
  ['keyVaultName', false],
  ['publicKey', false],
  ['sshHostKey', false],
  ['partitionKey', false],
  ['buildConfiguration', false],
  ['keyboardLayout', false],
  ['monkey', false],
  ['passage', false],
])('credential-like name %s: %s', (name, expected) => {
  expect(looksLikeSecretName(name)).toBe(expected);
});

test.each([
  ['$(sqlPassword)', true],
  [' $(a.b) ', true],
  ['$[variables.x]', true],
  ['${{ parameters.token }}', true],
  ['#{Token}#', true],
  ['__SQL_PASSWORD__', true],
  ['p@ss$(suffix)', false],
  ['hunter2', false],
])('reference-only value %s: %s', (value, expected) => {
  expect(isReferenceOnly(value)).toBe(expected);
});

test.each([
  [{ id: 'g', displayName: 'Contributors', isContainer: true }, true],
  [{ id: 'g', uniqueName: '[Storefront]\\Project Valid Users', isContainer: true }, true],
  [{ id: 'g', displayName: '[contoso]\\Project Collection Valid Users' }, true],
  [{ id: 'g', displayName: 'Release Approvers', isContainer: true }, false],
  [{ id: 'u', displayName: 'Adele Vance', uniqueName: 'adele@contoso.com' }, false],
])('broad approver group %j: %s', (identity, expected) => {
  expect(isBroadGroup(identity)).toBe(expected);
});

const branchControl = (inputs: Record<string, string>): CheckSnap => ({ id: 1, typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7', kind: 'branchControl', inputs });

test.each([
  [{ allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'true' }, undefined],
  [{ allowedBranches: 'refs/heads/main,refs/heads/release/*', ensureProtectionOfBranch: 'True' }, undefined],
  [{ allowedBranches: '*', ensureProtectionOfBranch: 'true' }, 'allowed branches: *'],
  [{ allowedBranches: '', ensureProtectionOfBranch: 'true' }, 'allowed branches: none listed'],
  [{ allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'false' }, 'branches need not be protected'],
  [{ allowedBranches: 'refs/heads/main' }, 'branches need not be protected'],
])('branch control %j is weak: %s', (inputs, expected) => {
  expect(weakBranchControl(branchControl(inputs))).toBe(expected);
});

test('open access: fail when open, pass when closed, the facet reason when unreadable', () => {
  expect(accessResult(object, openAccess(), 'open').outcome).toBe('fail');
  expect(accessResult(object, closedAccess(), 'open').outcome).toBe('pass');
  const na = accessResult(object, unavailableFacet(), 'open');
  expect(na.outcome).toBe('not-available');
  expect(na.reason?.code).toBe('forbidden');
});

test('shared open access: open in one project fails even when another is unreadable; unreadable alone is not available', () => {
  const open = { projectId: 'a', projectName: 'A', access: openAccess() };
  const unknown = { projectId: 'b', projectName: 'B', access: unavailableFacet<never>() };
  const closed = { projectId: 'c', projectName: 'C', access: closedAccess() };
  expect(sharedAccessResult(object, [unknown, open], 'x')).toMatchObject({ outcome: 'fail', message: 'x is open to all pipelines in A.' });
  expect(sharedAccessResult(object, [closed, unknown], 'x').outcome).toBe('not-available');
  expect(sharedAccessResult(object, [closed], 'x').outcome).toBe('pass');
  expect(sharedAccessResult(object, [], 'x').outcome).toBe('not-available');
});

test('checks: disabled checks do not count; requester approval and broad approvers read the approval checks only', () => {
  const approval = (p: Partial<CheckSnap>): CheckSnap => ({ id: 2, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u', displayName: 'Adele' }], ...p });
  const judge = (checks: CheckSnap[], j: keyof typeof checkJudges) => onChecks(object, { state: 'available', value: checks }, checkJudges[j](object, 'production')).outcome;
  expect(judge([approval({ disabled: true })], 'approval')).toBe('fail');
  expect(judge([approval({})], 'approval')).toBe('pass');
  expect(judge([], 'anyCheck')).toBe('fail');
  expect(judge([approval({ requesterCannotBeApprover: true })], 'requesterApproves')).toBe('pass');
  expect(judge([approval({})], 'requesterApproves')).toBe('fail');
  expect(judge([], 'requesterApproves')).toBe('not-applicable');
  expect(judge([approval({ approvers: [{ id: 'g', displayName: 'Contributors' }] })], 'broadApprovers')).toBe('fail');
  expect(judge([branchControl({ allowedBranches: 'refs/heads/main', ensureProtectionOfBranch: 'true' })], 'branchControl')).toBe('pass');
  expect(judge([branchControl({ allowedBranches: '*', ensureProtectionOfBranch: 'true' })], 'branchControl')).toBe('fail');
  expect(onChecks(object, unavailableFacet(), checkJudges.anyCheck(object, 'production')).outcome).toBe('not-available');
});
