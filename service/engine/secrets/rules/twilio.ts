// Twilio API keys, auth tokens and account SIDs.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const twilioSid = 'AC' + randomToken('twilio-sid', HEX, 32);

const twilioToken = randomToken('twilio-token', HEX, 32);

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-TWILIO-API-KEY', title: 'Twilio API key', prefixes: ['SK'], body: '[0-9a-fA-F]{32}', key: 'TWILIO_API_KEY', keywords: ['twilio', 'api_key_sid', 'apikeysid'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('the Twilio console', 'Account > API keys & tokens > delete key'), helpUri: 'https://www.twilio.com/docs/iam/api-keys',
    sample: 'SK' + randomToken('twilio-sk', HEX, 32), confidence: 'medium', severity: 'high',
    validate: ({ window }) => /twilio|api[_-]?key|sid/i.test(window),
  }),
  {
    ...keyedRule({
      id: 'SEC-TWILIO-AUTH-TOKEN', title: 'Twilio auth token', severity: 'critical',
      remediation: revokeAt('the Twilio console', 'Account > API keys & tokens > request a secondary auth token, promote it'),
      helpUri: 'https://www.twilio.com/docs/iam/access-tokens',
      keywords: ['twilio', 'auth_token', 'authtoken'], keyPattern: 'twilio[A-Za-z0-9_.-]{0,20}(?:token|secret)|auth[_-]?token',
      value: '[a-f0-9]{32}', sample: twilioToken, keys: ['TWILIO_AUTH_TOKEN', 'twilioAuthToken'],
      extraFlag: [`TWILIO_ACCOUNT_SID=${twilioSid}\nTWILIO_AUTH_TOKEN=${twilioToken}\n`],
    }),
    pairWith: { ruleId: 'SEC-TWILIO-ACCOUNT-SID', label: 'account SID', within: 1000 },
  },
  tokenRule({
    id: 'SEC-TWILIO-ACCOUNT-SID', title: 'Twilio account SID', prefixes: ['AC'], body: '[a-f0-9]{32}', key: 'TWILIO_ACCOUNT_SID', keywords: ['twilio', 'account_sid', 'accountsid'], keywordsOnly: true, window: 'near',
    description: 'A Twilio account SID: an identifier, reported because it usually sits next to the auth token.',
    severity: 'low', confidence: 'medium', remediation: 'No rotation needed for the SID itself; check that its auth token is not exposed too.',
    sample: twilioSid, validate: ({ window }) => /twilio|account[_-]?sid/i.test(window),
  }),
];
