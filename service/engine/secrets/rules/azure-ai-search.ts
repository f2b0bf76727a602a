// Azure AI Search (Cognitive Search) keys.
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-SEARCH-KEY', title: 'Azure AI Search key', sig: 'AzSe', shape: 39, key: 'SearchApiKey' }),
];
