import { packageEntry, safePurl } from './package-entry';

describe('packageEntry', () => {
  it('normalises the name and builds the purl from it, leaving out undefined fields', () => {
    expect(packageEntry('PyPI', 'Django_REST.framework', '3.14.0', { path: 'requirements.txt', line: 3, extractor: 'x' }, { direct: true, scope: undefined })).toEqual({
      ecosystem: 'PyPI',
      name: 'django-rest-framework',
      version: '3.14.0',
      purl: 'pkg:pypi/django-rest-framework@3.14.0',
      path: 'requirements.txt',
      line: 3,
      direct: true,
      extractor: 'x',
    });
  });

  it.each([
    ['Go', 'github.com/a/b', 'v1.2.3', 'pkg:golang/github.com/a/b@v1.2.3'],
    ['Go', 'github.com/a/b', 'v1', 'pkg:golang/github.com/a/b'],
    ['Go', 'github.com/a/', 'v1.0.0', 'pkg:generic/github.com%2Fa%2F@v1.0.0'],
    ['PyPI', '', '', 'pkg:generic/'],
  ] as const)('a purl for %s %j@%s even when packageurl-js refuses it: %s', (eco, name, version, want) => expect(safePurl(eco, name, version)).toBe(want));
});
