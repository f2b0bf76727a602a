// Bugsnag notifier API keys and data-access auth tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('bugsnag', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-BUGSNAG-API-KEY', title: 'Bugsnag API key or auth token', severity: 'medium',
      description: 'A Bugsnag notifier API key or personal auth token (32 hex): the notifier key reports errors and builds into the project (it ships in client apps); an auth token reads every project\'s errors, events and breadcrumbs through the data access API.',
      remediation: revokeAt('Bugsnag', 'Project settings > Notifier API key > Regenerate, or Personal settings > Auth tokens > Revoke'),
      helpUri: 'https://docs.bugsnag.com/api/data-access/#authentication',
      keywords: ['bugsnag'],
      // BUGSNAG_API_KEY = …, Bugsnag.start({ apiKey: '…' }), bugsnag.configure(api_key='…').
      keyPattern: 'bugsnag[\\w.-]{0,20}(?:key|token)|bugsnag\\.(?:start|configure|init)\\(\\{?[ \\t]{0,8}api', value: '[a-f0-9]{32}',
      sample: key, keys: ['BUGSNAG_API_KEY', 'bugsnagApiKey', 'BUGSNAG_AUTH_TOKEN'],
      extraFlag: [`Bugsnag.start({ apiKey: '${key}' })\n`, `bugsnag.configure(api_key="${key}", project_root="/app")\n`],
      extraNotFlag: [`Bugsnag.start({ apiKey: process.env.BUGSNAG_API_KEY })\n`, `BUGSNAG_API_KEY=${key.slice(0, 30)}\n`, 'BUGSNAG_RELEASE_STAGE=production\n'],
    }),
    references: [{ type: 'trufflehog', id: 'bugsnag', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/bugsnag' }],
  },
];
