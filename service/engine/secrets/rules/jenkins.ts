// Jenkins API tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-JENKINS-API-TOKEN', title: 'Jenkins API token', severity: 'high', remediation: revokeAt('Jenkins', 'User > Configure > API Token > Revoke'),
    keywords: ['jenkins'], keyPattern: 'jenkins[A-Za-z0-9_.-]{0,20}(?:token|password|key)', value: '11[a-f0-9]{32}|[a-f0-9]{32}',
    sample: '11' + randomToken('jenkins', HEX, 32), keys: ['JENKINS_API_TOKEN', 'jenkinsToken'],
  }),
];
