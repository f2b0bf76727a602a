// ReadMe (readme.com) API keys: rdme_ and 70 characters.
import { ALNUM_LOWER, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const sample = 'rdme_' + randomToken('readme', ALNUM_LOWER, 70);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-README-API-KEY', title: 'ReadMe API key', prefixes: ['rdme_'], body: '[a-z0-9]{70}', key: 'README_API_KEY', severity: 'high',
      description: 'A ReadMe API key manages the documentation project it belongs to: it uploads and deletes API definitions, pages and changelogs, and reads the project\'s API metrics.',
      remediation: revokeAt('ReadMe', 'project dashboard > Configuration > API keys'),
      helpUri: 'https://docs.readme.com/main/reference/intro/authentication',
      sample,
      extraFlag: [
        `rdme openapi ./openapi.yaml --key=${sample} --id=64f0c2\n`,
        `curl --request GET --url https://dash.readme.com/api/v1/categories -u '${sample}:'\n`,
      ],
      extraNotFlag: [
        `const API_KEY = 'rdme_${'x'.repeat(70)}';\n`,
        `README_API_KEY=rdme_${randomToken('readme-short', ALNUM_LOWER, 40)}\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'readme-api-token' }],
  },
];
