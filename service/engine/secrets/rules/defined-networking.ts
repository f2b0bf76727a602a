// Defined Networking (managed Nebula) API keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const key = `dnkey-${randomToken('dnkey1', BASE64URL, 26)}-${randomToken('dnkey2', BASE64URL, 52)}`;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-DEFINED-NETWORKING-API-KEY', title: 'Defined Networking API key', severity: 'high',
      description: 'A Defined Networking API key (dnkey-…): manages the organization\'s Nebula overlay network within the key\'s scopes: creates hosts and enrollment codes, and changes roles, firewall rules and routes.',
      prefixes: ['dnkey-'], body: '[A-Za-z0-9_=-]{26}-[A-Za-z0-9_=-]{52}', boundary: '[A-Za-z0-9_=-]', key: 'DN_API_KEY', minEntropy: 3.5,
      remediation: revokeAt('Defined Networking', 'admin panel > API Keys > delete the key'),
      helpUri: 'https://docs.defined.net/guides/automating-host-creation/',
      sample: key,
      extraFlag: [`provider "definednet" {\n  token = "${key}"\n}\n`, `dnKey := "${key}"\n`],
      extraNotFlag: [`DN_API_KEY=dnkey-${'X'.repeat(26)}-${'X'.repeat(52)}\n`, `DN_API_KEY=${key.slice(0, 40)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'defined-networking-api-token' }],
  },
];
