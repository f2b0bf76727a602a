// Entropy-only detection: what it flags (random base64 and hex, quoted or assigned, in many syntaxes),
// what it never flags (digests, ids, images, lockfiles, minified code, words), that specific and keyed
// rules win, and that one file does not flood the list.
import { BASE62, BASE64, BASE64URL, HEX, randomBase64, randomToken } from '../examples';
import { scanText } from '../testdata/scan-text';
import { base64Threshold, classify, isWordLike, MAX_PER_FILE } from './high-entropy';

const ID = 'SEC-HIGH-ENTROPY-STRING';
const b64 = randomBase64('he-test-b64', 30); // 40 characters
const b64Long = randomBase64('he-test-b64-long', 48); // 64 characters
// URL-safe: found through the prefilter's base64 runs, so 24 characters of it must hold no - or _.
const url = `${randomToken('he-test-url', BASE62, 28)}-${randomToken('he-test-url-2', BASE64URL, 14)}_x9`;
const hex = randomToken('he-test-hex', HEX, 40);

/** This rule's findings in `text` scanned as `path`. */
const entropyFindings = (text: string, path = 'example.txt') => scanText(text, path).findings.filter((f) => f.ruleId === ID);

describe('high-entropy strings: flagged', () => {
  test.each([
    ['JavaScript', 'src/client.js', `const upstream = "${b64}";\n`],
    ['TypeScript, single quotes', 'src/client.ts', `export const upstream = '${b64}';\n`],
    ['Python', 'app/settings.py', `UPSTREAM = '${b64}'\n`],
    ['Python keyword argument', 'app/client.py', `client = Client(seed="${b64Long}")\n`],
    ['YAML, quoted', 'deploy/values.yaml', `service:\n  upstream: "${b64}"\n`],
    ['YAML, bare', 'deploy/values.yaml', `service:\n  upstream: ${b64}\n`],
    ['JSON', 'config/app.json', `{\n  "name": "billing",\n  "upstream": "${b64}"\n}\n`],
    ['.env, URL-safe base64', '.env', `UPSTREAM=${url}\n`],
    ['INI with a comment after', 'app.ini', `[upstream]\nseed = ${b64} # rotated monthly\n`],
    ['XML element', 'app.config', `<settings>\n  <Upstream>${b64}</Upstream>\n</settings>\n`],
    ['Go', 'main.go', `signer := hmac.New(sha256.New, []byte("${b64}"))\n`],
    ['PHP array', 'config.php', `$config['upstream'] = '${hex}';\n`],
    ['Java, hex', 'src/main/java/App.java', `private static final String UPSTREAM = "${hex}";\n`],
    ['a test fixture (not excluded by its path)', 'test/fixtures/settings.json', `{ "upstream": "${b64}" }\n`],
  ])('%s', (_name, path, text) => {
    const [f] = entropyFindings(text, path);
    expect(f).toBeDefined();
    expect(f).toMatchObject({ confidence: 'low', severity: 'medium', category: 'secret' });
    expect(f.message).toMatch(/^High-entropy string found \((base64|hex), \d\.\d bits per character\)$/);
    // Never the value itself.
    expect(JSON.stringify(f)).not.toContain(text.includes(hex) ? hex : text.includes(url) ? url : b64.slice(4, 20));
  });

  it('reports the string at its own line and column', () => {
    const [f] = entropyFindings(`# header\nname: api\nupstream: "${b64}"\n`, 'values.yaml');
    expect(f.location).toMatchObject({ line: 3, column: 12 });
  });
});

