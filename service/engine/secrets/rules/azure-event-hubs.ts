// Azure Event Hubs shared access keys (connection strings: azure-service-bus.ts, same format).
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-EVENT-HUBS-KEY', title: 'Azure Event Hubs shared access key', sig: '+AEh', shape: 32, key: 'EventHubKey' }),
];
