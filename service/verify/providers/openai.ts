// OpenAI: GET /v1/models answers any project or user key; 401 = invalid.
// https://platform.openai.com/docs/api-reference/models/list
import type { Verifier } from '../types';
import { bearer, readStatus } from './common';

export const openai: Verifier = {
  provider: 'OpenAI',
  host: 'api.openai.com',
  ruleIds: ['SEC-OPENAI-API-KEY', 'SEC-OPENAI-API-KEY-LEGACY'],
  docs: 'https://platform.openai.com/docs/api-reference/models/list',
  request: (s) => ({ method: 'GET', path: '/v1/models', headers: bearer(s.value) }),
  read: (a) => readStatus(a, () => undefined),
};
