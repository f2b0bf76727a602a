// Azure Cache for Redis access keys.
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-REDIS-KEY', title: 'Azure Cache for Redis access key', sig: 'AzCa', shape: 32, key: 'RedisKey' }),
];
