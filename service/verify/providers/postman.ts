// Postman: GET /me names the key's user; 401 = invalid.
// https://learning.postman.com/docs/developer/postman-api/authentication/
import type { Verifier } from '../types';
import { at, readStatus, text } from './common';

export const postman: Verifier = {
  provider: 'Postman',
  host: 'api.getpostman.com',
  ruleIds: ['SEC-POSTMAN-API-KEY'],
  docs: 'https://learning.postman.com/docs/developer/postman-api/authentication/',
  request: (s) => ({ method: 'GET', path: '/me', headers: { 'X-Api-Key': s.value } }),
  read: (a) => readStatus(a, (b) => text(at(b, 'user', 'username'))),
};
