// Generates a realistic source tree for the secrets benchmark: code, configs, docs, lockfiles,
// minified bundles, base64 blobs, UUIDs and hashes, with planted secrets (for recall) and decoys
// (example keys, placeholders, template references: for false positives). Deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Planted {
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  kind: string;
}

export interface Corpus {
  root: string;
  files: number;
  bytes: number;
  planted: Planted[];
  decoys: Planted[];
}

// ---------- deterministic randomness ----------
let seed = 0x9e3779b9;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number): number => Math.floor(rnd() * n);
const pick = <T>(a: readonly T[]): T => a[int(a.length)];
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEXC = '0123456789abcdef';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const U32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function tok(charset: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += charset[int(charset.length)];
  return s;
}
function bytesB64(n: number): string {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b.toString('base64');
}
const uuid = (): string => `${tok(HEXC, 8)}-${tok(HEXC, 4)}-4${tok(HEXC, 3)}-a${tok(HEXC, 3)}-${tok(HEXC, 12)}`;

// ---------- realistic identifiers ----------
const WORDS = ['user', 'order', 'config', 'request', 'response', 'handler', 'service', 'client', 'item', 'cart', 'payment', 'invoice',
  'account', 'session', 'token', 'cache', 'queue', 'event', 'message', 'route', 'render', 'state', 'props', 'value', 'index', 'list',
  'map', 'filter', 'reduce', 'parse', 'format', 'build', 'deploy', 'pipeline', 'repository', 'branch', 'commit', 'review', 'policy',
  'secret', 'password', 'key', 'auth', 'login', 'logout', 'profile', 'settings', 'option', 'default', 'error', 'result', 'data', 'model',
  'view', 'controller', 'table', 'column', 'row', 'schema', 'migration', 'timeout', 'retry', 'limit', 'offset', 'page', 'size', 'count'];
const cap = (w: string): string => w[0].toUpperCase() + w.slice(1);
const ident = (): string => pick(WORDS) + cap(pick(WORDS)) + (rnd() < 0.3 ? cap(pick(WORDS)) : '');
const snake = (): string => `${pick(WORDS)}_${pick(WORDS)}`;
const sentence = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');

function tsFile(lines: number): string[] {
  const out = [`import { ${ident()}, ${ident()} } from './${pick(WORDS)}/${pick(WORDS)}';`, `import type { ${cap(ident())} } from '../types';`, ''];
  while (out.length < lines) {
    const r = rnd();
    if (r < 0.15) out.push(`export async function ${ident()}(${ident()}: ${cap(ident())}, ${pick(WORDS)}?: number): Promise<${cap(ident())}> {`);
    else if (r < 0.3) out.push(`  const ${ident()} = await this.${ident()}.${pick(['get', 'find', 'load', 'fetch'])}(${ident()}, { ${pick(WORDS)}: ${int(1000)} });`);
    else if (r < 0.4) out.push(`  if (!${ident()} || ${ident()}.length > ${int(100)}) throw new Error('${sentence(5)}');`);
    else if (r < 0.5) out.push(`  // ${sentence(8 + int(8))}`);
    else if (r < 0.6) out.push(`  ${ident()}.${ident()} = ${pick(['true', 'false', 'null', `'${pick(WORDS)}'`, String(int(9999))])};`);
    else if (r < 0.65) out.push(`  const ${snake()}Id = '${uuid()}';`);
    else if (r < 0.7) out.push(`  const ${ident()}Token = await tokenizer.tokenize(${ident()}.text);`);
    else if (r < 0.75) out.push(`  const passwordField = form.querySelector('input[name="password"]');`);
    else if (r < 0.8) out.push(`  return { ${pick(WORDS)}, ${pick(WORDS)}: ${ident()}(${ident()}), ${pick(WORDS)}Key: keyOf(${pick(WORDS)}) };`);
    else if (r < 0.85) out.push(`  const headers = { Authorization: \`Bearer \${${ident()}.accessToken}\`, 'x-request-id': ${ident()} };`);
    else if (r < 0.9) out.push('}');
    else out.push(`  logger.${pick(['info', 'debug', 'warn'])}('${sentence(4)}', { ${pick(WORDS)}: ${ident()} });`);
  }
  return out;
}

