// SonarQube / SonarCloud tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-SONAR-TOKEN', title: 'SonarQube / SonarCloud token', prefixes: ['squ_', 'sqp_', 'sqa_'], body: '[a-f0-9]{40}', key: 'SONAR_TOKEN',
    remediation: revokeAt('SonarQube / SonarCloud', 'My Account > Security > tokens'), sample: 'squ_' + randomToken('sonar', HEX, 40),
  }),
  keyedRule({
    id: 'SEC-SONARQUBE-LEGACY-TOKEN', title: 'SonarQube token (legacy 40-hex format)', severity: 'high', remediation: revokeAt('SonarQube', 'My Account > Security > tokens'),
    keywords: ['sonar'], keyPattern: 'sonar[A-Za-z0-9_.-]{0,20}(?:token|login|key)', value: '[a-f0-9]{40}',
    sample: randomToken('sonar-legacy', HEX, 40), keys: ['SONAR_TOKEN', 'sonar.login'],
  }),
];
