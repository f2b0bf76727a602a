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

/**
 * The syntaxes a value is assigned to a key in, across configuration files, shells and languages
 * (the assignment reader, assignments.ts, reads them all):
 * - json: `"key": "v"`; json-escaped: JSON held in a JSON string (`"{\"key\": \"v\"}\n"`);
 *   arm: an ARM parameter (`"key": { "value": "v" }`)
 * - yaml: `key: v`; yaml-double: `key: "v"`; yaml-flow: `{ a: b, key: v }`; yaml-list:
 *   `- name: KEY` / `value: v` (Kubernetes env); yaml-nested: the key's first word as a parent
 *   mapping (`datadog:` / `  api_key: v`); pipeline: azure-pipelines variables (`key: 'v'`)
 * - env: `KEY=v` (.env); shell: `export KEY="v"`; powershell: `$env:KEY = "v"`; dockerfile:
 *   `ENV KEY=v`; makefile: `KEY := v`; makefile-default: `KEY ?= v`; makefile-append: `KEY += v`;
 *   makefile-shell: `KEY != echo v` and `$(shell echo v)`; cli: `--key v`; npmrc: `//host/:key=v`
 * - ini: `key = v`; toml: `key = "v"`; properties: `app.key=v`; tf: HCL `key = "v"`;
 *   tf-variable: `variable "key" { default = "v" }`
 * - xml: `<add key="Key" value="v" />`; xml-element: `<Key>v</Key>`; xml-next-line: the element's
 *   value on its own line
 * - javascript: `const key = "v";` (code: the same with the key in camelCase); python:
 *   `KEY = 'v'`; kwargs: `Client(key="v")`; go: `key := "v"`; go-raw: `` var key = `v` ``; php:
 *   `$key = 'v';`; php-array: `'key' => 'v'`; php-array-long: `array("key" => "v")`;
 *   kotlin: `val key = "v"`; swift: `let key: String = "v"`; java: `static final String KEY = "v";`;
 *   csharp: a property with an initializer; ruby: `:key => 'v'`; logstash: `key => "v"`; comma:
 *   `props.setProperty("key", "v")`
 */
export type Syntax =
  | 'json' | 'json-escaped' | 'arm'
  | 'yaml' | 'yaml-double' | 'yaml-flow' | 'yaml-list' | 'yaml-nested' | 'pipeline'
  | 'env' | 'shell' | 'powershell' | 'dockerfile' | 'makefile' | 'makefile-default' | 'makefile-append' | 'makefile-shell' | 'cli' | 'npmrc'
  | 'ini' | 'toml' | 'properties' | 'tf' | 'tf-variable'
  | 'xml' | 'xml-element' | 'xml-next-line'
  | 'javascript' | 'code' | 'python' | 'kwargs' | 'go' | 'go-raw' | 'php' | 'php-array' | 'php-array-long' | 'kotlin' | 'swift' | 'java' | 'csharp' | 'ruby' | 'logstash' | 'comma';

