// Mailchimp marketing API keys.
import { HEX, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt } from './helpers';

/** 32 lower-case hex bytes before the `-us` hit, a digit after it (most `-us` are locales: en-us). */
function keyAround(bytes: Uint8Array, at: number): boolean {
  const d = bytes[at];
  if (!(d >= 48 && d <= 57) || at < 35) return false;
  for (let i = at - 35; i < at - 3; i++) {
    const b = bytes[i];
    if (!((b >= 48 && b <= 57) || (b >= 97 && b <= 102))) return false;
  }
  return true;
}

// Keyed on the data-center suffix, so written out in full.
const mailchimp: SecretRule = {
  id: 'SEC-MAILCHIMP-API-KEY',
  title: 'Mailchimp API key',
  description: 'A Mailchimp marketing API key (32 hex + data-center suffix): full access to the audience and campaigns.',
  severity: 'high',
  confidence: 'high',
  remediation: revokeAt('Mailchimp', 'Profile > Extras > API keys'),
  helpUri: 'https://mailchimp.com/developer/marketing/guides/quick-start/',
  keywords: ['-us'],
  pattern: /(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9])/g,
  window: 'token',
  follows: keyAround,
  priority: 1,
  examples: lazyExamples(() => ({
    mustFlag: [inSyntax('env', 'MAILCHIMP_API_KEY', randomToken('mailchimp', HEX, 32) + '-us21'), inSyntax('json', 'mailchimpKey', randomToken('mailchimp2', HEX, 32) + '-us6')],
    mustNotFlag: [inSyntax('env', 'MAILCHIMP_API_KEY', '<your-key>-us21'), inSyntax('yaml', 'locale', 'en-us'), inSyntax('env', 'MAILCHIMP_API_KEY', '0123456789abcdef0123456789abcdef-us21')],
  })),
};

export const rules: SecretRule[] = [
  mailchimp,
];
