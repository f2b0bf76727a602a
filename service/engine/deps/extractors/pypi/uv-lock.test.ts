import { runExtractor } from '../memory-tree';
import { uvLockExtractor } from './uv-lock';

const run = (body: string) => runExtractor(uvLockExtractor, 'uv.lock', { 'uv.lock': `version = 1\nrequires-python = ">=3.12"\n\n${body}` });
const pkg = (name: string, source: string, deps = '', extra = '') =>
  `[[package]]\nname = "${name}"\nversion = "1.0"\nsource = ${source}\n${deps ? `dependencies = [${deps}]\n` : ''}${extra}\n`;
const registry = '{ registry = "https://pypi.org/simple" }';

describe('pypi/uv-lock', () => {
  it.each([
    ['uv.lock', true],
    ['libs/core/uv.lock', true],
    ['uv.lock.json', false],
  ])('wants %s: %s', (path, want) => expect(uvLockExtractor.wants(path, 1)).toBe(want));

  it.each([
    ['editable', '{ editable = "." }'],
    ['virtual', '{ virtual = "." }'],
  ])('skips the %s project and takes its dependencies, optional and dev groups as direct', (_kind, source) => {
    const { packages } = run(
      pkg('app', source, '{ name = "a" }', '[package.optional-dependencies]\nfast = [{ name = "o" }]\n[package.dev-dependencies]\ndev = [{ name = "d" }]\n') +
        pkg('a', registry, '{ name = "b" }') +
        pkg('b', registry) +
        pkg('o', registry, '{ name = "b" }') +
        pkg('d', registry, '{ name = "x", marker = "sys_platform == \'win32\'" }') +
        pkg('x', registry),
    );
    expect(packages.map((p) => [p.name, p.direct, p.scope, p.dependencyPath])).toEqual([
      ['a', true, undefined, ['a']],
      ['b', false, undefined, ['a', 'b']],
      ['o', true, 'optional', ['o']],
      ['d', true, 'dev', ['d']],
      ['x', false, 'dev', ['d', 'x']],
    ]);
  });

  it('links to the version a dependency names when the lock holds several', () => {
    const numpy = (v: string) => `[[package]]\nname = "numpy"\nversion = "${v}"\nsource = ${registry}\n\n`;
    const { packages } = run(
      pkg('app', '{ virtual = "." }', '{ name = "pandas" }') + pkg('pandas', registry, '{ name = "numpy", version = "2.1.0", source = { registry = "https://pypi.org/simple" } }') + numpy('1.26.4') + numpy('2.1.0'),
    );
    expect(packages.map((p) => [p.name, p.version, p.dependsOn, p.dependencyPath])).toEqual([
      ['pandas', '1.0', ['pkg:pypi/numpy@2.1.0'], ['pandas']],
      ['numpy', '1.26.4', undefined, undefined],
      ['numpy', '2.1.0', undefined, ['pandas', 'numpy']],
    ]);
  });

  it('keeps git and path packages, and says nothing of direct without a project entry', () => {
    const { packages } = run(pkg('g', '{ git = "https://example.com/g.git#abc" }') + pkg('p', '{ path = "wheels/p-1.0-py3-none-any.whl" }'));
    expect(packages.map((p) => [p.name, p.version, p.line, p.direct])).toEqual([
      ['g', '1.0', 4, undefined],
      ['p', '1.0', 9, undefined],
    ]);
  });

  it('warns on broken TOML', () => {
    const { packages, warnings } = run('[[package]]\nname = "a\n');
    expect(packages).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: expect.stringMatching(/^line 5:/) })]);
  });
});
