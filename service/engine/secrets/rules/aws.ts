// Amazon Web Services: access key ids, secret access keys (paired), session tokens.
import { randomToken, BASE64, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

const REMEDIATION = 'Deactivate and delete the access key in IAM (Users > Security credentials) after creating a replacement, review CloudTrail for its use, and prefer roles (OIDC federation from Azure Pipelines, instance profiles) over long-lived keys.';
const HELP = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const keyId = 'AKIA' + randomToken('aws-id', UPPER32, 16);
const secretKey = randomToken('aws-secret', BASE64, 40);

export const awsAccessKeyId: SecretRule = {
  id: 'SEC-AWS-ACCESS-KEY-ID',
  title: 'AWS access key ID',
  description: 'An AWS access key id (AKIA…, ASIA…). On its own it names a credential and its account; with its secret it is a working credential.',
  severity: 'medium',
  confidence: 'high',
  remediation: REMEDIATION,
  helpUri: HELP,
  keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
  pattern: /(?<![A-Za-z0-9])(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
  window: 'token',
  examples: lazyExamples(() => ({
    mustFlag: [...inSyntaxes('aws_access_key_id', keyId), `aws configure set aws_access_key_id ${keyId}\n`],
    mustNotFlag: [...notSecrets('aws_access_key_id', keyId), inSyntax('ini', 'aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'), inSyntax('ini', 'aws_access_key_id', 'AKIAXXXXXXXXXXXXXXXX')],
  })),
};

export const awsSecretAccessKey: SecretRule = {
  ...keyedRule({
    id: 'SEC-AWS-SECRET-ACCESS-KEY',
    title: 'AWS secret access key',
    description: 'The secret half of an AWS access key: with the key id it signs API requests as the IAM user.',
    severity: 'critical',
    confidence: 'high',
    remediation: REMEDIATION,
    helpUri: HELP,
    keywords: ['secret_access', 'secretaccess', 'secret-access', 'aws_secret', 'awssecret', 'aws-secret', 'secret_key', 'secretkey'],
    keyPattern: 'secret[_-]?access[_-]?key|aws[A-Za-z0-9_.-]{0,20}secret|secret[_-]?key',
    // 'secret_key' and friends are frequent; the longest key tail after a keyword is
    // aws_secret + _access_key (11) + 24 more key-name bytes.
    keyRestBound: 40,
    value: '[A-Za-z0-9/+]{40}',
    sample: secretKey,
    keys: ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'secretAccessKey', 'SecretKey'],
    minEntropy: 4.0,
    extraFlag: [`[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secretKey}\n`],
    extraNotFlag: [inSyntax('ini', 'aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')],
  }),
  pairWith: { ruleId: 'SEC-AWS-ACCESS-KEY-ID', label: 'access key id', within: 2000 },
};

const sessionToken = 'IQoJb3JpZ2luX2VjE' + randomToken('aws-session', BASE64, 300);

export const awsSessionToken: SecretRule = keyedRule({
  id: 'SEC-AWS-SESSION-TOKEN',
  title: 'AWS session token',
  description: 'Temporary STS credentials; usable until they expire (up to 36 hours).',
  severity: 'high',
  confidence: 'medium',
  remediation: 'Revoke active sessions for the role (IAM > Roles > Revoke active sessions) and stop committing temporary credentials.',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html',
  keywords: ['session_token', 'sessiontoken', 'security_token', 'securitytoken', 'session-token'],
  keyPattern: 'session[_-]?token|security[_-]?token',
  value: '[A-Za-z0-9/+]{100,1200}={0,2}',
  sample: sessionToken,
  keys: ['aws_session_token', 'AWS_SESSION_TOKEN', 'sessionToken'],
  minEntropy: 4.5,
});

export const rules: SecretRule[] = [awsAccessKeyId, awsSecretAccessKey, awsSessionToken];
