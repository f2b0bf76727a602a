// The tricky reads of the pipeline and service connection controls: fork settings once the project's
// and the trigger's protections apply, classic creation switches, credential task inputs, the
// authentication and Azure scope of a connection.
import type { PipelineSettings, PipelineTrigger, ServiceConnectionSnap } from '../snapshot';
import { buildDefinitionOf, projectOf, serviceConnectionOf, snapshotOf, unavailableFacet } from '../testing';
import { classicCreationDisabled, forkFacts, literalCredentialInputs, pipelinesControls } from './pipelines';
import { armSecret, broadScope } from './service-connections';

const pr = (forks: PipelineTrigger['forks'], more: Partial<PipelineTrigger> = {}): PipelineTrigger => ({ triggerType: 'pullRequest', forks, ...more });
const facts = (triggers: PipelineTrigger[], settings?: PipelineSettings | 'unavailable') =>
  forkFacts(
    snapshotOf({ projects: settings === undefined ? [] : [projectOf({ pipelineSettings: settings === 'unavailable' ? unavailableFacet() : { state: 'available', value: settings } })] }),
    buildDefinitionOf({ triggers }),
  );

describe('fork facts', () => {
  test.each<[string, PipelineTrigger[], PipelineSettings | 'unavailable' | undefined, { builds: boolean | undefined; secrets: boolean | undefined; fullToken: boolean | undefined }]>([
    ['no pull request trigger', [{ triggerType: 'continuousIntegration' }], {}, { builds: false, secrets: false, fullToken: false }],
    ['forks off', [pr({ enabled: false, allowSecrets: true })], {}, { builds: false, secrets: false, fullToken: false }],
    ['forks on, secrets on', [pr({ enabled: true, allowSecrets: true, allowFullAccessToken: false })], {}, { builds: true, secrets: true, fullToken: false }],
    ['project withholds secrets', [pr({ enabled: true, allowSecrets: true, allowFullAccessToken: true })], { enforceNoAccessToSecretsFromForks: true }, { builds: true, secrets: false, fullToken: true }],
    ['project scopes the fork token', [pr({ enabled: true, allowSecrets: false, allowFullAccessToken: true })], { enforceJobAuthScopeForForks: true }, { builds: true, secrets: false, fullToken: false }],
    ['project turns fork builds off', [pr({ enabled: true, allowSecrets: true })], { buildsEnabledForForks: false }, { builds: false, secrets: false, fullToken: false }],
    ['the trigger carries the effective protection', [pr({ enabled: true, allowSecrets: true }, { pipelineTriggerSettings: { enforceNoAccessToSecretsFromForks: true } })], {}, { builds: true, secrets: false, fullToken: undefined }],
    ['forks not sent', [pr(undefined)], {}, { builds: undefined, secrets: undefined, fullToken: undefined }],
    ['one trigger unknown, another builds with secrets', [pr(undefined), pr({ enabled: true, allowSecrets: true, allowFullAccessToken: false })], {}, { builds: true, secrets: true, fullToken: false }],
    ['project settings unreadable: the pipeline\'s own settings stand', [pr({ enabled: true, allowSecrets: true, allowFullAccessToken: false })], 'unavailable', { builds: true, secrets: true, fullToken: false }],
  ])('%s', (_name, triggers, settings, expected) => {
    expect(facts(triggers, settings)).toMatchObject(expected);
  });

  test('a comment is required when the trigger or the project says so; unknown when neither says', () => {
    expect(facts([pr({ enabled: true }, { isCommentRequiredForPullRequest: true })], {}).commentRequired).toBe(true);
    expect(facts([pr({ enabled: true })], { isCommentRequiredForPullRequest: true }).commentRequired).toBe(true);
    expect(facts([pr({ enabled: true }, { isCommentRequiredForPullRequest: false })], {}).commentRequired).toBe(false);
    expect(facts([pr({ enabled: true })], {}).commentRequired).toBeUndefined();
    expect(facts([pr({ enabled: false })], {}).commentRequired).toBe(true);
  });
});

test.each<[PipelineSettings, boolean | undefined, boolean | undefined]>([
  [{}, undefined, undefined],
  [{ disableClassicPipelineCreation: true }, true, true],
  [{ disableClassicBuildPipelineCreation: true, disableClassicReleasePipelineCreation: false }, true, false],
  [{ disableClassicPipelineCreation: false }, false, false],
  [{ disableClassicPipelineCreation: false, disableClassicReleasePipelineCreation: true }, false, true],
])('classic creation disabled %j: build %s, release %s', (settings, build, release) => {
  expect(classicCreationDisabled(settings, 'build')).toBe(build);
  expect(classicCreationDisabled(settings, 'release')).toBe(release);
});

test('credential task inputs: literal values only, disabled tasks skipped, names of inputs and tasks only', () => {
  const found = literalCredentialInputs([
    { taskId: 't1', displayName: 'Publish', inputsForSecretsScan: { password: 'hunter2hunter2', passwordFile: '/tmp/p', token: '$(npmToken)', user: 'build' } },
    { taskId: 't2', enabled: false, inputsForSecretsScan: { apiKey: 'abc123abc123' } },
    { taskId: 't3', inputsForSecretsScan: { connectionString: 'Server=db;Password=x' } },
  ]);
  expect(found).toEqual(['Publish: password', 't3: connectionString']);
});

test.each<[string, Partial<ServiceConnectionSnap>, boolean | undefined]>([
  ['secret', { authorizationScheme: 'ServicePrincipal', authenticationType: 'spnKey' }, true],
  ['certificate', { authorizationScheme: 'ServicePrincipal', authenticationType: 'spnCertificate' }, false],
  ['service principal, type not sent', { authorizationScheme: 'ServicePrincipal' }, undefined],
  ['odd casing', { authorizationScheme: 'serviceprincipal', authenticationType: 'SPNKEY' }, true],
  ['workload identity federation', { authorizationScheme: 'WorkloadIdentityFederation' }, false],
  ['managed identity', { authorizationScheme: 'ManagedServiceIdentity' }, false],
  ['publish profile', { authorizationScheme: 'PublishProfile' }, true],
  ['scheme not sent', { authorizationScheme: undefined }, undefined],
])('ARM connection with %s signs in with a secret: %s', (_name, p, expected) => {
  expect(armSecret(serviceConnectionOf(p))).toBe(expected);
});

test.each<[ServiceConnectionSnap['azureScope'], boolean | undefined]>([
  [{ level: 'resourceGroup', resourceGroup: 'rg' }, false],
  [{ level: 'subscription', subscriptionId: 's' }, true],
  [{ level: 'managementGroup', managementGroupId: 'mg' }, true],
  [{ level: 'machineLearningWorkspace' }, false],
  [{ level: 'unknown' }, undefined],
  [undefined, undefined],
])('Azure scope %j is broad: %s', (azureScope, expected) => {
  expect(broadScope(serviceConnectionOf({ azureScope }))).toBe(expected);
});

test('every pipeline control judges build definitions only and names the pipeline at its page', () => {
  const s = snapshotOf({ buildDefinitions: [buildDefinitionOf({ id: 3, name: 'api CI', processType: 'classic', jobAuthorizationScope: 'projectCollection', triggers: [pr({ enabled: true, allowSecrets: true })] })] });
  for (const c of pipelinesControls) {
    for (const r of c.evaluate(s)) {
      expect(r.object).toMatchObject({ kind: 'ado-object', objectKind: 'pipeline', id: '3', name: 'api CI', project: { name: 'Storefront' } });
    }
  }
});
