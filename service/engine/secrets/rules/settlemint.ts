// SettleMint platform tokens: personal (sm_pat_), application (sm_aat_) and service (sm_sat_).
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const HELP = 'https://console.settlemint.com/documentation/platform-components/security-and-authentication/personal-access-tokens';
const pat = 'sm_pat_' + randomToken('settlemint-pat', BASE62, 16);
const aat = 'sm_aat_' + randomToken('settlemint-aat', BASE62, 16);
const sat = 'sm_sat_' + randomToken('settlemint-sat', BASE62, 16);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-SETTLEMINT-PERSONAL-ACCESS-TOKEN', title: 'SettleMint personal access token', prefixes: ['sm_pat_'], body: '[A-Za-z0-9]{12,64}', key: 'SETTLEMINT_ACCESS_TOKEN',
      description: 'A SettleMint personal access token acts as its user across the platform: it deploys, changes and deletes the blockchain networks, nodes, middleware and smart contract sets the user can reach.',
      remediation: revokeAt('SettleMint', 'Console > Profile > Personal access tokens > Delete'),
      helpUri: HELP,
      sample: pat,
      extraFlag: [`settlemint login --accept-defaults --personal-access-token ${pat}\n`, `settlemintToken := "${pat}"\n`],
      extraNotFlag: [`SETTLEMINT_ACCESS_TOKEN=sm_pat_${randomToken('settlemint-short', BASE62, 8)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'settlemint-personal-access-token' }],
  },
  {
    ...tokenRule({
      id: 'SEC-SETTLEMINT-APPLICATION-ACCESS-TOKEN', title: 'SettleMint application access token', prefixes: ['sm_aat_'], body: '[A-Za-z0-9]{12,64}', key: 'SETTLEMINT_APPLICATION_ACCESS_TOKEN', severity: 'high',
      description: 'A SettleMint application access token calls the APIs of every service in its application (nodes, middleware, IPFS, the private key stores that sign transactions) with the scope it was given.',
      remediation: revokeAt('SettleMint', 'the application > App access tokens > Delete'),
      helpUri: 'https://console.settlemint.com/documentation/platform-components/security-and-authentication/application-access-tokens',
      sample: aat,
      extraFlag: [`curl -H "x-auth-token: ${aat}" https://example-node.settlemint.com/\n`],
      extraNotFlag: [`SETTLEMINT_APPLICATION_ACCESS_TOKEN=sm_aat_${randomToken('settlemint-ashort', BASE62, 8)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'settlemint-application-access-token' }],
  },
  {
    ...tokenRule({
      id: 'SEC-SETTLEMINT-SERVICE-ACCESS-TOKEN', title: 'SettleMint service access token', prefixes: ['sm_sat_'], body: '[A-Za-z0-9]{12,64}', key: 'SETTLEMINT_SERVICE_TOKEN', severity: 'high',
      description: 'A SettleMint service access token calls one service (a node, middleware or key store) of an application.',
      remediation: revokeAt('SettleMint', 'the service > Access tokens > Delete'),
      helpUri: HELP,
      sample: sat,
      extraFlag: [`const provider = new JsonRpcProvider('https://node.settlemint.com/${sat}');\n`],
      extraNotFlag: [`SETTLEMINT_SERVICE_TOKEN=sm_sat_${randomToken('settlemint-sshort', BASE62, 8)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'settlemint-service-access-token' }],
  },
];
