import { parseGoYaml, toGoYaml } from './goyaml';

describe('toYaml in sigs.k8s.io/yaml style', () => {
  it.each([
    ['plain strings', { a: 'nginx', b: 'http://x:80', c: 'a-b' }, 'a: nginx\nb: http://x:80\nc: a-b'],
    ['strings that would read as other types are double quoted', { a: 'true', b: '1.0', c: '', d: 'null', e: 'on', f: '0x1F', g: '2001-12-14', h: '12:30', i: 'y' }, 'a: "true"\nb: "1.0"\nc: ""\nd: "null"\ne: "on"\nf: "0x1F"\ng: "2001-12-14"\nh: "12:30"\ni: "y"'],
    ['strings that cannot be plain are single quoted', { a: '*x', b: 'a: b', c: 'x #y', d: ' lead', e: '- x', f: "it's {x}" }, "a: '*x'\nb: 'a: b'\nc: 'x #y'\nd: ' lead'\ne: '- x'\nf: it's {x}"],
    ['tabs force double quotes', { a: 'a\tb' }, 'a: "a\\tb"'],
    ['multi-line strings are literal blocks', { a: 'x\ny', b: 'x\n', c: 'x\n\n', d: ' x\ny' }, 'a: |-\n  x\n  y\nb: |\n  x\nc: |+\n  x\n\nd: |2-\n   x\n  y'],
    ['numbers: integral floats as ints', { a: 1, b: 1.5, c: 1000000, d: 10n, e: 1e21, g: 1e20 }, 'a: 1\nb: 1.5\nc: 1000000\nd: 10\ne: 1e+21\ng: 1e+20'],
    ['keys that need quoting', { 'true': 1, 'a b': 2, '': 3 }, '"": 3\na b: 2\n"true": 1'],
    ['sequences inside mappings are not indented', { l: ['a', { b: 1, c: [] }] }, 'l:\n- a\n- b: 1\n  c: []'],
    ['sequences of sequences', [[1n, 2n], ['x']], '- - 1\n  - 2\n- - x'],
    ['nested maps', { a: { b: { c: null } } }, 'a:\n  b:\n    c: null'],
    ['empty collections', { a: {}, b: [] }, 'a: {}\nb: []'],
    ['top-level scalars', 'hello', 'hello'],
  ])('%s', (_name, value, expected) => {
    expect(toGoYaml(value)).toBe(expected);
  });

  it('folds long plain strings at 80 columns like go-yaml v2', () => {
    const long = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    const out = toGoYaml({ k: long });
    expect(out).toBe(
      'k: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n  word13 word14 word15 word16 word17 word18 word19',
    );
    expect(parseGoYaml(out)).toEqual({ k: long });
  });
});

describe('reading YAML as Helm does', () => {
  it('uses YAML 1.1 booleans, float64 numbers and string keys', () => {
    expect(parseGoYaml('a: yes\nb: 1\nc: 2001-12-14\n1: x\nd: ~\ne: 12:30\nf: 0777\n')).toEqual({ a: true, b: 1, c: '2001-12-14', '1': 'x', d: null, e: '12:30', f: 511 });
  });

  it('resolves merge keys and anchors', () => {
    expect(parseGoYaml('base: &b {x: 1}\nm:\n  <<: *b\n  z: 2\n')).toEqual({ base: { x: 1 }, m: { x: 1, z: 2 } });
  });

  it('reports bad YAML with its line', () => {
    expect(() => parseGoYaml('a: 1\nb: [1\n')).toThrow(/error converting YAML to JSON: yaml: line \d+/);
  });
});
