// Hugging Face: GET /api/whoami-v2 names the token's user or organization; 401 = invalid.
// https://huggingface.co/docs/hub/api (whoami-v2)
import type { Verifier } from '../types';
import { at, bearer, readStatus, text } from './common';

export const huggingface: Verifier = {
  provider: 'Hugging Face',
  host: 'huggingface.co',
  ruleIds: ['SEC-HUGGINGFACE-TOKEN', 'SEC-HUGGINGFACE-ORG-TOKEN'],
  docs: 'https://huggingface.co/docs/hub/api',
  request: (s) => ({ method: 'GET', path: '/api/whoami-v2', headers: bearer(s.value) }),
  read: (a) => readStatus(a, (b) => text(at(b, 'name'))),
};