describe('high-entropy strings: not flagged', () => {
  const sri = randomBase64('he-test-sri', 64);
  const digest = randomToken('he-test-digest', HEX, 64);
  test.each([
    ['lockfile integrity (SRI)', 'package-lock.json', `{\n  "node_modules/a": {\n    "integrity": "sha512-${sri}",\n    "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz"\n  }\n}\n`],
    ['an integrity field anywhere', 'web/index.json', `{ "integrity": "sha384-${randomBase64('he-test-sri-2', 48)}" }\n`],
    ['a lockfile, whatever it holds', 'yarn.lock', `"a@^1.0.0":\n  resolved "https://x/a.tgz#${hex}"\n  checksum: "${b64}"\n`],
    ['go.sum', 'go.sum', `github.com/a/b v1.2.3 h1:${randomBase64('he-test-h1', 32)}\n`],
    ['a checksum list', 'dist/SHA256SUMS', `${digest}  vigil-linux-x64.tar.gz\n`],
    ['a checksum file, even quoted', 'release/checksums.txt', `"${digest}"\n`],
    ['a sha256 digest of an image', 'deploy/app.yaml', `image: contoso.azurecr.io/api@sha256:${digest}\n`],
    ['a UUID', 'config.json', `{ "tenantId": "3f2b9c1e-7d4a-4e8b-9c2d-1a6f0e5b7c3d" }\n`],
    ['a UUID without dashes', 'config.json', `{ "upstream": "3f2b9c1e7d4a4e8b9c2d1a6f0e5b7c3d" }\n`],
    ['a MongoDB ObjectId', 'seed.json', `{ "owner": "65a1f0c2e4b0d91a2c3e4f50" }\n`],
    ['a git commit by key', 'package.json', `{ "gitHead": "${hex}" }\n`],
    ['a pre-commit rev', '.pre-commit-config.yaml', `repos:\n- repo: https://github.com/psf/black\n  rev: ${hex}\n`],
    ['a commit in a command', 'build.sh', `git checkout "${hex}"\n`],
    ['an action pinned to a commit', '.github/workflows/ci.yml', `- uses: actions/checkout@${hex}\n`],
    ['a digest named as such', 'manifest.json', `{ "contentHash": "${hex}", "etag": "${hex.slice(0, 32)}" }\n`],
    ['an image data URI', 'src/logo.ts', `export const logo = "data:image/png;base64,${b64}";\n`],
    ['a PNG without its data: prefix', 'src/logo.ts', `export const logo = "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9h";\n`],
    ['an image keyed as one (a notebook output)', 'analysis.ipynb', `{ "image/png": "${b64}" }\n`],
    ['a minified bundle', 'dist/app.3f9a1c07.min.js', `!function(e){var t="${b64}";e.exports=t}(this);\n`],
    ['a long minified line in any script', 'dist/vendor.js', `!function(e){${'var a=1;'.repeat(150)}var t="${b64}";e.exports=t}(this);\n`],
    ['a source map', 'dist/app.js.map', `{"version":3,"mappings":"AAAA","sourcesContent":["const k = \\"${b64}\\";"]}\n`],
    ['a long English-ish identifier', 'src/a.ts', `const handler = "UserAccountSettingsProviderFactory2024";\n`],
    ['a path', 'src/a.ts', `import x from "src/components/UserProfile/AvatarPicture2";\n`],
    ['a dashed name', 'values.yaml', `name: "billing-api-settings-profile-2024-west"\n`],
    ['base64 of text', 'a.json', `{ "banner": "${Buffer.from('Welcome to the billing portal of Contoso!').toString('base64')}" }\n`],
    ['hex of text', 'a.json', `{ "banner": "${Buffer.from('Welcome to Contoso billing').toString('hex')}" }\n`],
    ['a public key (DER)', 'a.yaml', `key: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${randomToken('he-test-pub', BASE64, 40)}"\n`],
    ['a certificate (DER)', 'a.yaml', `ca: "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ"\n`],
    ['an SSH public key', 'keys.yaml', `deploy: "AAAAB3NzaC1yc2EAAAADAQABAAABAQC${randomToken('he-test-ssh', BASE64, 40)}"\n`],
    ['a Stripe publishable key', 'web.js', `Stripe("pk_live_${randomToken('he-test-pk', BASE62, 40)}");\n`],
    ['a bare value in source code (an expression)', 'src/a.py', `x = ${b64}\n`],
    ['a bare word in prose', 'README.md', `The seed ${b64} is printed at start.\n`],
    ['a placeholder', 'a.env', `UPSTREAM=${'x'.repeat(40)}\n`],
    ['a template reference', 'a.yaml', 'upstream: "${UPSTREAM_SEED_VALUE_FROM_THE_VAULT_2024}"\n'],
    ['a short string', 'a.json', `{ "upstream": "${b64.slice(0, 20)}" }\n`],
    ['a sealed secret (ciphertext meant to be committed)', 'k8s/orders-sealed.yaml', `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: orders\nspec:\n  encryptedData:\n    upstream: ${randomBase64('he-test-sealed', 200)}\n`],
    ['a SOPS file', 'k8s/orders.enc.yaml', `stringData:\n  upstream: ENC[AES256_GCM,data:${randomBase64('he-test-sops-1', 24)},iv:${randomBase64('he-test-sops-2', 32)},type:str]\nsops:\n  azure_kv:\n    - enc: ${randomBase64('he-test-sops-3', 64)}\n`],
    ['a PEM body line', 'cert.pem', `-----BEGIN CERTIFICATE-----\n${randomBase64('he-test-pem', 48)}\n-----END CERTIFICATE-----\n`],
  ])('%s', (_name, path, text) => {
    expect(entropyFindings(text, path)).toEqual([]);
  });
});

