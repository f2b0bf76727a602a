// Honeycomb: ingest keys (hc?ik_ key id + secret), and configuration or classic keys by key name.
import { ALNUM_LOWER, BASE62, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REMEDIATION = revokeAt('Honeycomb', 'Account > Team Settings > Environments > API Keys, or Team Settings > API Keys for management keys: disable and delete the key');
const HELP = 'https://docs.honeycomb.io/get-started/best-practices/api-keys/';
/** The key type letter after hc varies per key (hcaik_, hcxik_, …). */
const INGEST_PREFIXES = [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `hc${c}ik_`);
const ingest = 'hcxik_01' + randomToken('honeycomb-id', ALNUM_LOWER, 24) + randomToken('honeycomb-secret', ALNUM_LOWER, 32);
const config = randomToken('honeycomb-config', BASE62, 22);
const classic = randomToken('honeycomb-classic', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-HONEYCOMB-INGEST-KEY', title: 'Honeycomb ingest key', severity: 'medium',
      description: 'A Honeycomb ingest key (key id and secret in one value) sends telemetry into the environment and may create datasets: data can be forged or the event quota spent.',
      prefixes: INGEST_PREFIXES, body: '[A-Za-z0-9]{58}', key: 'HONEYCOMB_API_KEY', sample: ingest,
      remediation: REMEDIATION, helpUri: HELP,
      extraFlag: [
        `OTEL_EXPORTER_OTLP_HEADERS="x-honeycomb-team=${ingest}"\n`,
        `exporters:\n  otlp:\n    endpoint: api.honeycomb.io:443\n    headers:\n      x-honeycomb-team: ${ingest}\n`,
      ],
      extraNotFlag: [inSyntax('env', 'HONEYCOMB_API_KEY', ingest.slice(0, 32)), inSyntax('env', 'HONEYCOMB_KEY_ID', 'hcxmk_01' + randomToken('honeycomb-mk', ALNUM_LOWER, 24))],
    }),
    references: [{ type: 'trufflehog', id: 'honeycomb', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/honeycomb' }],
  },
  {
    ...keyedRule({
      id: 'SEC-HONEYCOMB-API-KEY', title: 'Honeycomb configuration, management or classic API key',
      description: 'A Honeycomb configuration key (22 characters), management key secret or classic key (32 hex) manages boards, triggers, SLOs, datasets and (management keys) the team\'s other keys.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['honeycomb'], keyPattern: 'honeycomb[\\w.-]{0,20}(?:key|token|secret|team)', value: '[A-Za-z0-9]{22}|[A-Za-z0-9]{32}',
      sample: config, keys: ['HONEYCOMB_API_KEY', 'HONEYCOMB_KEY_SECRET'],
      extraFlag: [
        `curl https://api.honeycomb.io/1/auth -H "X-Honeycomb-Team: ${config}"\n`,
        inSyntax('env', 'HONEYCOMB_WRITEKEY', classic),
        `honeycomb.api.key=${config}\n`,
      ],
      extraNotFlag: [
        inSyntax('env', 'HONEYCOMB_API_KEY', config.slice(0, 20)),
        inSyntax('env', 'HONEYCOMB_DATASET', 'checkout-service'),
        inSyntax('env', 'HONEYCOMB_KEY_ID', 'hcxmk_01' + randomToken('honeycomb-mk', ALNUM_LOWER, 24)),
      ],
    }),
    references: [{ type: 'trufflehog', id: 'honeycomb', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/honeycomb' }],
  },
];
