import { engineScanners } from '../../registry';
import type { FileScanner } from '../../types';
import { base62Crc32Token, base62Crc32Verifies, crc32 } from './checksums';

const secrets = engineScanners.find((s) => s.name === 'secrets') as FileScanner<{ salt: string }>;
function scan(text: string) {
  return secrets.scan({ path: 'config/.env', size: text.length, content: Buffer.from(text) }, { options: { salt: 's' }, warn: () => undefined }) as Awaited<ReturnType<FileScanner['scan']>>;
}

describe('token checksums', () => {
  it('computes CRC-32 (IEEE) as zlib does', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });

  it('verifies GitHub/npm-style tokens and refuses any one-character edit', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const token = base62Crc32Token('ghp_', seed);
      expect(token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
      expect(base62Crc32Verifies(token)).toBe(true);
      const i = 4 + (seed.charCodeAt(0) % 36);
      const edited = token.slice(0, i) + (token[i] === 'x' ? 'y' : 'x') + token.slice(i + 1);
      expect(base62Crc32Verifies(edited)).toBe(false);
    }
    expect(base62Crc32Verifies('ghp_' + 'a'.repeat(35))).toBe(false);
  });

  it('reports a token whose checksum verifies at high confidence, a look-alike at low confidence, saying why', () => {
    const real = base62Crc32Token('ghp_', 'real');
    const lookAlike = real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A');
    const [good] = scan(`GITHUB_TOKEN=${real}\n`);
    const [bad] = scan(`GITHUB_TOKEN=${lookAlike}\n`);
    expect(good).toMatchObject({ ruleId: 'SEC-GITHUB-PAT', confidence: 'high' });
    expect(good.message).not.toContain('checksum');
    expect(bad).toMatchObject({ ruleId: 'SEC-GITHUB-PAT', confidence: 'low' });
    expect(bad.message).toContain('checksum does not verify');
    const [npm] = scan(`NPM_TOKEN=${base62Crc32Token('npm_', 'n')}\n`);
    expect(npm).toMatchObject({ ruleId: 'SEC-NPM-ACCESS-TOKEN', confidence: 'high' });
  });
});
