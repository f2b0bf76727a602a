// Mapbox secret (sk.) and public (pk.) access tokens.
import { BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-MAPBOX-SECRET-TOKEN', title: 'Mapbox secret access token', prefixes: ['sk.eyJ'], body: '[A-Za-z0-9_-]{50,120}\\.[A-Za-z0-9_-]{20,30}', key: 'MAPBOX_SECRET_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Mapbox', 'Account > Access tokens'), sample: 'sk.eyJ' + randomToken('mapbox1', BASE64URL, 70) + '.' + randomToken('mapbox2', BASE64URL, 22), helpUri: 'https://docs.mapbox.com/accounts/guides/tokens/',
  }),
  keyedRule({
    id: 'SEC-MAPBOX-PUBLIC-TOKEN', title: 'Mapbox public access token', severity: 'low',
    description: 'A Mapbox public token (pk.): meant for browsers and apps, but it bills map loads to the account; restrict it to your URLs.',
    remediation: 'Restrict the token to your domains (Account > Access tokens > URL restrictions), or rotate it if it was not meant to be public.',
    helpUri: 'https://docs.mapbox.com/accounts/guides/tokens/',
    keywords: ['mapbox'], keyPattern: 'mapbox[A-Za-z0-9_.-]{0,20}(?:token|key)', value: 'pk\\.[A-Za-z0-9_-]{50,120}\\.[A-Za-z0-9_-]{20,30}',
    sample: 'pk.eyJ1Ijoi' + randomToken('mapbox-pk1', BASE64URL, 60) + '.' + randomToken('mapbox-pk2', BASE64URL, 22), keys: ['MAPBOX_ACCESS_TOKEN', 'mapboxToken', 'NEXT_PUBLIC_MAPBOX_TOKEN'],
    extraNotFlag: [inSyntax('env', 'MAPBOX_ACCESS_TOKEN', 'pk.your-token-here')],
  }),
];
