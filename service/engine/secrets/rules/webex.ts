// Webex (Cisco Spark) access tokens (bot and user: 64 characters, _, 4 characters, _, org UUID)
// and integration client secrets found by key name.
import { BASE62, HEX, randomToken, inSyntax, inSyntaxes, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const orgId = '1eb65fdf-9643-417f-9974-ad72cae0e10f';
const sample = `${randomToken('webex', BASE62, 64)}_${randomToken('webex-cluster', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4)}_${orgId}`;
const secret = randomToken('webex-secret', HEX, 64);

export const rules: SecretRule[] = [
  {
    id: 'SEC-WEBEX-ACCESS-TOKEN', title: 'Webex access token',
    description: 'A Webex bot or user access token calls the Webex APIs as the bot or user: it reads and posts messages in every space it belongs to and, for users, reads meetings, recordings and people.',
    severity: 'high', confidence: 'high',
    remediation: revokeAt('Webex', 'developer.webex.com > My Webex Apps > the bot > Regenerate access token; for a user token, revoke the integration\'s grant'),
    helpUri: 'https://developer.webex.com/docs/bots',
    references: [{ type: 'trufflehog', id: 'webexbot', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/webexbot' }],
    keywords: ['webex', 'ciscospark'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>[A-Za-z0-9]{64}_[A-Za-z0-9]{4}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])/g,
    window: 'near',
    priority: 1,
    minEntropy: 3.5,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('WEBEX_BOT_TOKEN', sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code', 'python']),
        `curl https://webexapis.com/v1/people/me \\\n  -H "Authorization: Bearer ${sample}"\n`,
        `from webexteamssdk import WebexTeamsAPI\napi = WebexTeamsAPI(access_token="${sample}")\n`,
      ],
      mustNotFlag: [
        inSyntax('env', 'WEBEX_BOT_TOKEN', `${'X'.repeat(64)}_XXXX_${orgId}`),
        inSyntax('env', 'WEBEX_ORG_ID', orgId),
        inSyntax('yaml', 'webex_bot_token', sample.slice(0, 60)),
      ],
    })),
  },
  keyedRule({
    id: 'SEC-WEBEX-CLIENT-SECRET', title: 'Webex integration client secret',
    description: 'The client secret of a Webex integration: with its client id, it exchanges authorization codes and refresh tokens for access tokens of every user who authorized the integration.',
    remediation: revokeAt('Webex', 'developer.webex.com > My Webex Apps > the integration > Regenerate client secret'),
    helpUri: 'https://developer.webex.com/docs/integrations',
    keywords: ['webex'],
    keyPattern: 'webex[\\w.-]{0,20}secret',
    value: '[a-f0-9]{64}', sample: secret,
    keys: ['WEBEX_CLIENT_SECRET', 'webexClientSecret', 'webex.client.secret'],
    extraFlag: [`webexSecret := "${secret}"\n`],
    extraNotFlag: [`WEBEX_CLIENT_ID=C${randomToken('webex-client', HEX, 64)}\n`, `WEBEX_CLIENT_SECRET=${randomToken('webex-short', HEX, 40)}\n`],
  }),
];
