// Cisco Meraki Dashboard API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('cisco-meraki', HEX, 40);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-CISCO-MERAKI-API-KEY', title: 'Cisco Meraki Dashboard API key', severity: 'critical',
      description: 'A Cisco Meraki Dashboard API key (40 hex): acts with its owner\'s dashboard privileges, usually organization administrator: reconfigures networks, firewalls, VPNs and devices across every site.',
      remediation: revokeAt('the Meraki dashboard', 'My profile > API access > Revoke (administrators: Organization > Administrators)'),
      helpUri: 'https://developer.cisco.com/meraki/api-v1/authorization/',
      keywords: ['meraki'],
      // MERAKI_DASHBOARD_API_KEY = …, X-Cisco-Meraki-API-Key: …, meraki.DashboardAPI(api_key='…').
      keyPattern: 'meraki[\\w.-]{0,20}(?:key|token)|meraki\\.dashboardapi\\([ \\t]{0,8}api', value: '[0-9a-f]{40}',
      sample: key, keys: ['MERAKI_DASHBOARD_API_KEY', 'merakiApiKey'],
      extraFlag: [
        `curl -L -H "X-Cisco-Meraki-API-Key: ${key}" https://api.meraki.com/api/v1/organizations\n`,
        `dashboard = meraki.DashboardAPI(api_key='${key}', suppress_logging=True)\n`,
      ],
      extraNotFlag: [`dashboard = meraki.DashboardAPI(api_key=os.environ['MERAKI_DASHBOARD_API_KEY'])\n`, `MERAKI_DASHBOARD_API_KEY=${key.slice(0, 32)}\n`, 'MERAKI_ORG_ID=549236\n'],
    }),
    references: [{ type: 'gitleaks', id: 'cisco-meraki-api-key' }],
  },
];
