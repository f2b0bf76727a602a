// Doppler: GET /v3/me describes the token (its name and workplace); 401 = invalid.
// https://docs.doppler.com/reference/auth-me
import type { Verifier } from '../types';
import { at, bearer, readStatus, text } from './common';

export const doppler: Verifier = {
  provider: 'Doppler',
  host: 'api.doppler.com',
  ruleIds: ['SEC-DOPPLER-TOKEN'],
  docs: 'https://docs.doppler.com/reference/auth-me',
  request: (s) => ({ method: 'GET', path: '/v3/me', headers: { ...bearer(s.value), Accept: 'application/json' } }),
  read: (a) => readStatus(a, (b) => text(at(b, 'workplace', 'name')) ?? text(at(b, 'name'))),
};
