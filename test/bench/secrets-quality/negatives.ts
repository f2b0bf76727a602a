// Hard negatives: files with no secret in them that a careless scanner flags. Per provider:
// placeholders, template references, masked and truncated tokens, tokens with a broken checksum and
// the values the provider itself documents as public. In general: lockfile integrity hashes, UUIDs,
// git SHAs, image digests, base64 images, minified code, public keys and certificates, encrypted
// files, i18n strings about passwords, and code that reads a secret from the environment.
import { certificatePem, publicKeyPem, sshPublicKeyLine } from './keys';
import type { Companion, Credential, DocNegative, Provider, SyntaxId } from './model';
import { documentedPublicValues } from './providers';
import { ALPHA, B64, BASE62, DIGITS, type Rng, toBase64 } from './random';
import { camel, kebab } from './syntaxes';

/** A provider negative: either rendered through a syntax's renderer, or a whole file written here. */
export interface NegativeSpec {
  what: string;
  syntax: SyntaxId;
  /** Rendered through RENDERERS[syntax] with this credential. */
  cred?: Credential;
  /** Or a whole file. */
  file?: { path: string; text: string };
}

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;
const PLACEHOLDER_WORDS = ['changeme', 'REPLACE_ME', 'your-token-here', 'TODO', 'xxxxxxxxxxxxxxxx', '<secret>', 'dummy-value'];

function codeReadingEnv(env: string, i: number): { syntax: SyntaxId; path: string; text: string } {
  const c = camel(env);
  switch (i % 6) {
    case 0:
      return { syntax: 'python', path: 'app/settings.py', text: lines('import os', '', `${env} = os.environ["${env}"]`, `TIMEOUT = int(os.getenv("HTTP_TIMEOUT", "30"))`) };
    case 1:
      return { syntax: 'javascript', path: 'src/config.js', text: lines(`const ${c} = process.env.${env};`, `if (!${c}) throw new Error('${env} is not set');`, `module.exports = { ${c} };`) };
    case 2:
      return {
        syntax: 'csharp',
        path: 'src/Services/Settings.cs',
        text: lines('namespace Fabrikam.Orders;', '', 'public static class Settings', '{', `    public static string ${c[0].toUpperCase()}${c.slice(1)} =>`, `        Environment.GetEnvironmentVariable("${env}") ?? throw new InvalidOperationException("${env} is not set");`, '}'),
      };
    case 3:
      return { syntax: 'go', path: 'internal/config/config.go', text: lines('package config', '', 'import "os"', '', 'func Load() Config {', `\t${c} := os.Getenv("${env}")`, `\treturn Config{${c}: ${c}}`, '}') };
    case 4:
      return { syntax: 'java', path: 'src/main/java/com/fabrikam/Settings.java', text: lines('package com.fabrikam;', '', 'public final class Settings {', `    static final String ${env} = System.getenv("${env}");`, '}') };
    default:
      return { syntax: 'powershell', path: 'deploy/Invoke-Deploy.ps1', text: lines(`$${c} = $env:${env}`, `if (-not $${c}) { throw "${env} is not set" }`, `./deploy.ps1 -Token $${c}`) };
  }
}

