// Freemius: the SDK secret key (sk_ + 29 printable characters), in fs_dynamic_init() arrays and settings.
import { inSyntax, inSyntaxes, lazyExamples, randomToken, BASE62 } from '../examples';
import type { SecretRule } from '../rule';
import { plausibleValue, revokeAt } from './helpers';

/** Printable characters other than quotes and the backtick: Freemius secret keys use punctuation. */
const KEY_CHAR = '[\\x21\\x23-\\x26\\x28-\\x5f\\x61-\\x7e]';
const sample = 'sk_' + randomToken('freemius', BASE62 + '#$&*;<>{}()[]!@', 29);
const pk = 'pk_' + randomToken('freemius-pk', '0123456789abcdef', 29);
const php = (secret: string): string =>
  `<?php\n$my_fs = fs_dynamic_init( array(\n    'id'          => '4321',\n    'slug'        => 'my-plugin',\n    'public_key'  => '${pk}',\n    'secret_key'  => '${secret}',\n) );\n`;

export const rules: SecretRule[] = [
  {
    id: 'SEC-FREEMIUS-SECRET-KEY',
    title: 'Freemius secret key',
    description: 'The secret key of a Freemius product (plugin or theme): it authenticates to the Freemius API as the developer, reaching licenses, installs and customer data. The public key (pk_) beside it is not secret.',
    severity: 'high',
    confidence: 'medium',
    remediation: revokeAt('Freemius', 'the Developer Dashboard > product > Settings > Keys > regenerate the secret key'),
    helpUri: 'https://freemius.com/help/documentation/wordpress-sdk/integrating-freemius-sdk/',
    references: [{ type: 'gitleaks', id: 'freemius-secret-key' }],
    keywords: ['freemius', "secret_key'", 'secret_key"'],
    pattern: new RegExp(
      `(?:freemius[\\w.-]{0,20}(?:secret|sk)[\\w.-]{0,12}["']?[ \\t]{0,8}(?:=>|:=|=|:)|["']secret_key["'][ \\t]{0,40}(?:=>|:))` +
      `[ \\t]{0,40}["']?(?<secret>sk_(?!live_|test_)${KEY_CHAR}{29})(?!${KEY_CHAR})`, 'gi'),
    window: 'line',
    minEntropy: 3.5,
    validate: plausibleValue,
    examples: lazyExamples(() => ({
      mustFlag: [
        php(sample),
        ...inSyntaxes('FREEMIUS_SECRET_KEY', sample, ['yaml', 'env', 'pipeline', 'python']),
        `{\n  "id": 4321,\n  "secret_key": "${sample}"\n}\n`,
      ],
      mustNotFlag: [
        php('sk_<your-secret-key>'),
        php(sample.slice(0, 25)),
        inSyntax('env', 'FREEMIUS_SECRET_KEY', '${FREEMIUS_SECRET_KEY}'),
        inSyntax('env', 'FREEMIUS_PUBLIC_KEY', pk),
        // A Stripe key under a secret_key name belongs to the Stripe rules.
        `'secret_key' => 'sk_live_${randomToken('fs-stripe', BASE62, 24)}',\n`,
      ],
    })),
  },
];
