// Asana personal access tokens (0/…, 1/…, 2/… formats) and OAuth client secrets.
import { ALNUM_LOWER, DIGITS, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const REVOKE = revokeAt('Asana', 'My settings > Apps > Developer apps');
const v2 = '2/' + randomToken('asana-v2a', DIGITS, 16) + '/' + randomToken('asana-v2b', DIGITS, 16) + ':' + randomToken('asana-v2c', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-ASANA-PAT', title: 'Asana personal access token', remediation: REVOKE, helpUri: 'https://developers.asana.com/docs/personal-access-token',
      keywords: ['asana'], keyPattern: 'asana[A-Za-z0-9_.-]{0,20}(?:token|pat|key|secret)',
      // 0/<32 hex> (oldest), 1/<user id>:<32>, 2/<user id>/<app id>:<32 hex>.
      value: '0/[a-f0-9]{32}|1/[0-9]{10,20}:[A-Za-z0-9]{32}|2/[0-9]{10,20}/[0-9]{10,20}:[a-f0-9]{32}',
      sample: '1/' + randomToken('asana1', DIGITS, 16) + ':' + randomToken('asana2', HEX, 32), keys: ['ASANA_TOKEN', 'asanaAccessToken', 'ASANA_PAT'],
      extraFlag: [inSyntax('env', 'ASANA_PAT', v2), inSyntax('yaml', 'asana_token', '0/' + randomToken('asana-v0', HEX, 32)), `client = asana.Client(asana_pat="${v2}")\n`],
      extraNotFlag: [inSyntax('env', 'ASANA_TOKEN', '1/1234567890123456:' + '0'.repeat(32)), inSyntax('env', 'ASANA_TOKEN', '2/1208/1209:abc')],
    }),
    references: [{ type: 'trufflehog', id: 'asanapersonalaccesstoken', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/asanapersonalaccesstoken' }],
  },
  keyedRule({
    id: 'SEC-ASANA-CLIENT-SECRET', title: 'Asana OAuth client secret', remediation: revokeAt('the Asana developer console', 'app > OAuth > reset client secret'),
    keywords: ['asana'], keyPattern: 'asana[A-Za-z0-9_.-]{0,20}(?:client[_-]?)?secret', value: '[a-z0-9]{32}',
    validate: ({ secret }) => /[0-9]/.test(secret) && /[a-z]/.test(secret),
    sample: randomToken('asana-secret', ALNUM_LOWER, 32), keys: ['ASANA_CLIENT_SECRET', 'asanaSecret'],
  }),
];
