// npm: GET https://registry.npmjs.org/-/whoami names the token's user; 401 = invalid.
// https://docs.npmjs.com/cli/v10/commands/npm-whoami (the registry's /-/whoami)
import type { Verifier } from '../types';
import { at, bearer, readStatus, text } from './common';

export const npm: Verifier = {
  provider: 'npm',
  host: 'registry.npmjs.org',
  ruleIds: ['SEC-NPM-ACCESS-TOKEN'],
  docs: 'https://docs.npmjs.com/cli/v10/commands/npm-whoami',
  request: (s) => ({ method: 'GET', path: '/-/whoami', headers: { ...bearer(s.value), Accept: 'application/json' } }),
  read: (a) => readStatus(a, (b) => text(at(b, 'username'))),
};
