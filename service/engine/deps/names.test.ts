import { normalizePackageName, purlOf } from './names';

describe('package names and purls', () => {
  it.each([
    ['PyPI', 'Django_REST.framework', 'django-rest-framework'],
    ['PyPI', 'requests', 'requests'],
    ['NuGet', 'Newtonsoft.Json', 'newtonsoft.json'],
    ['Packagist', 'Symfony/HTTP-Kernel', 'symfony/http-kernel'],
    ['Maven', 'org.Apache.logging:log4j-core', 'org.Apache.logging:log4j-core'],
    ['npm', '@Babel/core', '@Babel/core'],
  ] as const)('%s %s -> %s', (eco, name, want) => expect(normalizePackageName(eco, name)).toBe(want));

  it.each([
    ['npm', '@babel/core', '7.24.0', 'pkg:npm/%40babel/core@7.24.0'],
    ['npm', 'lodash', '4.17.20', 'pkg:npm/lodash@4.17.20'],
    ['PyPI', 'django', '4.2.0', 'pkg:pypi/django@4.2.0'],
    ['Maven', 'org.apache.logging.log4j:log4j-core', '2.14.1', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'],
    ['Go', 'github.com/gin-gonic/gin', 'v1.9.0', 'pkg:golang/github.com/gin-gonic/gin@v1.9.0'],
    ['NuGet', 'newtonsoft.json', '12.0.1', 'pkg:nuget/newtonsoft.json@12.0.1'],
    ['crates.io', 'serde', '1.0.0', 'pkg:cargo/serde@1.0.0'],
    ['RubyGems', 'rails', '7.0.0', 'pkg:gem/rails@7.0.0'],
    ['Packagist', 'symfony/http-kernel', '5.4.0', 'pkg:composer/symfony/http-kernel@5.4.0'],
    ['npm', 'left-pad', '', 'pkg:npm/left-pad'],
  ] as const)('%s %s@%s -> %s', (eco, name, version, want) => expect(purlOf(eco, name, version)).toBe(want));

  it.each([
    ['Go', 'github.com/a/b', 'v1.2.3', 'pkg:golang/github.com/a/b@v1.2.3'],
    ['Go', 'github.com/a/b', 'v1', 'pkg:golang/github.com/a/b'],
    ['Go', 'github.com/a/', 'v1.0.0', 'pkg:generic/github.com%2Fa%2F@v1.0.0'],
    ['PyPI', '', '', 'pkg:generic/'],
  ] as const)('a purl for %s %j@%s even when packageurl-js refuses it: %s', (eco, name, version, want) => expect(purlOf(eco, name, version)).toBe(want));
});
