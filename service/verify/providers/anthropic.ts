// Anthropic: GET /v1/models answers any API key; an Admin API key reads GET /v1/organizations/me
// (the organization's name). 401 authentication_error = invalid.
// https://docs.anthropic.com/en/api/models-list, https://docs.anthropic.com/en/api/admin-api/organization/get-me
import type { Verifier } from '../types';
import { at, readStatus, text } from './common';

const ADMIN = 'SEC-ANTHROPIC-ADMIN-KEY';

export const anthropic: Verifier = {
  provider: 'Anthropic',
  host: 'api.anthropic.com',
  ruleIds: ['SEC-ANTHROPIC-API-KEY', ADMIN],
  docs: 'https://docs.anthropic.com/en/api/errors',
  request: (s) => ({
    method: 'GET',
    path: s.ruleId === ADMIN ? '/v1/organizations/me' : '/v1/models?limit=1',
    headers: { 'x-api-key': s.value, 'anthropic-version': '2023-06-01' },
  }),
  read: (a, s) => readStatus(a, (b) => (s.ruleId === ADMIN ? text(at(b, 'name')) : undefined)),
};
