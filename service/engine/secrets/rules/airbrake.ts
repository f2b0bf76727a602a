// Airbrake project keys (notifier) and user keys (API).
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const projectKey = randomToken('airbrake-project', HEX, 32);
const userKey = randomToken('airbrake-user', HEX, 40);
const th = (dir: string) => ({ type: 'trufflehog', id: dir, url: `https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/${dir}` }) as const;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-AIRBRAKE-PROJECT-KEY', title: 'Airbrake project key', severity: 'medium',
      description: 'An Airbrake project key (32 hex): with the numeric project id it sends errors and performance data to the project; anyone holding it can flood or poison the project\'s error stream.',
      remediation: revokeAt('Airbrake', 'Project > Settings > Project key > Regenerate'),
      helpUri: 'https://docs.airbrake.io/docs/overview/api-keys/',
      keywords: ['airbrake'],
      // AIRBRAKE_PROJECT_KEY = …, and `c.project_key = '…'` inside `Airbrake.configure do |c|`.
      keyPattern: 'airbrake[\\w.-]{0,20}(?:key|token)|project[_.-]?key(?<=airbrake[\\s\\S]{0,160})',
      value: '[a-f0-9]{32}', window: 'near',
      sample: projectKey, keys: ['AIRBRAKE_PROJECT_KEY', 'airbrakeProjectKey'],
      extraFlag: [
        `Airbrake.configure do |c|\n  c.project_id = 284913\n  c.project_key = '${projectKey}'\nend\n`,
        `airbrake:\n  project_id: 284913\n  project_key: ${projectKey}\n`,
      ],
      extraNotFlag: ['AIRBRAKE_PROJECT_ID=284913\n', `AIRBRAKE_PROJECT_KEY=${projectKey.slice(0, 28)}\n`, `project_key: ${projectKey}\n`],
    }),
    references: [th('airbrakeprojectkey')],
  },
  {
    ...keyedRule({
      id: 'SEC-AIRBRAKE-USER-KEY', title: 'Airbrake user API key',
      description: 'An Airbrake user key (40 hex): calls the Airbrake API as the user, reading the errors, source excerpts and settings of every project the user belongs to.',
      remediation: revokeAt('Airbrake', 'Profile > API key > Regenerate'),
      helpUri: 'https://docs.airbrake.io/docs/devops-tools/api/',
      keywords: ['airbrake'],
      keyPattern: 'airbrake[\\w.-]{0,20}(?:key|token)|api\\.airbrake\\.io/api/v4/[\\w/.-]{0,80}\\?(?=key=)',
      value: '[a-f0-9]{40}',
      sample: userKey, keys: ['AIRBRAKE_USER_KEY', 'airbrake_api_key'],
      extraFlag: [`curl "https://api.airbrake.io/api/v4/projects?key=${userKey}"\n`, `airbrakeUserKey := "${userKey}"\n`],
      extraNotFlag: [`AIRBRAKE_USER_KEY=${userKey.slice(0, 32)}\n`, `commit: ${userKey}\n`],
    }),
    references: [th('airbrakeuserkey')],
  },
];
