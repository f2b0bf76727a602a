// Amplitude project API keys and secret keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const REMEDIATION = revokeAt('Amplitude', 'Organization settings > Projects > the project > API keys > rotate (the API key and secret key are issued together)');
const HELP = 'https://amplitude.com/docs/apis/authentication';
const TRUFFLEHOG = { type: 'trufflehog', id: 'amplitudeapikey', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/amplitudeapikey' } as const;
const secret = randomToken('amplitude-secret', HEX, 32);
const apiKey = randomToken('amplitude-api', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-AMPLITUDE-SECRET-KEY', title: 'Amplitude secret key',
      description: 'An Amplitude project secret key (32 hex): with the project API key it exports raw event data, reads cohorts and user profiles, and deletes users through the Dashboard, Export and Privacy APIs.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['amplitude'], keyPattern: 'amplitude[\\w.-]{0,20}secret', value: '[a-f0-9]{32}',
      sample: secret, keys: ['AMPLITUDE_SECRET_KEY', 'amplitudeSecretKey'],
      extraFlag: [`amplitude.secret.key=${secret}\n`, `AMPLITUDE_SECRET = "${secret}"\n`],
      extraNotFlag: [`AMPLITUDE_SECRET_KEY=${secret.slice(0, 31)}\n`, `AMPLITUDE_API_KEY=${apiKey}\n`],
    }),
    priority: 1,
    references: [TRUFFLEHOG],
  },
  {
    ...keyedRule({
      id: 'SEC-AMPLITUDE-API-KEY', title: 'Amplitude project API key', severity: 'medium',
      description: 'An Amplitude project API key (32 hex): sends events to the project (browser and mobile SDKs ship it); paired with the secret key it also reads the project\'s data.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['amplitude'], keyPattern: 'amplitude[_.-]?(?:api[_.-]?)?key', value: '[a-f0-9]{32}',
      sample: apiKey, keys: ['AMPLITUDE_API_KEY', 'amplitudeApiKey', 'amplitude_key'],
      extraFlag: [`AMPLITUDE_API_KEY := ${apiKey}\n`],
      extraNotFlag: [`AMPLITUDE_API_KEY=${apiKey.slice(0, 24)}\n`, 'AMPLITUDE_SERVER_URL=https://api2.amplitude.com/2/httpapi\n', `amplitude_volume = "${apiKey.replace(/[a-f]/g, '')}"\n`],
    }),
    references: [TRUFFLEHOG],
  },
];
