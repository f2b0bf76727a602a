// Notion: GET /v1/users/me names the integration's bot and its workspace; 401 = invalid.
// https://developers.notion.com/reference/get-self
import type { Verifier } from '../types';
import { at, bearer, readStatus, text } from './common';

export const notion: Verifier = {
  provider: 'Notion',
  host: 'api.notion.com',
  ruleIds: ['SEC-NOTION-TOKEN'],
  docs: 'https://developers.notion.com/reference/get-self',
  request: (s) => ({ method: 'GET', path: '/v1/users/me', headers: { ...bearer(s.value), 'Notion-Version': '2022-06-28' } }),
  read: (a) => readStatus(a, (b) => text(at(b, 'bot', 'workspace_name')) ?? text(at(b, 'name'))),
};
