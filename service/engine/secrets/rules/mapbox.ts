// Mapbox secret access tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-MAPBOX-SECRET-TOKEN', title: 'Mapbox secret access token', prefixes: ['sk.eyJ'], body: '[A-Za-z0-9_-]{50,120}\\.[A-Za-z0-9_-]{20,30}', key: 'MAPBOX_SECRET_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Mapbox', 'Account > Access tokens'), sample: 'sk.eyJ' + randomToken('mapbox1', BASE64URL, 70) + '.' + randomToken('mapbox2', BASE64URL, 22),
  }),
];