function pyFile(lines: number): string[] {
  const out = [`import ${pick(WORDS)}`, `from ${pick(WORDS)}.${pick(WORDS)} import ${cap(ident())}`, ''];
  while (out.length < lines) {
    const r = rnd();
    if (r < 0.15) out.push(`def ${snake()}(${snake()}, ${pick(WORDS)}=None):`);
    else if (r < 0.35) out.push(`    ${snake()} = self.${snake()}(${snake()}, timeout=${int(60)})`);
    else if (r < 0.45) out.push(`    # ${sentence(9)}`);
    else if (r < 0.55) out.push(`    password = os.environ.get("${snake().toUpperCase()}_PASSWORD")`);
    else if (r < 0.6) out.push(`    secret_name = "${pick(WORDS)}-${pick(WORDS)}-secret"`);
    else if (r < 0.7) out.push(`    return {"${pick(WORDS)}": ${snake()}, "${pick(WORDS)}_id": "${uuid()}"}`);
    else out.push(`    if ${snake()} is None or len(${snake()}) > ${int(50)}: raise ValueError("${sentence(4)}")`);
  }
  return out;
}

function jsonConfig(): string[] {
  const out = ['{'];
  const n = 10 + int(40);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const k = ident();
    if (r < 0.2) out.push(`  "${k}": "${sentence(3)}",`);
    else if (r < 0.35) out.push(`  "${k}Id": "${uuid()}",`);
    else if (r < 0.45) out.push(`  "${k}Url": "https://${pick(WORDS)}.contoso.com/api/v${int(3)}/${pick(WORDS)}",`);
    else if (r < 0.55) out.push(`  "${k}Hash": "${tok(HEXC, 40)}",`);
    else if (r < 0.65) out.push(`  "${k}": ${int(100000)},`);
    else if (r < 0.7) out.push(`  "${k}Secret": "$(${cap(k)}Secret)",`);
    else if (r < 0.75) out.push(`  "${k}Password": "\${${k.toUpperCase()}_PASSWORD}",`);
    else out.push(`  "${k}": ${pick(['true', 'false', 'null'])},`);
  }
  out.push(`  "version": "${int(9)}.${int(20)}.${int(50)}"`, '}');
  return out;
}

function lockfile(entries: number): string[] {
  const out = ['{', '  "name": "web",', '  "lockfileVersion": 3,', '  "packages": {'];
  for (let i = 0; i < entries; i++) {
    const name = `${pick(WORDS)}-${pick(WORDS)}`;
    out.push(`    "node_modules/${name}": {`, `      "version": "${int(9)}.${int(20)}.${int(50)}",`,
      `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.0.${int(40)}.tgz",`,
      `      "integrity": "sha512-${bytesB64(64)}",`, `      "license": "MIT"`, '    },');
  }
  out.push('  }', '}');
  return out;
}

function goSum(entries: number): string[] {
  return Array.from({ length: entries }, () => `github.com/${pick(WORDS)}/${pick(WORDS)} v1.${int(20)}.${int(9)} h1:${bytesB64(32)}`);
}

