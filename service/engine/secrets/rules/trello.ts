// Trello: user tokens (ATTA + 64 hex + 8 hex), and API keys, legacy tokens and OAuth secrets found
// by key name.
import { HEX, HEX_UPPER, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, tokenRule } from './helpers';

const token = 'ATTA' + randomToken('trello-token', HEX, 64) + randomToken('trello-check', HEX_UPPER, 8);
const apiKey = randomToken('trello-key', HEX, 32);
const legacyToken = randomToken('trello-legacy', HEX, 64);
const REMEDIATION = 'Revoke the token in Trello (Account > Settings > Applications > Revoke, or DELETE /1/tokens/{token}); for an API key or secret, regenerate it on the Power-Up admin page (trello.com/power-ups/admin > API key).';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-TRELLO-TOKEN', title: 'Trello user token', prefixes: ['ATTA'], body: '[a-f0-9]{64}[A-F0-9]{8}', key: 'TRELLO_TOKEN',
      keywords: ['trello'], keywordsOnly: true, window: 'near', severity: 'high',
      description: 'A Trello user token, with the (public) API key of the application it was granted to, acts as the user: it reads and changes every board, card and attachment the user can see, often without expiry.',
      remediation: REMEDIATION,
      helpUri: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/',
      sample: token,
      extraFlag: [
        `const trello = createTrelloClient({ apiKey: '${apiKey}', apiToken: '${token}' });\n`,
        `curl 'https://api.trello.com/1/members/me?key=${apiKey}&token=${token}'\n`,
      ],
      extraNotFlag: [`TRELLO_TOKEN=ATTA${'0'.repeat(72)}\n`, `TRELLO_TOKEN=ATTA${randomToken('trello-short', HEX, 40)}\n`],
    }),
    references: [{ type: 'trufflehog', id: 'trelloapikey', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/trelloapikey' }],
  },
  {
    ...keyedRule({
      id: 'SEC-TRELLO-API-KEY', title: 'Trello API key, legacy token or OAuth secret',
      description: 'A Trello API key (32 hex) identifies an application and, with any token granted to it, reaches the token user\'s boards; a legacy 64-hex token or the application\'s OAuth secret grants access on its own.',
      remediation: REMEDIATION,
      helpUri: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/api-introduction/',
      keywords: ['trello'],
      keyPattern: 'trello[\\w.-]{0,20}(?:key|token|secret)',
      value: '[a-f0-9]{64}|[A-Za-z0-9]{32}', sample: apiKey,
      keys: ['TRELLO_API_KEY', 'TRELLO_TOKEN', 'trelloApiSecret'],
      extraFlag: [`TRELLO_TOKEN=${legacyToken}\n`, `trelloKey := "${apiKey}"\n`],
      extraNotFlag: [`TRELLO_BOARD_ID=${randomToken('trello-board', HEX, 24)}\n`, `TRELLO_API_KEY=${randomToken('trello-kshort', HEX, 20)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'trello-access-token' }],
  },
];
