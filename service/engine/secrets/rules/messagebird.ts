// MessageBird (Bird): API access keys (25 characters), by key name, in the `AccessKey` header, or given
// to the SDK client.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('messagebird', BASE62, 25);
const base = keyedRule({
  id: 'SEC-MESSAGEBIRD-API-KEY', title: 'MessageBird API access key',
  description: 'A MessageBird live access key sends SMS, voice and WhatsApp messages billed to the account and reads its messages, contacts and balance.',
  remediation: revokeAt('MessageBird (Bird)', 'Dashboard > Developers > API access > delete the access key'),
  helpUri: 'https://developers.messagebird.com/api/#authentication',
  keywords: ['messagebird', 'message_bird', 'message-bird'], keyPattern: 'message[_-]?bird[\\w.-]{0,20}(?:key|token|secret|password)',
  value: '[A-Za-z0-9]{25}', window: 'near',
  sample, keys: ['MESSAGEBIRD_API_KEY', 'messagebirdAccessKey'],
  extraFlag: [
    `curl -X GET https://rest.messagebird.com/balance \\\n  -H 'Authorization: AccessKey ${sample}'\n`,
    `const messagebird = require('messagebird')('${sample}');\n`,
    `import messagebird\nclient = messagebird.Client('${sample}')\n`,
    `MESSAGEBIRD_API_KEY := ${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'MESSAGEBIRD_API_KEY', sample.slice(0, 20)),
    "const messagebird = require('messagebird')('<YOUR_ACCESS_KEY>');\n",
    inSyntax('env', 'MESSAGEBIRD_ORIGINATOR', 'Contoso'),
  ],
});

/** `Authorization: AccessKey <key>` (near a messagebird URL), and the key given to the SDK client. */
const HEADER_OR_SDK = '(?<=AccessKey[ \\t]{1,4}|messagebird["\']?\\)?(?:\\.initClient|\\.Client)?\\([ \\t]{0,4}["\'])[A-Za-z0-9]{25}(?![A-Za-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${HEADER_OR_SDK}`, 'gi'),
    references: [{ type: 'gitleaks', id: 'messagebird-api-token' }],
  },
];