function yamlFile(): string[] {
  if (rnd() < 0.5) {
    return ['trigger:', '- main', 'pool:', '  vmImage: ubuntu-latest', 'variables:', `  buildConfiguration: Release`, `  ${ident()}: $(${cap(ident())})`,
      'steps:', ...Array.from({ length: 10 + int(30) }, () => `- script: npm run ${pick(WORDS)} -- --${pick(WORDS)}=${int(10)}\n  displayName: ${sentence(3)}`)];
  }
  return ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${pick(WORDS)}-${pick(WORDS)}`, 'spec:', '  template:', '    spec:', '      containers:',
    `      - name: ${pick(WORDS)}`, `        image: contoso.azurecr.io/${pick(WORDS)}@sha256:${tok(HEXC, 64)}`, '        env:',
    ...Array.from({ length: 5 + int(20) }, () => `        - name: ${snake().toUpperCase()}\n          valueFrom:\n            secretKeyRef:\n              name: ${pick(WORDS)}-secret\n              key: password`)];
}

function markdown(lines: number): string[] {
  const out = [`# ${cap(sentence(3))}`, ''];
  while (out.length < lines) {
    const r = rnd();
    if (r < 0.6) out.push(sentence(10 + int(20)) + '.');
    else if (r < 0.7) out.push('```bash', `export API_KEY=<your-api-key>`, `az login --service-principal -u $APP_ID -p $CLIENT_SECRET`, '```');
    else if (r < 0.8) out.push(`- \`${ident()}\`: ${sentence(6)}`);
    else out.push('');
  }
  return out;
}

function terraform(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 5 + int(15); i++) {
    out.push(`resource "azurerm_${pick(['storage_account', 'key_vault', 'linux_web_app', 'mssql_server'])}" "${pick(WORDS)}" {`,
      `  name                = "${pick(WORDS)}${int(999)}"`, `  resource_group_name = azurerm_resource_group.${pick(WORDS)}.name`,
      `  location            = var.location`, `  administrator_login_password = var.${snake()}_password`, `  tags = { env = "${pick(['dev', 'prod'])}" }`, '}', '');
  }
  return out;
}

function minified(bytes: number): string[] {
  let s = '!function(e,t){"use strict";';
  while (s.length < bytes) {
    const r = rnd();
    if (r < 0.4) s += `var ${tok('abcdefghijklmnopqrstuvwxyz', 2)}=function(${tok('abcdefghijklmnop', 1)}){return ${tok('abcdefghij', 1)}.${ident()}(${int(99)})};`;
    else if (r < 0.6) s += `${tok('abcdefghij', 1)}.${ident()}="${sentence(3)}",`;
    else if (r < 0.62) s += `e.exports={token:t.token,password:n.password,secretKey:r.secretKey},`;
    else if (r < 0.8) s += `"${bytesB64(48)}",`;
    else s += `if(${tok('abc', 1)}&&${tok('xyz', 1)}.${ident()}())return ${int(1e6)};`;
  }
  return [s + '}(this);'];
}

function blobFile(): string[] {
  return [`export const ${ident()}Png = "data:image/png;base64,${bytesB64(3000 + int(20000))}";`, `export const ${ident()}Font = "${bytesB64(2000 + int(8000))}";`];
}

// ---------- planted secrets and decoys ----------
interface Plant { kind: string; lines: string[]; file?: string }

