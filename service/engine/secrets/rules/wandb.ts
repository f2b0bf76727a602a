// Weights & Biases API keys: 40 hex (local- and 40 hex on self-managed servers), found by key
// name, in wandb.login(key=…), and in a .netrc entry for api.wandb.ai.
import { HEX, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('wandb', HEX, 40);
const REMEDIATION = revokeAt('Weights & Biases', 'User settings > API keys > Delete');
const HELP = 'https://docs.wandb.ai/support/find_api_key/';
const trufflehog = { type: 'trufflehog', id: 'weightsandbiases', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/weightsandbiases' } as const;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-WANDB-API-KEY', title: 'Weights & Biases API key',
      description: 'A Weights & Biases API key acts as its user: it reads and writes runs, artifacts (datasets and model weights) and reports of every project the user can reach.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['wandb'],
      keyPattern: 'wandb[\\w.-]{0,20}(?:key|token)|wandb\\.login\\([ \\t]{0,4}key',
      value: '(?:local-)?[a-f0-9]{40}', sample,
      keys: ['WANDB_API_KEY', 'wandbApiKey', 'wandb.api.key'],
      extraFlag: [
        `import wandb\nwandb.login(key="${sample}")\n`,
        `docker run -e WANDB_API_KEY=local-${sample} -e WANDB_BASE_URL=https://wandb.example.com trainer:latest\n`,
        `wandbKey := "${sample}"\n`,
      ],
      extraNotFlag: [`WANDB_PROJECT=llm-finetune\nWANDB_ENTITY=acme\n`, `wandb.login(key=os.environ["WANDB_API_KEY"])\n`],
    }),
    references: [trufflehog],
  },
  {
    id: 'SEC-WANDB-NETRC', title: 'Weights & Biases API key in a .netrc entry',
    description: 'The .netrc entry `wandb login` writes for api.wandb.ai: its password is the user\'s API key, which reads and writes every project the user can reach.',
    severity: 'high', confidence: 'high',
    remediation: REMEDIATION, helpUri: HELP,
    references: [trufflehog],
    keywords: ['api.wandb.ai'],
    pattern: /machine[ \t]+api\.wandb\.ai[ \t\r\n]{1,8}login[ \t]+[^\s]{1,64}[ \t\r\n]{1,8}password[ \t]+(?<secret>(?:local-)?[a-f0-9]{40})(?![A-Za-z0-9])/g,
    window: 'near',
    minEntropy: 3,
    examples: lazyExamples(() => ({
      mustFlag: [
        `machine api.wandb.ai\n  login user\n  password ${sample}\n`,
        `machine github.com login octo password x\nmachine api.wandb.ai login user password ${sample}\n`,
      ],
      mustNotFlag: [
        `machine api.wandb.ai\n  login user\n  password ${'0'.repeat(40)}\n`,
        `machine api.wandb.ai\n  login user\n  password $WANDB_API_KEY\n`,
        inSyntax('yaml', 'wandb_host', 'https://api.wandb.ai'),
      ],
    })),
  },
];
