// GitLab.com: a personal access token describes itself (GET /api/v4/personal_access_tokens/self:
// name, active, revoked); a runner authentication token is checked by POST /api/v4/runners/verify
// (200 valid, 403 not). 401 = invalid. Tokens of a self-managed GitLab are refused by gitlab.com too:
// the detail says so.
// https://docs.gitlab.com/api/personal_access_tokens/#get-single-personal-access-token
// https://docs.gitlab.com/api/runners/#verify-authentication-for-a-registered-runner
import type { Verifier } from '../types';
import type { ProviderRequest } from '../types';
import { at, invalid, json, readStatus, text, verified } from './common';

const RUNNER = 'SEC-GITLAB-RUNNER-AUTH-TOKEN';

export const gitlab: Verifier = {
  provider: 'GitLab.com',
  host: 'gitlab.com',
  ruleIds: ['SEC-GITLAB-PAT', RUNNER],
  docs: 'https://docs.gitlab.com/api/personal_access_tokens/#get-single-personal-access-token',
  request: (s): ProviderRequest =>
    s.ruleId === RUNNER
      ? { method: 'POST', path: '/api/v4/runners/verify', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: s.value }) }
      : { method: 'GET', path: '/api/v4/personal_access_tokens/self', headers: { 'PRIVATE-TOKEN': s.value } },
  read(a, s) {
    if (s.ruleId === RUNNER) {
      if (a.status === 200) return verified('GitLab runner');
      return readStatus(a, () => undefined, [401, 403]);
    }
    if (a.status === 200) {
      const token = json(a.body);
      if (at(token, 'revoked') === true) return invalid('revoked');
      if (at(token, 'active') === false) return invalid('expired or inactive');
      const name = text(at(token, 'name'));
      return verified(name ? `token "${name}"` : undefined);
    }
    if (a.status === 401) return invalid('refused by gitlab.com (HTTP 401; a self-managed instance\'s token is refused too)');
    return readStatus(a, () => undefined);
  },
};
