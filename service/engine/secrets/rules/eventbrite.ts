// Eventbrite private tokens and OAuth client secrets.
import { UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const token = randomToken('eventbrite', UPPER_ALNUM, 20);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-EVENTBRITE-TOKEN', title: 'Eventbrite private token',
      description: 'An Eventbrite private (OAuth) token (20 characters): acts as the user on the Eventbrite API: creates and edits events, and reads orders and attendees with their names, emails and answers.',
      remediation: revokeAt('Eventbrite', 'Account settings > Developer links > API keys > the key > regenerate the private token (or delete the key)'),
      helpUri: 'https://www.eventbrite.com/platform/api#/introduction/authentication',
      keywords: ['eventbrite'],
      // EVENTBRITE_TOKEN = …, and the documented …eventbriteapi.com/v3/…?token=… form.
      keyPattern: 'eventbrite[\\w.-]{0,20}(?:key|token|secret)|eventbriteapi\\.com/v3/[A-Za-z0-9/_.-]{0,80}\\?(?=token=)',
      value: '[A-Z0-9]{20}', minEntropy: 3.3,
      sample: token, keys: ['EVENTBRITE_TOKEN', 'eventbritePrivateToken', 'EVENTBRITE_API_KEY'],
      extraFlag: [`curl "https://www.eventbriteapi.com/v3/users/me/?token=${token}"\n`, `EVENTBRITE_OAUTH_TOKEN := ${token}\n`],
      extraNotFlag: [`EVENTBRITE_TOKEN=${token.slice(0, 16)}\n`, 'EVENTBRITE_ORGANIZATION_ID=412305982731\n'],
    }),
    references: [{ type: 'trufflehog', id: 'eventbrite', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/eventbrite' }],
  },
];
