// Iterable: API keys (32 hex), found by key name.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('iterable', HEX, 32);
/** `iterable` alone is a programming word (Iterable<T>): only iterable + api/key/token/secret names are keywords. */
const KEYWORDS = ['', '_', '-', '.'].flatMap((sep) => ['api', 'key', 'token', 'secret'].map((w) => `iterable${sep}${w}`));

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ITERABLE-API-KEY', title: 'Iterable API key',
    description: 'An Iterable server-side API key reads and updates user profiles and lists, and sends campaigns and messages; JWT-enabled keys need their JWT secret too.',
    remediation: revokeAt('Iterable', 'Integrations > API Keys > deactivate the key and create a new one'),
    helpUri: 'https://support.iterable.com/hc/en-us/articles/360043464871-API-Keys',
    keywords: KEYWORDS, keyPattern: 'iterable[_.-]?(?:api[_.-]?)?(?:key|token|secret)', value: '[a-f0-9]{32}',
    sample, keys: ['ITERABLE_API_KEY', 'iterableApiKey'],
    extraFlag: [`ITERABLE_API_KEY := ${sample}\n`, `iterableKey := "${sample}"\n`, `iterable.api.key=${sample}\n`],
    extraNotFlag: [
      inSyntax('env', 'ITERABLE_API_KEY', sample.slice(0, 30)),
      `from collections.abc import Iterable\niterable_count = "${sample}"\n`,
      inSyntax('env', 'ITERABLE_PROJECT_ID', '12345'),
    ],
  }),
];
