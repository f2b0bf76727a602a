// Segment write keys and tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SEGMENT-WRITE-KEY', title: 'Segment write key or token', severity: 'medium', remediation: revokeAt('Segment', 'Sources > Settings > API keys'),
    keywords: ['segment'], keyPattern: 'segment[A-Za-z0-9_.-]{0,20}(?:write[_-]?key|token|secret)', value: '[A-Za-z0-9]{32}',
    sample: randomToken('segment', BASE62, 32), keys: ['SEGMENT_WRITE_KEY'],
  }),
];
