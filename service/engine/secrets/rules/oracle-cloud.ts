// Oracle Cloud (OCI) auth tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ORACLE-CLOUD-AUTH-TOKEN', title: 'Oracle Cloud auth token', remediation: revokeAt('the OCI console', 'User settings > Auth tokens'),
    keywords: ['oci_', 'oracle'], keyPattern: '(?:oci|oracle)[A-Za-z0-9_.-]{0,20}(?:auth[_-]?token|password|secret)', value: '[A-Za-z0-9()+:;<>{}[\\]._#$%&*!-]{20}',
    sample: randomToken('oci', BASE62 + '.-_#', 20), keys: ['OCI_AUTH_TOKEN'],
  }),
];
