import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readPnpmYaml } from './pnpm-yaml';

/** yaml reads `lockfileVersion: 5.4` as a number; the fast reader keeps plain scalars other than booleans as text. */
const numbersAsText = (v: unknown): unknown =>
  typeof v === 'number' ? String(v) : Array.isArray(v) ? v.map(numbersAsText) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, numbersAsText(x)])) : v;

describe('readPnpmYaml', () => {
  it.each([['pnpm-v5'], ['pnpm-v6-workspaces'], ['pnpm-v9-workspaces']])('reads the %s fixture as yaml does, with the key lines', (fixture) => {
    const text = readFileSync(join(__dirname, 'testdata', fixture, 'pnpm-lock.yaml'), 'utf8');
    const fast = readPnpmYaml(text);
    expect(fast).toBeDefined();
    expect(numbersAsText(fast?.data)).toEqual(numbersAsText(parse(text)));
    const lines = text.split('\n');
    for (const [key, line] of fast?.keyLines ?? []) expect(lines[line - 1]).toMatch(new RegExp(`^  '?${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'?:`));
    expect(fast?.keyLines.size).toBeGreaterThan(5);
  });

  it('reads quoting, flow collections, booleans, nulls and CRLF the way yaml does', () => {
    const text = [
      "lockfileVersion: '9.0'",
      '',
      'packages:',
      '',
      "  '@scope/a@1.0.0':",
      "    resolution: {integrity: sha512-AA+/==, tarball: 'https://x/a b.tgz'}",
      "    engines: {node: '>=14 || ^12.22'}",
      '    os: [darwin, linux]',
      '    cpu: []',
      '    deprecated: "it\'s \\"old\\""',
      "    peerDependenciesMeta: {react: {optional: true}}",
      '    hasBin: true',
      '    libc: null',
      '    nested:',
      '      deeper:',
      "        key: 'it''s'",
      '    empty:',
      '  b@2.0.0: {}',
      '',
    ].join('\r\n');
    const fast = readPnpmYaml(text);
    expect(fast?.data).toEqual(parse(text));
    expect([...(fast?.keyLines ?? [])]).toEqual([
      ['@scope/a@1.0.0', 5],
      ['b@2.0.0', 18],
    ]);
  });

  it('gives the packages line for a key in both packages and snapshots', () => {
    const fast = readPnpmYaml('packages:\n  a@1.0.0:\n    resolution: {integrity: x}\nsnapshots:\n  a@1.0.0: {}\n  b@1.0.0: {}\n');
    expect([...(fast?.keyLines ?? [])]).toEqual([
      ['a@1.0.0', 2],
      ['b@1.0.0', 6],
    ]);
  });

  it.each([
    ['a block sequence', 'packages:\n  a@1.0.0:\n    os:\n      - darwin\n'],
    ['an anchor', 'a: &x {b: 1}\nc: *x\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['misaligned keys', 'a:\n    b: 1\n  c: 2\n'],
    ['a comment after a value', 'a: b # note\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['a multi-line flow mapping', 'a: {b: 1,\n  c: 2}\n'],
    ['a document marker', '---\na: 1\n'],
    ['an unterminated quote', "a: 'b\n"],
  ])('gives up on %s (the caller parses with yaml)', (_name, text) => {
    expect(readPnpmYaml(text)).toBeUndefined();
  });
});
