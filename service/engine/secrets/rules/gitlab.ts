// GitLab tokens (all carry a documented prefix).
import { ALNUM_LOWER, BASE64URL, HEX, inSyntax, lazyExamples, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('GitLab', 'User settings > Access tokens, the project/group token list, or the Admin area');
const HELP = 'https://docs.gitlab.com/ee/security/tokens/';
/** 20+ characters; routable tokens (GitLab 17+) add a longer payload and `.<version><crc>`. */
const ROUTABLE = '[A-Za-z0-9_-]{20}(?:[A-Za-z0-9_.-]{0,300})';

function gl(id: string, title: string, prefix: string, body: string, sample: string, key: string, severity: 'critical' | 'high' | 'medium' = 'critical', extraFlag: string[] = []): SecretRule {
  return tokenRule({ id, title, prefixes: [prefix], body, sample: prefix + sample, key, remediation: REVOKE, helpUri: HELP, severity, boundary: '[A-Za-z0-9_-]', extraFlag });
}

/** A routable token: base64url payload, then `.` + 2-character version + 7-character CRC. */
const routable = (prefix: string, seed: string): string => `${prefix}${randomToken(seed, BASE64URL, 52)}.01${randomToken(seed + 'crc', '0123456789abcdefghijklmnopqrstuvwxyz', 7)}`;

export const rules: SecretRule[] = [
  gl('SEC-GITLAB-PAT', 'GitLab personal, project or group access token', 'glpat-', ROUTABLE, randomToken('glpat', BASE64URL, 20), 'GITLAB_TOKEN', 'critical',
    [inSyntax('env', 'GITLAB_TOKEN', routable('glpat-', 'glpat-r')), `git clone https://oauth2:${routable('glpat-', 'glpat-r2')}@gitlab.com/contoso/api.git\n`]),
  gl('SEC-GITLAB-PIPELINE-TRIGGER-TOKEN', 'GitLab pipeline trigger token', 'glptt-', '[0-9a-f]{40}', randomToken('glptt', HEX, 40), 'TRIGGER_TOKEN', 'high'),
  gl('SEC-GITLAB-RUNNER-REGISTRATION-TOKEN', 'GitLab runner registration token', 'GR1348941', '[A-Za-z0-9_-]{20}', randomToken('glrr', BASE64URL, 20), 'REGISTRATION_TOKEN', 'high'),
  gl('SEC-GITLAB-RUNNER-AUTH-TOKEN', 'GitLab runner authentication token', 'glrt-', ROUTABLE, randomToken('glrt', BASE64URL, 20), 'RUNNER_TOKEN', 'high',
    [`[[runners]]\n  name = "docker"\n  url = "https://gitlab.com"\n  token = "${routable('glrt-t1_', 'glrt-r')}"\n`]),
  gl('SEC-GITLAB-DEPLOY-TOKEN', 'GitLab deploy token', 'gldt-', ROUTABLE, randomToken('gldt', BASE64URL, 20), 'DEPLOY_TOKEN', 'critical', [inSyntax('yaml', 'deploy_token', routable('gldt-', 'gldt-r'))]),
  gl('SEC-GITLAB-FEED-TOKEN', 'GitLab feed token', 'glft-', ROUTABLE, randomToken('glft', BASE64URL, 20), 'FEED_TOKEN', 'medium'),
  gl('SEC-GITLAB-SCIM-TOKEN', 'GitLab SCIM token', 'glsoat-', ROUTABLE, randomToken('glsoat', BASE64URL, 20), 'SCIM_TOKEN'),
  gl('SEC-GITLAB-CI-JOB-TOKEN', 'GitLab CI/CD job token', 'glcbt-', '[0-9a-fA-F]{1,5}_' + ROUTABLE, '64_' + randomToken('glcbt', BASE64URL, 20), 'CI_JOB_TOKEN', 'high'),
  gl('SEC-GITLAB-OAUTH-APP-SECRET', 'GitLab OAuth application secret', 'gloas-', '[A-Za-z0-9_-]{64}(?:\\.[A-Za-z0-9_.-]{1,40})?', randomToken('gloas', BASE64URL, 64), 'GITLAB_OAUTH_SECRET'),
  gl('SEC-GITLAB-INCOMING-MAIL-TOKEN', 'GitLab incoming mail token', 'glimt-', '[A-Za-z0-9_-]{25}(?:[A-Za-z0-9_.-]{0,300})', randomToken('glimt', BASE64URL, 25), 'INCOMING_MAIL_TOKEN', 'medium'),
  gl('SEC-GITLAB-AGENT-TOKEN', 'GitLab agent for Kubernetes token', 'glagent-', '[A-Za-z0-9_-]{50}(?:[A-Za-z0-9_.-]{0,300})', randomToken('glagent', BASE64URL, 50), 'AGENT_TOKEN'),
  gl('SEC-GITLAB-FEATURE-FLAG-TOKEN', 'GitLab feature flags client token', 'glffct-', ROUTABLE, randomToken('glffct', BASE64URL, 20), 'UNLEASH_TOKEN', 'medium'),
  {
    id: 'SEC-GITLAB-SESSION-COOKIE',
    title: 'GitLab session cookie',
    description: 'A _gitlab_session cookie value: it is the signed-in browser session of a GitLab user until it expires or the user signs out.',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Sign the user out of every session (User settings > Active sessions > Revoke) and remove the cookie from the file.',
    helpUri: HELP,
    references: [{ type: 'gitleaks', id: 'gitlab-session-cookie' }],
    keywords: ['_gitlab_session='],
    pattern: /_gitlab_session=(?<secret>[0-9a-z]{32})(?![A-Za-z0-9])/g,
    window: 'token',
    examples: lazyExamples(() => ({
      mustFlag: [
        `curl -b "_gitlab_session=${randomToken('gl-session', ALNUM_LOWER, 32)}" https://gitlab.contoso.com/api/v4/user\n`,
        `Cookie: _gitlab_session=${randomToken('gl-session2', ALNUM_LOWER, 32)}; preferred_language=en\n`,
      ],
      mustNotFlag: ['Cookie: _gitlab_session=<session-id>\n', `Cookie: _gitlab_session=${'0'.repeat(32)}\n`],
    })),
  },
];
