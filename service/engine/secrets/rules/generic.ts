// Generic `name = value` assignments of passwords, secrets, tokens and API keys, scored by
// entropy. These lose against every specific rule that matched the same value.
import { ALL_SYNTAXES, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import { isNonSecretKeyName } from '../allowlist';
import { shannonEntropy } from '../entropy';
import type { MatchContext, SecretRule } from '../rule';
import { CODE_FILE, MEMBER_ACCESS, charBeforeSecret } from './helpers';

const REMEDIATION = 'Change the credential at its source (the service, database or account it opens), then load it from a secret store (Azure Key Vault, pipeline secret variables) instead of the repository.';


/**
 * A literal a person typed, not an expression or a name: quoted in source code (or any bare
 * config value elsewhere), the whole literal (a quoted phrase is prose), and no identifier, member
 * access, call, path, plain URL, number or single word.
 */
export function plausibleAssignment(ctx: MatchContext, minEntropy: number, requireDigit = false): boolean {
  const { secret, match, path, window } = ctx;
  const a = ctx.assignment;
  let key: string;
  let quoted: boolean;
  let whole: boolean;
  if (a) {
    key = match[0].slice(0, a.nameEnd - a.nameStart);
    quoted = a.quote !== 0;
    whole = secret.length === a.valueEnd - a.valueStart;
  } else {
    // A regex match (rules built on keyedPattern): the key is the name bytes around the match start.
    const all = match[0];
    let s = match.index;
    while (s > 0 && match.index - s < 40 && /[A-Za-z0-9_.-]/.test(window[s - 1])) s--;
    key = window.slice(s, match.index) + (/^[A-Za-z0-9_.-]*/.exec(all)?.[0] ?? '');
    const before = charBeforeSecret(ctx);
    quoted = before === '"' || before === "'" || before === '`';
    const after = window[match.index + all.length];
    whole = !quoted || after === undefined || after === before;
  }
  if (isNonSecretKeyName(key)) return false;
  if (!quoted && CODE_FILE.test(path)) return false;
  if (!whole) return false;
  // 'prefix' + rest, 'abc'.trim(): the literal is a piece of an expression.
  if (a && quoted && (a.after === 0x2b /* + */ || a.after === 0x2e /* . */)) return false;
  if (looksLikeName(secret)) return false;
  // Identifiers, member access, calls, paths and URLs without credentials are not secrets.
  if (MEMBER_ACCESS.test(secret) || /^(?:[A-Z][A-Za-z0-9_]*|[a-z_$][A-Za-z0-9_$]*)\.[A-Za-z_$][A-Za-z_$]{0,29}(?:\.[A-Za-z_$][A-Za-z_$]{0,29})*$/.test(secret)) return false;
  if (/^[a-z]+(?:[_-][a-z]+)+$/.test(secret) || /^[A-Z]+(?:_[A-Z]+)+$/.test(secret)) return false;
  if (/^(?:https?|file|s3|gs):\/\//i.test(secret) || /^[./~]?\/[\w./-]*$/.test(secret)) return false;
  if (/[()[\]{}]$/.test(secret) || /^\d+(?:\.\d+)*$/.test(secret)) return false;
  const entropy = shannonEntropy(secret);
  // A digit, or a long mixed-case random run (clujLbngNbpuFNDPJCWGHFQO; PascalCase words are names).
  if (requireDigit && !/[0-9]/.test(secret) && !(secret.length >= 20 && /[a-z]/.test(secret) && /[A-Z]/.test(secret) && entropy >= 3.8)) return false;
  // A single plain word ("migration", "Handler") is a name or a phrase, not a password.
  if (characterClasses(secret) < 2 && secret.length < 16) return false;
  // Hex has 16 symbols: a random 32-hex key measures 3.3-3.9 bits, below the other alphabets.
  if (secret.length >= 20 && /^(?:[0-9a-f]+|[0-9A-F]+)$/.test(secret)) return /[0-9]/.test(secret) && /[a-fA-F]/.test(secret) && entropy >= 3;
  return entropy >= minEntropy;
}

/**
 * Names rather than values: one-case words (serviceprincipalkey), camelCase and PascalCase
 * identifiers (dockerHubToken), and lower-case slugs, paths and image names made of words
 * (prod-db-password-secret, release-notes-2024-v2, fabrikam/checkout:5.0.1, external/cwe/cwe-798).
 */
export function looksLikeName(value: string): boolean {
  if (/^[a-z]+$|^[A-Z]+$|^[a-z]+(?:[A-Z][a-z]+)+$|^(?:[A-Z][a-z]+){2,}$|^[A-Za-z][a-z]+[.,;:!?]$/.test(value)) return true;
  if (!/^[a-z0-9]+(?:[-_./:@][a-z0-9]+)+$/.test(value)) return false;
  let words = 0;
  for (const part of value.split(/[-_./:@]/)) if (/^[a-z]{3,}$/.test(part)) words++;
  return words >= 2;
}

function characterClasses(s: string): number {
  return (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0) + (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
}

function genericRule(opts: {
  id: string; title: string; description: string; keywords: string[];
  /** The name the value is assigned to (its last dotted segment holds a keyword). */
  name: RegExp;
  value: string; minLength: number; minEntropy: number; severity: 'high' | 'medium'; key: string; requireDigit?: boolean; sample: string; sample2: string;
  /** More syntaxes than the generator's (forms it has no key for), and values it must not take. */
  flag: string[];
  notFlag: string[];
  references: SecretRule['references'];
}): SecretRule {
  return {
    id: opts.id,
    title: opts.title,
    description: opts.description,
    severity: opts.severity,
    confidence: 'medium',
    remediation: REMEDIATION,
    references: opts.references,
    keywords: opts.keywords,
    // In source code only a quoted literal is a credential (plausibleAssignment): skip the rest early.
    // The keyword ends a word of the name: dbPassword, API_TOKEN, secret_key (passwordField, tokenizer
    // and secretName are other things); secretKey and credentials have keywords of their own.
    assigned: { name: opts.name, value: new RegExp(opts.value), minLength: opts.minLength, quotedIn: CODE_FILE, keywordEndsWord: true },
    generic: true,
    priority: -1,
    validate: (ctx) => plausibleAssignment(ctx, opts.minEntropy, opts.requireDigit),
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes(opts.key, opts.sample, [...ALL_SYNTAXES, 'yaml-nested']),
        inSyntax('code', opts.key, opts.sample2),
        ...opts.flag,
      ],
      mustNotFlag: [...notSecrets(opts.key, opts.sample), ...opts.notFlag],
    })),
  };
}

