import { Detector } from './detect';
import { SECRET_RULES } from './rules';
import { SecretScanner } from './scanner';
import { scanText } from './testdata/scan-text';

const MB = 1024 * 1024;

function timed<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

/** Characters each rule's pattern is made of, to build lines that make a regex work hardest. */
function adversarialLines(source: string, keyword: string): string[] {
  const size = MB;
  const alnum = 'aB3'.repeat(size / 3);
  return [
    (keyword + '=').repeat(Math.ceil(size / (keyword.length + 1))).slice(0, size),
    keyword + ' = "' + alnum.replace(/3/g, '/'),
    source.replace(/[^A-Za-z0-9]/g, '').repeat(Math.ceil(size / Math.max(1, source.length))).slice(0, size),
  ];
}

describe('hostile input', () => {
  it('every rule regex stays fast on 1 MB adversarial lines', () => {
    const slow: string[] = [];
    for (const rule of SECRET_RULES) {
      if (!rule.pattern) continue;
      const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : rule.pattern.flags + 'g');
      for (const line of adversarialLines(rule.pattern.source, rule.keywords[0])) {
        const [, ms] = timed(() => {
          re.lastIndex = 0;
          let n = 0;
          while (re.exec(line) && ++n < 1000) { /* drain */ }
        });
        if (ms > 1500) slow.push(`${rule.id}: ${ms.toFixed(0)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });

  it('scans a 5 MB minified one-line file full of keywords in bounded time, with a warning when capped', () => {
    const chunk = 'var password="x",token=a.b,secret=c(),apiKey=d,accountkey=e;';
    const line = chunk.repeat(Math.ceil((5 * MB) / chunk.length));
    const [{ findings, warnings }, ms] = timed(() => scanText(line, 'dist/app.min.js'));
    expect(findings).toEqual([]);
    expect(ms).toBeLessThan(15000);
    expect(warnings.some((w) => w.code === 'secrets-hit-cap')).toBe(true);
  });

  it('truncates huge files with a warning instead of scanning everything', () => {
    const scanner = new SecretScanner(SECRET_RULES, { maxBytes: MB });
    const warnings: string[] = [];
    const content = Buffer.alloc(3 * MB, 'a');
    scanner.scan({ path: 'big.txt', size: content.length, content }, { options: { salt: 's' }, warn: (w) => warnings.push(w.code) });
    expect(warnings).toContain('file-truncated');
  });

  it('skips binary content with a warning', () => {
    const content = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x67, 0x68, 0x70, 0x5f]);
    const { findings, warnings } = scanText(content, 'logo.dat');
    expect(findings).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['binary']);
  });

  it('does not want obvious binaries by extension', () => {
    const scanner = new SecretScanner(SECRET_RULES);
    for (const p of ['a.png', 'b.zip', 'fonts/c.woff2', 'd.pdf', 'e.exe', 'f.jar']) expect(scanner.wants(p, 10)).toBe(false);
    for (const p of ['a.ts', '.env', 'Dockerfile', 'azure-pipelines.yml', 'package-lock.json']) expect(scanner.wants(p, 10)).toBe(true);
  });

  it('survives invalid UTF-8 around a secret', () => {
    const content = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' token=ghp_Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6Hc1Df0Ga2Eb4 '), Buffer.from([0xe2, 0x82])]);
    expect(scanText(content).findings.map((f) => f.ruleId)).toEqual(['SEC-GITHUB-PAT']);
  });

  it('bounds work on deeply nested base64', () => {
    let s = 'token=ghp_Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6Hc1Df0Ga2Eb4';
    for (let i = 0; i < 12; i++) s = Buffer.from(`layer${i}: ${s}`).toString('base64');
    const [{ findings }, ms] = timed(() => scanText(`blob: ${s}\n`));
    expect(findings).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('caps decodes of many base64 blobs in one file', () => {
    const blob = Buffer.from('some text that is plain and long enough 0123 ABC').toString('base64');
    const { warnings } = scanText(`${blob}\n`.repeat(2000));
    expect(warnings.map((w) => w.code)).toContain('secrets-decode-cap');
  });

  it('turns a detector exception into a warning, not a crash', () => {
    const broken = { ...SECRET_RULES[0], id: 'SEC-BROKEN', keywords: ['boom'], pattern: undefined, find: () => { throw new Error('bug'); } };
    const scanner = new SecretScanner([broken]);
    const warnings: string[] = [];
    const out = scanner.scan({ path: 'x', size: 4, content: Buffer.from('boom') }, { options: { salt: 's' }, warn: (w) => warnings.push(w.code) });
    expect(out).toEqual([]);
    expect(warnings).toEqual(['scanner-error']);
  });

  it('rejects keywords too short to prefilter anything', () => {
    expect(() => new Detector([{ ...SECRET_RULES[0], keywords: ['sk'] }])).toThrow(/shorter than 3/);
  });
});
