// Confluent Cloud API secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-CONFLUENT-API-SECRET', title: 'Confluent Cloud API secret', remediation: revokeAt('Confluent Cloud', 'API keys'),
    keywords: ['confluent', 'sasl.jaas', 'sasl_password', 'kafka'], keyPattern: '(?:confluent|kafka|sasl)[A-Za-z0-9_.-]{0,20}(?:secret|password)', value: '[A-Za-z0-9+/]{64}',
    sample: randomToken('confluent', BASE62 + '+/', 64), keys: ['CONFLUENT_API_SECRET', 'KAFKA_SASL_PASSWORD'],
  }),
];
