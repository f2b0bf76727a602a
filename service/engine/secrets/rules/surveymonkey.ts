// SurveyMonkey OAuth access tokens and app secrets, found by key name.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = `${randomToken('surveymonkey', BASE64URL, 60)}.${randomToken('surveymonkey2', BASE64URL, 80)}`;

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SURVEYMONKEY-TOKEN', title: 'SurveyMonkey access token or app secret',
    description: 'A SurveyMonkey access token reads the surveys, collectors and responses (personal data of respondents included) its user and scopes allow; an app secret exchanges authorization codes for such tokens.',
    remediation: revokeAt('SurveyMonkey', 'developer.surveymonkey.com > My Apps > the app > Settings: regenerate the secret, or reset the access token'),
    helpUri: 'https://api.surveymonkey.com/v3/docs#authentication',
    keywords: ['surveymonkey'],
    keyPattern: 'surveymonkey[\\w.-]{0,20}(?:token|key|secret)',
    value: '[A-Za-z0-9._-]{32,256}', sample, minEntropy: 3.5,
    keys: ['SURVEYMONKEY_ACCESS_TOKEN', 'surveyMonkeyToken', 'surveymonkey.client.secret'],
    extraFlag: [`surveymonkeyToken := "${sample}"\n`],
    extraNotFlag: [`SURVEYMONKEY_API_URL=https://api.surveymonkey.com/v3\n`, `SURVEYMONKEY_ACCESS_TOKEN=${randomToken('surveymonkey-short', BASE64URL, 20)}\n`],
  }),
];
