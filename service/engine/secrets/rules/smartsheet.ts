// Smartsheet API access tokens: 26 (legacy) or 37 characters, found by key name.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('smartsheet', BASE62, 37);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SMARTSHEET-ACCESS-TOKEN', title: 'Smartsheet API access token',
    description: 'A Smartsheet API access token acts as its user: it reads and changes every sheet, report and workspace the user can open (a system administrator\'s token reaches the whole plan).',
    remediation: revokeAt('Smartsheet', 'Account > Apps & Integrations > API Access > revoke the token'),
    helpUri: 'https://developers.smartsheet.com/api/smartsheet/guides/basics/authentication',
    keywords: ['smartsheet'],
    keyPattern: 'smartsheet[\\w.-]{0,20}(?:token|key)',
    value: '[A-Za-z0-9]{37}|[A-Za-z0-9]{26}', sample,
    keys: ['SMARTSHEET_ACCESS_TOKEN', 'smartsheetApiKey', 'smartsheet.token'],
    extraFlag: [
      `SMARTSHEET_ACCESS_TOKEN=${randomToken('smartsheet-legacy', BASE62, 26)}\n`,
      `smartsheetToken := "${sample}"\n`,
    ],
    extraNotFlag: [
      `SMARTSHEET_ACCESS_TOKEN=${randomToken('smartsheet-short', BASE62, 20)}\n`,
      `SMARTSHEET_SHEET_ID=4583173393803140\n`,
    ],
  }),
];
