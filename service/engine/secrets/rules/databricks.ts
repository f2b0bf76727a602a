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
  tokenRule({
    id: 'SEC-DATABRICKS-OAUTH-SECRET', title: 'Databricks service principal OAuth secret', prefixes: ['dose'], body: '[a-f0-9]{32}', key: 'DATABRICKS_CLIENT_SECRET',
    description: 'A Databricks OAuth secret of a service principal (dose + 32 hex): with the client id it gets workspace or account tokens as the service principal.',
    remediation: revokeAt('the Databricks account console', 'User management > Service principals > Secrets'), helpUri: 'https://docs.databricks.com/en/dev-tools/auth/oauth-m2m.html',
    sample: 'dose' + randomToken('databricks-dose', HEX, 32), minEntropy: 3,
  }),
];
