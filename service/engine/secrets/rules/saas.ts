// Commerce, social and productivity SaaS: Shopify, Facebook/Meta, Twitter/X, Dropbox, Airtable,
// Asana, HubSpot, Typeform, Zendesk, Intercom, ClickUp, Shippo, EasyPost, Lob, Twitch, Zoom.
import { ALNUM_LOWER, BASE62, BASE64URL, DIGITS, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const SHOPIFY = revokeAt('Shopify', 'the app\'s API credentials in the Partner dashboard or the store admin (Apps > Develop apps)');

export const rules: SecretRule[] = [
  tokenRule({ id: 'SEC-SHOPIFY-ACCESS-TOKEN', title: 'Shopify Admin API access token', prefixes: ['shpat_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_ACCESS_TOKEN', remediation: SHOPIFY, sample: 'shpat_' + randomToken('shpat', HEX, 32) }),
  tokenRule({ id: 'SEC-SHOPIFY-CUSTOM-APP-TOKEN', title: 'Shopify custom app access token', prefixes: ['shpca_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_CUSTOM_APP_TOKEN', remediation: SHOPIFY, sample: 'shpca_' + randomToken('shpca', HEX, 32) }),
  tokenRule({ id: 'SEC-SHOPIFY-PRIVATE-APP-TOKEN', title: 'Shopify private app access token', prefixes: ['shppa_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_PRIVATE_APP_PASSWORD', remediation: SHOPIFY, sample: 'shppa_' + randomToken('shppa', HEX, 32) }),
  tokenRule({ id: 'SEC-SHOPIFY-SHARED-SECRET', title: 'Shopify app shared secret', prefixes: ['shpss_'], body: '[a-fA-F0-9]{32}', key: 'SHOPIFY_API_SECRET', remediation: SHOPIFY, sample: 'shpss_' + randomToken('shpss', HEX, 32) }),
  tokenRule({
    id: 'SEC-FACEBOOK-ACCESS-TOKEN', title: 'Facebook / Meta access token', prefixes: ['EAACEdEose0cBA', 'EAAG', 'EAAB', 'EAAJ', 'EAAM'], body: '[A-Za-z0-9]{80,300}', key: 'FACEBOOK_ACCESS_TOKEN', severity: 'high', confidence: 'medium',
    remediation: revokeAt('Meta for Developers', 'the app dashboard or Business settings > System users'), sample: 'EAAG' + randomToken('fb', BASE62, 180),
  }),
  keyedRule({
    id: 'SEC-FACEBOOK-APP-SECRET', title: 'Facebook / Meta app secret', remediation: revokeAt('Meta for Developers', 'App settings > Basic > App secret > Reset'),
    keywords: ['facebook', 'fb_app', 'fb_secret', 'meta_app'], keyPattern: '(?:facebook|fb|meta)[A-Za-z0-9_.-]{0,20}secret', value: '[a-f0-9]{32}',
    sample: randomToken('fbsecret', HEX, 32), keys: ['FACEBOOK_APP_SECRET', 'FB_SECRET'],
  }),
  tokenRule({
    id: 'SEC-TWITTER-BEARER-TOKEN', title: 'Twitter / X bearer token', prefixes: ['AAAAAAAAAAAAAAAAAAAAA'], body: '[A-Za-z0-9%]{30,150}', key: 'TWITTER_BEARER_TOKEN', severity: 'high',
    remediation: revokeAt('the X developer portal', 'Projects & Apps > Keys and tokens > Regenerate'), sample: 'AAAAAAAAAAAAAAAAAAAAA' + randomToken('tw', BASE62, 90),
  }),
  keyedRule({
    id: 'SEC-TWITTER-API-SECRET', title: 'Twitter / X API secret', remediation: revokeAt('the X developer portal', 'Keys and tokens > Regenerate'),
    keywords: ['twitter', 'consumer_secret', 'consumersecret'], keyPattern: '(?:twitter|consumer)[A-Za-z0-9_.-]{0,20}secret', value: '[A-Za-z0-9]{45,50}',
    sample: randomToken('twsecret', BASE62, 50), keys: ['TWITTER_API_SECRET', 'consumer_secret'],
  }),
  tokenRule({
    id: 'SEC-DROPBOX-ACCESS-TOKEN', title: 'Dropbox access token', prefixes: ['sl.'], body: '[A-Za-z0-9_-]{130,1100}', key: 'DROPBOX_ACCESS_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Dropbox', 'the App Console or Settings > Connected apps'), sample: 'sl.' + randomToken('dropbox', BASE64URL, 138),
  }),
  tokenRule({
    id: 'SEC-AIRTABLE-PAT', title: 'Airtable personal access token', prefixes: ['pat'], body: '[A-Za-z0-9]{14}\\.[a-f0-9]{64}', key: 'AIRTABLE_TOKEN', keywords: ['airtable'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('Airtable', 'Builder hub > Personal access tokens'), sample: 'pat' + randomToken('airtable', BASE62, 14) + '.' + randomToken('airtable2', HEX, 64),
  }),
  keyedRule({
    id: 'SEC-ASANA-PAT', title: 'Asana personal access token', remediation: revokeAt('Asana', 'My settings > Apps > Developer apps'),
    keywords: ['asana'], keyPattern: 'asana[A-Za-z0-9_.-]{0,20}(?:token|pat|key)', value: '[0-9]/[0-9]{16}:[A-Za-z0-9]{32}|2/[0-9]{16}/[0-9]{16}:[a-f0-9]{32}',
    sample: '1/' + randomToken('asana1', DIGITS, 16) + ':' + randomToken('asana2', BASE62, 32), keys: ['ASANA_TOKEN'],
  }),
  tokenRule({
    id: 'SEC-HUBSPOT-PRIVATE-APP-TOKEN', title: 'HubSpot private app access token', prefixes: ['pat-na1-', 'pat-eu1-', 'pat-na2-'], body: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', key: 'HUBSPOT_ACCESS_TOKEN',
    remediation: revokeAt('HubSpot', 'Settings > Integrations > Private apps > Rotate'), sample: 'pat-na1-8e1d2c3b-4a5f-4e6d-9c8b-7a6f5e4d3c2b',
  }),
  tokenRule({
    id: 'SEC-TYPEFORM-TOKEN', title: 'Typeform personal access token', prefixes: ['tfp_'], body: '[A-Za-z0-9_.=-]{59}', key: 'TYPEFORM_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.=-]',
    remediation: revokeAt('Typeform', 'Account > Personal tokens'), sample: 'tfp_' + randomToken('typeform', BASE64URL, 59),
  }),
  keyedRule({
    id: 'SEC-ZENDESK-API-TOKEN', title: 'Zendesk API token', remediation: revokeAt('Zendesk Admin Center', 'Apps and integrations > Zendesk API'),
    keywords: ['zendesk'], keyPattern: 'zendesk[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: '[A-Za-z0-9]{40}',
    sample: randomToken('zendesk', BASE62, 40), keys: ['ZENDESK_API_TOKEN'],
  }),
  keyedRule({
    id: 'SEC-INTERCOM-ACCESS-TOKEN', title: 'Intercom access token', remediation: revokeAt('the Intercom Developer Hub', 'app > Authentication'),
    keywords: ['intercom'], keyPattern: 'intercom[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: 'dG9rOj[A-Za-z0-9+/=_-]{40,80}',
    sample: 'dG9rOj' + randomToken('intercom', BASE62, 54) + '=', keys: ['INTERCOM_ACCESS_TOKEN'],
  }),
  tokenRule({
    id: 'SEC-CLICKUP-TOKEN', title: 'ClickUp personal API token', prefixes: ['pk_'], body: '[0-9]{6,9}_[0-9A-Z]{32}', key: 'CLICKUP_TOKEN', severity: 'high',
    remediation: revokeAt('ClickUp', 'Settings > Apps > API token > Regenerate'), sample: 'pk_' + randomToken('clickup1', DIGITS, 8) + '_' + randomToken('clickup2', '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 32),
  }),
  tokenRule({
    id: 'SEC-SHIPPO-API-TOKEN', title: 'Shippo live API token', prefixes: ['shippo_live_'], body: '[a-f0-9]{40}', key: 'SHIPPO_API_TOKEN', severity: 'high',
    remediation: revokeAt('Shippo', 'Settings > API'), sample: 'shippo_live_' + randomToken('shippo', HEX, 40),
  }),
  tokenRule({
    id: 'SEC-EASYPOST-API-KEY', title: 'EasyPost production API key', prefixes: ['EZAK'], body: '[a-zA-Z0-9]{54}', key: 'EASYPOST_API_KEY', severity: 'high',
    remediation: revokeAt('EasyPost', 'Account settings > API keys'), sample: 'EZAK' + randomToken('easypost', BASE62, 54),
  }),
  keyedRule({
    id: 'SEC-LOB-API-KEY', title: 'Lob live API key', remediation: revokeAt('the Lob dashboard', 'Settings > API keys'),
    keywords: ['lob'], keyPattern: 'lob[A-Za-z0-9_.-]{0,20}(?:key|secret)', value: 'live_[a-f0-9]{35}', sample: 'live_' + randomToken('lob', HEX, 35), keys: ['LOB_API_KEY'],
  }),
  keyedRule({
    id: 'SEC-TWITCH-CLIENT-SECRET', title: 'Twitch client secret', remediation: revokeAt('the Twitch developer console', 'Applications > Manage > New secret'),
    keywords: ['twitch'], keyPattern: 'twitch[A-Za-z0-9_.-]{0,20}(?:secret|token|key)', value: '[a-z0-9]{30}', sample: randomToken('twitch', ALNUM_LOWER, 30), keys: ['TWITCH_CLIENT_SECRET'],
  }),
  keyedRule({
    id: 'SEC-ZOOM-CLIENT-SECRET', title: 'Zoom client secret', remediation: revokeAt('the Zoom App Marketplace', 'app credentials > Regenerate'),
    keywords: ['zoom'], keyPattern: 'zoom[A-Za-z0-9_.-]{0,20}(?:secret|token)', value: '[A-Za-z0-9]{32}', sample: randomToken('zoom', BASE62, 32), keys: ['ZOOM_CLIENT_SECRET'],
  }),
];
