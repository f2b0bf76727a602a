// Finicity (Mastercard Open Banking) partner secrets and app keys.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const REMEDIATION = revokeAt('the Mastercard Developers (Finicity) portal', 'the project > credentials > rotate the Partner Secret and App Key');
const HELP = 'https://developer.mastercard.com/open-banking-us/documentation/quick-start-guide/';
const secret = randomToken('finicity-secret', BASE62, 20);
const appKey = randomToken('finicity-app-key', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-FINICITY-PARTNER-SECRET', title: 'Finicity partner secret', severity: 'critical',
      description: 'A Finicity partner secret (20 characters): with the partner id and app key it obtains tokens for the Open Banking API: reads connected customers\' bank accounts, balances, transactions and statements.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['finicity'], keyPattern: 'finicity[\\w.-]{0,20}(?:secret|password)', value: '[A-Za-z0-9]{20}', minEntropy: 3.3,
      sample: secret, keys: ['FINICITY_PARTNER_SECRET', 'finicitySecret'],
      extraFlag: [`finicity:\n  partner-id: "2445583946651"\n  partner-secret: "${secret}"\n  finicity-secret: "${secret}"\n`, `finicity.partner.secret=${secret}\n`],
      extraNotFlag: ['FINICITY_PARTNER_ID=2445583946651\n', `FINICITY_PARTNER_SECRET=${secret.slice(0, 16)}\n`],
    }),
    priority: 1,
    references: [{ type: 'gitleaks', id: 'finicity-client-secret' }],
  },
  {
    ...keyedRule({
      id: 'SEC-FINICITY-APP-KEY', title: 'Finicity app key',
      description: 'A Finicity app key (32 hex, sent as Finicity-App-Key): identifies the app on every Open Banking API call; with the partner secret it authenticates the partner.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['finicity'], keyPattern: 'finicity[\\w.-]{0,20}(?:key|token)', value: '[a-f0-9]{32}',
      sample: appKey, keys: ['FINICITY_APP_KEY', 'finicityAppKey'],
      extraFlag: [`curl -H "Finicity-App-Key: ${appKey}" -H "Accept: application/json" https://api.finicity.com/aggregation/v2/partners/authentication\n`],
      extraNotFlag: [`FINICITY_APP_KEY=${appKey.slice(0, 28)}\n`, 'FINICITY_BASE_URL=https://api.finicity.com\n'],
    }),
    references: [{ type: 'gitleaks', id: 'finicity-api-token' }],
  },
];