/** A case-insensitive regex source for a word, for regexes that are otherwise case-sensitive. */
function ci(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join('');
}

/** A keyword in the last dotted segment of a name (`db.password`, not `password.length`). */
function inLastSegment(keywords: string[]): RegExp {
  return new RegExp(`(?:${keywords.map((k) => k.replace(/[-.]/g, '\\$&')).join('|')})[^.]*$`, 'i');
}

/** detect-secrets' keyword detector, whose job these two rules do over every syntax assignments.ts reads. */
const DETECT_SECRETS = { type: 'other', id: 'detect-secrets:KeywordDetector', url: 'https://github.com/Yelp/detect-secrets/blob/master/detect_secrets/plugins/keyword.py' } as const;

const SECRET_KEYWORDS = ['secret', 'token', 'apikey', 'api_key', 'api-key', 'access_key', 'accesskey', 'auth_key', 'authkey', 'private_key', 'privatekey',
  'priv_key', 'privkey', 'credential', 'creds', 'client_key', 'clientkey', 'signing_key', 'signingkey', 'encryption_key', 'encryptionkey', 'master_key',
  'masterkey', 'service_key', 'servicekey', 'account_key', 'accountkey', 'db_key', 'dbkey', 'database_key', 'databasekey', 'app_key', 'appkey',
  'session_key', 'sessionkey', 'crypt_key', 'cryptkey', 'hmac_key', 'hmackey', 'jwt_key', 'jwtkey', 'secretkey', 'credentials'];

