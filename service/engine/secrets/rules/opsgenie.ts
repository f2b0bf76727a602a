// Opsgenie: API keys (UUIDs), by key name or in the `Authorization: GenieKey …` header.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const hex = randomToken('opsgenie', HEX, 32);
const sample = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
const base = keyedRule({
  id: 'SEC-OPSGENIE-API-KEY', title: 'Opsgenie API key',
  description: 'An Opsgenie API key (account or integration) creates, closes and reads alerts and, with configuration access, changes teams, schedules and escalations: on-call paging can be silenced or flooded.',
  remediation: revokeAt('Opsgenie', 'Settings > API key management (or the integration\'s page) > delete or regenerate the key'),
  helpUri: 'https://docs.opsgenie.com/docs/api-key-management',
  keywords: ['opsgenie', 'ops_genie', 'geniekey'], keyPattern: 'ops[_-]?genie[\\w.-]{0,20}(?:key|token|secret)', value: UUID,
  sample, keys: ['OPSGENIE_API_KEY', 'opsgenieApiKey'],
  extraFlag: [
    `curl -X POST https://api.opsgenie.com/v2/alerts -H "Content-Type: application/json" -H "Authorization: GenieKey ${sample}" -d '{"message": "disk full"}'\n`,
    `OPSGENIE_API_KEY := ${sample}\n`,
    `opsgenie.api.key=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'OPSGENIE_API_KEY', sample.slice(0, 30)),
    'curl https://api.opsgenie.com/v2/alerts -H "Authorization: GenieKey ${OPSGENIE_KEY}"\n',
    inSyntax('env', 'OPSGENIE_TEAM_ID', 'platform-oncall'),
  ],
});

/** `Authorization: GenieKey <key>`. */
const HEADER = `(?<=GenieKey[ \\t]{1,4})${UUID}(?![0-9a-f-])`;

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${HEADER}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'opsgenie', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/opsgenie' }],
  },
];
