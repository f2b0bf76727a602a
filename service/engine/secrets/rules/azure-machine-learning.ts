// Azure Machine Learning (classic) web service keys.
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-ML-CLASSIC-KEY', title: 'Azure Machine Learning web service key', sig: '+AMC', shape: 64, key: 'MlServiceKey' }),
];
