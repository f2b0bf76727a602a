import { jsonKeyLines, parseJson, parseJsonc, stripJsonc } from './json-text';

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
