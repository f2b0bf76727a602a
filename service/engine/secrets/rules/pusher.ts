// Pusher Channels app secrets: the 20-hex secret paired with an app id and a public app key.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

const sample = randomToken('pusher-secret', HEX, 20);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-PUSHER-APP-SECRET', title: 'Pusher Channels app secret',
      description: 'The Pusher Channels app secret signs server requests: with the app id and the (public) app key next to it, anyone can publish events to every channel of the app and authorize private and presence channel subscriptions.',
      remediation: 'Create a new key pair in the Pusher dashboard (Channels > your app > App keys > Create new key), deploy it, then delete the leaked one.',
      helpUri: 'https://pusher.com/docs/channels/server_api/authenticating-users/',
      keywords: ['pusher'],
      keyPattern: 'pusher[\\w.-]{0,20}secret',
      value: '[a-f0-9]{20}', sample,
      keys: ['PUSHER_APP_SECRET', 'pusherSecret', 'pusher.secret'],
      extraFlag: [
        `Pusher.app_id = '1234567'\nPusher.key = 'a1b2c3d4e5f6a7b8c9d0'\nPusher.secret = '${sample}'\n`,
        `PUSHER_APP_ID=1234567\nPUSHER_APP_KEY=0f1e2d3c4b5a69788796\nPUSHER_APP_SECRET="${sample}"\n`,
        `pusherSecret := "${sample}"\n`,
      ],
      extraNotFlag: [
        `PUSHER_APP_SECRET=${randomToken('pusher-short', HEX, 12)}\n`,
        `PUSHER_APP_KEY=${sample}\n`,
      ],
    }),
    references: [{ type: 'trufflehog', id: 'pusherchannelkey', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/pusherchannelkey' }],
  },
];
