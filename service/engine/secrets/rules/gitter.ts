// Gitter: personal access tokens (40 characters), found by key name.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('gitter', HEX, 40);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-GITTER-ACCESS-TOKEN', title: 'Gitter access token',
      description: 'A Gitter token reads and posts in every room the user belongs to, as that user (bots and CI notifications often carry one).',
      remediation: revokeAt('Gitter', 'developer.gitter.im/apps > revoke the token, or sign out of all sessions'),
      helpUri: 'https://developer.gitter.im/docs/authentication',
      keywords: ['gitter'], keyPattern: 'gitter[\\w.-]{0,20}(?:token|key|secret)', value: '[A-Za-z0-9_-]{40}',
      sample, keys: ['GITTER_TOKEN', 'gitterApiKey'],
      extraFlag: [`GITTER_TOKEN := ${sample}\n`, `gitterToken := "${sample}"\n`, `gitter.token=${sample}\n`],
      extraNotFlag: [inSyntax('env', 'GITTER_TOKEN', sample.slice(0, 36)), inSyntax('env', 'GITTER_ROOM_ID', '5e8b9f0cd73408ce4fdf6a1b')],
    }),
    references: [{ type: 'gitleaks', id: 'gitter-access-token' }],
  },
];
