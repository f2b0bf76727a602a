// The joins of the combined paths: which objects a path links, and that closing any one link passes.
import type { BranchPolicySnap, CheckSnap, OrgSnapshot, PipelineTrigger, ServiceConnectionSnap } from '../snapshot';
import {
  branchPolicyOf,
  buildDefinitionOf,
  closedAccess,
  environmentOf,
  openAccess,
  projectOf,
  releaseDefinitionOf,
  releaseStageOf,
  repositoryOf,
  serviceConnectionOf,
  snapshotOf,
  TEST_PROJECT,
  unavailableFacet,
  variableGroupOf,
} from '../testing';
import { combinedControls, requiresReview } from './combined';
import type { ControlResult } from './control';

const control = (id: string) => combinedControls.find((c) => c.meta.id === id)!;
const outcomes = (id: string, s: OrgSnapshot): string[] => control(id).evaluate(s).map((r: ControlResult) => r.outcome);

const OTHER = { id: 'a8b1c2d3-0000-4000-8000-000000000002', name: 'Payments' };
const accessIn = (project: { id: string; name: string }, access = openAccess()) => [{ projectId: project.id, projectName: project.name, access }];
const forks = (allowSecrets: boolean): PipelineTrigger => ({ triggerType: 'pullRequest', forks: { enabled: true, allowSecrets, allowFullAccessToken: false } });
const approval: CheckSnap = { id: 1, typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', kind: 'approval', approvers: [{ id: 'u', displayName: 'Adele' }] };

describe('ADO-PATH-FORK-SECRETS-CONNECTION fork secrets beside a usable connection', () => {
  const pipeline = buildDefinitionOf({ id: 42, triggers: [forks(true)] });
  test.each<[string, Partial<ServiceConnectionSnap>, string[]]>([
    ['open to all pipelines in the project', { pipelineAccess: accessIn(TEST_PROJECT) }, ['fail']],
    ['authorized for this pipeline only', { pipelineAccess: accessIn(TEST_PROJECT, { state: 'available', value: { allPipelines: false, authorizedPipelineIds: [42] } }) }, ['fail']],
    ['authorized for another pipeline', { pipelineAccess: accessIn(TEST_PROJECT, { state: 'available', value: { allPipelines: false, authorizedPipelineIds: [7] } }) }, ['pass']],
    ['open in another project only', { pipelineAccess: accessIn(OTHER) }, ['pass']],
    ['permissions unreadable', { pipelineAccess: accessIn(TEST_PROJECT, unavailableFacet()) }, ['not-available']],
    [
      'permissions unreadable, but the pipeline used it lately',
      { pipelineAccess: accessIn(TEST_PROJECT, unavailableFacet()), recentUse: { state: 'available', value: [{ definitionId: 42, planType: 'Build', projectId: TEST_PROJECT.id }] } },
      ['fail'],
    ],
    ['a release with the same id used it', { pipelineAccess: accessIn(TEST_PROJECT, closedAccess()), recentUse: { state: 'available', value: [{ definitionId: 42, planType: 'Release', projectId: TEST_PROJECT.id }] } }, ['pass']],
  ])('connection %s', (_name, c, expected) => {
    expect(outcomes('ADO-PATH-FORK-SECRETS-CONNECTION', snapshotOf({ buildDefinitions: [pipeline], serviceConnections: [serviceConnectionOf(c)] }))).toEqual(expected);
  });

  test('the project withholding secrets from forks closes the path (nothing to judge)', () => {
    const s = snapshotOf({
      projects: [projectOf({ pipelineSettings: { state: 'available', value: { enforceNoAccessToSecretsFromForks: true } } })],
      buildDefinitions: [pipeline],
      serviceConnections: [serviceConnectionOf({ pipelineAccess: accessIn(TEST_PROJECT) })],
    });
    expect(outcomes('ADO-PATH-FORK-SECRETS-CONNECTION', s)).toEqual([]);
  });

  test('a fail names the pipeline and the connection', () => {
    const [r] = control('ADO-PATH-FORK-SECRETS-CONNECTION').evaluate(snapshotOf({ buildDefinitions: [pipeline], serviceConnections: [serviceConnectionOf({ name: 'azure-prod', pipelineAccess: accessIn(TEST_PROJECT) })] }));
    expect(r.message).toContain('web CI');
    expect(r.message).toContain('azure-prod');
    expect(r.evidence).toEqual(expect.arrayContaining([{ label: 'Make secrets available to builds of forks', value: 'On' }, { label: 'Service connections it can use', value: 'azure-prod' }]));
  });
});

describe('ADO-PATH-UNREVIEWED-TO-PROD an unreviewed branch deploying to production', () => {
  test.each<[string, Partial<BranchPolicySnap>, boolean]>([
    ['blocking minimum reviewers 2', {}, true],
    ['blocking minimum reviewers 1', { settings: { kind: 'minimumReviewers', minimumApproverCount: 1 } }, true],
    ['minimum reviewers 0', { settings: { kind: 'minimumReviewers', minimumApproverCount: 0 } }, false],
    ['optional (not blocking)', { isBlocking: false }, false],
    ['disabled', { isEnabled: false }, false],
    ['deleted', { isDeleted: true }, false],
    ['required reviewers on every path', { typeName: 'requiredReviewers', settings: { kind: 'requiredReviewers', requiredReviewerIds: ['g'] } }, true],
    ['required reviewers on some paths only', { typeName: 'requiredReviewers', settings: { kind: 'requiredReviewers', requiredReviewerIds: ['g'], filenamePatterns: ['/infra/*'] } }, false],
    ['a build policy', { typeName: 'build', settings: { kind: 'build', buildDefinitionId: 1 } }, false],
  ])('%s requires review: %s', (_name, p, expected) => {
    expect(requiresReview([branchPolicyOf(p)])).toBe(expected);
  });

  const repo = repositoryOf();
  const yaml = buildDefinitionOf({ id: 42, repository: { id: repo.id, type: 'TfsGit', name: repo.name } });
  test.each<[string, Partial<ServiceConnectionSnap>, string[]]>([
    ['a production connection open to all pipelines, no approval', { name: 'azure-production', pipelineAccess: accessIn(TEST_PROJECT) }, ['fail']],
    ['a production connection authorized for the pipeline', { name: 'prd-deploy', pipelineAccess: accessIn(TEST_PROJECT, { state: 'available', value: { allPipelines: false, authorizedPipelineIds: [42] } }) }, ['fail']],
    ['a production connection with an approval', { name: 'azure-production', pipelineAccess: accessIn(TEST_PROJECT), checks: { state: 'available', value: [approval] } }, ['pass']],
    ['a disabled approval does not count', { name: 'azure-production', pipelineAccess: accessIn(TEST_PROJECT), checks: { state: 'available', value: [{ ...approval, disabled: true }] } }, ['fail']],
    ['a non-production connection', { name: 'azure-dev', pipelineAccess: accessIn(TEST_PROJECT) }, ['pass']],
    ['a production connection the pipeline may not use', { name: 'azure-production', pipelineAccess: accessIn(TEST_PROJECT, closedAccess()) }, ['pass']],
    ['checks unreadable', { name: 'azure-production', pipelineAccess: accessIn(TEST_PROJECT), checks: unavailableFacet() }, ['not-available']],
  ])('%s', (_name, c, expected) => {
    expect(outcomes('ADO-PATH-UNREVIEWED-TO-PROD', snapshotOf({ buildDefinitions: [yaml], repositories: [repo], serviceConnections: [serviceConnectionOf(c)] }))).toEqual(expected);
  });

  test('classic pipelines and GitHub repositories are not judged; a repository not read is not available', () => {
    expect(outcomes('ADO-PATH-UNREVIEWED-TO-PROD', snapshotOf({ buildDefinitions: [{ ...yaml, processType: 'classic' }], repositories: [repo] }))).toEqual([]);
    expect(outcomes('ADO-PATH-UNREVIEWED-TO-PROD', snapshotOf({ buildDefinitions: [yaml] }))).toEqual(['not-available']);
  });
});

describe('ADO-PATH-SECRETS-GROUP-FORKS a secrets group open where forks are built', () => {
  const group = (project: { id: string; name: string }) => variableGroupOf({ variables: [{ name: 'npmToken', isSecret: true, plainValueForSecretsScan: null }], projects: [project], pipelineAccess: accessIn(project) });
  const forkBuild = (project: { id: string; name: string }) => buildDefinitionOf({ projectId: project.id, projectName: project.name, triggers: [forks(false)] });
  test.each<[string, OrgSnapshot, string[]]>([
    ['same project', snapshotOf({ variableGroups: [group(TEST_PROJECT)], buildDefinitions: [forkBuild(TEST_PROJECT)] }), ['fail']],
    ['fork builds in another project', snapshotOf({ variableGroups: [group(TEST_PROJECT)], buildDefinitions: [forkBuild(OTHER)] }), ['pass']],
    [
      'the project turns fork builds off',
      snapshotOf({ projects: [projectOf({ pipelineSettings: { state: 'available', value: { buildsEnabledForForks: false } } })], variableGroups: [group(TEST_PROJECT)], buildDefinitions: [forkBuild(TEST_PROJECT)] }),
      ['pass'],
    ],
  ])('%s', (_name, s, expected) => {
    expect(outcomes('ADO-PATH-SECRETS-GROUP-FORKS', s)).toEqual(expected);
  });
});

describe('ADO-PATH-SUBSCRIPTION-SECRET-OPEN subscription-wide secret open to all', () => {
  const base: Partial<ServiceConnectionSnap> = { authorizationScheme: 'ServicePrincipal', authenticationType: 'spnKey', azureScope: { level: 'subscription', subscriptionId: 's' }, pipelineAccess: accessIn(TEST_PROJECT) };
  test.each<[string, Partial<ServiceConnectionSnap>, string[]]>([
    ['all three links', {}, ['fail']],
    ['management group scope', { azureScope: { level: 'managementGroup', managementGroupId: 'mg' } }, ['fail']],
    ['resource group scope', { azureScope: { level: 'resourceGroup', resourceGroup: 'rg' } }, ['pass']],
    ['certificate', { authenticationType: 'spnCertificate' }, ['pass']],
    ['workload identity federation', { authorizationScheme: 'WorkloadIdentityFederation', authenticationType: undefined }, ['pass']],
    ['closed access', { pipelineAccess: accessIn(TEST_PROJECT, closedAccess()) }, ['pass']],
    ['access unreadable', { pipelineAccess: accessIn(TEST_PROJECT, unavailableFacet()) }, ['not-available']],
  ])('%s', (_name, p, expected) => {
    expect(outcomes('ADO-PATH-SUBSCRIPTION-SECRET-OPEN', snapshotOf({ serviceConnections: [serviceConnectionOf({ ...base, ...p })] }))).toEqual(expected);
  });
});

describe('ADO-PATH-CLASSIC-PROD-UNCHECKED classic production release through an unchecked connection', () => {
  const sc = serviceConnectionOf();
  const stage = (name: string, inputs: Record<string, string>, enabled = true) => releaseStageOf({ name, steps: [{ taskId: 'deploy', enabled, inputsForSecretsScan: inputs }] });
  test.each<[string, ReturnType<typeof releaseStageOf>, string]>([
    ['the connection id as the input', stage('Production', { ConnectedServiceName: sc.id }), 'fail'],
    ['upper-cased id among several', stage('Prod', { endpoints: `other, ${sc.id.toUpperCase()}` }), 'fail'],
    ['a non-production stage', stage('QA', { ConnectedServiceName: sc.id }), 'not-applicable'],
    ['a disabled task', stage('Production', { ConnectedServiceName: sc.id }, false), 'pass'],
    ['no connection used', stage('Production', { script: 'echo hi' }), 'pass'],
  ])('%s', (_name, st, expected) => {
    expect(outcomes('ADO-PATH-CLASSIC-PROD-UNCHECKED', snapshotOf({ releaseDefinitions: [releaseDefinitionOf({ stages: [st] })], serviceConnections: [sc] }))).toEqual([expected]);
  });
});

describe('ADO-PATH-PROD-ENV-OPEN production open to all without approval', () => {
  test.each<[string, Parameters<typeof environmentOf>[0], string]>([
    ['open, no approval', { pipelineAccess: openAccess() }, 'fail'],
    ['closed', {}, 'pass'],
    ['approval, access unreadable', { pipelineAccess: unavailableFacet(), checks: { state: 'available', value: [approval] } }, 'pass'],
    ['open, checks unreadable', { pipelineAccess: openAccess(), checks: unavailableFacet() }, 'not-available'],
    ['not production', { name: 'test', pipelineAccess: openAccess() }, 'not-applicable'],
  ])('%s', (_name, e, expected) => {
    expect(outcomes('ADO-PATH-PROD-ENV-OPEN', snapshotOf({ environments: [environmentOf(e)] }))).toEqual([expected]);
  });
});
