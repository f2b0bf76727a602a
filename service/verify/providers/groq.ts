// Groq: GET /openai/v1/models answers any API key; 401 = invalid.
// https://console.groq.com/docs/api-reference#models-list
import type { Verifier } from '../types';
import { bearer, readStatus } from './common';

export const groq: Verifier = {
  provider: 'Groq',
  host: 'api.groq.com',
  ruleIds: ['SEC-GROQ-API-KEY'],
  docs: 'https://console.groq.com/docs/api-reference#models-list',
  request: (s) => ({ method: 'GET', path: '/openai/v1/models', headers: bearer(s.value) }),
  read: (a) => readStatus(a, () => undefined),
};
