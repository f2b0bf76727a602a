// Tokens in Composer auth.json.
import { BASE62, randomToken, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';

export const rules: SecretRule[] = [
  {
    id: 'SEC-COMPOSER-AUTH-TOKEN',
    title: 'Token in Composer auth.json',
    description: 'A github-oauth, gitlab-token or bearer token in a Composer auth.json (or COMPOSER_AUTH).',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Revoke the token at its host (GitHub, GitLab, Bitbucket, private Packagist) and use COMPOSER_AUTH from a secret variable instead.',
    keywords: ['"github-oauth"', '"gitlab-token"', '"bearer"'],
    pattern: /"(?:github-oauth|gitlab-token|bearer)"\s{0,8}:\s{0,8}\{\s{0,8}"[a-z0-9.-]{3,253}"\s{0,8}:\s{0,8}"(?<secret>[A-Za-z0-9_.-]{20,128})"/g,
    window: 'near',
    examples: lazyExamples(() => ({
      mustFlag: [
        `{\n  "bearer": {\n    "repo.packagist.com": "${randomToken('composer2', BASE62, 40)}"\n  }\n}\n`,
        `{"github-oauth": {"github.com": "${randomToken('composer3', BASE62, 40)}"}}\n`,
      ],
      mustNotFlag: [`{\n  "github-oauth": {\n    "github.com": "<token>"\n  }\n}\n`, `{"bearer": {}}\n`],
    })),
  },
];