const azureKey = (): string => bytesB64(64);
function plantSecret(): Plant {
  const k = int(32);
  switch (k) {
    case 0: return { kind: 'ado-pat', lines: [`  AZURE_DEVOPS_PAT: ${tok(B62, 52)}JQQJ99${tok(B62, 1)}A${tok(B62, 16)}AZDO${tok(B62, 4)}`] };
    case 1: return { kind: 'ado-pat-legacy', lines: [`AZURE_DEVOPS_EXT_PAT=${tok(B32, 52)}`] };
    case 2: return { kind: 'storage-connection-string', lines: [`    "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=${pick(WORDS)}${int(999)}data;AccountKey=${azureKey()};EndpointSuffix=core.windows.net",`] };
    case 3: return { kind: 'sas-url', lines: [`  backupUrl: "https://${pick(WORDS)}data.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2026-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(bytesB64(32))}"`] };
    case 4: return { kind: 'entra-client-secret', lines: [`  client_secret = "${tok(B62, 3)}8Q~${tok(B62 + '._-~', 34)}"`] };
    case 5: return { kind: 'cosmos-connection-string', lines: [`  "CosmosDb": "AccountEndpoint=https://${pick(WORDS)}-db.documents.azure.com:443/;AccountKey=${azureKey()};",`] };
    case 6: return { kind: 'service-bus-connection-string', lines: [`ServiceBusConnection=Endpoint=sb://${pick(WORDS)}-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${bytesB64(32)}`] };
    case 7: return { kind: 'aws-keypair', lines: ['[default]', `aws_access_key_id = AKIA${tok(U32, 16)}`, `aws_secret_access_key = ${tok(B62 + '+/', 40)}`] };
    case 8: return { kind: 'gcp-api-key', lines: [`  const mapsKey = "AIza${tok(B62 + '_-', 35)}";`] };
    case 9: return { kind: 'github-pat', lines: [`GITHUB_TOKEN=ghp_${tok(B62, 36)}`] };
    case 10: return { kind: 'github-fine-grained', lines: [`  token: github_pat_${tok(B62, 22)}_${tok(B62, 59)}`] };
    case 11: return { kind: 'gitlab-pat', lines: [`GITLAB_TOKEN="glpat-${tok(B62, 20)}"`] };
    case 12: return { kind: 'slack-bot', lines: [`SLACK_BOT_TOKEN=xoxb-${1 + int(8)}${tok('0123456789', 11)}-${1 + int(8)}${tok('0123456789', 12)}-${tok(B62, 24)}`] };
    case 13: return { kind: 'slack-webhook', lines: [`  webhook: "https://hooks.slack.com/services/T${tok('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${tok('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${tok(B62, 24)}"`] };
    case 14: return { kind: 'stripe-live', lines: [`STRIPE_SECRET_KEY=sk_live_${tok(B62, 99)}`] };
    case 15: return { kind: 'sendgrid', lines: [`  sendgridKey: 'SG.${tok(B62 + '_-', 22)}.${tok(B62 + '_-', 43)}',`] };
    case 16: return { kind: 'npm-token', lines: [`//registry.npmjs.org/:_authToken=npm_${tok(B62, 36)}`] };
    case 17: return { kind: 'pypi-token', lines: [`TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc${tok(B62 + '_-', 120)}`] };
    case 18: return { kind: 'dockerhub-pat', lines: [`DOCKERHUB_TOKEN=dckr_pat_${tok(B62 + '_-', 27)}`] };
    case 19: return { kind: 'vault-token', lines: [`VAULT_TOKEN=hvs.${tok(B62 + '_-', 91)}`] };
    case 20: return { kind: 'databricks', lines: [`  "token": "dapi${tok(HEXC, 32)}",`] };
    case 21: return { kind: 'openai', lines: [`OPENAI_API_KEY=sk-proj-${tok(B62 + '_-', 74)}T3BlbkFJ${tok(B62 + '_-', 74)}`] };
    case 22: return { kind: 'anthropic', lines: [`ANTHROPIC_API_KEY=sk-ant-api03-${tok(B62 + '_-', 93)}AA`] };
    case 23: {
      const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      return { kind: 'jwt', lines: [`  const serviceToken = "${b({ alg: 'HS256', typ: 'JWT' })}.${b({ sub: pick(WORDS), iat: 1718000000 + int(1e6), role: 'service' })}.${tok(B62 + '_-', 43)}";`] };
    }
    case 24: return { kind: 'rsa-private-key', lines: ['-----BEGIN RSA PRIVATE KEY-----', ...(bytesB64(900).match(/.{1,64}/g) as string[]), '-----END RSA PRIVATE KEY-----'] };
    case 25: return { kind: 'openssh-private-key', lines: ['-----BEGIN OPENSSH PRIVATE KEY-----', ...(bytesB64(400).match(/.{1,70}/g) as string[]), '-----END OPENSSH PRIVATE KEY-----'] };
    case 26: return { kind: 'postgres-url', lines: [`DATABASE_URL=postgres://app_${pick(WORDS)}:${tok(B62, 18)}@pg-${pick(WORDS)}.contoso.internal:5432/${pick(WORDS)}`] };
    case 27: return { kind: 'mongodb-url', lines: [`  mongoUri: "mongodb+srv://svc:${tok(B62, 20)}@cluster0.${tok('abcdefghijklmnopqrstuvwxyz0123456789', 5)}.mongodb.net/${pick(WORDS)}"`] };
    case 28: return { kind: 'sql-connection-string', lines: [`    "Default": "Server=tcp:${pick(WORDS)}-sql.database.windows.net,1433;Initial Catalog=${pick(WORDS)};User ID=sqladmin;Password=${tok(B62, 16)}!;Encrypt=True;",`] };
    case 29: return { kind: 'basic-auth-url', lines: [`  registry: "https://deploy:${tok(B62, 20)}@pkgs.${pick(WORDS)}.com/feed/index.json"`] };
    case 30: return { kind: 'k8s-secret', file: `deploy/k8s/${pick(WORDS)}-${int(1e6)}-secret.yaml`, lines: ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${pick(WORDS)}-db`, 'type: Opaque', 'stringData:', `  password: "${tok(B62, 22)}"`] };
    default: return { kind: 'private-key-pkcs8', lines: ['-----BEGIN PRIVATE KEY-----', ...(bytesB64(1200).match(/.{1,64}/g) as string[]), '-----END PRIVATE KEY-----'] };
  }
}

function plantDecoy(): Plant {
  const k = int(14);
  switch (k) {
    case 0: return { kind: 'aws-example', lines: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'] };
    case 1: return { kind: 'azurite', lines: ['    "AzureWebJobsStorage": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",'] };
    case 2: return { kind: 'placeholder', lines: [`  API_KEY: "<your-api-key>"`, `  CLIENT_SECRET: REPLACE_ME`, `  GITHUB_TOKEN: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`] };
    case 3: return { kind: 'template', lines: ['  password: ${DB_PASSWORD}', '  token: {{ .Values.token }}', '  pat: $(System.AccessToken)', '  key: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/key/)"'] };
    case 4: return { kind: 'env-reference', lines: ['const apiKey = process.env.STRIPE_SECRET_KEY;', 'password = os.environ["DB_PASSWORD"]'] };
    case 5: return { kind: 'changeme', lines: ['DB_PASSWORD=changeme', 'SECRET_KEY=your-secret-key-here'] };
    case 6: return { kind: 'integrity', lines: [`  "integrity": "sha512-${bytesB64(64)}"`] };
    case 7: return { kind: 'digest', lines: [`  image: contoso.azurecr.io/api@sha256:${tok(HEXC, 64)}`, `  commit: ${tok(HEXC, 40)}`] };
    case 8: return { kind: 'uuid', lines: [`  "tenantId": "${uuid()}",`, `  "clientId": "${uuid()}",`] };
    case 9: return { kind: 'public-key', lines: ['-----BEGIN PUBLIC KEY-----', ...(bytesB64(270).match(/.{1,64}/g) as string[]), '-----END PUBLIC KEY-----', `ssh-rsa ${bytesB64(270)} deploy@build`] };
    case 10: return { kind: 'jwt-io', lines: ['  // eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'] };
    case 11: return { kind: 'empty', lines: ['PASSWORD=', 'API_TOKEN=""', 'client_secret: '] };
    case 12: return { kind: 'connection-placeholder', lines: ['  "Default": "Server=tcp:myserver.database.windows.net;Database=mydb;User ID=<user>;Password=<password>;"', '  url: postgres://user:password@localhost:5432/db'] };
    default: return { kind: 'hash-value', lines: [`  checksum: ${tok(HEXC, 64)}`, `  etag: "${tok(HEXC, 32)}"`] };
  }
}

export function generateCorpus(root: string, targetBytes: number): Corpus {
  seed = 0x9e3779b9;

  const corpus: Corpus = { root, files: 0, bytes: 0, planted: [], decoys: [] };
  // One planted secret and one decoy per ~450 KB, at least 60 of each.
  const plants = Math.max(60, Math.round(targetBytes / 450_000));
  const files: { path: string; lines: string[] }[] = [];
  let bytes = 0;
  let n = 0;
  while (bytes < targetBytes) {
    const r = rnd();
    const dir = `${pick(['src', 'lib', 'services', 'packages/' + pick(WORDS), 'apps/' + pick(WORDS)])}/${pick(WORDS)}`;
    let path: string;
    let lines: string[];
    if (r < 0.36) { path = `${dir}/${ident()}.${pick(['ts', 'js', 'tsx'])}`; lines = tsFile(40 + int(600)); }
    else if (r < 0.48) { path = `${dir}/${snake()}.py`; lines = pyFile(40 + int(400)); }
    else if (r < 0.58) { path = `${dir}/${pick(['appsettings', 'config', 'settings', 'tsconfig'])}.${int(1e6)}.json`; lines = jsonConfig(); }
    else if (r < 0.63) { path = `${dir}/package-lock.json`; lines = lockfile(100 + int(1500)); }
    else if (r < 0.65) { path = `${dir}/go.sum`; lines = goSum(200 + int(1500)); }
    else if (r < 0.73) { path = `${dir}/${pick(['azure-pipelines', 'deployment', 'values', 'service'])}.${int(1e6)}.yml`; lines = yamlFile(); }
    else if (r < 0.82) { path = `${dir}/${pick(['README', 'CONTRIBUTING', 'docs'])}.${int(1e6)}.md`; lines = markdown(30 + int(300)); }
    else if (r < 0.88) { path = `infra/${pick(WORDS)}/${pick(['main', 'variables', 'network'])}.${int(1e6)}.tf`; lines = terraform(); }
    else if (r < 0.94) { path = `${dir}/dist/${pick(WORDS)}.${tok(HEXC, 8)}.min.js`; lines = minified(50_000 + int(500_000)); }
    else { path = `${dir}/assets/${ident()}.${int(1e6)}.ts`; lines = blobFile(); }
    path = `${path.replace(/\.(\w+)$/, `.${n}.$1`)}`;
    n++;
    lines = lines.join('\n').split('\n'); // some generators emit multi-line entries
    files.push({ path, lines });
    bytes += lines.reduce((a, l) => a + l.length + 1, 0);
  }
  const insert = (p: Plant, list: Planted[]): void => {
    if (p.file) {
      files.push({ path: p.file, lines: p.lines });
      list.push({ path: p.file, startLine: 1, endLine: p.lines.length, kind: p.kind });
      return;
    }
    const f = files[int(files.length)];
    if (f.lines.length === 1) return insert(p, list); // keep minified files one-line
    const at = int(f.lines.length + 1);
    // Never split another planted block (a key, a manifest).
    if ([...corpus.planted, ...corpus.decoys].some((rec) => rec.path === f.path && at >= rec.startLine && at < rec.endLine)) return insert(p, list);
    f.lines.splice(at, 0, ...p.lines);
    // Shift records already planted in this file below the insertion point.
    for (const rec of [...corpus.planted, ...corpus.decoys]) {
      if (rec.path === f.path && rec.startLine > at) { rec.startLine += p.lines.length; rec.endLine += p.lines.length; }
    }
    list.push({ path: f.path, startLine: at + 1, endLine: at + p.lines.length, kind: p.kind });
  };
  for (let i = 0; i < plants; i++) {
    insert(plantSecret(), corpus.planted);
    insert(plantDecoy(), corpus.decoys);
  }
  for (const f of files) {
    const text = f.lines.join('\n') + '\n';
    const full = join(root, f.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    corpus.files++;
    corpus.bytes += Buffer.byteLength(text);
  }
  return corpus;
}
