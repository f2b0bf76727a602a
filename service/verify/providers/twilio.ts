// Twilio: GET /2010-04-01/Accounts/{AccountSid}.json with the account SID found beside the auth token
// (basic auth SID:token) names the account; 401 = invalid.
// https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource
import type { Verifier } from '../types';
import { at, basic, readStatus, text } from './common';

export const twilio: Verifier = {
  provider: 'Twilio',
  host: 'api.twilio.com',
  ruleIds: ['SEC-TWILIO-AUTH-TOKEN'],
  docs: 'https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource',
  request(s) {
    if (!s.paired || !/^AC[a-f0-9]{32}$/.test(s.paired)) return { cannot: 'no account SID found beside the auth token' };
    return { method: 'GET', path: `/2010-04-01/Accounts/${s.paired}.json`, headers: basic(s.paired, s.value) };
  },
  read: (a) => readStatus(a, (b) => text(at(b, 'friendly_name'))),
};
