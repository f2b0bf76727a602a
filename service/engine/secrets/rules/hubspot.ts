// HubSpot private app access tokens.
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-HUBSPOT-PRIVATE-APP-TOKEN', title: 'HubSpot private app access token', prefixes: ['pat-na1-', 'pat-eu1-', 'pat-na2-'], body: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', key: 'HUBSPOT_ACCESS_TOKEN',
    remediation: revokeAt('HubSpot', 'Settings > Integrations > Private apps > Rotate'), sample: 'pat-na1-8e1d2c3b-4a5f-4e6d-9c8b-7a6f5e4d3c2b',
  }),
];
