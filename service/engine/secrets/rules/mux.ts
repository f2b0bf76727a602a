// Mux: access token secrets (base64, ~75 characters), found by key name; the token id (UUID) is paired.
import { BASE64, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('mux', BASE64, 75);
const hex = randomToken('mux-id', HEX, 32);
const tokenId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-b${hex.slice(17, 20)}-${hex.slice(20)}`;
/** `mux` alone is everywhere in Go (gorilla/mux): only mux + token/secret/api names are keywords. */
const KEYWORDS = ['', '_', '-', '.'].flatMap((sep) => ['token', 'secret', 'api'].map((w) => `mux${sep}${w}`));

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-MUX-TOKEN-SECRET', title: 'Mux access token secret',
      description: 'The secret of a Mux access token (paired with its token id) uses Mux Video and Data with the token\'s permissions: uploads, assets, live streams and signing keys, billed to the environment.',
      remediation: revokeAt('Mux', 'dashboard.mux.com > Settings > Access Tokens > revoke the token'),
      helpUri: 'https://docs.mux.com/core/make-api-requests',
      keywords: KEYWORDS, keyPattern: 'mux[_.-]?(?:api[_.-]?)?(?:token[_.-]?)?secret', value: '[A-Za-z0-9+/]{70,90}={0,2}',
      minEntropy: 4, sample, keys: ['MUX_TOKEN_SECRET', 'muxTokenSecret'],
      extraFlag: [`MUX_TOKEN_SECRET := ${sample}\n`, `mux.token.secret=${sample}\n`, `muxSecret := "${sample}"\n`],
      extraNotFlag: [
        inSyntax('env', 'MUX_TOKEN_ID', tokenId),
        inSyntax('env', 'MUX_TOKEN_SECRET', sample.slice(0, 40)),
        'r := mux.NewRouter()\nr.HandleFunc("/secret", handler)\n',
      ],
    }),
    references: [{ type: 'trufflehog', id: 'mux', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/mux' }],
  },
];
