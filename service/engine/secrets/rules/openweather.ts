// OpenWeather: API keys (32 hex), by key name or as appid= in an openweathermap.org URL.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('openweather', HEX, 32);
const base = keyedRule({
  id: 'SEC-OPENWEATHER-API-KEY', title: 'OpenWeather API key', severity: 'medium',
  description: 'An OpenWeather (openweathermap.org) API key spends the account\'s call quota, billed beyond the free tier on paid plans.',
  remediation: revokeAt('OpenWeather', 'home.openweathermap.org/api_keys > delete the key and generate a new one'),
  helpUri: 'https://openweathermap.org/appid',
  keywords: ['openweather', 'open_weather', 'open-weather', 'owm_', 'owm-', 'owm.', 'owmapi', 'owmkey'],
  keyPattern: '(?:open[_-]?weather(?:map)?|owm(?=[_.-]|api|key))[\\w.-]{0,20}(?:key|token|app[_.-]?id)', value: '[a-f0-9]{32}',
  sample, keys: ['OPENWEATHER_API_KEY', 'OWM_API_KEY'],
  extraFlag: [
    `curl "https://api.openweathermap.org/data/2.5/weather?q=London&units=metric&appid=${sample}"\n`,
    `OPENWEATHERMAP_APPID := ${sample}\n`,
    `owmApiKey := "${sample}"\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'OPENWEATHER_API_KEY', sample.slice(0, 30)),
    'curl "https://api.openweathermap.org/data/2.5/weather?q=London&appid={API key}"\n',
    inSyntax('env', 'OPENWEATHER_CITY_ID', '2643743'),
  ],
});

/** appid= in the query string of an openweathermap.org URL. */
const URL_PARAM = '(?<=openweathermap\\.org/[^\\s"\'<>]{0,300}[?&]appid=)[a-f0-9]{32}(?![a-f0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${URL_PARAM}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'openweather', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/openweather' }],
  },
];
