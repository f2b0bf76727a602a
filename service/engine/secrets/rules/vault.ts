// HashiCorp Vault tokens.
import { BASE62, BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, tokenRule } from './helpers';

const VAULT_REVOKE = 'Revoke the token (`vault token revoke`, or revoke its accessor / lease prefix) and audit its use; prefer short-lived tokens from an auth method (Azure, JWT/OIDC) over static tokens.';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-VAULT-SERVICE-TOKEN', title: 'HashiCorp Vault service token', prefixes: ['hvs.'], body: '[A-Za-z0-9_-]{90,120}', key: 'VAULT_TOKEN',
    remediation: VAULT_REVOKE, helpUri: 'https://developer.hashicorp.com/vault/docs/concepts/tokens', sample: 'hvs.' + randomToken('hvs', BASE64URL, 91),
    boundary: '[A-Za-z0-9_.-]',
  }),
  tokenRule({
    id: 'SEC-VAULT-BATCH-TOKEN', title: 'HashiCorp Vault batch token', prefixes: ['hvb.'], body: '[A-Za-z0-9_-]{138,300}', key: 'VAULT_BATCH_TOKEN', severity: 'high',
    remediation: VAULT_REVOKE, helpUri: 'https://developer.hashicorp.com/vault/docs/concepts/tokens', sample: 'hvb.' + randomToken('hvb', BASE64URL, 140),
    boundary: '[A-Za-z0-9_.-]',
  }),
  tokenRule({
    id: 'SEC-VAULT-RECOVERY-TOKEN', title: 'HashiCorp Vault recovery token', prefixes: ['hvr.'], body: '[A-Za-z0-9_-]{90,120}', key: 'VAULT_RECOVERY_TOKEN',
    remediation: VAULT_REVOKE, sample: 'hvr.' + randomToken('hvr', BASE64URL, 91), boundary: '[A-Za-z0-9_.-]',
  }),
  keyedRule({
    id: 'SEC-VAULT-LEGACY-TOKEN', title: 'HashiCorp Vault token (legacy s. format)', severity: 'critical',
    remediation: VAULT_REVOKE, keywords: ['vault'], keyPattern: 'vault[A-Za-z0-9_.-]{0,20}token',
    value: 's\\.[A-Za-z0-9]{24}', sample: 's.' + randomToken('vault-s', BASE62, 24), keys: ['VAULT_TOKEN', 'vaultToken'],
  }),
];
