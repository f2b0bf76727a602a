// Stripe: GET /v1/account with the key. 401 = invalid key; 403 = a restricted key that works but may
// not read the account (Stripe documents 403 as "the API key doesn't have permissions").
// https://docs.stripe.com/api/errors
import type { Verifier } from '../types';
import { at, bearer, readStatus, text, verified } from './common';

export const stripe: Verifier = {
  provider: 'Stripe',
  host: 'api.stripe.com',
  ruleIds: ['SEC-STRIPE-SECRET-KEY', 'SEC-STRIPE-RESTRICTED-KEY', 'SEC-STRIPE-TEST-SECRET-KEY'],
  docs: 'https://docs.stripe.com/api/errors',
  request: (s) => ({ method: 'GET', path: '/v1/account', headers: bearer(s.value) }),
  read(a) {
    if (a.status === 403) return verified('restricted key without access to the account');
    return readStatus(a, (b) => text(at(b, 'settings', 'dashboard', 'display_name')) ?? text(at(b, 'id')));
  },
};
