import { randomToken, BASE62 } from './examples';
import { scanText } from './testdata/scan-text';
import { decodePrintable } from './detect';
import { makeLegacyAdoPat } from './rules/ado-checksum';

const pat = 'ghp_' + randomToken('decode-gh', BASE62, 36);

describe('encoded secrets', () => {
  it('finds a token inside base64 text and reports it at the blob', () => {
    const blob = Buffer.from(`{"auth":{"token":"${pat}"}}`).toString('base64');
    const { findings } = scanText(`first line\nconfig: ${blob}\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0].ruleId).toBe('SEC-GITHUB-PAT');
    expect(findings[0].location).toMatchObject({ line: 2, column: 9 });
    expect(findings[0].message).toContain('base64');
  });

  it('decodes two levels of base64, and no more', () => {
    const once = Buffer.from(`token=${pat}`).toString('base64');
    const twice = Buffer.from(`inner: ${once}`).toString('base64');
    const thrice = Buffer.from(`inner: ${twice}`).toString('base64');
    expect(scanText(`x: ${twice}\n`).findings.map((f) => f.ruleId)).toEqual(['SEC-GITHUB-PAT']);
    expect(scanText(`x: ${thrice}\n`).findings).toHaveLength(0);
  });

  it('finds a secret inside URL-encoded text', () => {
    const encoded = encodeURIComponent(`postgres://app:Zq8Lm2Vx9Rt4Kw@pg.contoso.internal:5432/orders`);
    const { findings } = scanText(`redirect=https://contoso.com/cb?next=${encoded}\n`);
    expect(findings.map((f) => f.ruleId)).toEqual(['SEC-POSTGRES-URL']);
    expect(findings[0].message).toContain('URL-encoded');
  });

  it('ignores base64 that decodes to binary, and data URIs', () => {
    const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 73) & 0xff)).toString('base64');
    const dataUri = Buffer.from(`token=${pat}`).toString('base64');
    expect(scanText(`blob: ${binary}\n`).findings).toHaveLength(0);
    expect(scanText(`<img src="data:image/png;base64,${dataUri}">\n`).findings).toHaveLength(0);
  });

  it('prefers the plain finding when the same secret is also found decoded', () => {
    const { findings } = scanText(`token: ${pat}\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).not.toContain('encoded');
  });
});

describe('legacy Azure DevOps PAT checksum', () => {
  const random = Uint8Array.from({ length: 28 }, (_, i) => (i * 97 + 13) & 0xff);

  it('reports a checksum-valid token with high confidence even with no keyword nearby', () => {
    const pat = makeLegacyAdoPat(random);
    const { findings } = scanText(`lookup_row = "${pat}"\n`);
    expect(findings.map((f) => [f.ruleId, f.confidence])).toEqual([['SEC-AZURE-DEVOPS-PAT-LEGACY', 'high']]);
  });

  it('needs a keyword nearby when the checksum does not verify, and then says medium', () => {
    const pat = makeLegacyAdoPat(random);
    const broken = (pat[0] === 'a' ? 'b' : 'a') + pat.slice(1);
    expect(scanText(`lookup_row = "${broken}"\n`).findings).toEqual([]);
    const { findings } = scanText(`AZURE_DEVOPS_EXT_PAT=${broken}\n`);
    expect(findings.map((f) => [f.ruleId, f.confidence])).toEqual([['SEC-AZURE-DEVOPS-PAT-LEGACY', 'medium']]);
  });
});

describe('decodePrintable (base64 bytes to bytes, no strings)', () => {
  const reference = (text: string): string | -1 => {
    const buf = Buffer.from(text, 'base64');
    const bad = buf.filter((b) => (b < 32 && b !== 9 && b !== 10 && b !== 13) || b > 126).length;
    return buf.length >= 8 && bad <= Math.floor(buf.length / 20) ? buf.toString('hex') : -1;
  };
  it('agrees with Buffer.from(text, "base64") plus the printable test, on every length and mix', () => {
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const out = new Uint8Array(256);
    let printable = 0;
    for (let len = 0; len < 120; len++) {
      for (const binaryShare of [0, 0.03, 0.06, 0.5]) {
        const raw = Buffer.from(Array.from({ length: len }, () => (rnd() < binaryShare ? 0 : 32 + Math.floor(rnd() * 95))));
        const text = raw.toString('base64').replace(/=+$/, '');
        const bytes = Buffer.from(`xx${text}==`, 'latin1');
        const n = decodePrintable(bytes, 2, text.length, out);
        const expected = reference(text);
        expect(n < 0 ? -1 : Buffer.from(out.subarray(0, n)).toString('hex')).toBe(expected);
        if (expected !== -1) printable++;
      }
    }
    expect(printable).toBeGreaterThan(100);
  });
});
