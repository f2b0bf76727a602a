// Datadog API and application keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-DATADOG-API-KEY', title: 'Datadog API or application key', remediation: revokeAt('Datadog', 'Organization settings > API keys / Application keys'),
    keywords: ['datadog', 'dd_api_key', 'dd_app_key', 'dd-api-key', 'dd_application_key'], keyPattern: 'datadog[A-Za-z0-9_.-]{0,20}(?:key|token)|dd[_-](?:api|app|application)[_-]?key',
    value: '[a-f0-9]{32}|[a-f0-9]{40}', sample: randomToken('datadog', HEX, 32), keys: ['DD_API_KEY', 'DATADOG_APP_KEY', 'datadogApiKey'],
  }),
];
