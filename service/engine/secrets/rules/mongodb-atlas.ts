// MongoDB Atlas: service account client secrets (mdb_sa_sk_…) and programmatic API private keys
// (UUIDs, by key name or in the Terraform provider block). Connection strings are in databases.ts.
import { ALNUM_LOWER, BASE64URL, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const HELP = 'https://www.mongodb.com/docs/atlas/configure-api-access/';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const sk = 'mdb_sa_sk_' + randomToken('atlas-sa', BASE64URL, 40);
const clientId = 'mdb_sa_id_' + randomToken('atlas-sa-id', HEX, 24);
const hex = randomToken('atlas-private', HEX, 32);
const privateKey = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-9${hex.slice(17, 20)}-${hex.slice(20)}`;
const publicKey = randomToken('atlas-public', ALNUM_LOWER.slice(10), 8);
const tf = (secret: string): string => `provider "mongodbatlas" {\n  public_key  = "${publicKey}"\n  private_key = "${secret}"\n}\n`;

const keyed = keyedRule({
  id: 'SEC-MONGODB-ATLAS-PRIVATE-KEY', title: 'MongoDB Atlas API private key', severity: 'critical',
  description: 'The private key of an Atlas programmatic API key (paired with its 8-letter public key) calls the Atlas Administration API with the key\'s organization or project roles: clusters, database users, network access and backups.',
  remediation: revokeAt('MongoDB Atlas', 'Organization (or Project) > Access Manager > API Keys > delete the key'),
  helpUri: HELP,
  keywords: ['atlas', 'mcli_'], keyPattern: '(?:mongodb[_.-]?atlas|atlas|mcli)[_.-]?(?:api[_.-]?)?private[_.-]?(?:api[_.-]?)?key', value: UUID,
  sample: privateKey, keys: ['MONGODB_ATLAS_PRIVATE_KEY', 'MCLI_PRIVATE_API_KEY'],
  window: 'near',
  extraFlag: [tf(privateKey), `MONGODB_ATLAS_PRIVATE_API_KEY := ${privateKey}\n`, `atlas.private.key=${privateKey}\n`],
  extraNotFlag: [
    inSyntax('env', 'MONGODB_ATLAS_PUBLIC_KEY', publicKey),
    tf('${var.atlas_private_key}'),
    inSyntax('env', 'MONGODB_ATLAS_PRIVATE_KEY', privateKey.slice(0, 30)),
  ],
});

/** private_key in the mongodbatlas Terraform provider block (the window starts at the block's first line). */
const TERRAFORM = `(?<=provider[ \\t]{1,4}"mongodbatlas"[ \\t]{0,4}\\{[^}]{0,300}?private_key[ \\t]{0,8}=[ \\t]{0,8}")${UUID}(?![0-9a-f-])`;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-MONGODB-ATLAS-SERVICE-ACCOUNT-SECRET', title: 'MongoDB Atlas service account secret',
      description: 'A MongoDB Atlas service account client secret (paired with its mdb_sa_id_ client id) obtains OAuth tokens for the Atlas Administration API with the account\'s organization or project roles.',
      prefixes: ['mdb_sa_sk_'], body: '[A-Za-z0-9_-]{40}', boundary: '[A-Za-z0-9_-]', key: 'MONGODB_ATLAS_CLIENT_SECRET', sample: sk,
      remediation: revokeAt('MongoDB Atlas', 'Organization > Access Manager > Service Accounts > the account > revoke the secret'),
      helpUri: 'https://www.mongodb.com/docs/atlas/api/service-accounts-overview/',
      extraFlag: [
        `atlas auth login --clientId ${clientId} --clientSecret ${sk}\n`,
        `{\n  "clientId": "${clientId}",\n  "clientSecret": "${sk}"\n}\n`,
      ],
      extraNotFlag: [inSyntax('env', 'MONGODB_ATLAS_CLIENT_ID', clientId), inSyntax('env', 'MONGODB_ATLAS_CLIENT_SECRET', 'mdb_sa_sk_…')],
    }),
  },
  { ...keyed, pattern: new RegExp(`${keyed.pattern!.source}|${TERRAFORM}`, 'gi') },
];
