// DigitalOcean: GET /v2/account with a personal access or OAuth token; 401 = invalid. A refresh
// token (dor_v1_) only works with the app's client secret: not checked.
// https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account
import type { Verifier } from '../types';
import { at, bearer, readStatus, text } from './common';

export const digitalocean: Verifier = {
  provider: 'DigitalOcean',
  host: 'api.digitalocean.com',
  ruleIds: ['SEC-DIGITALOCEAN-PAT', 'SEC-DIGITALOCEAN-OAUTH-TOKEN'],
  docs: 'https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account',
  request: (s) =>
    s.value.startsWith('dor_') ? { cannot: 'a refresh token: checked only with its app\'s client secret' } : { method: 'GET', path: '/v2/account', headers: bearer(s.value) },
  // The team's name, not the account's e-mail address.
  read: (a) => readStatus(a, (b) => text(at(b, 'account', 'team', 'name'))),
};
