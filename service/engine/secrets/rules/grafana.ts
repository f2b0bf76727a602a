// Grafana: API keys (eyJrIjoi…), Grafana Cloud access policy tokens (glc_) and service account
// tokens (glsa_).
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { grafanaServiceAccountToken, grafanaServiceAccountVerifies } from './checksums';
import { revokeAt, tokenRule } from './helpers';

// Grafana API keys are base64 of {"k":"<key>","n":"<name>","id":<org>}.
const apiKey = Buffer.from(JSON.stringify({ k: randomToken('grafana-k', BASE62, 32), n: 'ci-deploy', id: 1 })).toString('base64');
const cloudToken = 'glc_' + Buffer.from(JSON.stringify({ o: '1043127', n: 'stack-813502-alloy-write', k: randomToken('grafana-glc', BASE62, 24), m: { r: 'prod-eu-west-2' } })).toString('base64');

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-GRAFANA-CLOUD-TOKEN', title: 'Grafana Cloud access policy token', prefixes: ['glc_'], body: '[A-Za-z0-9+/_-]{32,400}={0,2}', key: 'GRAFANA_CLOUD_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
      minEntropy: 4, remediation: revokeAt('Grafana Cloud', 'Administration > Access policies > tokens'), helpUri: 'https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/',
      sample: cloudToken, extraFlag: [inSyntax('env', 'GRAFANA_CLOUD_API_KEY', 'glc_' + randomToken('grafana-glc2', BASE62 + '+/', 120) + '==')],
    }),
    references: [{ type: 'gitleaks', id: 'grafana-cloud-api-token' }],
  },
  {
    ...tokenRule({
      id: 'SEC-GRAFANA-SERVICE-ACCOUNT-TOKEN', title: 'Grafana service account token', prefixes: ['glsa_'], body: '[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', key: 'GRAFANA_TOKEN',
      remediation: revokeAt('Grafana', 'Administration > Service accounts > tokens'), helpUri: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/',
      sample: grafanaServiceAccountToken('glsa'),
    }),
    // The last 8 hex are a CRC-32 of the rest: a token whose checksum fails is a look-alike (low confidence).
    checksum: grafanaServiceAccountVerifies,
    references: [{ type: 'gitleaks', id: 'grafana-service-account-token' }],
  },
  {
    ...tokenRule({
      id: 'SEC-GRAFANA-API-KEY', title: 'Grafana API key',
      description: 'A Grafana API key (base64 of {"k":…,"n":…,"id":…}): calls the Grafana HTTP API with the key\'s role in its organization.',
      prefixes: ['eyJrIjoi'], body: '[A-Za-z0-9+/]{40,400}={0,2}', key: 'GRAFANA_API_KEY', boundary: '[A-Za-z0-9+/=_-]', minEntropy: 4,
      remediation: revokeAt('Grafana', 'Administration > API keys (migrate the key to a service account token)'), helpUri: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/migrate-api-keys/',
      sample: apiKey, extraFlag: [`curl -H "Authorization: Bearer ${apiKey}" https://grafana.contoso.com/api/dashboards/home\n`],
    }),
    references: [{ type: 'gitleaks', id: 'grafana-api-key' }],
  },
];
