// Customer.io Track API keys and App API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const trackKey = randomToken('customerio-track', HEX, 20);
const siteId = randomToken('customerio-site', HEX, 20);
const appKey = randomToken('customerio-app', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-CUSTOMERIO-API-KEY', title: 'Customer.io API key',
      description: 'A Customer.io Track API key (20 hex, used with the site id) or App API key (32 hex): adds, edits and deletes people and sends events that trigger messages to them; the App API key also sends transactional messages and exports customer data.',
      remediation: revokeAt('Customer.io', 'Settings > Workspace settings > API credentials > revoke the Track or App API key'),
      helpUri: 'https://docs.customer.io/integrations/api/customerio-apis/',
      keywords: ['customerio', 'customer_io', 'customer-io', 'customer.io'],
      keyPattern: 'customer[_.-]?io[\\w.-]{0,20}(?:key|token|secret)', value: '[A-Za-z0-9]{32}|[A-Za-z0-9]{20}', minEntropy: 3,
      sample: trackKey, keys: ['CUSTOMERIO_API_KEY', 'customerIoAppApiKey', 'CUSTOMER_IO_TRACK_API_KEY'],
      extraFlag: [`CUSTOMERIO_SITE_ID=${siteId}\nCUSTOMERIO_API_KEY=${trackKey}\n`, `customerio.app.api.key=${appKey}\n`],
      extraNotFlag: [`CUSTOMERIO_SITE_ID=${siteId}\n`, `CUSTOMERIO_API_KEY=${trackKey.slice(0, 16)}\n`, 'CUSTOMERIO_REGION=eu\n'],
    }),
    references: [{ type: 'trufflehog', id: 'customerio', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/customerio' }],
  },
];
