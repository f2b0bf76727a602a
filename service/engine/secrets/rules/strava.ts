// Strava API application client secrets and OAuth refresh tokens: 40 hex, found by key name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const secret = randomToken('strava-secret', HEX, 40);
const token = randomToken('strava-token', HEX, 40);
const HELP = 'https://developers.strava.com/docs/authentication/';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-STRAVA-CLIENT-SECRET', title: 'Strava client secret',
    description: 'The client secret of a Strava API application: with the client id beside it, it exchanges and refreshes the OAuth tokens of every athlete who authorized the application.',
    remediation: revokeAt('Strava', 'Settings > My API Application > Client Secret > Reset'),
    helpUri: HELP,
    keywords: ['strava'],
    keyPattern: 'strava[\\w.-]{0,20}secret',
    value: '[a-f0-9]{40}', sample: secret,
    keys: ['STRAVA_CLIENT_SECRET', 'stravaClientSecret', 'strava.client.secret'],
    extraFlag: [`STRAVA_CLIENT_ID=123456\nSTRAVA_CLIENT_SECRET=${secret}\n`, `stravaSecret := "${secret}"\n`],
    extraNotFlag: [`STRAVA_CLIENT_ID=123456\n`, `STRAVA_CLIENT_SECRET=${randomToken('strava-short', HEX, 30)}\n`],
  }),
  keyedRule({
    id: 'SEC-STRAVA-TOKEN', title: 'Strava access or refresh token',
    description: 'A Strava OAuth token acts as the athlete who granted it: a refresh token never expires until revoked and mints access tokens for the athlete\'s activities, routes and profile (location history included).',
    remediation: 'Deauthorize the application for the athlete (Settings > My Apps > Revoke Access, or POST https://www.strava.com/oauth/deauthorize) and keep tokens in a secret store.',
    helpUri: HELP,
    keywords: ['strava'],
    keyPattern: 'strava[\\w.-]{0,20}token',
    value: '[a-f0-9]{40}', sample: token,
    keys: ['STRAVA_REFRESH_TOKEN', 'stravaAccessToken', 'strava.refresh.token'],
    extraFlag: [`stravaRefreshToken := "${token}"\n`],
    extraNotFlag: [`STRAVA_TOKEN_URL=https://www.strava.com/oauth/token\n`, `STRAVA_REFRESH_TOKEN=${randomToken('strava-tshort', HEX, 30)}\n`],
  }),
];
