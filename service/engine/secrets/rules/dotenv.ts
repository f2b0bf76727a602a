// .env files: any secret-named variable with a literal, random-looking value.
import { lazyExamples } from '../examples';
import { isNonSecretKeyName } from '../allowlist';
import { shannonEntropy } from '../entropy';
import type { RawHit, SecretRule } from '../rule';

const LINE = /^(?:export[ \t]+)?(?<key>[A-Za-z_][A-Za-z0-9_.]{0,127})[ \t]{0,4}=[ \t]{0,4}(?<q>["']?)(?<value>[^\s"'#]{8,1024})\k<q>[ \t]*(?:#.*)?$/gm;
const SECRET_NAME = /key|secret|token|passw|pwd|pass$|auth(?:_?(?:key|token|secret|code)|$)|credential|private|conn(?:ection)?_?str|dsn|sas|signature|cert/i;

export function findDotenvSecrets(window: string): RawHit[] {
  const hits: RawHit[] = [];
  LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINE.exec(window)) !== null) {
    const key = m.groups?.key ?? '';
    const value = m.groups?.value ?? '';
    if (!SECRET_NAME.test(key) || isNonSecretKeyName(key)) continue;
    // URLs without a login, numbers and host names are settings, not secrets.
    if (/^https?:\/\/[^@]*$/.test(value) || /^\d+$/.test(value) || /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(value)) continue;
    if (shannonEntropy(value) < 3) continue;
    hits.push({ index: m.index + m[0].lastIndexOf(value), value, detail: `in variable '${key}'` });
  }
  return hits;
}

export const rules: SecretRule[] = [
  {
    id: 'SEC-DOTENV-SECRET',
    title: 'Secret in a committed .env file',
    description: 'A .env file with a literal value for a secret-named variable. .env files hold local secrets and belong in .gitignore; commit a .env.example with placeholders instead.',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Rotate the value, remove the .env file from the repository (add it to .gitignore), and keep a .env.example with placeholders.',
    keywords: [],
    find: findDotenvSecrets,
    paths: /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$|schema$)[A-Za-z0-9_-]+)*$/,
    examplePath: 'service/.env',
    generic: true,
    priority: -0.5,
    examples: lazyExamples(() => ({
      mustFlag: [
        'NODE_ENV=production\nPAYMENTS_API_KEY=pk9Xw2Lq7Rt4Zm8Nv3Bc6Hd1\n',
        'export SESSION_SECRET="f8Kd02LmZq9Wx7Rt4Vb6Nc1Y"\n',
        'SMTP_PASSWORD=Hn4!rT8@wQ2#zL6\n',
      ],
      mustNotFlag: [
        'PAYMENTS_API_KEY=\nSESSION_SECRET=changeme\n',
        'SESSION_SECRET=${SESSION_SECRET}\n',
        'TOKEN_URL=https://login.contoso.com/oauth2/token\n',
        'API_KEY=your-api-key-here\n',
        'AUTH_TIMEOUT=30000000\n',
      ],
    })),
  },
];
