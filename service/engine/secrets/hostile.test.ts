import regexpTree from 'regexp-tree';
import { scanFiles } from '../scan';
import { Detector } from './detect';
import { secretsScanner } from './index';
import { SECRET_RULES } from './rules';
import { SecretScanner } from './scanner';
import { scanText } from './testdata/scan-text';

const MB = 1024 * 1024;

type Node = { type: string; quantifier?: { kind: string; to?: number }; [key: string]: unknown };

/** Repetitions that can take more than a few dozen steps: `*`, `+`, `{n,}` and `{n,m}` with m > 64. */
const LONG_RUN = 64;
const unbounded = (q: { kind: string; to?: number }): boolean => q.kind === '*' || q.kind === '+' || (q.kind === 'Range' && (q.to === undefined || q.to > LONG_RUN));

/**
 * Star height: how deeply unbounded repetitions nest (`(a+)+` is 2). Above 1 a backtracking engine
 * can take exponential time on a crafted line; at most 1 (and bounded windows, see detect.ts) keeps
 * every rule linear-ish on any input.
 */
function starHeight(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  const n = node as Node;
  const inner = Math.max(0, ...['body', 'expressions', 'expression', 'left', 'right', 'assertion'].flatMap((k) => {
    const v = n[k];
    return Array.isArray(v) ? v.map(starHeight) : v ? [starHeight(v)] : [];
  }));
  return n.type === 'Repetition' && n.quantifier && unbounded(n.quantifier) ? inner + 1 : inner;
}

const heightOf = (re: RegExp): number => starHeight(regexpTree.parse(`/${re.source}/${re.flags.replace(/[gy]/g, '')}`));

describe('hostile input', () => {
  it('no rule regex nests unbounded repetitions (the shape of catastrophic backtracking)', () => {
    const nested = SECRET_RULES.filter((r) => r.pattern && heightOf(r.pattern) > 1).map((r) => r.id);
    expect(nested).toEqual([]);
    // The check itself tells the shapes apart.
    expect([/(a+)+b/, /(?:\w+\s?)*$/, /(x{1,100})*/, /a+b+/, /(?:ab){2,10}c+/, /(?<s>[a-z]{20,40})+/].map(heightOf)).toEqual([2, 2, 2, 1, 1, 1]);
  });

  it('stops examining a 5 MB minified one-line file full of keywords at the hit cap, with a warning', () => {
    const chunk = 'var password="x",token=a.b,secret=c(),apiKey=d,accountkey=e;';
    const line = chunk.repeat(Math.ceil((5 * MB) / chunk.length));
    const { findings, warnings } = scanText(line, 'dist/app.min.js');
    expect(findings).toEqual([]);
    expect(warnings.some((w) => w.code === 'secrets-hit-cap')).toBe(true);
  });

  it('truncates huge files with a warning instead of scanning everything', () => {
    const scanner = new SecretScanner(SECRET_RULES, { maxBytes: MB });
    const warnings: string[] = [];
    const content = Buffer.alloc(3 * MB, 'a');
    scanner.scan({ path: 'big.txt', size: content.length, content }, { options: { salt: 's' }, warn: (w) => warnings.push(w.code) });
    expect(warnings).toContain('file-truncated');
  });

  it('never sees binary content: the engine skips it with a warning (the scanner itself has no check)', async () => {
    const content = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), Buffer.from(' token=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 ')]);
    const result = await scanFiles([{ path: 'logo.txt', content }], { scanners: [secretsScanner] });
    expect(result.findings).toEqual([]);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([['binary', 'logo.txt']]);
    expect(result.scanners[0]).toMatchObject({ filesScanned: 0, filesSkipped: { binary: 1 } });
  });

  it('does not want obvious binaries by extension', () => {
    const scanner = new SecretScanner(SECRET_RULES);
    for (const p of ['a.png', 'b.zip', 'fonts/c.woff2', 'd.pdf', 'e.exe', 'f.jar']) expect(scanner.wants(p, 10)).toBe(false);
    for (const p of ['a.ts', '.env', 'Dockerfile', 'azure-pipelines.yml', 'package-lock.json']) expect(scanner.wants(p, 10)).toBe(true);
  });

  it('survives invalid UTF-8 around a secret', () => {
    const content = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' token=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 '), Buffer.from([0xe2, 0x82])]);
    expect(scanText(content).findings.map((f) => f.ruleId)).toEqual(['SEC-GITHUB-PAT']);
  });

  it('decodes one layer of base64, not twelve', () => {
    const token = 'token=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';
    expect(scanText(`blob: ${Buffer.from(`layer0: ${token}`).toString('base64')}\n`).findings.map((f) => f.ruleId)).toEqual(['SEC-GITHUB-PAT']);
    let s = token;
    for (let i = 0; i < 12; i++) s = Buffer.from(`layer${i}: ${s}`).toString('base64');
    expect(scanText(`blob: ${s}\n`).findings).toEqual([]);
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
