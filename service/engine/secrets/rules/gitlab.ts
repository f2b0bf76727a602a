// GitLab tokens (all carry a documented prefix).
import { BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('GitLab', 'User settings > Access tokens, the project/group token list, or the Admin area');
const HELP = 'https://docs.gitlab.com/ee/security/tokens/';

function gl(id: string, title: string, prefix: string, body: string, sample: string, key: string, severity: 'critical' | 'high' | 'medium' = 'critical'): SecretRule {
  return tokenRule({ id, title, prefixes: [prefix], body, sample: prefix + sample, key, remediation: REVOKE, helpUri: HELP, severity, boundary: '[A-Za-z0-9_-]' });
}

export const rules: SecretRule[] = [
  gl('SEC-GITLAB-PAT', 'GitLab personal, project or group access token', 'glpat-', '[A-Za-z0-9_-]{20}(?:[A-Za-z0-9_.-]{0,40})', randomToken('glpat', BASE64URL, 20), 'GITLAB_TOKEN'),
  gl('SEC-GITLAB-PIPELINE-TRIGGER-TOKEN', 'GitLab pipeline trigger token', 'glptt-', '[0-9a-f]{40}', randomToken('glptt', HEX, 40), 'TRIGGER_TOKEN', 'high'),
  gl('SEC-GITLAB-RUNNER-REGISTRATION-TOKEN', 'GitLab runner registration token', 'GR1348941', '[A-Za-z0-9_-]{20}', randomToken('glrr', BASE64URL, 20), 'REGISTRATION_TOKEN', 'high'),
  gl('SEC-GITLAB-RUNNER-AUTH-TOKEN', 'GitLab runner authentication token', 'glrt-', '[A-Za-z0-9_-]{20}(?:[A-Za-z0-9_.-]{0,40})', randomToken('glrt', BASE64URL, 20), 'RUNNER_TOKEN', 'high'),
  gl('SEC-GITLAB-DEPLOY-TOKEN', 'GitLab deploy token', 'gldt-', '[A-Za-z0-9_-]{20}', randomToken('gldt', BASE64URL, 20), 'DEPLOY_TOKEN'),
  gl('SEC-GITLAB-FEED-TOKEN', 'GitLab feed token', 'glft-', '[A-Za-z0-9_-]{20}', randomToken('glft', BASE64URL, 20), 'FEED_TOKEN', 'medium'),
  gl('SEC-GITLAB-SCIM-TOKEN', 'GitLab SCIM token', 'glsoat-', '[A-Za-z0-9_-]{20}', randomToken('glsoat', BASE64URL, 20), 'SCIM_TOKEN'),
  gl('SEC-GITLAB-CI-JOB-TOKEN', 'GitLab CI/CD job token', 'glcbt-', '[0-9a-fA-F]{1,5}_[A-Za-z0-9_-]{20}', '64_' + randomToken('glcbt', BASE64URL, 20), 'CI_JOB_TOKEN', 'high'),
  gl('SEC-GITLAB-OAUTH-APP-SECRET', 'GitLab OAuth application secret', 'gloas-', '[A-Za-z0-9_-]{64}', randomToken('gloas', BASE64URL, 64), 'GITLAB_OAUTH_SECRET'),
  gl('SEC-GITLAB-INCOMING-MAIL-TOKEN', 'GitLab incoming mail token', 'glimt-', '[A-Za-z0-9_-]{25}', randomToken('glimt', BASE64URL, 25), 'INCOMING_MAIL_TOKEN', 'medium'),
  gl('SEC-GITLAB-AGENT-TOKEN', 'GitLab agent for Kubernetes token', 'glagent-', '[A-Za-z0-9_-]{50}', randomToken('glagent', BASE64URL, 50), 'AGENT_TOKEN'),
  gl('SEC-GITLAB-FEATURE-FLAG-TOKEN', 'GitLab feature flags client token', 'glffct-', '[A-Za-z0-9_-]{20}', randomToken('glffct', BASE64URL, 20), 'UNLEASH_TOKEN', 'medium'),
];
