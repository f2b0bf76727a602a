// Resend API keys: re_, 8 characters, _ and 24 characters.
import { randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

/** The alphabet Resend keys use (base58: no 0, O, I or l). */
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sample = `re_${randomToken('resend1', BASE58, 8)}_${randomToken('resend2', BASE58, 24)}`;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-RESEND-API-KEY', title: 'Resend API key', prefixes: ['re_'], body: '[A-Za-z0-9]{8}_[A-Za-z0-9]{24}', key: 'RESEND_API_KEY', severity: 'high',
      description: 'A Resend API key sends email from the account\'s verified domains (a full-access key also manages domains, audiences and other keys): enough for convincing phishing from the organization\'s own domain.',
      remediation: revokeAt('Resend', 'Dashboard > API Keys > delete'),
      helpUri: 'https://resend.com/docs/dashboard/api-keys/introduction',
      sample,
      extraFlag: [
        `import { Resend } from 'resend';\nconst resend = new Resend('${sample}');\n`,
        `import resend\nresend.api_key = "${sample}"\n`,
        `client := resend.NewClient("${sample}")\n`,
      ],
      extraNotFlag: [
        `const resend = new Resend('re_123456789');\n`,
        `RESEND_API_KEY=re_${randomToken('resend-short', BASE58, 8)}_${randomToken('resend-short2', BASE58, 12)}\n`,
        `def compare_${randomToken('resend-ident', 'abcdefghijklmnopqrstuvwxyz', 8)}_${randomToken('resend-ident2', 'abcdefghijklmnopqrstuvwxyz', 24)}(): pass\n`,
      ],
    }),
    references: [{ type: 'trufflehog', id: 'resend', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/resend' }],
  },
];
