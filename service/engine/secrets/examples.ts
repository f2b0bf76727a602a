// Helpers that build rule examples: deterministic random tokens, and a value wrapped in the
// syntaxes repositories really use (JSON, YAML, .env, INI, XML, azure-pipelines variables).
import type { RuleExamples } from '../types';

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const ALNUM_LOWER = '0123456789abcdefghijklmnopqrstuvwxyz';
export const HEX = '0123456789abcdef';
export const HEX_UPPER = '0123456789ABCDEF';
export const BASE64 = BASE62 + '+/';
export const BASE64URL = BASE62 + '-_';
export const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';
export const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';

/** mulberry32 seeded by a string: the same rule always gets the same examples. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random string over `charset`, deterministic for a seed. */
export function randomToken(seed: string, charset: string, length: number): string {
  const rnd = seededRandom(seed);
  let s = '';
  for (let i = 0; i < length; i++) s += charset[Math.floor(rnd() * charset.length)];
  return s;
}

/** A random base64 value of `bytes` random bytes, with padding. */
export function randomBase64(seed: string, bytes: number): string {
  const rnd = seededRandom(seed);
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = Math.floor(rnd() * 256);
  return buf.toString('base64');
}

export type Syntax = 'json' | 'yaml' | 'env' | 'ini' | 'xml' | 'pipeline' | 'code' | 'python' | 'tf';

/** `value` assigned to `key` in one syntax. */
export function inSyntax(syntax: Syntax, key: string, value: string): string {
  switch (syntax) {
    case 'json': return `{\n  "name": "svc",\n  "${key}": "${value}"\n}\n`;
    case 'yaml': return `service:\n  ${key}: ${value}\n`;
    case 'env': return `# local settings\n${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}=${value}\n`;
    case 'ini': return `[default]\n${key} = ${value}\n`;
    case 'xml': return `<configuration>\n  <appSettings>\n    <add key="${key}" value="${value}" />\n  </appSettings>\n</configuration>\n`;
    case 'pipeline': return `trigger:\n- main\nvariables:\n  ${key}: '${value}'\nsteps:\n- script: echo build\n`;
    case 'code': return `const ${camel(key)} = "${value}";\n`;
    case 'python': return `${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')} = '${value}'\n`;
    case 'tf': return `variable "x" {\n  ${key.replace(/[^A-Za-z0-9]+/g, '_')} = "${value}"\n}\n`;
  }
}

export const ALL_SYNTAXES: Syntax[] = ['json', 'yaml', 'env', 'ini', 'xml', 'pipeline', 'code', 'python', 'tf'];

/** `value` under `key` in every syntax (or the ones given). */
export function inSyntaxes(key: string, value: string, syntaxes: Syntax[] = ALL_SYNTAXES): string[] {
  return syntaxes.map((s) => inSyntax(s, key, value));
}

/** References and placeholders that must never be flagged in place of `key`'s value. */
export function notSecrets(key: string, sample: string): string[] {
  return [
    inSyntax('yaml', key, '${' + key.toUpperCase() + '}'),
    inSyntax('pipeline', key, '$(' + key + ')'),
    inSyntax('json', key, '{{ .Values.' + camel(key) + ' }}'),
    inSyntax('code', key, '<your-' + key.toLowerCase().replace(/[^a-z0-9]+/g, '-') + '>'),
    inSyntax('env', key, ''),
    inSyntax('xml', key, '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)'),
    `${camel(key)} = process.env.${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}\n`,
    inSyntax('yaml', key, sample.replace(/[A-Za-z0-9]/g, 'x')),
  ];
}

function camel(key: string): string {
  const parts = key.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p[0].toLowerCase() + p.slice(1) : p[0].toUpperCase() + p.slice(1))).join('') || 'value';
}

/**
 * Examples built on first use: the scanner never reads them, so loading the rules does not pay
 * for them (the rule tests and the rule family do).
 */
export function lazyExamples(build: () => RuleExamples<string>): RuleExamples<string> {
  let built: RuleExamples<string> | undefined;
  return {
    get mustFlag() { return (built ??= build()).mustFlag; },
    get mustNotFlag() { return (built ??= build()).mustNotFlag; },
  };
}
