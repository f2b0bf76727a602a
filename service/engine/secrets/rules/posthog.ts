// PostHog: personal API keys (phx_, the private API as their user) and project API keys (phc_,
// client-side capture keys that are public by design).
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const personal = 'phx_' + randomToken('posthog-phx', BASE62, 47);
const project = 'phc_' + randomToken('posthog-phc', BASE62, 43);
const trufflehog = { type: 'trufflehog', id: 'posthog', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/posthog' } as const;

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-POSTHOG-PERSONAL-API-KEY', title: 'PostHog personal API key', prefixes: ['phx_'], body: '[A-Za-z0-9_]{36,64}', key: 'POSTHOG_PERSONAL_API_KEY',
    description: 'A PostHog personal API key acts as the user who created it on every private endpoint its scopes allow: reading persons, events and recordings, running queries, changing feature flags and deleting data.',
    remediation: revokeAt('PostHog', 'Settings > User > Personal API keys > Roll or Delete'),
    helpUri: 'https://posthog.com/docs/api/personal-api-keys',
    sample: personal,
    extraFlag: [
      `curl 'https://us.posthog.com/api/projects/' \\\n  -H 'Authorization: Bearer ${personal}'\n`,
      `posthog = Posthog(PROJECT_KEY, personal_api_key='${personal}', host='https://eu.i.posthog.com')\n`,
      `func client() {\n\tpersonalKey := "${personal}"\n\t_ = personalKey\n}\n`,
    ],
    extraNotFlag: [
      `POSTHOG_PERSONAL_API_KEY=phx_${randomToken('posthog-short', BASE62, 20)}\n`,
      'Create a key at https://us.posthog.com/settings/user-api-keys (it starts with phx_).\n',
    ],
  }),
  {
    ...tokenRule({
      id: 'SEC-POSTHOG-PROJECT-API-KEY', title: 'PostHog project API key', prefixes: ['phc_'], body: '[A-Za-z0-9_]{36,64}', key: 'POSTHOG_KEY', severity: 'low',
      description: 'A PostHog project API key only sends events and evaluates feature flags, and ships in client bundles by design; in a repository it still lets anyone write events into the project. Personal API keys (phx_) are the ones that read data.',
      remediation: 'Project API keys are public by design: move the key to configuration if it should not be public, and reset it (Project settings > Project API key > Reset) if the project receives events it should not.',
      helpUri: 'https://posthog.com/docs/getting-started/install',
      sample: project,
      extraFlag: [
        `posthog.init('${project}', { api_host: 'https://us.i.posthog.com' })\n`,
        `posthog = Posthog('${project}', host='https://eu.i.posthog.com')\n`,
        `<script>\n  !function(t,e){}(document,window.posthog||[]);\n  posthog.init("${project}",{api_host:"https://eu.i.posthog.com"})\n</script>\n`,
      ],
      extraNotFlag: [
        `posthog.init('phc_${'X'.repeat(43)}', { api_host: 'https://us.i.posthog.com' })\n`,
        `posthog.init(process.env.NEXT_PUBLIC_POSTHOG_KEY) // phc_...\n`,
      ],
    }),
    references: [trufflehog],
  },
];
