// Grafana API keys, Grafana Cloud and service account tokens.
import { BASE62, BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-GRAFANA-CLOUD-TOKEN', title: 'Grafana Cloud access policy token', prefixes: ['glc_eyJ'], body: '[A-Za-z0-9+/=_-]{60,300}', key: 'GRAFANA_CLOUD_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('Grafana Cloud', 'Administration > Access policies > tokens'), sample: 'glc_eyJ' + randomToken('grafana-c', BASE64URL, 120),
  }),
  tokenRule({
    id: 'SEC-GRAFANA-SERVICE-ACCOUNT-TOKEN', title: 'Grafana service account token', prefixes: ['glsa_'], body: '[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', key: 'GRAFANA_TOKEN',
    remediation: revokeAt('Grafana', 'Administration > Service accounts > tokens'), sample: 'glsa_' + randomToken('glsa', BASE62, 32) + '_' + randomToken('glsa2', HEX, 8),
  }),
];
