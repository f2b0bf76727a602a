// Shopify: Admin API access tokens (shpat_, shpua_, shpca_, shppa_), app shared secrets (shpss_)
// and the unprefixed 32-hex tokens issued before April 2020, found by their key name.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const SHOPIFY = revokeAt('Shopify', 'the app\'s API credentials in the Partner dashboard or the store admin (Apps > Develop apps)');
const HELP = 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens';
const store = (token: string): string => `curl -H "X-Shopify-Access-Token: ${token}" https://contoso-outlet.myshopify.com/admin/api/2024-07/shop.json\n`;

export const rules: SecretRule[] = [
  // shpat_ (public apps); shpua_ (apps not yet listed as public or custom).
  tokenRule({
    id: 'SEC-SHOPIFY-ACCESS-TOKEN', title: 'Shopify Admin API access token', prefixes: ['shpat_', 'shpua_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_ACCESS_TOKEN', remediation: SHOPIFY, helpUri: HELP, sample: 'shpat_' + randomToken('shpat', HEX, 32),
    extraFlag: [store('shpua_' + randomToken('shpua', HEX, 32)), inSyntax('tf', 'admin_api_access_token', 'shpat_' + randomToken('shpat-tf', HEX, 32))],
    extraNotFlag: [inSyntax('env', 'SHOPIFY_ACCESS_TOKEN', 'shpat_' + randomToken('shpat-short', HEX, 31))],
  }),
  tokenRule({ id: 'SEC-SHOPIFY-CUSTOM-APP-TOKEN', title: 'Shopify custom app access token', prefixes: ['shpca_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_CUSTOM_APP_TOKEN', remediation: SHOPIFY, helpUri: HELP, sample: 'shpca_' + randomToken('shpca', HEX, 32), extraFlag: [store('shpca_' + randomToken('shpca2', HEX, 32))] }),
  tokenRule({ id: 'SEC-SHOPIFY-PRIVATE-APP-TOKEN', title: 'Shopify private app access token', prefixes: ['shppa_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_PRIVATE_APP_PASSWORD', remediation: SHOPIFY, helpUri: HELP, sample: 'shppa_' + randomToken('shppa', HEX, 32), extraFlag: [`https://api-key:shppa_${randomToken('shppa2', HEX, 32)}@contoso-outlet.myshopify.com/admin/api/2024-07/orders.json\n`] }),
  tokenRule({ id: 'SEC-SHOPIFY-SHARED-SECRET', title: 'Shopify app shared secret', prefixes: ['shpss_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_API_SECRET', remediation: SHOPIFY, helpUri: HELP, sample: 'shpss_' + randomToken('shpss', HEX, 32) }),
  keyedRule({
    id: 'SEC-SHOPIFY-ACCESS-TOKEN-LEGACY', title: 'Shopify access token or API password (legacy 32-hex format)', remediation: SHOPIFY, helpUri: HELP,
    description: 'A Shopify Admin API token or private app password issued before the shp*_ prefixes (32 hex characters), found by its key name.',
    keywords: ['shopify'], keyPattern: 'shopify[A-Za-z0-9_.-]{0,20}(?:token|password|secret)', value: '[a-f0-9]{32}',
    sample: randomToken('shopify-legacy', HEX, 32), keys: ['SHOPIFY_ACCESS_TOKEN', 'shopifyApiPassword', 'SHOPIFY_API_SECRET'],
  }),
];
