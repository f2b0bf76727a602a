// Cloud and hosting platforms: DigitalOcean, Alibaba, Tencent, IBM, Cloudflare, Fastly, Linode,
// Scaleway, Heroku, Vercel, Netlify, Fly.io, Render, Supabase, PlanetScale, Doppler, Pulumi.
import { BASE62, BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DIGITALOCEAN-PAT', title: 'DigitalOcean personal access token', prefixes: ['dop_v1_'], body: '[a-f0-9]{64}', key: 'DIGITALOCEAN_TOKEN',
    remediation: revokeAt('DigitalOcean', 'API > Tokens'), sample: 'dop_v1_' + randomToken('do', HEX, 64),
  }),
  tokenRule({
    id: 'SEC-DIGITALOCEAN-OAUTH-TOKEN', title: 'DigitalOcean OAuth token', prefixes: ['doo_v1_', 'dor_v1_'], body: '[a-f0-9]{64}', key: 'DO_OAUTH_TOKEN', severity: 'high',
    remediation: revokeAt('DigitalOcean', 'API > OAuth applications'), sample: 'doo_v1_' + randomToken('doo', HEX, 64),
  }),
  tokenRule({
    id: 'SEC-ALIBABA-ACCESS-KEY-ID', title: 'Alibaba Cloud AccessKey ID', prefixes: ['LTAI'], body: '[A-Za-z0-9]{12,20}', key: 'ALIBABA_CLOUD_ACCESS_KEY_ID', severity: 'medium',
    remediation: revokeAt('the Alibaba Cloud RAM console', 'AccessKey management'), sample: 'LTAI' + randomToken('ali', BASE62, 20),
  }),
  {
    ...keyedRule({
      id: 'SEC-ALIBABA-ACCESS-KEY-SECRET', title: 'Alibaba Cloud AccessKey secret', severity: 'critical',
      remediation: revokeAt('the Alibaba Cloud RAM console', 'AccessKey management'),
      keywords: ['alibaba', 'aliyun', 'access_key_secret', 'accesskeysecret'], keyPattern: '(?:alibaba|aliyun|ali)[A-Za-z0-9_.-]{0,20}secret|access[_-]?key[_-]?secret',
      value: '[A-Za-z0-9]{30}', sample: randomToken('alisecret', BASE62, 30), keys: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'accessKeySecret'],
    }),
    pairWith: { ruleId: 'SEC-ALIBABA-ACCESS-KEY-ID', label: 'AccessKey ID', within: 1000 },
  },
  tokenRule({
    id: 'SEC-TENCENT-SECRET-ID', title: 'Tencent Cloud SecretId', prefixes: ['AKID'], body: '[A-Za-z0-9]{32}', key: 'TENCENTCLOUD_SECRET_ID', severity: 'medium',
    remediation: revokeAt('the Tencent Cloud CAM console', 'API keys'), sample: 'AKID' + randomToken('tencent', BASE62, 32),
  }),
  keyedRule({
    id: 'SEC-IBM-CLOUD-API-KEY', title: 'IBM Cloud API key', severity: 'critical', remediation: revokeAt('IBM Cloud', 'Manage > Access (IAM) > API keys'),
    keywords: ['ibm'], keyPattern: 'ibm[A-Za-z0-9_.-]{0,20}(?:key|secret|token)', value: '[A-Za-z0-9_-]{44}',
    sample: randomToken('ibm', BASE64URL, 44), keys: ['IBMCLOUD_API_KEY', 'ibmApiKey'],
  }),
  keyedRule({
    id: 'SEC-CLOUDFLARE-API-TOKEN', title: 'Cloudflare API token', severity: 'critical', remediation: revokeAt('the Cloudflare dashboard', 'My Profile > API Tokens > Roll'),
    helpUri: 'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/',
    keywords: ['cloudflare', 'cf_api', 'cf-api'], keyPattern: '(?:cloudflare|cf)[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[A-Za-z0-9_-]{40}',
    sample: randomToken('cf', BASE64URL, 40), keys: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'],
  }),
  keyedRule({
    id: 'SEC-CLOUDFLARE-GLOBAL-API-KEY', title: 'Cloudflare global API key', severity: 'critical', remediation: revokeAt('the Cloudflare dashboard', 'My Profile > API Tokens > Global API Key > Change'),
    keywords: ['cloudflare', 'cf_api', 'cf-api', 'x-auth-key'], keyPattern: '(?:cloudflare|cf)[A-Za-z0-9_.-]{0,20}(?:global|api)[_-]?key|x-auth-key', value: '[a-f0-9]{37}',
    sample: randomToken('cfg', HEX, 37), keys: ['CLOUDFLARE_GLOBAL_API_KEY', 'X-Auth-Key'],
  }),
  keyedRule({
    id: 'SEC-FASTLY-API-TOKEN', title: 'Fastly API token', remediation: revokeAt('Fastly', 'Account > Personal API tokens'),
    keywords: ['fastly'], keyPattern: 'fastly[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[A-Za-z0-9_-]{32}',
    sample: randomToken('fastly', BASE64URL, 32), keys: ['FASTLY_API_TOKEN'],
  }),
  keyedRule({
    id: 'SEC-LINODE-TOKEN', title: 'Linode (Akamai) API token', remediation: revokeAt('Linode Cloud Manager', 'API Tokens'),
    keywords: ['linode'], keyPattern: 'linode[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[a-f0-9]{64}',
    sample: randomToken('linode', HEX, 64), keys: ['LINODE_TOKEN'],
  }),
  keyedRule({
    id: 'SEC-SCALEWAY-SECRET-KEY', title: 'Scaleway secret key', remediation: revokeAt('the Scaleway console', 'IAM > API keys'),
    keywords: ['scaleway', 'scw_'], keyPattern: '(?:scaleway|scw)[A-Za-z0-9_.-]{0,20}secret', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: 'c4e1a2b3-9d8f-4e7a-b6c5-1d2e3f4a5b6c', keys: ['SCW_SECRET_KEY'],
  }),
  tokenRule({
    id: 'SEC-HEROKU-API-KEY', title: 'Heroku API key', prefixes: ['HRKU-'], body: '[A-Za-z0-9_-]{60}', key: 'HEROKU_API_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Heroku', 'Account settings > API key > Regenerate, or `heroku authorizations:revoke`'), sample: 'HRKU-' + randomToken('heroku', BASE64URL, 60),
  }),
  keyedRule({
    id: 'SEC-HEROKU-API-KEY-LEGACY', title: 'Heroku API key (legacy UUID format)', remediation: revokeAt('Heroku', 'Account settings > API key > Regenerate'),
    keywords: ['heroku'], keyPattern: 'heroku[A-Za-z0-9_.-]{0,20}(?:key|token)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: '7f3e9a1b-2c4d-4e5f-8a9b-0c1d2e3f4a5b', keys: ['HEROKU_API_KEY'],
  }),
  keyedRule({
    id: 'SEC-VERCEL-TOKEN', title: 'Vercel access token', remediation: revokeAt('Vercel', 'Account settings > Tokens'),
    keywords: ['vercel'], keyPattern: 'vercel[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[A-Za-z0-9]{24}',
    sample: randomToken('vercel', BASE62, 24), keys: ['VERCEL_TOKEN'],
  }),
  tokenRule({
    id: 'SEC-NETLIFY-TOKEN', title: 'Netlify personal access token', prefixes: ['nfp_'], body: '[A-Za-z0-9]{36}', key: 'NETLIFY_AUTH_TOKEN',
    remediation: revokeAt('Netlify', 'User settings > Applications > Personal access tokens'), sample: 'nfp_' + randomToken('netlify', BASE62, 36),
  }),
  tokenRule({
    id: 'SEC-FLYIO-TOKEN', title: 'Fly.io access token', prefixes: ['FlyV1 fm2_', 'fm2_', 'fm1r_', 'fo1_'], body: '[A-Za-z0-9+/=_-]{40,800}', key: 'FLY_API_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('Fly.io', '`fly tokens revoke` or the dashboard tokens page'), sample: 'fo1_' + randomToken('fly', BASE64URL, 43),
  }),
  tokenRule({
    id: 'SEC-RENDER-API-KEY', title: 'Render API key', prefixes: ['rnd_'], body: '[A-Za-z0-9]{32}', key: 'RENDER_API_KEY',
    remediation: revokeAt('Render', 'Account settings > API keys'), sample: 'rnd_' + randomToken('render', BASE62, 32),
  }),
  tokenRule({
    id: 'SEC-SUPABASE-ACCESS-TOKEN', title: 'Supabase personal access token', prefixes: ['sbp_'], body: '[a-f0-9]{40}', key: 'SUPABASE_ACCESS_TOKEN',
    remediation: revokeAt('Supabase', 'Account > Access tokens'), sample: 'sbp_' + randomToken('supabase', HEX, 40),
  }),
  tokenRule({
    id: 'SEC-SUPABASE-SECRET-KEY', title: 'Supabase secret API key', prefixes: ['sb_secret_'], body: '[A-Za-z0-9_-]{31}', key: 'SUPABASE_SECRET_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Supabase', 'Project settings > API keys'), sample: 'sb_secret_' + randomToken('sbsecret', BASE64URL, 31),
  }),
  tokenRule({
    id: 'SEC-PLANETSCALE-TOKEN', title: 'PlanetScale service token or password', prefixes: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], body: '[A-Za-z0-9_.-]{32,64}', key: 'PLANETSCALE_TOKEN', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('PlanetScale', 'Organization settings > Service tokens, or the branch passwords page'), sample: 'pscale_tkn_' + randomToken('pscale', BASE62, 43),
  }),
  tokenRule({
    id: 'SEC-DOPPLER-TOKEN', title: 'Doppler token', prefixes: ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'], body: '[A-Za-z0-9_.-]{40,44}', key: 'DOPPLER_TOKEN', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Doppler', 'the token\'s project config > Access, or Team > Service accounts'), sample: 'dp.st.' + randomToken('doppler', BASE62, 43),
  }),
  tokenRule({
    id: 'SEC-PULUMI-ACCESS-TOKEN', title: 'Pulumi access token', prefixes: ['pul-'], body: '[a-f0-9]{40}', key: 'PULUMI_ACCESS_TOKEN',
    remediation: revokeAt('Pulumi Cloud', 'Settings > Access tokens'), sample: 'pul-' + randomToken('pulumi', HEX, 40),
  }),
  tokenRule({
    id: 'SEC-AGE-SECRET-KEY', title: 'age encryption secret key', prefixes: ['AGE-SECRET-KEY-1'], body: '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', key: 'SOPS_AGE_KEY',
    remediation: 'Generate a new age identity, re-encrypt every file encrypted to the old recipient (sops updatekeys), and remove the old recipient.',
    sample: 'AGE-SECRET-KEY-1' + randomToken('age', 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58),
  }),
  tokenRule({
    id: 'SEC-ONEPASSWORD-SERVICE-ACCOUNT-TOKEN', title: '1Password service account token', prefixes: ['ops_eyJ'], body: '[A-Za-z0-9+/=_-]{250,}', key: 'OP_SERVICE_ACCOUNT_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('1Password', 'Developer Tools > Service accounts > revoke token'), sample: 'ops_eyJ' + randomToken('1p', BASE64URL, 300),
  }),
  keyedRule({
    id: 'SEC-OKTA-API-TOKEN', title: 'Okta API token', severity: 'critical', remediation: revokeAt('the Okta admin console', 'Security > API > Tokens'),
    keywords: ['okta'], keyPattern: 'okta[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: '00[A-Za-z0-9_-]{40}',
    sample: '00' + randomToken('okta', BASE64URL, 40), keys: ['OKTA_API_TOKEN', 'oktaToken'],
  }),
  keyedRule({
    id: 'SEC-AUTH0-CLIENT-SECRET', title: 'Auth0 client secret', severity: 'critical', remediation: revokeAt('the Auth0 dashboard', 'Applications > app > Settings > Rotate secret'),
    keywords: ['auth0'], keyPattern: 'auth0[A-Za-z0-9_.-]{0,20}(?:secret|key|token)', value: '[A-Za-z0-9_-]{64}',
    sample: randomToken('auth0', BASE64URL, 64), keys: ['AUTH0_CLIENT_SECRET'],
  }),
  keyedRule({
    id: 'SEC-ORACLE-CLOUD-AUTH-TOKEN', title: 'Oracle Cloud auth token', remediation: revokeAt('the OCI console', 'User settings > Auth tokens'),
    keywords: ['oci_', 'oracle'], keyPattern: '(?:oci|oracle)[A-Za-z0-9_.-]{0,20}(?:auth[_-]?token|password|secret)', value: '[A-Za-z0-9()+:;<>{}[\\]._#$%&*!-]{20}',
    sample: randomToken('oci', BASE62 + '.-_#', 20), keys: ['OCI_AUTH_TOKEN'],
  }),
  tokenRule({
    id: 'SEC-YANDEX-API-KEY', title: 'Yandex Cloud API key', prefixes: ['AQVN'], body: '[A-Za-z0-9_-]{35,38}', key: 'YC_API_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Yandex Cloud', 'Service accounts > API keys'), sample: 'AQVN' + randomToken('yandex', BASE64URL, 36),
  }),
  tokenRule({
    id: 'SEC-INFRACOST-API-KEY', title: 'Infracost API key', prefixes: ['ico-'], body: '[A-Za-z0-9]{32}', key: 'INFRACOST_API_KEY', severity: 'medium',
    remediation: revokeAt('Infracost Cloud', 'Org settings > API keys'), sample: 'ico-' + randomToken('infracost', BASE62, 32),
  }),
  tokenRule({
    id: 'SEC-TAILSCALE-KEY', title: 'Tailscale auth or API key', prefixes: ['tskey-auth-', 'tskey-api-', 'tskey-client-'], body: '[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40}', key: 'TS_AUTHKEY',
    remediation: revokeAt('the Tailscale admin console', 'Settings > Keys'), sample: 'tskey-auth-k' + randomToken('ts1', BASE62, 12) + '-' + randomToken('ts2', BASE62, 33),
  }),
  keyedRule({
    id: 'SEC-NGROK-AUTHTOKEN', title: 'ngrok authtoken or API key', remediation: revokeAt('the ngrok dashboard', 'Authtokens / API Keys'),
    keywords: ['ngrok'], keyPattern: 'ngrok[A-Za-z0-9_.-]{0,20}(?:token|key)|authtoken', value: '[0-9][A-Za-z0-9]{26}_[A-Za-z0-9]{21}',
    sample: '2' + randomToken('ngrok1', BASE62, 26) + '_' + randomToken('ngrok2', BASE62, 21), keys: ['NGROK_AUTHTOKEN', 'ngrokApiKey'],
  }),
];
