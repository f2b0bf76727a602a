// Cloudinary: CLOUDINARY_URL connection URLs and API secrets.
import { BASE64URL, DIGITS, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const apiKey = randomToken('cloudinary-key', DIGITS, 15);
const apiSecret = randomToken('cloudinary-secret', BASE64URL, 27);
const url = `cloudinary://${apiKey}:${apiSecret}@contoso-media`;
const REMEDIATION = revokeAt('Cloudinary', 'Console > Settings > API Keys > generate a new key pair, move the clients to it, then deactivate the old one');
const TRUFFLEHOG = { type: 'trufflehog', id: 'cloudinary', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/cloudinary' } as const;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-CLOUDINARY-URL', title: 'Cloudinary URL with API secret', severity: 'high',
      description: 'A CLOUDINARY_URL (cloudinary://<api key>:<api secret>@<cloud name>): uploads, transforms, renames and deletes every asset of the product environment and changes its settings.',
      prefixes: ['cloudinary://'], body: '[0-9]{12,20}:[A-Za-z0-9_-]{20,40}@[A-Za-z0-9_-]{1,64}', boundary: '[A-Za-z0-9_-]', key: 'CLOUDINARY_URL',
      remediation: REMEDIATION, helpUri: 'https://cloudinary.com/documentation/developer_onboarding_faq_find_credentials',
      sample: url,
      extraFlag: [`heroku config:set CLOUDINARY_URL=${url}\n`, `cloudinary.url=${url}\n`],
      extraNotFlag: ['CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>\n', 'CLOUDINARY_URL=cloudinary://123456789012345:abcdefghijklmnopqrstuvwxyz1@demo\n'],
    }),
    references: [TRUFFLEHOG],
  },
  {
    ...keyedRule({
      id: 'SEC-CLOUDINARY-API-SECRET', title: 'Cloudinary API secret',
      description: 'A Cloudinary API secret (27 characters): with the API key (15 digits) and cloud name it signs uploads and calls the Admin API: every asset of the product environment can be replaced or deleted.',
      remediation: REMEDIATION, helpUri: 'https://cloudinary.com/documentation/developer_onboarding_faq_find_credentials',
      keywords: ['cloudinary'], window: 'block',
      // CLOUDINARY_API_SECRET = …, and api_secret inside cloudinary.config({ … }) written over several lines.
      keyPattern: 'cloudinary[\\w.-]{0,20}secret|api[_.-]?secret(?<=cloudinary[\\s\\S]{0,300})', value: '[A-Za-z0-9_-]{27}', minEntropy: 3.5,
      sample: apiSecret, keys: ['CLOUDINARY_API_SECRET', 'cloudinarySecret'],
      extraFlag: [
        `cloudinary.config({\n  cloud_name: 'contoso-media',\n  api_key: '${apiKey}',\n  api_secret: '${apiSecret}'\n});\n`,
        `cloudinary.config(\n    cloud_name="contoso-media",\n    api_key="${apiKey}",\n    api_secret="${apiSecret}",\n    secure=True,\n)\n`,
      ],
      extraNotFlag: [
        `cloudinary.config({ cloud_name: 'contoso-media', api_key: '${apiKey}', api_secret: process.env.CLOUDINARY_API_SECRET });\n`,
        `api_secret = "${apiSecret}"\n`,
        `CLOUDINARY_API_KEY=${apiKey}\n`,
      ],
    }),
    references: [TRUFFLEHOG],
  },
];
