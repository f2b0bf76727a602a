// WakaTime API keys: waka_ and a UUID, and legacy bare UUIDs found by key name.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const uuid = '9e4b7c21-5a3f-4d86-b0e2-7c1a9f4d3b68';
const sample = 'waka_' + uuid;
const REMEDIATION = revokeAt('WakaTime', 'Settings > Account > API Key > Regenerate');
const HELP = 'https://wakatime.com/developers#authentication';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-WAKATIME-API-KEY', title: 'WakaTime API key', prefixes: ['waka_'], body: UUID, key: 'WAKATIME_API_KEY', severity: 'medium', boundary: '[A-Za-z0-9_-]', minEntropy: 3,
    description: 'A WakaTime API key reads the user\'s coding activity (projects, files, repositories and time spent) and writes heartbeats in the user\'s name.',
    remediation: REMEDIATION, helpUri: HELP,
    sample,
    extraFlag: [`[settings]\ndebug = false\napi_key = ${sample}\n`, `curl -u ${sample}: https://wakatime.com/api/v1/users/current\n`],
    extraNotFlag: [`[settings]\napi_key = waka_00000000-0000-0000-0000-000000000000\n`, `WAKATIME_API_KEY=waka_${uuid.slice(0, 20)}\n`],
  }),
  keyedRule({
    id: 'SEC-WAKATIME-API-KEY-LEGACY', title: 'WakaTime API key (legacy UUID format)', severity: 'medium',
    description: 'A WakaTime API key from before the waka_ prefix: it reads the user\'s coding activity and writes heartbeats in the user\'s name.',
    remediation: REMEDIATION, helpUri: HELP,
    keywords: ['wakatime'],
    keyPattern: 'wakatime[\\w.-]{0,20}(?:key|token)',
    value: UUID, sample: uuid,
    keys: ['WAKATIME_API_KEY', 'wakatimeKey', 'wakatime.api.key'],
    extraFlag: [`wakatimeApiKey := "${uuid}"\n`],
    extraNotFlag: [`WAKATIME_API_KEY=00000000-0000-0000-0000-000000000000\n`, `WAKATIME_PROJECT=vigil\n`],
  }),
];
