// Salesforce: session / OAuth access tokens (org id '!' token) and connected app consumer secrets.
import { BASE62, HEX_UPPER, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, tokenRule } from './helpers';

const orgId = '00D' + randomToken('sf-org', BASE62, 12);
const access = `${orgId}!AQ${randomToken('sf-token', BASE62 + '._', 94)}`;
const consumerSecret = randomToken('sf-consumer', HEX_UPPER, 64);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-SALESFORCE-ACCESS-TOKEN', title: 'Salesforce access token', prefixes: ['00D'], body: '[A-Za-z0-9]{12,15}![A-Za-z0-9._]{90,120}',
      key: 'SALESFORCE_ACCESS_TOKEN', boundary: '[A-Za-z0-9_.]',
      description: 'A Salesforce session or OAuth access token (the org id, "!", then the session) acts as its user on the org\'s REST and SOAP APIs until it expires or is revoked: every record, report and setting the user can reach.',
      remediation: 'Revoke the session in Salesforce (Setup > Session Management, or the user\'s OAuth connected apps > Revoke; POST /services/oauth2/revoke), and rotate the credentials that issued it.',
      helpUri: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_access_tokens.htm',
      sample: access,
      extraFlag: [
        `sf = Salesforce(instance_url='https://acme.my.salesforce.com', session_id='${access}')\n`,
        `export SF_ACCESS_TOKEN='${access}'\nsf org login access-token --instance-url https://acme.my.salesforce.com --no-prompt\n`,
      ],
      extraNotFlag: [
        `SALESFORCE_ORG_ID=${orgId}EAC\n`,
        `checksum: 2f00d${randomToken('sf-hex', HEX_UPPER.toLowerCase(), 59)}\n`,
      ],
    }),
    references: [{ type: 'trufflehog', id: 'salesforce', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/salesforce' }],
  },
  keyedRule({
    id: 'SEC-SALESFORCE-CONSUMER-SECRET', title: 'Salesforce connected app consumer secret',
    description: 'The consumer secret of a Salesforce connected app: with its consumer key (3MVG…), it obtains OAuth tokens for the app (client credentials or username-password flows act as the integration user without anyone signing in).',
    remediation: 'Regenerate the consumer secret in Salesforce (Setup > App Manager > the connected app > Manage Consumer Details > Generate), then update the integrations that use it.',
    helpUri: 'https://help.salesforce.com/s/articleView?id=sf.connected_app_rotate_consumer_details.htm',
    keywords: ['salesforce', 'sfdc'],
    keyPattern: '(?:salesforce|sfdc)[\\w.-]{0,20}(?:consumer|client)[\\w.-]{0,8}secret',
    value: '[A-F0-9]{64}|[0-9]{19}', sample: consumerSecret,
    keys: ['SALESFORCE_CLIENT_SECRET', 'SALESFORCE_CONSUMER_SECRET', 'sfdcConsumerSecret'],
    extraFlag: [
      `salesforce.consumer.secret=${consumerSecret}\n`,
      `SFDC_CLIENT_SECRET := ${consumerSecret}\n`,
      `SALESFORCE_CONSUMER_SECRET=${randomToken('sf-numeric', '123456789', 1)}${randomToken('sf-numeric2', '0123456789', 18)}\n`,
    ],
    extraNotFlag: [
      `SALESFORCE_CLIENT_ID=3MVG9${randomToken('sf-client-id', BASE62, 80)}\n`,
      `SALESFORCE_CLIENT_SECRET=${randomToken('sf-short', HEX_UPPER, 32)}\n`,
    ],
  }),
];
