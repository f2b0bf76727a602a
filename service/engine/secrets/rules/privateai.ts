// Private AI (PII redaction API) API keys: 32 characters without a prefix, found by key name.
import { ALNUM_LOWER, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('privateai', ALNUM_LOWER, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-PRIVATEAI-API-KEY', title: 'Private AI API key',
      description: 'A Private AI API key sends text and files to the de-identification API on the account\'s quota; the requests it can make often carry the very personal data the service is used to protect.',
      remediation: revokeAt('Private AI', 'the customer portal, API keys'),
      helpUri: 'https://docs.private-ai.com/reference/latest/operation/metrics_metrics_get/',
      keywords: ['privateai', 'private_ai', 'private-ai'],
      keyPattern: 'private[_-]?ai[\\w.-]{0,20}(?:key|token|secret)',
      value: '[a-z0-9]{32}', sample,
      keys: ['PRIVATE_AI_API_KEY', 'privateaiToken', 'private-ai-key'],
      extraFlag: [
        `privateAiKey := "${sample}"\n`,
        `redact:\n\tPRIVATEAI_API_KEY := ${sample}\n`,
        `privateai.api.key=${sample}\n`,
      ],
      extraNotFlag: [
        `PRIVATE_AI_API_KEY=${randomToken('privateai-short', ALNUM_LOWER, 24)}\n`,
        `PRIVATE_AI_URL=https://api.private-ai.com/community/v4\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'privateai-api-token' }],
  },
];
