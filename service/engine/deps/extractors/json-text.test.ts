import { jsonKeyLines, keyPath, keyPathLines, parseJson, parseJsonc, stripJsonc } from './json-text';

describe('jsonKeyLines', () => {
  const text = `{
  "packages": {
    "": { "name": "app" },
    "node_modules/a": {
      "version": "1.0.0",
      "dependencies": { "b": "^1" }
    },
    "node_modules/with \\"quote\\"": {},
    "node_modules/b": { "x": [ { "node_modules/c": 1 } ] }
  },
  "dependencies": { "node_modules/a": {} }
}`;
  const underPackages = (parents: readonly string[], key: string) => (parents.length === 1 && parents[0] === 'packages' ? key : undefined);

  it('finds the line of each key the namer names, at the right depth only', () => {
    const lines = jsonKeyLines(text, underPackages);
    expect([...lines]).toEqual([
      ['', 3],
      ['node_modules/a', 4],
      ['node_modules/with "quote"', 8],
      ['node_modules/b', 9],
    ]);
  });

  it('passes the enclosing keys, arrays as ""', () => {
    const seen: string[] = [];
    jsonKeyLines(text, (parents, key) => {
      seen.push([...parents, key].join('/'));
      return undefined;
    });
    expect(seen).toContain('packages/node_modules/a/dependencies/b');
    expect(seen).toContain('packages/node_modules/b/x//node_modules/c');
    expect(seen).toContain('dependencies/node_modules/a');
  });

  it('skips comments and tolerates trailing commas', () => {
    const jsonc = '{\n  // "packages": {\n  /* "a": 1,\n */ "packages": {\n    "a": [1,],\n  },\n}';
    expect([...jsonKeyLines(jsonc, underPackages)]).toEqual([['a', 5]]);
  });

  it('stops at a nesting cap without throwing', () => {
    const deep = '{"a":'.repeat(1000) + '1' + '}'.repeat(1000);
    expect(() => jsonKeyLines(deep, () => 'x', 64)).not.toThrow();
  });
});

describe('parseJson / parseJsonc', () => {
  it.each([
    ['a missing value', '{\n  "a": 1,\n  "b": [1,\n  ]\n}', /^line 4: /],
    ['a truncated file', '{\n  "a": 1,\n  "b": {', /^line 3: /],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', /^line 3: /],
    ['a trailing comma in the middle of a long file', `{\n${Array.from({ length: 40 }, (_, i) => `  "k${i}": ${i},`).join('\n')}\n  "x": [1, 2,],\n  "y": 1\n}`, /^line 42: /],
    ['a trailing comma near the end', '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10,\n 11,]', /^line 2: /],
    ['a trailing comma near the start', '[1,\n2,]\n,3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]', /^line 2: /],
  ])('names the line of %s', (_name, text, message) => {
    expect(() => parseJson(text)).toThrow(message);
  });

  it('reads JSONC: comments and trailing commas, strings untouched', () => {
    expect(parseJsonc('{\n  // c\n  "a": "x, ]//not a comment",\n  "b": [1, 2,],\n  /* c */\n}')).toEqual({ a: 'x, ]//not a comment', b: [1, 2] });
  });

  it('keeps line breaks where they were when stripping', () => {
    const text = '{\n  /* a\n b */ "a": 1,\n}';
    expect(stripJsonc(text).split('\n')).toHaveLength(text.split('\n').length);
  });
});

describe('keyPathLines (NuGet)', () => {
  it('finds the line of each key down to the depth asked, by key path', () => {
    const text = '{\n  "a": {\n    "b\\"q": { "c": 1,\n "d": [ { "e": "}{[" } ] },\n    "f": "x:y"\n  },\n  "g": 2\n}';
    const lines = keyPathLines(text, 3);
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
    expect(() => keyPathLines('{"a": {"b": "unterminated', 3)).not.toThrow();
    expect(() => keyPathLines(']]]}}}', 3)).not.toThrow();
  });
});

describe('parseJson: the line of the error', () => {
  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3],
    ['an unterminated string', '{\n  "a": 1,\n  "b": "x\n', 3],
  ])('names the line of %s when Node gives the position', (_name, text, line) => {
    expect(() => parseJson(text)).toThrow(new RegExp(`^line ${line}: `));
  });
  it('parses valid JSON', () => expect(parseJson('{"a":[1]}')).toEqual({ a: [1] }));
});