/** `value` assigned to `key` in one syntax (quoted and escaped as that syntax needs). */
export function inSyntax(syntax: Syntax, key: string, value: string): string {
  switch (syntax) {
    case 'json': return `{\n  "name": "svc",\n  "${key}": "${jsonEscape(value)}"\n}\n`;
    case 'json-escaped': return `{\n  "settings": "{\\n  \\"${key}\\": \\"${jsonEscape(jsonEscape(value))}\\",\\n  \\"region\\": \\"westeurope\\"\\n}"\n}\n`;
    case 'arm': return `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "${key}": {\n      "value": "${jsonEscape(value)}"\n    }\n  }\n}\n`;
    case 'yaml': return `service:\n  ${key}: ${yamlPlain(value)}\n`;
    case 'yaml-double': return `app:\n  settings:\n    ${key}: "${jsonEscape(value)}"\n`;
    case 'yaml-flow': return `service: { region: westeurope, ${key}: ${yamlFlow(value)} }\n`;
    case 'yaml-nested': {
      const { parent, child } = nestedKey(key);
      return `${parent}:\n  timeout: 30s\n  ${child}: ${yamlPlain(value)}\n`;
    }
    case 'yaml-list': return `containers:\n  - name: api\n    env:\n      - name: ${upper(key)}\n        value: "${jsonEscape(value)}"\n`;
    case 'pipeline': return `trigger:\n- main\nvariables:\n  ${key}: '${value.replace(/'/g, "''")}'\nsteps:\n- script: echo build\n`;
    case 'env': return `# local settings\n${upper(key)}=${value}\n`;
    case 'shell': return `#!/bin/sh\nexport ${upper(key)}=${shellQuote(value)}\n./deploy.sh\n`;
    case 'powershell': return `$env:${upper(key)} = '${value.replace(/'/g, "''")}'\n./deploy.ps1\n`;
    case 'dockerfile': return `FROM node:20-alpine\nENV ${upper(key)}=${/[\s"'\\]/.test(value) ? `"${jsonEscape(value)}"` : value}\nCMD ["node", "server.js"]\n`;
    case 'makefile': return `${upper(key)} := ${value}\n\ndeploy:\n\t./deploy.sh\n`;
    case 'makefile-default': return `export ${upper(key)} ?= ${value}\n`;
    case 'makefile-append': return `${upper(key)} :=\n${upper(key)} += ${value}\n`;
    case 'makefile-shell': return `${upper(key)} != echo ${shellQuote(value)}\nPUBLISH = $(shell echo ${shellQuote(value)})\n`;
    case 'cli': return `./deploy.sh --${key.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')} ${shellQuote(value)} --region westeurope\n`;
    case 'npmrc': return `registry=https://pkgs.contoso.com/npm/\n//pkgs.contoso.com/npm/:${key}=${value}\n`;
    case 'ini': return `[default]\n${key} = ${value}\n`;
    case 'toml': return `[service]\nregion = "westeurope"\n${/^[A-Za-z0-9_-]+$/.test(key) ? key : `"${key}"`} = "${jsonEscape(value)}"\n`;
    case 'properties': return `app.region=westeurope\napp.${key}=${value.replace(/\\/g, '\\\\')}\n`;
    case 'xml': return `<configuration>\n  <appSettings>\n    <add key="${key}" value="${xmlEscape(value)}" />\n  </appSettings>\n</configuration>\n`;
    case 'xml-element': return `<settings>\n  <${element(key)}>${xmlEscape(value)}</${element(key)}>\n</settings>\n`;
    case 'xml-next-line': return `<settings>\n  <${element(key)}>\n    ${xmlEscape(value)}\n  </${element(key)}>\n</settings>\n`;
    case 'javascript': return `const ${ident(key)} = "${jsonEscape(value)}";\n`;
    case 'code': return `const ${camel(key)} = "${jsonEscape(value)}";\n`;
    case 'python': return `${upper(key)} = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'\n`;
    case 'kwargs': return `client = ServiceClient(region="westeurope", ${ident(key)}="${jsonEscape(value)}")\n`;
    case 'tf': return `variable "x" {\n  ${key.replace(/[^A-Za-z0-9]+/g, '_')} = "${jsonEscape(value)}"\n}\n`;
    case 'tf-variable': return `variable "${key.replace(/[^A-Za-z0-9_-]+/g, '_')}" {\n  sensitive = true\n  default   = "${jsonEscape(value)}"\n}\n`;
    case 'go': return /["\\]/.test(value)
      ? `func init() {\n\t${ident(key)} := \`${value}\`\n\t_ = ${ident(key)}\n}\n`
      : `func init() {\n\t${ident(key)} := "${value}"\n\t_ = ${ident(key)}\n}\n`;
    case 'go-raw': return `package config\n\nvar ${ident(key)} = \`${value}\`\n`;
    case 'php': return `<?php\n$${ident(key)} = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}';\n`;
    case 'php-array-long': return value.includes('$')
      ? `<?php\n$config = array(\n    '${key}' => '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',\n);\n`
      : `<?php\n$config = array(\n    "${key}" => "${jsonEscape(value)}",\n);\n`;
    case 'php-array': return `<?php\nreturn [\n    '${key}' => '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',\n];\n`;
    case 'kotlin': return `object Config {\n    val ${ident(key)} = "${jsonEscape(value)}"\n}\n`;
    case 'swift': return `let ${ident(key)}: String = "${jsonEscape(value)}"\n`;
    case 'java': return `public final class Config {\n    private static final String ${upper(key)} = "${jsonEscape(value)}";\n}\n`;
    case 'csharp': return `public class Settings\n{\n    public string ${ident(key)} { get; set; } = "${jsonEscape(value)}";\n}\n`;
    case 'ruby': return `Service.configure(\n  :${ident(key)} => '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'\n)\n`;
    case 'logstash': return `output {\n  http {\n    url => "https://logs.contoso.com"\n    ${key.replace(/[^A-Za-z0-9_-]+/g, '_')} => "${jsonEscape(value)}"\n  }\n}\n`;
    case 'comma': return `props.setProperty("${key}", "${jsonEscape(value)}");\n`;
  }
}

export const ALL_SYNTAXES: Syntax[] = [
  'json', 'json-escaped', 'arm', 'yaml', 'yaml-double', 'yaml-flow', 'yaml-list', 'pipeline',
  'env', 'shell', 'powershell', 'dockerfile', 'makefile', 'makefile-default', 'makefile-append', 'makefile-shell', 'cli', 'npmrc',
  'ini', 'toml', 'properties', 'tf', 'tf-variable', 'xml', 'xml-element', 'xml-next-line',
  'javascript', 'python', 'kwargs', 'go', 'go-raw', 'php', 'php-array', 'php-array-long', 'kotlin', 'swift', 'java', 'csharp', 'ruby', 'logstash', 'comma',
];

/**
 * The key split for yaml-nested: its first word as the parent mapping, the rest as the child key
 * (DATADOG_API_KEY: `datadog:` / `api_key:`); a one-word key goes under `settings:`. Not in
 * ALL_SYNTAXES: a rule whose keywords name a provider in two words (news_api) does not see it;
 * keyedRule adds it where the rule does (the keyword in the parent, keyPattern on parent.child).
 */
export function nestedKey(key: string): { parent: string; child: string } {
  const [first, ...rest] = words(key);
  return rest.length ? { parent: first.toLowerCase(), child: rest.join('_').toLowerCase() } : { parent: 'settings', child: key };
}

/** Syntaxes whose key and value share one line (for rules that see the keyword's line only). */
export const ONE_LINE_SYNTAXES: Syntax[] = ALL_SYNTAXES.filter((s) => !['arm', 'yaml-list', 'xml-next-line', 'tf-variable'].includes(s));

/** `value` under `key` in every syntax (or the ones given). */
export function inSyntaxes(key: string, value: string, syntaxes: Syntax[] = ALL_SYNTAXES): string[] {
  return syntaxes.map((s) => inSyntax(s, key, value));
}

function jsonEscape(value: string): string {
  return value.replace(/[\\"]/g, '\\$&');
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A YAML plain scalar when the value can be one, else a double-quoted one. */
function yamlPlain(value: string): string {
  return /^[-?:,[\]{}#&*!|>'"%@`\s]|: | #|\s$/.test(value) || value === '' ? `"${jsonEscape(value)}"` : value;
}

/** In a flow mapping ',', '[]{}' also end a plain scalar. */
function yamlFlow(value: string): string {
  return /[,[\]{}]/.test(value) ? `"${jsonEscape(value)}"` : yamlPlain(value);
}

/** Double quotes unless the shell would expand something in them. */
function shellQuote(value: string): string {
  return /[$`"\\!]/.test(value) ? `'${value.replace(/'/g, "'\\''")}'` : `"${value}"`;
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
    // References in the other syntaxes: environment lookups, templates, vault expressions.
    inSyntax('yaml-list', key, '${' + upper(key) + '}'),
    inSyntax('json-escaped', key, '{{ .Values.' + camel(key) + ' }}'),
    inSyntax('properties', key, '${' + upper(key) + '}'),
    inSyntax('xml-element', key, '#{' + key + '}'),
    inSyntax('arm', key, "[parameters('" + camel(key) + "')]"),
    inSyntax('makefile', key, '$(shell az keyvault secret show --name ' + key + ' --query value -o tsv)'),
    `val ${ident(key)} = System.getenv("${upper(key)}")\n`,
    `${ident(key)} := os.Getenv("${upper(key)}")\n`,
    `var ${ident(key)} = Environment.GetEnvironmentVariable("${upper(key)}");\n`,
    `$${ident(key)} = getenv('${upper(key)}');\n`,
    `resource "x" "y" {\n  ${key.replace(/[^A-Za-z0-9]+/g, '_')} = var.${key.replace(/[^A-Za-z0-9]+/g, '_')}\n}\n`,
    `./deploy.sh --${key.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')} "$${upper(key)}"\n`,
  ];
}

function words(key: string): string[] {
  // Split on separators and on camelCase boundaries (apiKey, APIKey, clientSecret2).
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
}

/** camelCase: apiKey, ddApiKey (from DD_API_KEY). */
function camel(key: string): string {
  return words(key).map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('') || 'value';
}

/**
 * The key as a code identifier: as given when it is one, else in upper snake case: the words a
 * rule's keywords name (dd_api, functions_key) stay apart.
 */
function ident(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : upper(key);
}

/** The key as an XML element name (which may hold '-', '.' and '_'). */
function element(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) ? key : upper(key);
}

function upper(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
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
