// HashiCorp Vault tokens and Terraform Cloud / Enterprise API tokens.
import { BASE62, BASE64URL, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const VAULT_REVOKE = 'Revoke the token (`vault token revoke`, or revoke its accessor / lease prefix) and audit its use; prefer short-lived tokens from an auth method (Azure, JWT/OIDC) over static tokens.';

// Terraform tokens put their marker in the middle: <14 chars>.atlasv1.<60-70 chars>.
const tfToken = randomToken('tfc1', BASE62, 14) + '.atlasv1.' + randomToken('tfc2', BASE64URL, 67);
const terraformCloud: SecretRule = {
  id: 'SEC-TERRAFORM-CLOUD-TOKEN',
  title: 'Terraform Cloud / Enterprise API token',
  description: 'A user, team or organization API token for HCP Terraform / Terraform Enterprise: it runs plans and applies, and reads state (which holds secrets).',
  severity: 'critical',
  confidence: 'high',
  remediation: revokeAt('HCP Terraform', 'User settings > Tokens, or the team/organization token page'),
  helpUri: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
  keywords: ['.atlasv1.'],
  pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/g,
  window: 'token',
  priority: 1,
  examples: lazyExamples(() => ({
    mustFlag: [
      inSyntax('env', 'TF_TOKEN_app_terraform_io', tfToken),
      `credentials "app.terraform.io" {\n  token = "${tfToken}"\n}\n`,
      inSyntax('pipeline', 'TFE_TOKEN', tfToken),
    ],
    mustNotFlag: [
      `credentials "app.terraform.io" {\n  token = var.tfc_token\n}\n`,
      inSyntax('env', 'TFE_TOKEN', 'xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
    ],
  })),
};

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
  terraformCloud,
];

