// Todoist API tokens: 40 hex, found by key name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('todoist', HEX, 40);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-TODOIST-API-TOKEN', title: 'Todoist API token',
    description: 'A Todoist API token acts as its user: it reads and changes every project, task and comment of the account (shared projects included).',
    remediation: revokeAt('Todoist', 'Settings > Integrations > Developer > Issue a new API token'),
    helpUri: 'https://developer.todoist.com/rest/v2/#authorization',
    keywords: ['todoist'],
    keyPattern: 'todoist[\\w.-]{0,20}(?:token|key)',
    value: '[a-f0-9]{40}', sample,
    keys: ['TODOIST_API_TOKEN', 'todoistToken', 'todoist.api.key'],
    extraFlag: [`api = TodoistAPI("${sample}")\ntodoist_token = "${sample}"\n`, `todoistToken := "${sample}"\n`],
    extraNotFlag: [`TODOIST_PROJECT_ID=2203306141\n`, `TODOIST_API_TOKEN=${randomToken('todoist-short', HEX, 32)}\n`],
  }),
];
