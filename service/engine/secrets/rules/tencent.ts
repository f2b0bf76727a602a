// Tencent Cloud SecretIds.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-TENCENT-SECRET-ID', title: 'Tencent Cloud SecretId', prefixes: ['AKID'], body: '[A-Za-z0-9]{32}', key: 'TENCENTCLOUD_SECRET_ID', severity: 'medium',
    remediation: revokeAt('the Tencent Cloud CAM console', 'API keys'), sample: 'AKID' + randomToken('tencent', BASE62, 32),
  }),
];
