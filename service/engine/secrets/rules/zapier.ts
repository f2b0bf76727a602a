// Zapier "Catch Hook" webhook URLs: anyone with the URL triggers the Zap.
import { ALNUM_LOWER, DIGITS, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { tokenRule } from './helpers';

const sample = `https://hooks.zapier.com/hooks/catch/${randomToken('zapier-account', DIGITS, 8)}/${randomToken('zapier-hook', ALNUM_LOWER, 7)}/`;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-ZAPIER-WEBHOOK-URL', title: 'Zapier webhook URL', severity: 'medium',
      prefixes: ['https://hooks.zapier.com/hooks/catch/', 'http://hooks.zapier.com/hooks/catch/'], keywords: ['hooks.zapier.com'],
      body: '[0-9]{4,12}/[A-Za-z0-9]{4,16}/?', key: 'ZAPIER_WEBHOOK_URL', boundary: '[A-Za-z0-9]',
      description: 'A Zapier "Catch Hook" URL triggers its Zap for anyone who posts to it: the Zap\'s later steps (emails, CRM records, payments, messages) run on attacker-chosen data.',
      remediation: 'Turn the Zap off, replace its trigger with a new Catch Hook (a new URL), and keep the URL in a secret store; check the Zap history for runs you did not make.',
      helpUri: 'https://help.zapier.com/hc/en-us/articles/8496288690317-Trigger-Zaps-from-webhooks',
      sample,
      extraFlag: [
        `curl -X POST -d '{"event":"deploy"}' ${sample}\n`,
        `requests.post("${sample.replace(/\/$/, '')}", json={"status": "done"})\n`,
      ],
      extraNotFlag: [
        `ZAPIER_WEBHOOK_URL=https://hooks.zapier.com/hooks/catch/123/abc/\n`,
        `See https://hooks.zapier.com/hooks/catch/ for the endpoint.\n`,
      ],
    }),
    references: [{ type: 'trufflehog', id: 'zapierwebhook', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/zapierwebhook' }],
  },
];
