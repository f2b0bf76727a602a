// Railway account, team and project tokens: UUIDs, found by key name.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const sample = '7c3e9a51-2b8d-4f06-9e1a-5d4c3b2a1f08';

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-RAILWAY-API-TOKEN', title: 'Railway API token', severity: 'critical',
      description: 'A Railway account or team token (RAILWAY_API_TOKEN) drives the public GraphQL API for every project it can see, and a project token (RAILWAY_TOKEN) deploys to and reads the variables of its environment.',
      remediation: revokeAt('Railway', 'Account settings > Tokens, or Project settings > Tokens for project tokens'),
      helpUri: 'https://docs.railway.com/guides/public-api',
      keywords: ['railway'],
      keyPattern: 'railway[\\w.-]{0,20}(?:token|key|secret)',
      value: UUID, sample,
      keys: ['RAILWAY_API_TOKEN', 'RAILWAY_TOKEN', 'railwayToken'],
      extraFlag: [
        `env:\n  RAILWAY_TOKEN: ${sample}\nsteps:\n  - run: railway up --service api\n`,
        `railwayToken := "${sample}"\n`,
        `deploy:\n\tRAILWAY_TOKEN=${sample} railway up\n`,
      ],
      extraNotFlag: [
        `RAILWAY_PROJECT_ID=${sample}\n`,
        `RAILWAY_TOKEN=00000000-0000-0000-0000-000000000000\n`,
        `env:\n  RAILWAY_TOKEN: \${{ secrets.RAILWAY_TOKEN }}\n`,
      ],
    }),
    references: [{ type: 'trufflehog', id: 'railwayapp', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/railwayapp' }],
  },
];
