// DeepL API authentication keys (UUID, with :fx for DeepL API Free).
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, plausibleValue, revokeAt } from './helpers';

const VALUE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::fx)?';
const r = (seed: string, n: number): string => randomToken(seed, HEX, n);
const key = `${r('deepl1', 8)}-${r('deepl2', 4)}-4${r('deepl3', 3)}-9${r('deepl4', 3)}-${r('deepl5', 12)}:fx`;

const keyed = keyedRule({
  id: 'SEC-DEEPL-API-KEY', title: 'DeepL API key',
  description: 'A DeepL API authentication key (UUID, ending in :fx for DeepL API Free): translates text and documents on the account\'s character quota (billed on Pro) and manages its glossaries.',
  remediation: revokeAt('DeepL', 'Account > API Keys > deactivate the key and create a new one'),
  helpUri: 'https://developers.deepl.com/docs/getting-started/auth',
  // Not the word deepl in deeplink / deeplearning: only deepl_…, deepl-…, deeplApiKey and the like.
  keywords: ['deepl_', 'deepl-', 'deepl.', 'deeplauth', 'deeplapi', 'deeplkey'],
  keyPattern: '(?<![A-Za-z0-9])deepl(?:[_.-]?(?:auth|api|free|pro))?[_.-]?(?:key|token|secret)', value: VALUE,
  sample: key, keys: ['DEEPL_AUTH_KEY', 'deeplApiKey', 'DEEPL_API_KEY'],
  extraFlag: [
    `curl -X POST https://api-free.deepl.com/v2/translate --header "Authorization: DeepL-Auth-Key ${key}" --data "text=Hello" --data "target_lang=DE"\n`,
    `translator = deepl.Translator("${key}")\n`,
    `deepl.auth_key = "${key.replace(':fx', '')}"\n`,
  ],
  extraNotFlag: [
    'translator = deepl.Translator(os.environ["DEEPL_AUTH_KEY"])\n',
    `DEEPLINK_SECRET=${key.replace(':fx', '')}\n`,
    'curl -H "Authorization: DeepL-Auth-Key $DEEPL_AUTH_KEY" https://api-free.deepl.com/v2/usage\n',
  ],
});

export const rules: SecretRule[] = [
  {
    ...keyed,
    // Also the documented header (Authorization: DeepL-Auth-Key <key>) and deepl.Translator("<key>") (group 1).
    pattern: new RegExp(`${keyed.pattern!.source}|(?:deepl-auth-key[ \\t]{1,4}|deepl\\.translator\\([ \\t]{0,4}["'])(${VALUE})(?![A-Za-z0-9+/_.~-])`, 'gi'),
    validate: (ctx) => ctx.match.groups?.secret === undefined || plausibleValue(ctx),
    references: [{ type: 'trufflehog', id: 'deepl', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/deepl' }],
  },
];
