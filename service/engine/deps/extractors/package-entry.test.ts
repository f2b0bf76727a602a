import { packageEntry } from './package-entry';

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
});
