// OpenAI API and admin keys.
import { BASE62, BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const OPENAI = revokeAt('the OpenAI platform', 'Settings > API keys > revoke') + ' Set usage limits and prefer project-scoped keys.';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-OPENAI-API-KEY', title: 'OpenAI API key', prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-None-'], body: '[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}',
    keywords: ['t3blbkfj'], key: 'OPENAI_API_KEY', remediation: OPENAI, helpUri: 'https://platform.openai.com/docs/api-reference/authentication',
    sample: 'sk-proj-' + randomToken('oai1', BASE64URL, 74) + 'T3BlbkFJ' + randomToken('oai2', BASE64URL, 74), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-OPENAI-ADMIN-KEY', title: 'OpenAI admin key', prefixes: ['sk-admin-'], body: '[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}',
    keywords: ['t3blbkfj'], key: 'OPENAI_ADMIN_KEY', remediation: OPENAI,
    sample: 'sk-admin-' + randomToken('oaia1', BASE64URL, 58) + 'T3BlbkFJ' + randomToken('oaia2', BASE64URL, 58), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-OPENAI-API-KEY-LEGACY', title: 'OpenAI API key (legacy format)', prefixes: ['sk-'], body: '[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}',
    keywords: ['t3blbkfj'], key: 'OPENAI_KEY', remediation: OPENAI,
    sample: 'sk-' + randomToken('oail1', BASE62, 20) + 'T3BlbkFJ' + randomToken('oail2', BASE62, 20), boundary: '[A-Za-z0-9_-]',
  }),
];
