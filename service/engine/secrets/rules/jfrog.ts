// JFrog Artifactory API keys and reference tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-JFROG-API-KEY', title: 'JFrog Artifactory API key', prefixes: ['AKCp'], body: '[A-Za-z0-9]{69}', key: 'ARTIFACTORY_API_KEY',
    remediation: revokeAt('JFrog', 'Edit profile > API key > revoke'), sample: 'AKCp' + randomToken('jfrog', BASE62, 69),
  }),
  tokenRule({
    id: 'SEC-JFROG-REFERENCE-TOKEN', title: 'JFrog reference / access token', prefixes: ['cmVmdGtuOjAxOj'], body: '[A-Za-z0-9]{50}', key: 'JFROG_ACCESS_TOKEN',
    remediation: revokeAt('JFrog', 'Administration > User management > Access tokens'), sample: 'cmVmdGtuOjAxOj' + randomToken('jfrog-ref', BASE62, 50),
  }),
];
