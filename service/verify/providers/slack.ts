// Slack: POST https://slack.com/api/auth.test answers 200 with {ok, team, user} or {ok: false, error}.
// invalid_auth, token_revoked, token_expired, account_inactive, not_authed = invalid.
// https://api.slack.com/methods/auth.test
import type { Verifier } from '../types';
import { at, bearer, invalid, json, readStatus, text, unknown, verified } from './common';

const REFUSED = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed']);

export const slack: Verifier = {
  provider: 'Slack',
  host: 'slack.com',
  ruleIds: ['SEC-SLACK-BOT-TOKEN', 'SEC-SLACK-USER-TOKEN'],
  docs: 'https://api.slack.com/methods/auth.test',
  request: (s) => ({ method: 'POST', path: '/api/auth.test', headers: { ...bearer(s.value), 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' }),
  read(a) {
    if (a.status !== 200) return readStatus(a, () => undefined);
    const body = json(a.body);
    if (at(body, 'ok') === true) {
      const who = [text(at(body, 'user')), text(at(body, 'team'))].filter(Boolean).join(' in ');
      return verified(who ? `${who} (${text(at(body, 'bot_id')) ? 'bot' : 'user'})` : undefined);
    }
    const error = text(at(body, 'error'))?.slice(0, 60) ?? 'no error code';
    return REFUSED.has(error) ? invalid(error) : unknown(`Slack said ${error}`);
  },
};
