// Mixpanel: API secrets and service account secrets (32 characters), found by key name. The project
// token is public (it ships in every page using Mixpanel) and is not flagged.
import { BASE62, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('mixpanel', BASE62, 32);
const apiSecret = randomToken('mixpanel-api', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-MIXPANEL-SECRET', title: 'Mixpanel API or service account secret',
      description: 'A Mixpanel service account secret (paired with the account\'s user name) or project API secret exports and deletes event and user data and imports events. The public project token is not flagged.',
      remediation: revokeAt('Mixpanel', 'Organization settings > Service accounts > delete the account, or Project settings > reset the API secret'),
      helpUri: 'https://developer.mixpanel.com/reference/service-accounts',
      keywords: ['mixpanel'], keyPattern: 'mixpanel[\\w.-]{0,20}(?:secret|password)', value: '[A-Za-z0-9]{32}',
      sample, keys: ['MIXPANEL_SERVICE_ACCOUNT_SECRET', 'mixpanelApiSecret'],
      extraFlag: [inSyntax('env', 'MIXPANEL_API_SECRET', apiSecret), `MIXPANEL_SECRET := ${sample}\n`, `mixpanel.api.secret=${apiSecret}\n`],
      extraNotFlag: [
        inSyntax('env', 'MIXPANEL_TOKEN', apiSecret),
        inSyntax('env', 'MIXPANEL_SERVICE_ACCOUNT_USERNAME', 'ci-export.7a1c2f.mp-service-account'),
        inSyntax('env', 'MIXPANEL_API_SECRET', apiSecret.slice(0, 28)),
      ],
    }),
    references: [{ type: 'trufflehog', id: 'mixpanel', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/mixpanel' }],
  },
];
