import { isHashOrIdentifier, isKnownExample, isNonSecretKeyName, isPlaceholder, isTemplateReference, placeholderVerdict } from './allowlist';

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

// Each filter with values on both sides: what it must catch, and real-shaped values it must let through.
describe('placeholder verdicts, filter by filter', () => {
  const cases: [filter: string, placeholder: string[], real: string[]][] = [
    ['placeholder words', ['your-api-key-here', 'REPLACE_WITH_TOKEN', 'example-token-1', 'insert_key', 'fake_secret_k3y', 'lorem-ipsum-42'],
      ['k8Tq2Lm9Zp4Rw7Xv3Nc6', 'Hx9wExam4PqL2e7Rt']],
    ['masks and runs of one character', ['xxxxxxxxxxxxxxxx', 'XXXXX-XXXXX-XXXXX', '****************', '00000000000000000000', 'abababababababab'],
      ['x9Kq2mZ8vLw4nR7tYp3s', 'aB3xY9zQ']],
    ['ordered runs', ['1234567890', 'abcdefghijkl', 'key-0123456789ABCDEF', 'sk_test_abcdefgh12345678'],
      ['9f86d081884c7d659a2f', 'Zq8v2Lm9pQ7wRt4K']],
    ['enclosing brackets', ['<token>', '[REDACTED]', '<your-token>'], ['a<b>cZq8v2Lm9pQ7', 'Zq8v[2]Lm9pQ7wRt4K']],
  ];
  it.each(cases)('%s', (_filter, placeholders, real) => {
    for (const v of placeholders) expect([v, placeholderVerdict(v, false)]).toEqual([v, 'placeholder']);
    for (const v of real) expect([v, placeholderVerdict(v, false)]).toEqual([v, undefined]);
  });

  it('generic assignments: defaults and words are placeholders, a word inside a random value is a doubt', () => {
    for (const v of ['true', 'null', 'changeme', 'changeit', 'password', 'Password1', 'secret123!', 'admin', 'mysecretkey', 'qwerty123', 'test-secret', 'mock-token', 'MySecretPass']) {
      expect([v, placeholderVerdict(v, true)]).toEqual([v, 'placeholder']);
    }
    for (const v of ['mock_9Fq2LmX7pR4vT8wZ', 'Secret-k8Tq2Lm9Zp4Rw7Xv', 'stub7Hq2Lx9Pz4Rw8Kt3M']) {
      expect([v, placeholderVerdict(v, true)]).toEqual([v, 'doubtful']);
      expect(isPlaceholder(v, true)).toBe(true);
      expect(placeholderVerdict(v, false)).toBeUndefined();
    }
    for (const v of ['k8Tq2Lm9Zp4Rw7Xv3Nc6', 'Tr0ub4dor&3-Vigil', 'hunter2!Qz']) expect([v, placeholderVerdict(v, true)]).toEqual([v, undefined]);
  });
});

describe('hashes, identifiers and key names', () => {
  it.each(['sha512-9f86d081884c7d659a2feaa0c55ad015', 'sha256:4f3e2d1c0b9a8877', 'h1:abcDEF123=', '7d3c5b9e-1f2a-4b6c-8d9e-0a1b2c3d4e5f'])(
    '%s is a hash or identifier', (v) => expect(isHashOrIdentifier(v)).toBe(true));

  it.each(['password_hash', 'token_url', 'secret_name', 'api_key_id', 'integrity', 'commit_sha', 'continuationToken', 'next_page_token', 'csrf_token'])(
    '%s names a non-secret', (k) => expect(isNonSecretKeyName(k)).toBe(true));

  it.each(['db_password', 'API_KEY', 'clientSecret', 'access_token'])('%s names a secret', (k) => expect(isNonSecretKeyName(k)).toBe(false));
});
