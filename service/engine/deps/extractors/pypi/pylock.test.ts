import { runExtractor } from '../memory-tree';
import { pylockExtractor } from './pylock';

describe('pypi/pylock', () => {
  it.each([
    ['pylock.toml', true],
    ['sub/pylock.dev.toml', true],
    ['pylock.a.b.toml', false],
    ['mypylock.toml', false],
  ])('wants %s: %s', (path, want) => expect(pylockExtractor.wants(path, 1)).toBe(want));

  it('reads [[packages]], keeps version-less source trees, skips nameless entries', () => {
    const text = 'lock-version = "1.0"\ncreated-by = "pdm"\n\n[[packages]]\nname = "Zope.Interface"\nversion = "6.1"\ndependencies = [{name = "setuptools"}]\n\n[[packages]]\nname = "setuptools"\nversion = "69.0.3"\n\n[[packages]]\nname = "local"\n[packages.directory]\npath = "./local"\n\n[[packages]]\nversion = "1"\n';
    const { packages, warnings } = runExtractor(pylockExtractor, 'pylock.toml', { 'pylock.toml': text });
    expect(packages.map((p) => [p.name, p.version, p.line, p.purl, p.dependsOn])).toEqual([
      ['zope-interface', '6.1', 4, 'pkg:pypi/zope-interface@6.1', ['pkg:pypi/setuptools@69.0.3']],
      ['setuptools', '69.0.3', 9, 'pkg:pypi/setuptools@69.0.3', undefined],
      ['local', '', 13, 'pkg:pypi/local', undefined],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['parse-error']);
  });
});