export const rules: SecretRule[] = [
  genericRule({
    id: 'SEC-GENERIC-PASSWORD',
    title: 'Password assigned in code or configuration',
    description: 'A literal password assigned to a password-like setting (password, passwd, pwd, passphrase, *_pass), in any syntax the assignment reader knows: .env, shells, YAML, JSON, XML, INI, TOML, HCL, Makefiles, Dockerfiles and the common languages, including name/value pairs and defaults after an environment lookup.',
    references: [DETECT_SECRETS],
    // `pass` ending a name (DB_PASS=, smtpPass:, "mail_pass": …): its own keywords, so that the
    // frequent `password` is not read twice.
    keywords: ['password', 'passwd', 'pwd', 'passphrase', 'contrase', 'pass=', 'pass =', 'pass:', 'pass"', "pass'", 'pass`', 'pass_', 'pass-'],
    // `pass` as a word (DB_PASS, smtpPass, pass:), not inside bypass, passport or compass.
    name: new RegExp(`(?:${ci('passw')}(?:${ci('or')})?${ci('d')}|${ci('pwd')}|${ci('passphrase')}|${ci('contrase')}|(?:^|[^A-Za-z])[Pp]ass(?![a-z])|[a-z]Pass(?![a-z])|(?:^|[^A-Z])PASS(?![A-Z]))[^.]*$`),
    // ';' may be in a quoted or element value (XML's &amp;); a bare value ends at ';' anyway.
    value: '[^\\s"\'`<>,()[\\]{}]{6,128}',
    minLength: 6,
    minEntropy: 2.8,
    severity: 'high',
    key: 'db_password',
    sample: 'Tr0ub4dor&3-Vigil',
    sample2: 'Kx9#mQ2!vL7pZr@w',
    flag: [
      'static const char smtp_password[] = "Hn4!rT8@wQ2#zL6";\n',
      '#define DB_PASSWORD "Hn4!rT8@wQ2#zL6"\n',
      "CREATE USER app WITH PASSWORD 'Hn4!rT8@wQ2#zL6';\n",
      'machine smtp.contoso.com login mailer password Hn4!rT8@wQ2#zL6\n',
      'ENV DB_PASSWORD Hn4!rT8@wQ2#zL6\n',
      'const password = process.env.DB_PASSWORD ?? "Hn4!rT8@wQ2#zL6";\n',
      'ds.setPassword("Hn4!rT8@wQ2#zL6");\n',
      'if (password === "Hn4!rT8@wQ2#zL6") { login(); }\n',
      '<add key="Smtp:Password" value="Hn4!rT8@wQ2#zL6" />\n',
      'env:\n  - name: SMTP_PASSWORD\n    value: "Hn4!rT8@wQ2#zL6"\n',
      'DB_PASS=Hn4!rT8@wQ2#zL6\n',
    ],
    notFlag: [
      inSyntax('yaml', 'db_password', 'password'),
      inSyntax('yaml', 'db_password', 'changeme'),
      inSyntax('code', 'password', 'hunter'),
      `password = config.db.password\n`,
      `const pwd = getPassword();\n`,
      inSyntax('yaml', 'password_hash', 'x9Kq2mZ8vLw4nR7tYp3s'),
      inSyntax('yaml', 'password_field', 'user_password_input'),
      `<input type="password" name="password" placeholder="Password">\n`,
      'The password is reset by the account handler after three attempts.\n',
      "const fields = ['password', 'passwordConfirm', 'oldPassword'];\n",
      "const password = 'Hn4!rT8@' + suffix;\n",
      'bypass_mode: Hn4!rT8@wQ2#zL6\n',
      'password: ${{ secrets.DB_PASSWORD }}\n',
    ],
  }),
  genericRule({
    id: 'SEC-GENERIC-SECRET',
    title: 'High-entropy secret, token or API key assigned in code or configuration',
    description: 'A random-looking literal assigned to a setting named like a secret, token, API key or credential, in any syntax the assignment reader knows (the same as for passwords).',
    references: [{ type: 'gitleaks', id: 'generic-api-key' }, DETECT_SECRETS],
    keywords: SECRET_KEYWORDS,
    name: inLastSegment(SECRET_KEYWORDS),
    value: '[A-Za-z0-9+/=_.~:@!$%^*-]{16,256}',
    minLength: 16,
    minEntropy: 3.5,
    requireDigit: true,
    severity: 'medium',
    key: 'service_api_key',
    sample: 'q7Vt2LmX9pZr4KwN8sYb3HcD',
    sample2: 'Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6',
    flag: [
      'val encryptionKey = "PL8q2Vx7Rt4Kw9Nz3Hc6Yb1Md5Sf0Gj"\n',
      'api_token = os.environ.get("API_TOKEN", "Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6")\n',
      'props.put("client_secret", "Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6");\n',
      'checkout:\n  session_key: 8d2de38def99880589ecd3f0b88b4c0b\n',
    ],
    notFlag: [
      inSyntax('yaml', 'token_url', 'https://login.example.com/oauth2/token'),
      inSyntax('yaml', 'secret_name', 'prod-db-password-secret'),
      inSyntax('json', 'token_hash', 'd2f1c8e9b7a6453f9e8d7c6b5a4f3e2d1c0b9a8f'),
      inSyntax('yaml', 'api_key_id', '7d3c5b9e-1f2a-4b6c-8d9e-0a1b2c3d4e5f'),
      inSyntax('code', 'tokenizer', 'WordPieceTokenizerFast'),
      `token = self.tokenizer.tokenize(text)\n`,
      `"continuationToken": "eyJjb250aW51YXRpb25Ub2tlbiI6WyJOb3RTdXBwb3J0ZWQiXX0="\n`,
      "const token = randomToken('high-entropy-b64url', BASE64URL, 43);\n",
      "const keys = ['DOCKER_PASSWORD', 'dockerHubToken', 'serviceprincipalkey'];\n",
      'secret_name: release-notes-2024-v2-draft\n',
      inSyntax('json', 'secret', 'sha512-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'),
    ],
  }),
];
