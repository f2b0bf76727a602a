import { jsonKeyLines, keyPath, parseJson } from './json-key-lines';

describe('jsonKeyLines', () => {
  it('finds the line of each key down to the depth asked, by key path', () => {
    const text = '{\n  "a": {\n    "b\\"q": { "c": 1,\n "d": [ { "e": "}{[" } ] },\n    "f": "x:y"\n  },\n  "g": 2\n}';
    const lines = jsonKeyLines(text, 3);
    expect(lines.get(keyPath('a'))).toBe(2);
    expect(lines.get(keyPath('a', 'b"q'))).toBe(3);
    expect(lines.get(keyPath('a', 'b"q', 'c'))).toBe(3);
    expect(lines.get(keyPath('a', 'b"q', 'd'))).toBe(4);
    expect(lines.get(keyPath('a', 'f'))).toBe(5);
    expect(lines.get(keyPath('g'))).toBe(7);
    // Deeper than asked, and string values that look like keys, are not recorded.
    expect([...lines.keys()].some((k) => k.endsWith('e'))).toBe(false);
    expect(lines.size).toBe(6);
  });

  it('survives broken text without throwing', () => {
    expect(() => jsonKeyLines('{"a": {"b": "unterminated', 3)).not.toThrow();
    expect(() => jsonKeyLines(']]]}}}', 3)).not.toThrow();
  });
});

describe('parseJson', () => {
  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3],
    ['an unterminated string', '{\n  "a": 1,\n  "b": "x\n', 3],
  ])('names the line of %s when Node gives the position', (_name, text, line) => {
    expect(() => parseJson(text)).toThrow(new RegExp(`^line ${line}: `));
  });
  it('parses valid JSON', () => expect(parseJson('{"a":[1]}')).toEqual({ a: [1] }));
});
