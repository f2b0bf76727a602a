// Coda API tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const r = (seed: string, n: number): string => randomToken(seed, HEX, n);
const token = `${r('coda1', 8)}-${r('coda2', 4)}-4${r('coda3', 3)}-a${r('coda4', 3)}-${r('coda5', 12)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-CODA-API-TOKEN', title: 'Coda API token',
      description: 'A Coda API token (UUID form): reads and, unless restricted, writes every doc, table and row the user can reach, as the user.',
      remediation: revokeAt('Coda', 'Account settings > API settings > delete the token'),
      helpUri: 'https://coda.io/developers/apis/v1#section/Authentication',
      // Not the word coda (Codable, encodable …): only coda_api…, coda_token, codaKey and the like.
      keywords: ['coda_api', 'coda-api', 'codaapi', 'coda_token', 'codatoken', 'coda_key', 'codakey', 'coda_secret'],
      keyPattern: '(?<![A-Za-z0-9])coda[_.-]?(?:api|token|key|secret)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      sample: token, keys: ['CODA_API_TOKEN', 'codaApiKey', 'CODA_TOKEN'],
      extraFlag: [`export CODA_API_TOKEN=${token}\n`, `codaToken := "${token}"\n`],
      extraNotFlag: [`CODA_DOC_ID=${token}\n`, `struct Config: Codable { let apiKey = "${token}" }\n`, `CODA_API_TOKEN=${token.slice(0, 23)}\n`],
    }),
    references: [{ type: 'trufflehog', id: 'coda', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/coda' }],
  },
];
