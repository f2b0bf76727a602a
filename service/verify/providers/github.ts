// GitHub: GET /user names the token's user (personal, OAuth and user-to-server tokens); an app
// installation token (ghs_) reads /installation/repositories instead. 401 "Bad credentials" = invalid.
// https://docs.github.com/en/rest/users/users#get-the-authenticated-user
import type { Verifier } from '../types';
import { at, bearer, json, readStatus, text, unknown, verified } from './common';

export const github: Verifier = {
  provider: 'GitHub',
  host: 'api.github.com',
  ruleIds: ['SEC-GITHUB-PAT', 'SEC-GITHUB-FINE-GRAINED-PAT', 'SEC-GITHUB-OAUTH-TOKEN', 'SEC-GITHUB-USER-TO-SERVER-TOKEN', 'SEC-GITHUB-SERVER-TO-SERVER-TOKEN'],
  docs: 'https://docs.github.com/en/rest/users/users#get-the-authenticated-user',
  request: (s) => ({
    method: 'GET',
    path: s.value.startsWith('ghs_') ? '/installation/repositories?per_page=1' : '/user',
    headers: { ...bearer(s.value), Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
  }),
  read(a, s) {
    // A 403 with no requests left is GitHub's rate limit, not a verdict on the token.
    if (a.status === 403 && a.headers['x-ratelimit-remaining'] === '0') return unknown('rate limited by GitHub (HTTP 403)');
    if (s.value.startsWith('ghs_') && a.status === 200) return verified('GitHub App installation token');
    if (a.status === 200) return verified(text(at(json(a.body), 'login')));
    return readStatus(a, () => undefined);
  },
};
