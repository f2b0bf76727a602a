// Azure service keys in the 84-character common annotated format whose provider signature no specific rule knows.
import type { SecretRule } from '../rule';
import { caskRule } from './azure-keys';

export const rules: SecretRule[] = [
  caskRule('SEC-AZURE-ANNOTATED-KEY', 'Azure service key (common annotated format)', undefined, 'AzureServiceKey'),
];
