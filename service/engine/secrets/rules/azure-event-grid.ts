// Azure Event Grid access keys.
import type { SecretRule } from '../rule';
import { caskRule } from './azure-keys';

export const rules: SecretRule[] = [
  caskRule('SEC-AZURE-EVENT-GRID-KEY', 'Azure Event Grid access key', 'AZEG', 'EventGridKey', 'https://learn.microsoft.com/azure/event-grid/security-authentication'),
];
