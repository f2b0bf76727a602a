// Codecov upload and API access tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const r = (seed: string, n: number): string => randomToken(seed, HEX, n);
const uploadToken = `${r('codecov1', 8)}-${r('codecov2', 4)}-4${r('codecov3', 3)}-b${r('codecov4', 3)}-${r('codecov5', 12)}`;
const apiToken = r('codecov-api', 40);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-CODECOV-TOKEN', title: 'Codecov upload or API token', severity: 'medium',
      description: 'A Codecov repository or global upload token (UUID), or a Codecov API access token (hex): uploads coverage reports that gate pull requests, or reads the coverage and settings of every repository the user can see.',
      remediation: revokeAt('Codecov', 'Repository > Configuration > General > Regenerate the upload token; API tokens under Settings > Access'),
      helpUri: 'https://docs.codecov.com/docs/codecov-tokens',
      keywords: ['codecov'], window: 'near',
      // CODECOV_TOKEN = …, and codecov.yml's `codecov:` block with `token:` on the next line.
      keyPattern: 'codecov[\\w.-]{0,20}(?:token|key)|codecov:[ \\t]{0,4}\\r?\\n[ \\t]{1,12}(?=token)',
      value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-f0-9]{40}|[a-z0-9]{32}',
      sample: uploadToken, keys: ['CODECOV_TOKEN', 'codecovToken', 'CODECOV_API_TOKEN'],
      extraFlag: [
        `codecov:\n  token: ${uploadToken}\n  require_ci_to_pass: yes\n`,
        `- uses: codecov/codecov-action@v4\n  with:\n    files: coverage.xml\n  env:\n    CODECOV_TOKEN: ${uploadToken}\n`,
        `CODECOV_API_TOKEN := ${apiToken}\n`,
      ],
      extraNotFlag: [
        '- uses: codecov/codecov-action@v4\n  with:\n    token: ${{ secrets.CODECOV_TOKEN }}\n',
        `coverage:\n  token: ${uploadToken}\n`,
        `CODECOV_TOKEN=${uploadToken.slice(0, 30)}\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'codecov-access-token' }],
  },
];
