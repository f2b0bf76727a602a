// Azure SignalR Service / Web PubSub connection strings.
import { randomBase64 } from '../examples';
import type { SecretRule } from '../rule';
import { connectionRule, ns } from './azure-keys';

const signalrKey = randomBase64('signalr', 32);

export const rules: SecretRule[] = [
  connectionRule({
    id: 'SEC-AZURE-SIGNALR-CONNECTION-STRING', title: 'Azure SignalR / Web PubSub connection string with access key',
    description: 'A SignalR Service or Web PubSub connection string with an access key: it mints client tokens and sends to every connection.',
    keyword: 'accesskey=',
    pattern: /Endpoint=https?:\/\/(?<ns>[a-z0-9-]{3,63})\.(?:service\.signalr\.net|webpubsub\.azure\.com)\/?;\s?AccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `Endpoint=https://contoso-chat.service.signalr.net;AccessKey=${signalrKey};Version=1.0;`,
    key: 'Azure__SignalR__ConnectionString', helpUri: 'https://learn.microsoft.com/azure/azure-signalr/signalr-howto-key-rotation', describe: ns,
  }),
];
