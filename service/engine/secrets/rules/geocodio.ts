// Geocodio: API keys (39 characters), by key name or as api_key= in an api.geocod.io URL.
import { ALNUM_LOWER, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('geocodio', ALNUM_LOWER, 39);
const base = keyedRule({
  id: 'SEC-GEOCODIO-API-KEY', title: 'Geocodio API key', severity: 'medium',
  description: 'A Geocodio API key spends the account\'s geocoding quota (billed beyond the free tier) and can read the account\'s lists.',
  remediation: revokeAt('Geocodio', 'dash.geocod.io > API Keys > delete the key'),
  helpUri: 'https://www.geocod.io/docs/#authentication',
  keywords: ['geocodio', 'geocod.io'], keyPattern: 'geocodio[\\w.-]{0,20}(?:key|token)', value: '[a-z0-9]{39}',
  sample, keys: ['GEOCODIO_API_KEY', 'geocodioKey'],
  extraFlag: [
    `curl "https://api.geocod.io/v1.7/geocode?q=1109+N+Highland+St%2c+Arlington+VA&api_key=${sample}"\n`,
    `from geocodio import GeocodioClient\nclient = GeocodioClient("${sample}")\n`,
    `GEOCODIO_API_KEY := ${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'GEOCODIO_API_KEY', sample.slice(0, 32)),
    'curl "https://api.geocod.io/v1.7/geocode?q=Arlington+VA&api_key=YOUR_API_KEY"\n',
  ],
});

/** api_key= in the query string of a geocod.io URL, or the key given to the Python client. */
const URL_PARAM = '(?<=geocod\\.io/[^\\s"\'<>]{0,300}[?&]api_key=|GeocodioClient\\([ \\t]{0,4}["\'])[a-z0-9]{39}(?![a-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${URL_PARAM}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'geocodio', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/geocodio' }],
  },
];
