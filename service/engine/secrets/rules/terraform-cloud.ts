// HCP Terraform (Terraform Cloud) / Terraform Enterprise API tokens.
import { BASE62, BASE64URL, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt } from './helpers';

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
  terraformCloud,
];
