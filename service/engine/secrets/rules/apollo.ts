// Apollo: GraphOS (Apollo Studio) graph and user API keys, and Apollo.io (sales platform) API keys.
import { BASE62, BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const graphKey = `service:contoso-supergraph:${randomToken('apollo-graphos', BASE64URL, 22)}`;
const userKey = `user:gh.octodev:${randomToken('apollo-user', BASE64URL, 22)}`;
const ioKey = randomToken('apollo-io', BASE62, 22);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-APOLLO-GRAPHOS-API-KEY', title: 'Apollo GraphOS API key',
    description: 'An Apollo GraphOS (Studio) API key (service:<graph>:… or user:<id>:…): publishes schemas, reads operation metrics and, for user keys, acts on every graph of the user\'s organizations.',
    remediation: revokeAt('Apollo GraphOS Studio', 'Graph > Settings > This Graph > API Keys, or User settings > API keys > Delete'),
    helpUri: 'https://www.apollographql.com/docs/graphos/platform/access-management/api-keys',
    keywords: ['apollo'], keyPattern: 'apollo[\\w.-]{0,20}(?:key|token)',
    value: '(?:service|user):[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9_-]{22}',
    sample: graphKey, keys: ['APOLLO_KEY', 'apolloKey'],
    extraFlag: [`export APOLLO_KEY=${userKey}\n`, `rover:\n  apollo_key: '${graphKey}'\n`],
    extraNotFlag: ['APOLLO_KEY=service:contoso-supergraph:<key>\n', 'APOLLO_GRAPH_REF=contoso-supergraph@current\n', `APOLLO_KEY=service:contoso-supergraph:${graphKey.slice(-10)}\n`],
  }),
  {
    ...keyedRule({
      id: 'SEC-APOLLO-IO-API-KEY', title: 'Apollo.io API key',
      description: 'An Apollo.io API key (22 characters): searches and enriches people and companies, and reads and writes the team\'s contacts, sequences and CRM data on its credit plan.',
      remediation: revokeAt('Apollo.io', 'Settings > Integrations > API keys > delete the key'),
      helpUri: 'https://docs.apollo.io/docs/create-api-key',
      keywords: ['apollo'], keyPattern: 'apollo[\\w.-]{0,20}(?:key|token)', value: '[A-Za-z0-9]{22}', minEntropy: 3.5,
      sample: ioKey, keys: ['APOLLO_API_KEY', 'apollo_io_api_key'],
      extraFlag: [`apolloAPIKey := "${ioKey}"\n`, `apollo.api.key=${ioKey}\n`],
      extraNotFlag: [`APOLLO_API_KEY=${ioKey.slice(0, 20)}\n`, 'apollo_client_name: contoso-web-frontend\n'],
    }),
    references: [{ type: 'trufflehog', id: 'apollo', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/apollo' }],
  },
];
