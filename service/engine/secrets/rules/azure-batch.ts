// Azure Batch account keys.
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-BATCH-KEY', title: 'Azure Batch account key', sig: '+ABa', shape: 64, key: 'BatchAccountKey' }),
];
