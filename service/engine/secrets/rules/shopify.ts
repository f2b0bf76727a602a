// Shopify access tokens and app shared secrets.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const SHOPIFY = revokeAt('Shopify', 'the app\'s API credentials in the Partner dashboard or the store admin (Apps > Develop apps)');

export const rules: SecretRule[] = [
  tokenRule({ id: 'SEC-SHOPIFY-ACCESS-TOKEN', title: 'Shopify Admin API access token', prefixes: ['shpat_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_ACCESS_TOKEN', remediation: SHOPIFY, sample: 'shpat_' + randomToken('shpat', HEX, 32) }),
  tokenRule({ id: 'SEC-SHOPIFY-CUSTOM-APP-TOKEN', title: 'Shopify custom app access token', prefixes: ['shpca_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_CUSTOM_APP_TOKEN', remediation: SHOPIFY, sample: 'shpca_' + randomToken('shpca', HEX, 32) }),
  tokenRule({ id: 'SEC-SHOPIFY-PRIVATE-APP-TOKEN', title: 'Shopify private app access token', prefixes: ['shppa_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_PRIVATE_APP_PASSWORD', remediation: SHOPIFY, sample: 'shppa_' + randomToken('shppa', HEX, 32) }),
  tokenRule({ id: 'SEC-SHOPIFY-SHARED-SECRET', title: 'Shopify app shared secret', prefixes: ['shpss_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_API_SECRET', remediation: SHOPIFY, sample: 'shpss_' + randomToken('shpss', HEX, 32) }),
];