/** The hard negatives of one provider. `index` rotates the styles across providers. */
export function providerNegatives(p: Provider, sample: Credential, r: Rng, index: number): NegativeSpec[] {
  const env = sample.names?.env ?? p.names.env;
  const sectionName = sample.names?.section ?? p.names.section;
  const key = sample.names?.key ?? p.names.key;
  // The non-secret companions stay (tenant ids, hosts, e-mails); the paired halves (AWS key ids,
  // Twilio SIDs) go, since they are findings of their own.
  const companions: Companion[] | undefined = sample.companions?.filter((c) => !c.paired);
  const as = (variant: string, value: string, kind = sample.kind, comps = companions): Credential => ({ kind, value, variant, names: sample.names, companions: comps, format: sample.format });
  const out: NegativeSpec[] = [];

  if (sample.kind === 'block') {
    const label = sample.format === 'json' ? 'PRIVATE KEY' : /-----BEGIN ([A-Z ]+)-----/.exec(sample.value)?.[1] ?? 'PRIVATE KEY';
    out.push({ what: 'pem-placeholder', syntax: 'markdown', file: { path: 'docs/keys.md', text: lines('# Keys', '', 'Paste the key in this shape into the pipeline library (never into the repository):', '', '```', `-----BEGIN ${label}-----`, '...', `-----END ${label}-----`, '```') } });
    out.push({ what: 'pem-placeholder', syntax: 'env', cred: as('pem-placeholder', `-----BEGIN ${label}-----\n<your key here>\n-----END ${label}-----`) });
    if (sample.format === 'json') {
      out.push({
        what: 'key-file-template', syntax: 'key-file', file: {
          path: 'service-account.template.json',
          text: lines('{', '  "type": "service_account",', '  "project_id": "<project-id>",', '  "private_key_id": "<key-id>",', '  "private_key": "-----BEGIN PRIVATE KEY-----\\n<private-key>\\n-----END PRIVATE KEY-----\\n",', '  "client_email": "<name>@<project-id>.iam.gserviceaccount.com",', '  "client_id": "<client-id>"', '}'),
        },
      });
    } else {
      out.push({ what: 'key-path', syntax: 'env', cred: as('key-path', `/run/secrets/${kebab(key)}.pem`, 'token') });
    }
  } else {
    out.push({ what: 'placeholder-angle', syntax: 'env', cred: as('placeholder-angle', `<your-${kebab(sectionName)}-${kebab(key)}>`) });
    out.push({ what: 'placeholder-word', syntax: 'appsettings', cred: as('placeholder-word', PLACEHOLDER_WORDS[index % PLACEHOLDER_WORDS.length]) });
    if (p.prefix) {
      const len = Math.max(sample.value.length - p.prefix.length, 16);
      out.push({ what: 'masked', syntax: 'markdown-env', cred: as('masked', p.prefix + 'x'.repeat(len)) });
      // Shortened for the reader, as docs and logs do: the prefix, a few characters and an ellipsis.
      out.push({ what: 'truncated', syntax: 'markdown-env', cred: as('truncated', `${p.prefix}${r.chars(BASE62, 6)}…`) });
    } else {
      out.push({ what: 'masked', syntax: 'markdown-env', cred: as('masked', '*'.repeat(Math.min(Math.max(sample.value.length, 12), 40))) });
    }
    if (p.wrongChecksum) out.push({ what: 'wrong-checksum', syntax: 'env', cred: as('wrong-checksum', p.wrongChecksum(r)) });
  }
  out.push({
    what: 'compose-interpolation', syntax: 'yaml-compose', file: {
      path: 'docker-compose.yml',
      text: lines('services:', '  api:', '    image: fabrikam/orders-api:2.3.1', '    environment:', `      - ${env}=\${${env}}`, `      - ${env}_FILE=/run/secrets/${env.toLowerCase()}`),
    },
  });
  out.push({
    what: 'ado-macro', syntax: 'yaml-ado', file: {
      path: 'azure-pipelines.yml',
      text: lines('variables:', '  - group: orders-production', 'steps:', '  - script: ./scripts/deploy.sh', '    displayName: Deploy', '    env:', `      ${env}: $(${camel(env)})`),
    },
  });
  out.push({
    what: 'helm-template', syntax: 'yaml-k8s', file: {
      path: 'charts/orders/templates/secret.yaml',
      text: lines('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: {{ include "orders.fullname" . }}', 'type: Opaque', 'stringData:', `  ${env}: {{ .Values.${camel(sectionName)}.${camel(key)} | quote }}`),
    },
  });
  out.push({
    what: 'gha-secret-expression', syntax: 'yaml-gha', file: {
      path: '.github/workflows/deploy.yml',
      text: lines('name: deploy', 'on: [push]', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    env:', `      ${env}: \${{ secrets.${env} }}`, '    steps:', '      - run: ./scripts/deploy.sh'),
    },
  });
  const code = codeReadingEnv(env, index);
  out.push({ what: 'env-read-in-code', syntax: code.syntax, file: { path: code.path, text: code.text } });
  for (const d of p.docNegatives?.(r) ?? []) out.push(docNegative(d, sample));
  return out;
}

function docNegative(d: DocNegative, sample: Credential): NegativeSpec {
  return { what: d.what, syntax: d.syntax ?? 'env', cred: { kind: d.kind ?? (sample.kind === 'block' ? 'token' : sample.kind), value: d.value, variant: d.what, names: { ...sample.names, ...d.names }, companions: d.companions } };
}

export interface GeneralNegative { what: string; path: string; text: string }

function integrity(r: Rng, bytes: number, algo: string): string {
  return `${algo}-${toBase64(r.bytes(bytes))}`;
}

/** Negatives that belong to no provider. */
export function generalNegatives(r: Rng): GeneralNegative[] {
  const out: GeneralNegative[] = [];
  const version = (): string => `${r.between(1, 9)}.${r.between(0, 20)}.${r.between(0, 9)}`;
  const sha = (): string => r.hex(40);

  // Lockfiles and checksums.
  const deps = ['lodash', 'express', 'react-dom', 'debug', 'ms', 'semver', 'chalk', 'commander'];
  out.push({
    what: 'lockfile-integrity', path: 'web/package-lock.json', text: lines(
      '{', '  "name": "orders-web",', '  "version": "1.4.2",', '  "lockfileVersion": 3,', '  "requires": true,', '  "packages": {',
      ...deps.flatMap((d, i) => [
        `    "node_modules/${d}": {`, `      "version": "${version()}",`, `      "resolved": "https://registry.npmjs.org/${d}/-/${d}-4.17.21.tgz",`,
        `      "integrity": "${integrity(r, 64, 'sha512')}"`, `    }${i < deps.length - 1 ? ',' : ''}`,
      ]),
      '  }', '}',
    ),
  });
  out.push({
    what: 'lockfile-integrity', path: 'web/yarn.lock', text: lines(
      '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '# yarn lockfile v1', '',
      ...deps.flatMap((d) => [`${d}@^4.0.0:`, `  version "4.${r.between(0, 20)}.${r.between(0, 9)}"`, `  resolved "https://registry.yarnpkg.com/${d}/-/${d}-4.1.0.tgz#${sha()}"`, `  integrity ${integrity(r, 64, 'sha512')}`, '']),
    ),
  });
  out.push({
    what: 'lockfile-integrity', path: 'web/pnpm-lock.yaml', text: lines(
      "lockfileVersion: '9.0'", '', 'packages:', '',
      ...deps.flatMap((d) => [`  ${d}@4.1.${r.between(0, 9)}:`, `    resolution: {integrity: ${integrity(r, 64, 'sha512')}}`, '']),
    ),
  });
  out.push({
    what: 'go-sum', path: 'go.sum', text: lines(
      ...['github.com/google/uuid v1.6.0', 'github.com/spf13/cobra v1.8.1', 'golang.org/x/sys v0.26.0', 'gopkg.in/yaml.v3 v3.0.1'].flatMap((m) => [`${m} h1:${toBase64(r.bytes(32))}`, `${m}/go.mod h1:${toBase64(r.bytes(32))}`]),
    ),
  });
  out.push({ what: 'cargo-lock', path: 'Cargo.lock', text: lines('version = 3', '', ...['serde', 'tokio', 'anyhow'].flatMap((c) => ['[[package]]', `name = "${c}"`, `version = "1.0.${r.between(1, 200)}"`, 'source = "registry+https://github.com/rust-lang/crates.io-index"', `checksum = "${r.hex(64)}"`, ''])) });
  out.push({
    what: 'pipfile-lock', path: 'Pipfile.lock', text: lines(
      '{', '    "_meta": {', `        "hash": { "sha256": "${r.hex(64)}" },`, '        "pipfile-spec": 6', '    },', '    "default": {',
      '        "requests": {', `            "hashes": [`, `                "sha256:${r.hex(64)}",`, `                "sha256:${r.hex(64)}"`, '            ],', '            "version": "==2.32.3"', '        }', '    }', '}',
    ),
  });
  out.push({
    what: 'terraform-lock', path: 'infra/.terraform.lock.hcl', text: lines(
      'provider "registry.terraform.io/hashicorp/azurerm" {', '  version     = "4.8.0"', '  constraints = "~> 4.0"', '  hashes = [',
      `    "h1:${toBase64(r.bytes(32))}",`, ...Array.from({ length: 4 }, () => `    "zh:${r.hex(64)}",`), '  ]', '}',
    ),
  });
  out.push({
    what: 'nuget-lock', path: 'src/Orders/packages.lock.json', text: lines(
      '{', '  "version": 1,', '  "dependencies": {', '    "net8.0": {', '      "Newtonsoft.Json": {', '        "type": "Direct",', '        "requested": "[13.0.3, )",', '        "resolved": "13.0.3",',
      `        "contentHash": "${toBase64(r.bytes(64))}"`, '      }', '    }', '  }', '}',
    ),
  });
  out.push({ what: 'sha256sums', path: 'release/SHA256SUMS', text: lines(...['orders-linux-amd64.tar.gz', 'orders-darwin-arm64.tar.gz', 'orders-windows-amd64.zip'].map((f) => `${r.hex(64)}  ${f}`)) });
  out.push({ what: 'git-lfs-pointer', path: 'assets/demo.mp4', text: lines('version https://git-lfs.github.com/spec/v1', `oid sha256:${r.hex(64)}`, `size ${r.between(100000, 90000000)}`) });

  // Digests, SHAs, UUIDs.
  out.push({
    what: 'sri-integrity', path: 'web/public/index.html', text: lines(
      '<!doctype html>', '<html lang="en">', '<head>', '  <meta charset="utf-8">',
      `  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css" integrity="${integrity(r, 48, 'sha384')}" crossorigin="anonymous">`,
      `  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js" integrity="${integrity(r, 48, 'sha384')}" crossorigin="anonymous"></script>`,
      '</head>', '<body><div id="root"></div></body>', '</html>',
    ),
  });
  out.push({ what: 'image-digest', path: 'k8s/deployment.yaml', text: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: orders', 'spec:', '  template:', '    spec:', '      containers:', '        - name: orders', `          image: fabrikam.azurecr.io/orders@sha256:${r.hex(64)}`, '        - name: proxy', `          image: envoyproxy/envoy:v1.31.2@sha256:${r.hex(64)}`) });
  out.push({ what: 'pinned-actions', path: '.github/workflows/ci.yml', text: lines('name: ci', 'on: [pull_request]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', `      - uses: actions/checkout@${sha()} # v4.2.2`, `      - uses: actions/setup-node@${sha()} # v4.1.0`, '        with:', '          node-version: 20', '      - run: npm ci && npm test') });
  out.push({ what: 'git-shas', path: 'CHANGELOG.md', text: lines('# Changelog', '', '## 1.4.2', '', ...Array.from({ length: 6 }, () => `- ${r.pick(['Fix', 'Add', 'Improve'])} ${r.word(5, 9)} handling (${sha().slice(0, 7)})`), '', `Full diff: https://github.com/fabrikam/orders/compare/${sha()}...${sha()}`) });
  out.push({ what: 'git-shas', path: '.gitmodules-status.txt', text: lines(...['vendor/protos', 'vendor/ui-kit', 'tools/lint-rules'].map((m) => ` ${sha()} ${m} (heads/main)`)) });
  out.push({ what: 'go-pseudo-version', path: 'go.mod', text: lines('module github.com/fabrikam/orders', '', 'go 1.22', '', 'require (', `\tgithub.com/fabrikam/protos v0.0.0-20240611093015-${r.hex(12)}`, '\tgithub.com/google/uuid v1.6.0', ')') });
  const guids = Array.from({ length: 6 }, () => r.uuid().toUpperCase());
  out.push({
    what: 'uuids', path: 'Orders.sln', text: lines(
      'Microsoft Visual Studio Solution File, Format Version 12.00', '# Visual Studio Version 17',
      `Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Orders.Api", "src\\Orders.Api\\Orders.Api.csproj", "{${guids[0]}}"`, 'EndProject',
      `Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Orders.Core", "src\\Orders.Core\\Orders.Core.csproj", "{${guids[1]}}"`, 'EndProject',
      'Global', '\tGlobalSection(ProjectConfigurationPlatforms) = postSolution', `\t\t{${guids[0]}}.Release|Any CPU.Build.0 = Release|Any CPU`, '\tEndGlobalSection', 'EndGlobal',
    ),
  });
  out.push({
    what: 'uuids', path: 'appsettings.json', text: lines(
      '{', '  "AzureAd": {', '    "Instance": "https://login.microsoftonline.com/",', `    "TenantId": "${r.uuid()}",`, `    "ClientId": "${r.uuid()}",`, '    "CallbackPath": "/signin-oidc"', '  },',
      '  "ApplicationInsights": {', `    "ConnectionString": "InstrumentationKey=${r.uuid()};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/"`, '  }', '}',
    ),
  });
  out.push({
    what: 'azure-resource-ids', path: 'infra/role-assignments.json', text: lines(
      '[', '  {', `    "principalId": "${r.uuid()}",`, `    "roleDefinitionId": "/subscriptions/${r.uuid()}/providers/Microsoft.Authorization/roleDefinitions/${r.uuid()}",`,
      `    "scope": "/subscriptions/${r.uuid()}/resourceGroups/rg-orders-prod/providers/Microsoft.KeyVault/vaults/kv-orders-prod"`, '  }', ']',
    ),
  });
  out.push({ what: 'public-key-token', path: 'Web.Release.config', text: lines('<configuration>', '  <runtime>', '    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">', '      <dependentAssembly>', '        <assemblyIdentity name="Newtonsoft.Json" publicKeyToken="30ad4fe6b2a6aeed" culture="neutral" />', '        <bindingRedirect oldVersion="0.0.0.0-13.0.0.0" newVersion="13.0.0.0" />', '      </dependentAssembly>', '    </assemblyBinding>', '  </runtime>', '</configuration>') });

  // Binary-ish text: images, minified code, source maps, SVG.
  const png = toBase64(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...r.bytes(600)]));
  out.push({ what: 'base64-image', path: 'web/src/styles/logo.css', text: lines('.logo {', '  width: 120px;', `  background-image: url("data:image/png;base64,${png}");`, '}') });
  out.push({ what: 'base64-image', path: 'web/src/assets/icons.json', text: lines('{', `  "favicon": "data:image/png;base64,${toBase64(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, ...r.bytes(300)]))}",`, `  "spinner": "data:image/gif;base64,${toBase64(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, ...r.bytes(240)]))}"`, '}') });
  out.push({ what: 'minified-js', path: 'web/dist/assets/index-3f9a8c1b.js', text: `${minifiedJs(r)}\n` });
  out.push({ what: 'minified-js', path: 'web/dist/assets/vendor-7d2e41aa.min.js', text: `${minifiedJs(r)}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${toBase64(r.bytes(900))}\n` });
  out.push({ what: 'source-map', path: 'web/dist/assets/index-3f9a8c1b.js.map', text: `{"version":3,"file":"index-3f9a8c1b.js","sources":["../../src/main.tsx"],"names":["a","b","render"],"mappings":"${vlq(r, 1800)}"}\n` });
  out.push({ what: 'svg-path', path: 'web/src/assets/logo.svg', text: lines('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">', `  <path d="M${Array.from({ length: 60 }, () => `${r.between(0, 24)}.${r.between(0, 99)} ${r.between(0, 24)}.${r.between(0, 99)}`).join('L')}Z"/>`, '</svg>') });

  // Public keys, certificates, encrypted files.
  out.push({ what: 'ssh-public-key', path: 'deploy/authorized_keys', text: lines(sshPublicKeyLine(r, 'build@agent-01'), sshPublicKeyLine(r, 'ops@bastion')) });
  out.push({ what: 'certificate', path: 'certs/ca.crt', text: `${certificatePem(r)}\n` });
  out.push({ what: 'public-key', path: 'keys/jwt-verify.pub.pem', text: `${publicKeyPem(r)}\n` });
  out.push({ what: 'ansible-vault', path: 'group_vars/prod/vault.yml', text: lines('$ANSIBLE_VAULT;1.1;AES256', ...Array.from({ length: 8 }, () => r.hex(80))) });
  out.push({ what: 'sops-encrypted', path: 'k8s/secrets.enc.yaml', text: lines('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: orders', 'stringData:', `  DB_PASSWORD: ENC[AES256_GCM,data:${toBase64(r.bytes(18))},iv:${toBase64(r.bytes(32))},tag:${toBase64(r.bytes(16))},type:str]`, 'sops:', '  azure_kv:', '    - vault_url: https://kv-orders.vault.azure.net', '      name: sops-key', `      enc: ${toBase64(r.bytes(64))}`, '  version: 3.9.1') });
  out.push({ what: 'sealed-secret', path: 'k8s/sealed-secret.yaml', text: lines('apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'metadata:', '  name: orders', '  namespace: production', 'spec:', '  encryptedData:', `    DB_PASSWORD: Ag${toBase64(r.bytes(360))}`) });

  // Words about secrets that are not secrets.
  out.push({
    what: 'i18n-strings', path: 'web/src/locales/en.json', text: lines(
      '{', '  "login.password": "Password",', '  "login.passwordHint": "Use at least 12 characters",', '  "login.forgotPassword": "Forgot your password?",',
      '  "settings.apiKey": "API key",', '  "settings.apiKeyHelp": "Create a token under Settings > Tokens and paste it here",', '  "errors.tokenExpired": "Your session token has expired. Sign in again.",', '  "secretQuestion": "What was the name of your first pet?"', '}',
    ),
  });
  out.push({
    what: 'secret-words-in-code', path: 'src/auth/policy.ts', text: lines(
      'export const PASSWORD_MIN_LENGTH = 12;', "export const TOKEN_TYPE = 'Bearer';", "export const SECRET_NAME = 'orders-db-password';", "export const API_KEY_HEADER = 'X-Api-Key';",
      "export const passwordField = { name: 'password', type: 'password', autocomplete: 'current-password' };",
      'export function isStrong(password: string): boolean {', '  return password.length >= PASSWORD_MIN_LENGTH && /[0-9]/.test(password);', '}',
    ),
  });
  out.push({ what: 'secret-words-in-code', path: 'app/auth.py', text: lines('import getpass', '', 'def prompt() -> str:', '    password = getpass.getpass("Password: ")', '    token = exchange(password)', '    return token', '', 'TOKEN_URL = "https://login.microsoftonline.com/common/oauth2/v2.0/token"') });
  out.push({ what: 'keyvault-reference', path: 'appsettings.Production.json', text: lines('{', '  "Database": {', '    "Password": "@Microsoft.KeyVault(SecretUri=https://kv-orders.vault.azure.net/secrets/DbPassword/)"', '  },', '  "Stripe": {', '    "SecretKey": "@Microsoft.KeyVault(VaultName=kv-orders;SecretName=StripeSecretKey)"', '  }', '}') });
  out.push({ what: 'secret-key-ref', path: 'k8s/deployment-env.yaml', text: lines('env:', '  - name: DB_PASSWORD', '    valueFrom:', '      secretKeyRef:', '        name: orders-db', '        key: password', '  - name: STRIPE_SECRET_KEY', '    valueFrom:', '      secretKeyRef:', '        name: stripe', '        key: secret-key') });
  out.push({ what: 'arm-parameter', path: 'infra/main.bicep', text: lines('@secure()', 'param adminPassword string', '', 'param location string = resourceGroup().location', '', "resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {", "  name: 'vm-orders'", '  location: location', '  properties: {', '    osProfile: {', "      adminUsername: 'azureuser'", '      adminPassword: adminPassword', '    }', '  }', '}') });
  out.push({ what: 'ado-system-token', path: 'pipelines/publish.yml', text: lines('steps:', '  - script: |', '      git -c http.extraheader="AUTHORIZATION: bearer $(System.AccessToken)" push origin HEAD:main', '    displayName: Push tag', '  - task: NuGetAuthenticate@1') });
  out.push({ what: 'placeholder-password', path: 'docker-compose.override.yml', text: lines('services:', '  db:', '    image: postgres:16', '    environment:', '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}', '      POSTGRES_USER: orders') });
  out.push({ what: 'hex-colors', path: 'web/src/theme.ts', text: lines('export const palette = {', ...Array.from({ length: 10 }, (_, i) => `  shade${i}: '#${r.hex(6)}',`), '};') });
  out.push({ what: 'numeric-ids', path: 'config/telemetry.json', text: lines('{', `  "googleAnalyticsId": "G-${r.chars(ALPHA.toUpperCase() + DIGITS, 10).toUpperCase()}",`, `  "sentryRelease": "orders@1.4.2+${r.hex(7)}",`, `  "buildId": "${r.digits(8)}",`, `  "traceId": "${r.hex(32)}",`, `  "spanId": "${r.hex(16)}"`, '}') });
  out.push({ what: 'base64-config-blob', path: 'config/feature-flags.json', text: lines('{', `  "snapshot": "${toBase64(Buffer.from(JSON.stringify({ flags: { search: true, checkout: false, beta: ['eu', 'us'] }, updated: '2025-01-06' })))}",`, `  "etag": "W/\\"${r.hex(32)}\\""`, '}') });
  for (const d of documentedPublicValues()) {
    const comps = (d.companions ?? []).map((c) => `${c.env}=${c.value}`);
    out.push({ what: d.what, path: '.env.ci', text: lines('# reCAPTCHA keys for the automated UI tests', ...comps, `RECAPTCHA_SECRET_KEY=${d.value}`) });
  }
  return out;
}

function minifiedJs(r: Rng): string {
  const id = (): string => r.chars(ALPHA, 1) + r.chars(ALPHA + DIGITS, r.between(0, 2));
  const parts: string[] = [];
  parts.push(`(function(){"use strict";var ${id()}=Object.defineProperty,${id()}=(e,t,n)=>t in e?${id()}(e,t,{enumerable:!0,configurable:!0,writable:!0,value:n}):e[t]=n;`);
  for (let i = 0; i < 40; i++) {
    const k = r.int(5);
    if (k === 0) parts.push(`const ${id()}="${r.chars(BASE62 + '+/', r.between(20, 44))}";`);
    else if (k === 1) parts.push(`function ${id()}(${id()},${id()}){return ${id()}.map(${id()}=>${id()}*${r.between(2, 999)}).filter(Boolean)}`);
    else if (k === 2) parts.push(`${id()}.exports={chunk:"${r.hex(8)}",css:"assets/index-${r.hex(8)}.css",id:${r.between(100, 99999)}};`);
    else if (k === 3) parts.push(`var ${id()}="${r.chars(B64, r.between(30, 60))}".split("").reverse().join("");`);
    else parts.push(`if(${id()}!==void 0&&${id()}.length>${r.between(1, 64)})throw new Error("E${r.digits(3)}");`);
  }
  parts.push('})();');
  return parts.join('');
}

function vlq(r: Rng, n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  while (out.length < n) out += `${r.chars(alphabet, r.between(4, 8))}${r.pick([',', ',', ';'])}`;
  return out;
}
