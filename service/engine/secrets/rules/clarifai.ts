// Clarifai personal access tokens and API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const pat = randomToken('clarifai', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-CLARIFAI-PAT', title: 'Clarifai personal access token or API key',
      description: 'A Clarifai personal access token or app API key (32 hex): runs models and workflows on the account\'s paid quota and reads, adds and deletes the inputs (images, text, audio) of its apps.',
      remediation: revokeAt('Clarifai', 'Settings > Secrets (personal access tokens) or the app\'s Settings > API keys > delete the token'),
      helpUri: 'https://docs.clarifai.com/control/authentication/pat',
      keywords: ['clarifai'], keyPattern: 'clarifai[\\w.-]{0,20}(?:key|pat|token)', value: '[a-f0-9]{32}',
      sample: pat, keys: ['CLARIFAI_PAT', 'clarifaiApiKey'],
      extraFlag: [`export CLARIFAI_PAT="${pat}"\n`, `clarifaiPAT := "${pat}"\n`],
      extraNotFlag: [`CLARIFAI_PAT=${pat.slice(0, 30)}\n`, 'CLARIFAI_USER_ID=octodev\nCLARIFAI_APP_ID=main\n'],
    }),
    references: [{ type: 'trufflehog', id: 'clarifai', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/clarifai' }],
  },
];
