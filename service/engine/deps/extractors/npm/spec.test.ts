import { classifySpec, exactVersion, isRegistryTarball, isRegistryVersion, splitDescriptor } from './spec';

describe('classifySpec', () => {
  it.each([
    ['^1.2.3', { kind: 'registry', range: '^1.2.3' }],
    ['1.2.3 - 2.0.0', { kind: 'registry', range: '1.2.3 - 2.0.0' }],
    ['latest', { kind: 'registry', range: 'latest' }],
    ['beta', { kind: 'registry', range: 'beta' }],
    ['', { kind: 'registry', range: '*' }],
    ['npm:bar@^1.0.0', { kind: 'registry', name: 'bar', range: '^1.0.0' }],
    ['npm:@scope/bar@1.0.0', { kind: 'registry', name: '@scope/bar', range: '1.0.0' }],
    ['npm:bar', { kind: 'registry', name: 'bar', range: '*' }],
    ['workspace:*', { kind: 'local' }],
    ['link:../x', { kind: 'local' }],
    ['file:../x', { kind: 'other' }],
    ['github:user/repo', { kind: 'other' }],
    ['user/repo#v1', { kind: 'other' }],
    ['git+ssh://git@github.com/u/r.git', { kind: 'other' }],
    ['https://example.com/x.tgz', { kind: 'other' }],
    ['../local', { kind: 'other' }],
    ['catalog:', { kind: 'other' }],
  ])('%s', (spec, kind) => expect(classifySpec(spec)).toEqual(kind));
});

describe('versions and tarballs', () => {
  it.each([
    ['1.2.3', '1.2.3'],
    ['=1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    ['1.2.3-beta.1', '1.2.3-beta.1'],
    ['^1.2.3', ''],
    ['1.2', ''],
    ['latest', ''],
  ])('exactVersion(%s) = "%s"', (range, version) => expect(exactVersion(range)).toBe(version));

  it.each([
    ['1.2.3', true],
    ['1.2.3-rc.1+build.5', true],
    ['v1.2.3', false],
    ['git+https://x', false],
    ['', false],
    [undefined, false],
  ])('isRegistryVersion(%s) = %s', (v, ok) => expect(isRegistryVersion(v)).toBe(ok));

  it.each([
    [undefined, true],
    ['https://registry.npmjs.org/@s/p/-/p-1.0.0.tgz', true],
    ['https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#abc', true],
    ['https://example.com/p-1.0.0.tgz', false],
    ['git+ssh://git@github.com/u/r.git#abc', false],
    ['file:p-1.0.0.tgz', false],
  ])('isRegistryTarball(%s) = %s', (resolved, ok) => expect(isRegistryTarball(resolved)).toBe(ok));

  it.each([
    ['lodash@^4', { name: 'lodash', range: '^4' }],
    ['@babel/core@7.0.0', { name: '@babel/core', range: '7.0.0' }],
    ['foo@npm:bar@1.0.0', { name: 'foo', range: 'npm:bar@1.0.0' }],
    ['lodash', undefined],
  ])('splitDescriptor(%s)', (d, split) => expect(splitDescriptor(d)).toEqual(split));
});
