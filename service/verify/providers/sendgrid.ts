// SendGrid: GET /v3/scopes lists what the key may do (any key may ask); 401 = invalid.
// https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access
import type { Verifier } from '../types';
import { at, bearer, readStatus } from './common';

export const sendgrid: Verifier = {
  provider: 'SendGrid',
  host: 'api.sendgrid.com',
  ruleIds: ['SEC-SENDGRID-API-KEY'],
  docs: 'https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access',
  request: (s) => ({ method: 'GET', path: '/v3/scopes', headers: bearer(s.value) }),
  read: (a) =>
    readStatus(a, (b) => {
      const scopes = at(b, 'scopes');
      return Array.isArray(scopes) ? `${scopes.length} scope${scopes.length === 1 ? '' : 's'}` : undefined;
    }),
};
