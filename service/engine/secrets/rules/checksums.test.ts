import { engineScanners } from '../../registry';
import type { FileScanner } from '../../types';
import { base62Crc32Token, base62Crc32Verifies, crc32, grafanaServiceAccountToken, grafanaServiceAccountVerifies } from './checksums';

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

  it('verifies Grafana service account tokens (CRC-32 of glsa_<random>, little-endian hex) and refuses edits', () => {
    // The checksum computed with Python's zlib.crc32, packed '<I', in hex.
    const known = 'glsa_Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6Qe4RXk9v_7ff97332';
    expect(grafanaServiceAccountVerifies(known)).toBe(true);
    expect(grafanaServiceAccountVerifies(known.replace('_7ff97332', '_3273f97f'))).toBe(false); // big-endian
    expect(grafanaServiceAccountVerifies(known.replace('Zk3', 'Zk4'))).toBe(false);
    expect(grafanaServiceAccountVerifies(known.toUpperCase().replace('GLSA', 'glsa'))).toBe(false);
    const sample = grafanaServiceAccountToken('g');
    expect(sample).toMatch(/^glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}$/);
    expect(grafanaServiceAccountVerifies(sample)).toBe(true);
    const [good] = scan(`GRAFANA_TOKEN=${known}\n`);
    const [bad] = scan(`GRAFANA_TOKEN=${known.slice(0, -1)}0\n`);
    expect(good).toMatchObject({ ruleId: 'SEC-GRAFANA-SERVICE-ACCOUNT-TOKEN', confidence: 'high' });
    expect(bad).toMatchObject({ ruleId: 'SEC-GRAFANA-SERVICE-ACCOUNT-TOKEN', confidence: 'low' });
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
