// Beamer API keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = 'b_' + randomToken('beamer', BASE64URL, 43) + '=';

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-BEAMER-API-KEY', title: 'Beamer API key',
      description: 'A Beamer API key (b_ + 44 characters): creates, edits and deletes the product\'s announcement posts and reads its users, feedback and NPS data.',
      remediation: revokeAt('Beamer', 'Settings > API > delete the key and create a new one'),
      helpUri: 'https://www.getbeamer.com/api',
      keywords: ['beamer'], keyPattern: 'beamer[\\w.-]{0,20}(?:key|token|secret)', value: 'b_[A-Za-z0-9=_-]{44}', minEntropy: 3.5,
      sample: key, keys: ['BEAMER_API_KEY', 'beamerApiKey'],
      extraFlag: [`curl -H "Beamer-Api-Key: ${key}" https://api.getbeamer.com/v0/posts\n`, `beamer.api.key=${key}\n`],
      extraNotFlag: ['\\documentclass{beamer}\n\\usetheme{Madrid}\n', `BEAMER_API_KEY=${key.slice(0, 30)}\n`, 'BEAMER_PRODUCT_ID=aBcDeFgH12345\n'],
    }),
    references: [{ type: 'gitleaks', id: 'beamer-api-token' }],
  },
];
