import { isHashOrIdentifier, isKnownExample, isNonSecretKeyName, isPlaceholder, isTemplateReference } from './allowlist';

describe('template references', () => {
  it.each([
    '${DB_PASSWORD}', '{{ .Values.password }}', '$(System.AccessToken)', '#{Octopus.Password}',
    '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)', 'process.env.API_KEY',
    "os.environ['TOKEN']", 'os.getenv("TOKEN")', '$env:PAT', '$SECRET', '%API_KEY%', '<your-token>',
  ])('%s is a reference', (v) => expect(isTemplateReference(v)).toBe(true));

  it.each(['q7Vt2LmX9pZr4KwN8sYb3HcD', 'ghp_abc123', 'S3cure!Pass'])('%s is a literal', (v) => expect(isTemplateReference(v)).toBe(false));
});

describe('documented example keys', () => {
  it.each([
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  ])('%s is a known example', (v) => expect(isKnownExample(v)).toBe(true));

  it('does not treat a random key as an example', () => expect(isKnownExample('AKIAZ7Q4M2N6P3R5T7V2')).toBe(false));
});

describe('placeholders', () => {
  it.each(['REPLACE_ME', 'replace-with-your-key', 'xxxxxxxxxxxxxxxx', 'XXXXXXXX', 'changeme', 'your-key-here', 'your_api_key',
    '<token>', '****************', '1234567890abcdef', 'abcdefghijklmnop', 'dummy-token', 'redacted', 'EXAMPLE_SECRET'])(
    '%s is a placeholder', (v) => expect(isPlaceholder(v, false)).toBe(true));

  it.each(['q7Vt2LmX9pZr4KwN8sYb3HcD', 'ghp_Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6', 'Tr0ub4dor&3-Vigil'])(
    '%s is not a placeholder', (v) => expect(isPlaceholder(v, false)).toBe(false));

  it('applies the stricter list to generic assignments only', () => {
    for (const v of ['password', 'secret123', 'true', 'undefined', 'test-token', 'mysecret']) {
      expect(isPlaceholder(v, true)).toBe(true);
    }
    expect(isPlaceholder('undefined', false)).toBe(false);
  });
});

describe('hashes, identifiers and key names', () => {
  it.each(['sha512-9f86d081884c7d659a2feaa0c55ad015', 'sha256:4f3e2d1c0b9a8877', 'h1:abcDEF123=', '7d3c5b9e-1f2a-4b6c-8d9e-0a1b2c3d4e5f'])(
    '%s is a hash or identifier', (v) => expect(isHashOrIdentifier(v)).toBe(true));

  it.each(['password_hash', 'token_url', 'secret_name', 'api_key_id', 'integrity', 'commit_sha'])(
    '%s names a non-secret', (k) => expect(isNonSecretKeyName(k)).toBe(true));

  it.each(['db_password', 'API_KEY', 'clientSecret', 'access_token'])('%s names a secret', (k) => expect(isNonSecretKeyName(k)).toBe(false));
});
