// Help Scout: OAuth app secrets (32 characters) and Docs API keys (40 hex), found by key name.
import { BASE62, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('helpscout', BASE62, 32);
const docsKey = randomToken('helpscout-docs', HEX, 40);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-HELPSCOUT-API-KEY', title: 'Help Scout app secret or API key',
      description: 'A Help Scout OAuth app secret (paired with its app id) or Docs API key reads and changes conversations, customers and knowledge-base articles.',
      remediation: revokeAt('Help Scout', 'Your Profile > My Apps > the app > regenerate the secret, or Your Profile > Authentication > API Keys'),
      helpUri: 'https://developer.helpscout.com/mailbox-api/overview/authentication/',
      keywords: ['helpscout', 'help_scout', 'help-scout'], keyPattern: 'help[_-]?scout[\\w.-]{0,20}(?:key|token|secret)',
      value: '[A-Za-z0-9]{32}|[a-f0-9]{40}',
      sample, keys: ['HELPSCOUT_APP_SECRET', 'helpscoutDocsApiKey'],
      extraFlag: [inSyntax('env', 'HELPSCOUT_DOCS_API_KEY', docsKey), `HELP_SCOUT_APP_SECRET := ${sample}\n`, `helpscout.app.secret=${sample}\n`],
      extraNotFlag: [inSyntax('env', 'HELPSCOUT_APP_SECRET', sample.slice(0, 28)), inSyntax('env', 'HELPSCOUT_MAILBOX_ID', '184932')],
    }),
    references: [{ type: 'trufflehog', id: 'helpscout', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/helpscout' }],
  },
];