describe('high-entropy strings beside other rules', () => {
  it('leaves a provider token to its rule', () => {
    const ghp = 'ghp_' + randomToken('he-test-ghp', BASE62, 36);
    expect(scanText(`const upstream = "${ghp}";\n`, 'a.js').findings.map((f) => f.ruleId)).toEqual(['SEC-GITHUB-PAT']);
  });

  it('leaves a keyed secret to the keyed rule (medium confidence)', () => {
    const found = scanText(`service_api_key = "${b64}"\n`, 'settings.py').findings;
    expect(found.map((f) => [f.ruleId, f.confidence])).toEqual([['SEC-GENERIC-SECRET', 'medium']]);
  });

  it('leaves an AWS secret key (found by its name) to the AWS rule', () => {
    const found = scanText(`[default]\naws_secret_access_key = ${randomToken('he-test-aws', BASE64, 40)}\n`, 'credentials.ini').findings;
    expect(found.map((f) => f.ruleId)).toEqual(['SEC-AWS-SECRET-ACCESS-KEY']);
  });

  it('does not report a blob whose decoded text held the secret twice', () => {
    const ghp = 'ghp_' + randomToken('he-test-ghp-2', BASE62, 36);
    const blob = Buffer.from(`{"auth":{"token":"${ghp}"}}`).toString('base64');
    expect(scanText(`config: "${blob}"\n`, 'a.yaml').findings.map((f) => f.ruleId)).toEqual(['SEC-GITHUB-PAT']);
  });
});

describe('high-entropy strings do not flood', () => {
  it(`reports the first ${MAX_PER_FILE} of a file and counts the rest in the first one`, () => {
    const lines = Array.from({ length: 10 }, (_, i) => `  "vector${i}": "${randomBase64(`he-test-flood-${i}`, 30)}",`);
    const found = entropyFindings(`{\n${lines.join('\n')}\n  "end": 1\n}\n`, 'test/vectors.json');
    expect(found).toHaveLength(MAX_PER_FILE);
    expect(found.map((f) => f.location.line)).toEqual([2, 3, 4]);
    expect(found[0].message).toMatch(/; 10 such strings in this file, the first 3 reported\)$/);
    expect(found[1].message).not.toMatch(/such strings/);
  });

  it('counts each file on its own', () => {
    const text = `a = "${b64}"\n`;
    expect(entropyFindings(text, 'one.toml')).toHaveLength(1);
    expect(entropyFindings(text, 'two.toml')).toHaveLength(1);
  });
});

describe('classify', () => {
  it('takes random base64 and hex above the thresholds', () => {
    expect(classify(b64)).toMatchObject({ kind: 'base64' });
    expect(classify(url)).toMatchObject({ kind: 'base64' });
    expect(classify(hex)).toMatchObject({ kind: 'hex' });
    expect(classify(hex.toUpperCase())).toMatchObject({ kind: 'hex' });
  });

  it('refuses numbers, single words, low entropy and out-of-range lengths', () => {
    expect(classify('1234567890123456789012345678')).toBeUndefined();
    expect(classify('abcdefabcdefabcdefabcdefabcdef')).toBeUndefined();
    expect(classify('aaaaaaaaaaaaaaaaaaaaaaaa1111')).toBeUndefined();
    expect(classify(b64.slice(0, 20))).toBeUndefined();
    expect(classify(randomToken('he-test-huge', BASE64, 600))).toBeUndefined();
  });

  it('asks less of short base64 strings, and detect-secrets\' 4.5 from 40 characters', () => {
    expect(base64Threshold(24)).toBeCloseTo(4.0);
    expect(base64Threshold(32)).toBeCloseTo(4.25);
    expect(base64Threshold(40)).toBe(4.5);
    expect(base64Threshold(400)).toBe(4.5);
  });
});

describe('isWordLike', () => {
  test.each(['UserAccountSettingsProviderFactory2024', 'src/components/UserProfile/Avatar2', 'input_password_confirmation_field', 'HTTPServerRequestHandlerFactory'])(
    'words: %s',
    (s) => expect(isWordLike(s)).toBe(true),
  );
  test.each([b64, url, randomToken('he-test-word', BASE62, 32), randomToken('he-test-word-2', 'abcdefghijklmnopqrstuvwxyz0123456789', 32)])(
    'random: %s',
    (s) => expect(isWordLike(s)).toBe(false),
  );
});
