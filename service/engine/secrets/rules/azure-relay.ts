// Azure Relay shared access keys.
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-RELAY-KEY', title: 'Azure Relay shared access key', sig: '+ARm', shape: 32, key: 'RelayKey' }),
];
