// Atlassian (Jira, Confluence) API tokens.
import { BASE62, BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('Atlassian', 'id.atlassian.com > Security > API tokens, or the Bitbucket repository/workspace access tokens and app passwords');

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-ATLASSIAN-API-TOKEN', title: 'Atlassian API token', prefixes: ['ATATT3'], body: '[A-Za-z0-9_=-]{150,300}',
    key: 'JIRA_API_TOKEN', remediation: REVOKE, helpUri: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    sample: 'ATATT3' + randomToken('atatt', BASE64URL, 186), boundary: '[A-Za-z0-9_=-]',
  }),
  keyedRule({
    id: 'SEC-ATLASSIAN-API-TOKEN-LEGACY', title: 'Jira / Confluence API token (legacy 24-character format)', remediation: REVOKE,
    keywords: ['jira', 'confluence', 'atlassian'],
    keyPattern: '(?:jira|confluence|atlassian)[A-Za-z0-9_.-]{0,20}(?:token|key|secret|password|pat)',
    value: '[A-Za-z0-9]{24}', sample: randomToken('jira-legacy', BASE62, 24), keys: ['JIRA_API_TOKEN', 'confluenceToken', 'ATLASSIAN_API_KEY'],
  }),
];
