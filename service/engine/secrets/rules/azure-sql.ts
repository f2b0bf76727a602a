// Azure SQL identifiable passwords.
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-SQL-KEY', title: 'Azure SQL identifiable password', sig: '+SQL', shape: 32, key: 'SqlPassword' }),
];
