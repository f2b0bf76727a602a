// Clojars deploy tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const token = 'CLOJARS_' + randomToken('clojars', HEX, 60);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-CLOJARS-DEPLOY-TOKEN', title: 'Clojars deploy token',
      description: 'A Clojars deploy token (CLOJARS_ + 60 characters): publishes new versions of the user\'s (or the token\'s group\'s) Clojure libraries, a supply-chain risk for everyone who depends on them.',
      prefixes: ['CLOJARS_'], body: '[a-z0-9]{60}', caseInsensitive: true, key: 'CLOJARS_PASSWORD', minEntropy: 3,
      remediation: revokeAt('Clojars', 'Dashboard > Deploy Tokens > disable the token'),
      helpUri: 'https://github.com/clojars/clojars-web/wiki/Deploy-Tokens',
      sample: token,
      extraFlag: [
        `{#"clojars" {:username "octodev" :password "${token}"}}\n`,
        `:deploy-repositories [["clojars" {:url "https://repo.clojars.org" :username "octodev" :password "${token}"}]]\n`,
      ],
      extraNotFlag: ['CLOJARS_PASSWORD=CLOJARS_USERNAME\n', `CLOJARS_PASSWORD=${token.slice(0, 40)}\n`, '{:password :env/clojars_password}\n'],
    }),
    references: [{ type: 'gitleaks', id: 'clojars-api-token' }],
  },
];
