// Secrets in pipeline configuration: planted credentials in plain values are found, located at the
// ADO object with the variable named, and redacted like repository secrets; secret (null) values,
// references and blanks are never scanned.
import { secretsScanner } from '../engine/secrets';
import { pipelineSecrets, plainValues } from './pipeline-secrets';
import { withoutPlainValues } from './snapshot';
import { buildDefinitionOf, releaseDefinitionOf, releaseStageOf, snapshotOf, variableGroupOf } from './testing';

// Built at run time so the repository's own secret scan does not flag this file.
const GITHUB_PAT = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0', 'k1L2m3N4o5P6q7R8'].join('');
const PASSWORD = ['S3cr3t!', 'Passw0rd2024x'].join('');

test('a GitHub token planted in a variable group plain value is found, located at the group, and redacted', () => {
  const s = snapshotOf({ variableGroups: [variableGroupOf({ name: 'web-prod', variables: [{ name: 'GITHUB_TOKEN', isSecret: false, plainValueForSecretsScan: GITHUB_PAT }, { name: 'region', isSecret: false, plainValueForSecretsScan: 'westeurope' }] })] });
  const { findings, valuesScanned } = pipelineSecrets(s, { salt: 'org-salt' });
  expect(valuesScanned).toBe(2);
  expect(findings).toHaveLength(1);
  const [f] = findings;
  expect(f.ruleId).toBe('SEC-GITHUB-PAT');
  expect(f.category).toBe('secret');
  expect(f.location).toMatchObject({ kind: 'ado-object', objectKind: 'variable-group', id: '1', name: 'web-prod', project: { name: 'Storefront' } });
  expect(f.details?.evidence).toEqual(expect.arrayContaining([{ label: 'Variable', value: 'GITHUB_TOKEN' }]));
  expect(f.message).toContain('variable GITHUB_TOKEN of variable group web-prod');
  // The same masked preview the repository scan gives for this value; never the value.
  const repo = secretsScanner.scan({ path: 'config.env', size: 0, content: Buffer.from(`GITHUB_TOKEN=${GITHUB_PAT}\n`) }, { options: { salt: 'org-salt' }, warn: () => undefined });
  expect(f.details?.secret?.preview).toBe(repo[0].details?.secret?.preview);
  expect(f.details?.secret?.preview).toBe('ghp_…R8');
  // One credential is one thing to rotate: the group key is the repository finding's.
  expect(f.groupKey).toBe(repo[0].groupKey);
  expect(JSON.stringify(findings)).not.toContain(GITHUB_PAT);
  expect(JSON.stringify(findings)).not.toContain(GITHUB_PAT.slice(4, 20));
});

test('secret-marked variables (null values), references, blanks and Key Vault groups are not scanned', () => {
  const s = snapshotOf({
    buildDefinitions: [
      buildDefinitionOf({
        variables: [
          { name: 'sqlPassword', isSecret: true, allowOverride: false, plainValueForSecretsScan: null },
          { name: 'apiToken', isSecret: false, allowOverride: false, plainValueForSecretsScan: '$(kv-api-token)' },
          { name: 'empty', isSecret: false, allowOverride: false, plainValueForSecretsScan: '  ' },
        ],
      }),
    ],
    variableGroups: [variableGroupOf({ type: 'AzureKeyVault', variables: [{ name: 'sql-password', isSecret: true, plainValueForSecretsScan: null }] })],
  });
  expect(plainValues(s)).toEqual([]);
  expect(pipelineSecrets(s, { salt: 'x' }).findings).toEqual([]);
});

test('build variables, classic task inputs, release and stage variables are scanned, each located at its pipeline', () => {
  const s = snapshotOf({
    buildDefinitions: [
      buildDefinitionOf({
        id: 7,
        name: 'web CI',
        processType: 'classic',
        variables: [{ name: 'DbPassword', isSecret: false, allowOverride: false, plainValueForSecretsScan: PASSWORD }],
        steps: [{ taskId: 'npm', displayName: 'npm publish', inputsForSecretsScan: { customCommand: `publish --token ${GITHUB_PAT}` } }],
      }),
    ],
    releaseDefinitions: [releaseDefinitionOf({ id: 7, name: 'web release', stages: [releaseStageOf({ name: 'Production', variables: [{ name: 'GH_TOKEN', isSecret: false, allowOverride: false, plainValueForSecretsScan: GITHUB_PAT }] })] })],
  });
  const { findings } = pipelineSecrets(s, { salt: 'x' });
  const seen = findings.map((f) => [f.location.kind === 'ado-object' ? f.location.id : '', f.ruleId, f.details?.evidence?.[0]?.value]).sort();
  expect(seen).toEqual([
    ['7', 'SEC-GENERIC-PASSWORD', 'DbPassword'],
    ['7', 'SEC-GITHUB-PAT', 'customCommand'],
    ['release-7', 'SEC-GITHUB-PAT', 'GH_TOKEN'],
  ]);
  const release = findings.find((f) => f.location.kind === 'ado-object' && f.location.id === 'release-7')!;
  expect(release.message).toContain('in variable GH_TOKEN (stage Production) of release pipeline web release');
  expect(release.details?.evidence).toEqual(expect.arrayContaining([{ label: 'Where', value: 'stage Production' }]));
  expect(findings.find((f) => f.details?.evidence?.[0]?.value === 'customCommand')!.details?.evidence?.[0]?.label).toBe('Task input');
  // Same credential, different places: different findings, one group.
  const pats = findings.filter((f) => f.ruleId === 'SEC-GITHUB-PAT');
  expect(new Set(pats.map((f) => f.fingerprint)).size).toBe(2);
  expect(new Set(pats.map((f) => f.groupKey)).size).toBe(1);
  expect(JSON.stringify(findings)).not.toContain(PASSWORD);
});

test('fingerprints are stable across runs and the remediation speaks of pipelines, not Git history', () => {
  const s = snapshotOf({ variableGroups: [variableGroupOf({ variables: [{ name: 'GITHUB_TOKEN', isSecret: false, plainValueForSecretsScan: GITHUB_PAT }] })] });
  const a = pipelineSecrets(s, { salt: 'x' }).findings[0];
  const b = pipelineSecrets(s, { salt: 'x' }).findings[0];
  expect(a.fingerprint).toBe(b.fingerprint);
  expect(a.remediation).toContain('secret variable');
  expect(a.remediation).not.toContain('filter-repo');
});

test('a snapshot stripped for display yields nothing to scan', () => {
  const s = snapshotOf({ variableGroups: [variableGroupOf({ variables: [{ name: 'GITHUB_TOKEN', isSecret: false, plainValueForSecretsScan: GITHUB_PAT }] })] });
  expect(pipelineSecrets(withoutPlainValues(s), { salt: 'x' }).findings).toEqual([]);
});
