// Repository passwords in gradle.properties.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-GRADLE-PROPERTIES-PASSWORD', title: 'Repository password in gradle.properties', severity: 'high', confidence: 'medium',
    remediation: 'Revoke the credential and pass it through environment variables (ORG_GRADLE_PROJECT_*) or the pipeline\'s secret variables.',
    keywords: ['repopassword', 'mavenpassword', 'artifactorypassword', 'nexuspassword', 'ossrhpassword', 'signing.password', 'signing_password', 'feedpassword', 'repo_password', 'maven_password'],
    keyPattern: '(?:repo|maven|artifactory|nexus|ossrh|feed|sonatype)[_-]?(?:password|token)|signing[._]password',
    value: '[^\\s"\'<>{}$]{8,256}', sample: randomToken('gradle', BASE62, 40), keys: ['mavenPassword', 'ossrhPassword', 'signing.password'],
  }),
];
