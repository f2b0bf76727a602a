import { Detector } from './detect';
import { BASE62, randomToken } from './examples';
import { Latin1View } from './latin1-view';
import type { SecretRule } from './rule';
import { SECRET_RULES } from './rules';

describe('Latin1View', () => {
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = 32 + ((i * 7919) % 224);
  const text = bytes.toString('latin1');

  it('gives the same text as a whole conversion, for windows in any order and at the edges', () => {
    const view = new Latin1View(bytes);
    const ranges: [number, number][] = [[0, 10], [5, 600], [150_000, 150_100], [100, 120], [199_990, 200_000], [199_000, 250_000], [-5, 3], [7, 7]];
    for (const [s, e] of ranges) expect(view.slice(s, e)).toBe(text.slice(Math.max(0, s), Math.max(0, e)));
  });

  it('gives the same text across many windows, and when told the text is dense', () => {
    const view = new Latin1View(bytes);
    for (let s = 0; s < bytes.length - 64; s += 997) expect(view.slice(s, s + 64)).toBe(text.slice(s, s + 64));
    const dense = new Latin1View(bytes, true);
    expect(dense.slice(123_456, 124_000)).toBe(text.slice(123_456, 124_000));
  });

  it('keeps the non-ASCII bytes one character each (offsets stay byte offsets)', () => {
    const view = new Latin1View(Buffer.from([0x61, 0xe9, 0xff, 0x80, 0x62]));
    expect(view.slice(1, 4)).toBe('\u00e9\u00ff\u0080');
    expect(view.length).toBe(5);
  });
});

describe('anchored rules see the text around their hit', () => {
  const longRule: SecretRule = {
    ...SECRET_RULES[0],
    id: 'SEC-TEST-LONG-ANCHORED',
    keywords: ['longkey'],
    pattern: /=(?<secret>[A-Za-z0-9]{16,3000})(?![A-Za-z0-9])/,
    anchored: true,
    follows: undefined,
    window: undefined,
    shape: undefined,
    validate: undefined,
    describe: undefined,
    paths: undefined,
    minEntropy: undefined,
    pairWith: undefined,
  };

  it('finds a value longer than the window after the keyword, with its offsets in the file', () => {
    const value = randomToken('long-anchored', BASE62, 2500);
    const prefix = 'x'.repeat(5000) + '\n';
    const input = Buffer.from(`${prefix}longkey=${value}\nmore text\n`, 'latin1');
    const found = new Detector([longRule]).detect(input, 'a.txt');
    expect(found).toHaveLength(1);
    expect(found[0].value).toBe(value);
    expect(found[0].start).toBe(prefix.length + 'longkey='.length);
    expect(found[0].end).toBe(found[0].start + value.length);
  });

  it('lets validation read the key name before the hit', () => {
    const rule: SecretRule = { ...longRule, validate: ({ window, match }) => window.slice(Math.max(0, match.index - 10), match.index).endsWith('mylongkey') };
    const value = randomToken('short-anchored', BASE62, 32);
    const input = Buffer.from(`${'y'.repeat(3000)}\nmylongkey=${value}\n`, 'latin1');
    expect(new Detector([rule]).detect(input, 'a.txt').map((c) => c.value)).toEqual([value]);
  });
});
