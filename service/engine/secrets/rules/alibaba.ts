// Alibaba Cloud AccessKey IDs and secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-ALIBABA-ACCESS-KEY-ID', title: 'Alibaba Cloud AccessKey ID', prefixes: ['LTAI'], body: '[A-Za-z0-9]{12,20}', key: 'ALIBABA_CLOUD_ACCESS_KEY_ID', severity: 'medium',
    remediation: revokeAt('the Alibaba Cloud RAM console', 'AccessKey management'), sample: 'LTAI' + randomToken('ali', BASE62, 20),
  }),
  {
    ...keyedRule({
      id: 'SEC-ALIBABA-ACCESS-KEY-SECRET', title: 'Alibaba Cloud AccessKey secret', severity: 'critical',
      remediation: revokeAt('the Alibaba Cloud RAM console', 'AccessKey management'),
      keywords: ['alibaba', 'aliyun', 'access_key_secret', 'accesskeysecret'], keyPattern: '(?:alibaba|aliyun|ali)[A-Za-z0-9_.-]{0,20}secret|access[_-]?key[_-]?secret',
      value: '[A-Za-z0-9]{30}', sample: randomToken('alisecret', BASE62, 30), keys: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'accessKeySecret'],
    }),
    pairWith: { ruleId: 'SEC-ALIBABA-ACCESS-KEY-ID', label: 'AccessKey ID', within: 1000 },
  },
];
