// Box: client secrets and developer tokens, and the JWT / client-credentials app configuration file.
import { BASE62, DIGITS, inSyntax, lazyExamples, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const secret = randomToken('box-secret', BASE62, 32);
const devToken = randomToken('box-dev-token', BASE62, 32);
const clientId = randomToken('box-client-id', 'abcdefghijklmnopqrstuvwxyz0123456789', 32);
const REMEDIATION = revokeAt('the Box Developer Console', 'My Apps > the app > Configuration > Reset client secret (app config files: also remove the public key under Add and Manage Public Keys), then reauthorize the app in the Admin Console');
const TRUFFLEHOG = { type: 'trufflehog', id: 'box', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/box' } as const;

function appConfig(clientSecret: string): string {
  return `{\n  "boxAppSettings": {\n    "clientID": "${clientId}",\n    "clientSecret": "${clientSecret}",\n    "appAuth": {\n      "publicKeyID": "${randomToken('box-kid', 'abcdefghijklmnopqrstuvwxyz0123456789', 8)}",\n      "passphrase": "${randomToken('box-pass', BASE62, 32)}"\n    }\n  },\n  "enterpriseID": "${randomToken('box-eid', DIGITS, 9)}"\n}\n`;
}

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-BOX-CLIENT-SECRET', title: 'Box client secret or developer token',
      description: 'A Box app client secret or developer token (32 characters): with the client id (32 characters) the secret obtains tokens for the app\'s users and, for server apps, its service account; a developer token is a bearer token for the developer\'s own account.',
      remediation: REMEDIATION, helpUri: 'https://developer.box.com/guides/authentication/',
      keywords: ['box_client_secret', 'box-client-secret', 'boxclientsecret', 'box_developer_token', 'box-developer-token', 'boxdevelopertoken', 'box_access_token', 'boxaccesstoken'],
      // Not sandbox_client_secret or inbox_access_token.
      keyPattern: '(?<![A-Za-z0-9])box[_.-]?(?:client[_.-]?secret|developer[_.-]?token|access[_.-]?token)', value: '[A-Za-z0-9]{32}', minEntropy: 3.5,
      sample: secret, keys: ['BOX_CLIENT_SECRET', 'boxDeveloperToken', 'BOX_ACCESS_TOKEN'],
      extraFlag: [`BOX_CLIENT_ID=${clientId}\nBOX_CLIENT_SECRET=${secret}\n`, `box_developer_token := "${devToken}"\n`],
      extraNotFlag: [`SANDBOX_CLIENT_SECRET=${secret}\n`, `BOX_CLIENT_ID=${clientId}\n`, `BOX_CLIENT_SECRET=${secret.slice(0, 24)}\n`],
    }),
    references: [TRUFFLEHOG],
  },
  {
    id: 'SEC-BOX-APP-CONFIG', title: 'Box app configuration file with client secret', severity: 'critical', confidence: 'high',
    description: 'A Box app configuration file (boxAppSettings with clientID and clientSecret, and for JWT apps the encrypted private key and its passphrase): authenticates as the app\'s service account, which usually reaches the whole enterprise\'s content.',
    remediation: REMEDIATION, helpUri: 'https://developer.box.com/guides/authentication/jwt/jwt-setup/',
    keywords: ['boxappsettings'],
    pattern: /"boxAppSettings"\s{0,20}:\s{0,20}\{[\s\S]{0,800}?"clientSecret"\s{0,20}:\s{0,20}"(?<secret>[A-Za-z0-9]{32})"/g,
    window: 'block', priority: 1, minEntropy: 3.5,
    examples: lazyExamples(() => ({
      mustFlag: [
        appConfig(secret),
        JSON.stringify(JSON.parse(appConfig(secret))) + '\n',
        `const config = {"boxAppSettings":{"clientID":"${clientId}","clientSecret":"${secret}"},"enterpriseID":"${randomToken('box-eid2', DIGITS, 9)}"};\n`,
      ],
      mustNotFlag: [
        appConfig(''),
        appConfig('${BOX_CLIENT_SECRET}'),
        appConfig('x'.repeat(32)),
        inSyntax('json', 'clientSecret', secret),
      ],
    })),
    references: [TRUFFLEHOG],
  },
];
