// Databricks / Azure Databricks personal access tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DATABRICKS-TOKEN', title: 'Azure Databricks / Databricks personal access token', prefixes: ['dapi'], body: '[a-f0-9]{32}(?:-[0-9]{1,2})?', key: 'DATABRICKS_TOKEN',
    remediation: revokeAt('the Databricks workspace', 'User settings > Developer > Access tokens, or the admin token management API') + ' Prefer Entra ID tokens or OAuth M2M for automation.',
    helpUri: 'https://learn.microsoft.com/azure/databricks/dev-tools/auth/pat', sample: 'dapi' + randomToken('databricks', HEX, 32) + '-2',
  }),
];
