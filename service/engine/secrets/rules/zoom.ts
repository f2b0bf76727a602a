// Zoom client secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ZOOM-CLIENT-SECRET', title: 'Zoom client secret', remediation: revokeAt('the Zoom App Marketplace', 'app credentials > Regenerate'),
    keywords: ['zoom'], keyPattern: 'zoom[A-Za-z0-9_.-]{0,20}(?:secret|token)', value: '[A-Za-z0-9]{32}', sample: randomToken('zoom', BASE62, 32), keys: ['ZOOM_CLIENT_SECRET'],
  }),
];
