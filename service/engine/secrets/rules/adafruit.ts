// Adafruit IO keys: the aio_ format and the older 32-hex keys.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REMEDIATION = revokeAt('Adafruit IO', 'io.adafruit.com > My Key > Regenerate key; every device using the old key must be updated');
const HELP = 'https://io.adafruit.com/api/docs/#authentication';
const GITLEAKS = { type: 'gitleaks', id: 'adafruit-api-key' } as const;
const TRUFFLEHOG = { type: 'trufflehog', id: 'adafruitio', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/adafruitio' } as const;
const aio = 'aio_' + randomToken('adafruit-aio', BASE62, 28);
const legacy = randomToken('adafruit-legacy', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-ADAFRUIT-IO-KEY', title: 'Adafruit IO key', severity: 'high',
      description: 'An Adafruit IO key (aio_ + 28 characters): reads and writes every feed and dashboard of the account, and controls the devices behind them.',
      prefixes: ['aio_'], body: '[A-Za-z0-9]{28}', key: 'ADAFRUIT_IO_KEY', minEntropy: 3.5,
      remediation: REMEDIATION, helpUri: HELP, sample: aio,
      extraFlag: [
        `aio = Client('sensor-lab', '${aio}')\n`,
        `curl -H "X-AIO-Key: ${aio}" https://io.adafruit.com/api/v2/sensor-lab/feeds\n`,
        `#define IO_KEY "${aio}"\n`,
      ],
      extraNotFlag: ['import aio_pika\n', `AIO_KEY=aio_${'x'.repeat(28)}\n`, `AIO_KEY=${aio.slice(0, 24)}\n`],
    }),
    references: [GITLEAKS, TRUFFLEHOG],
  },
  {
    ...keyedRule({
      id: 'SEC-ADAFRUIT-IO-KEY-LEGACY', title: 'Adafruit IO key (legacy 32-hex format)',
      description: 'An Adafruit IO key in the older 32-hex format: reads and writes every feed of the account.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['adafruit', 'aio_key', 'aio-key'], keyPattern: 'adafruit|aio[_-]key', value: '[a-f0-9]{32}',
      sample: legacy, keys: ['ADAFRUIT_IO_KEY', 'AIO_KEY', 'adafruitKey'],
      extraFlag: [`ADAFRUIT_IO_KEY := ${legacy}\n`, `aio_key: "${legacy}"\n`],
      extraNotFlag: ['ADAFRUIT_IO_USERNAME=sensor-lab\n', `ADAFRUIT_IO_KEY=${legacy.slice(0, 30)}\n`, `radio_key = "${legacy}"\n`],
    }),
    references: [GITLEAKS, TRUFFLEHOG],
  },
];
