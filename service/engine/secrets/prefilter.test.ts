import { KeywordMatcher } from './prefilter';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { PREFILTER_WASM_BASE64, prefilterModuleIsValid } from './prefilter-wasm';

function hits(m: KeywordMatcher, text: string): string[] {
  const r = m.scan(Buffer.from(text, 'latin1'));
  const out: string[] = [];
  for (let i = 0; i < r.count; i++) out.push(`${m.keywords[r.keyword[i]]}@${r.end[i]}`);
  return out.sort();
}

describe('KeywordMatcher (Aho-Corasick prefilter)', () => {
  it('finds every occurrence, case-insensitively, including overlapping keywords', () => {
    const m = new KeywordMatcher(['ghp_', 'password', 'pass', 'sword', 'akia']);
    expect(hits(m, 'x PASSWORD=1 ghp_abc AKIAxyz')).toEqual(['akia@25', 'ghp_@17', 'pass@6', 'password@10', 'sword@10'].sort());
  });

  it('reports nothing when no keyword occurs', () => {
    const m = new KeywordMatcher(['sk_live_', 'xoxb-']);
    expect(m.scan(Buffer.from('const x = 1; // nothing to see')).count).toBe(0);
  });

  it('handles keywords that are suffixes of other keywords (failure links)', () => {
    const m = new KeywordMatcher(['abcd', 'bc', 'c']);
    expect(hits(m, 'abcd')).toEqual(['abcd@4', 'bc@3', 'c@3']);
  });

  it('caps the number of hits and says so', () => {
    const m = new KeywordMatcher(['key']);
    const r = m.scan(Buffer.from('key '.repeat(1000)), 4000, 100);
    expect(r.count).toBeLessThanOrEqual(128);
    expect(r.capped).toBe(true);
  });

  it('rejects keywords that are not lowercase ASCII', () => {
    expect(() => new KeywordMatcher(['Token'])).toThrow(/lowercase/);
    expect(() => new KeywordMatcher(['clé'])).toThrow(/ASCII/);
    expect(() => new KeywordMatcher([''])).toThrow();
  });

  it('treats bytes above 127 (invalid UTF-8, latin1) as non-keyword characters', () => {
    const m = new KeywordMatcher(['token']);
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('TOKEN'), Buffer.from([0x80])]);
    expect(m.scan(buf).count).toBe(1);
  });
});

describe('WebAssembly and JavaScript loops agree', () => {
  const keywords = ['ghp_', 'password', 'pass', 'token', 'akia', '-----begin', 'accountkey', '://'];
  const wasm = new KeywordMatcher(keywords);
  const js = new KeywordMatcher(keywords);
  js.useWasm = false;

  function snapshot(m: KeywordMatcher, buf: Buffer, cap?: number): unknown {
    const r = m.scan(buf, buf.length, cap ?? 1 << 16, 24);
    return {
      hits: Array.from(r.keyword.subarray(0, r.count), (k, i) => `${k}@${r.end[i]}`),
      runs: Array.from(r.runStart.subarray(0, r.runCount), (s, i) => `${s}-${r.runEnd[i]}`),
      capped: r.capped,
    };
  }

  it('uses WebAssembly by default', () => {
    wasm.scan(Buffer.from('token'));
    expect(wasm.usingWasm).toBe(true);
    js.scan(Buffer.from('token'));
    expect(js.usingWasm).toBe(false);
  });

  it('on random text with keywords and base64 runs', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pieces = ['ghp_', 'PASSWORD=', 'token: ', ' ', '\n', 'AKIA', 'aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ=', '://', 'x', '\u00e9', '-----BEGIN '];
    for (let round = 0; round < 50; round++) {
      let s = '';
      while (s.length < 5000) s += rnd() < 0.3 ? pieces[Math.floor(rnd() * pieces.length)] : String.fromCharCode(32 + Math.floor(rnd() * 95));
      const buf = Buffer.from(s, 'latin1');
      expect(snapshot(wasm, buf)).toEqual(snapshot(js, buf));
    }
  });

  it('on every short length, with keywords and runs across the middle where the two walks meet', () => {
    const body = 'xx-----BEGIN accountkey=QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789+/ab password';
    for (let n = 0; n <= body.length; n++) {
      for (let shift = 0; shift < 24; shift++) {
        const buf = Buffer.from(('.'.repeat(shift) + body).slice(0, n + shift), 'latin1');
        expect(snapshot(wasm, buf)).toEqual(snapshot(js, buf));
      }
    }
  });

  it('when only the second half reaches the hit cap', () => {
    const buf = Buffer.from(' '.repeat(4000) + 'token '.repeat(1000));
    expect(snapshot(wasm, buf, 10)).toEqual(snapshot(js, buf, 10));
    expect(snapshot(wasm, buf, 1000)).toEqual(snapshot(js, buf, 1000));
    expect(snapshot(wasm, buf, 999)).toEqual(snapshot(js, buf, 999));
  });

  it('at the hit cap, and on inputs larger than any seen before', () => {
    const dense = Buffer.from('token '.repeat(20000));
    expect(snapshot(wasm, dense, 100)).toEqual(snapshot(js, dense, 100));
    const big = Buffer.alloc(3 * 1024 * 1024, 'A');
    big.write(' password ', 1000);
    expect(snapshot(wasm, big)).toEqual(snapshot(js, big));
  });
});

describe('the embedded WebAssembly is prefilter.wat', () => {
  let wat2wasm = false;
  try {
    execFileSync('wat2wasm', ['--version'], { stdio: 'ignore' });
    wat2wasm = true;
  } catch {
    // wabt is not installed: the equality tests above still cover the behaviour.
  }
  (wat2wasm ? it : it.skip)('matches a fresh wat2wasm build (needs wabt)', () => {
    const out = execFileSync('wat2wasm', [path.join(__dirname, 'prefilter.wat'), '--output=-']);
    expect(Buffer.from(out).toString('base64')).toBe(PREFILTER_WASM_BASE64);
  });

  it('is a valid module', () => {
    expect(prefilterModuleIsValid()).toBe(true);
  });
});
