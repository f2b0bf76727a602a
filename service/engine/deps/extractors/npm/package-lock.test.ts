import { packageLockExtractor } from './package-lock';
import { extractFrom, ids, pick } from './testdata/tree';

const registry = (name: string, version: string) => ({
  version,
  resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`,
  integrity: 'sha512-AAAA',
});
const lockV3 = (packages: Record<string, unknown>) => JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2);
const extract = (files: Record<string, string>, path = 'package-lock.json') => extractFrom(packageLockExtractor, files, path);

describe('npm/package-lock wants', () => {
  it.each([
    ['package-lock.json', true],
    ['web/package-lock.json', true],
    ['node_modules/left-pad/package-lock.json', false],
    ['web/node_modules/.package-lock.json', false],
    ['package-lock.json.bak', false],
    ['npm-shrinkwrap.json', false],
  ])('%s -> %s', (path, wanted) => expect(packageLockExtractor.wants(path, 100)).toBe(wanted));
});

describe('npm/package-lock v2/v3', () => {
  it.each([
    ['no flag', {}, undefined],
    ['dev', { dev: true }, 'dev'],
    ['optional', { optional: true }, 'optional'],
    ['devOptional (optional in production)', { devOptional: true }, 'optional'],
    ['peer', { peer: true }, 'peer'],
    ['dev and optional', { dev: true, optional: true }, 'dev'],
  ])('scope from flags: %s', (_name, flags, scope) => {
    const text = lockV3({ '': { dependencies: { a: '^1.0.0' } }, 'node_modules/a': { ...registry('a', '1.0.0'), ...flags } });
    expect(pick(extract({ 'package-lock.json': text }).packages, 'a').scope).toBe(scope);
  });

  it('reads name, version, purl, line, license and the extractor', () => {
    const text = lockV3({
      '': { name: 'app', dependencies: { '@azure/core-auth': '^1.7.0' } },
      'node_modules/@azure/core-auth': { ...registry('@azure/core-auth', '1.7.2'), license: 'MIT' },
      'node_modules/old': { ...registry('old', '0.1.0'), license: { type: 'BSD' } },
    });
    const { packages, warnings } = extract({ 'package-lock.json': text });
    expect(warnings).toEqual([]);
    expect(pick(packages, '@azure/core-auth')).toEqual({
      ecosystem: 'npm',
      name: '@azure/core-auth',
      version: '1.7.2',
      purl: 'pkg:npm/%40azure/core-auth@1.7.2',
      path: 'package-lock.json',
      line: text.split('\n').findIndex((l) => l.includes('"node_modules/@azure/core-auth": {')) + 1,
      license: 'MIT',
      direct: true,
      dependencyPath: ['@azure/core-auth'],
      dependsOn: [],
      extractor: 'npm/package-lock',
    });
    expect(pick(packages, 'old').license).toBe('BSD');
    expect(pick(packages, 'old').direct).toBe(false);
  });

  it('resolves a dependency to the nearest node_modules first (nested duplicates of other versions)', () => {
    const text = lockV3({
      '': { dependencies: { a: '^1.0.0', b: '^2.0.0' } },
      'node_modules/a': { ...registry('a', '1.0.0'), dependencies: { b: '^1.0.0' } },
      'node_modules/a/node_modules/b': registry('b', '1.5.0'),
      'node_modules/b': registry('b', '2.0.0'),
    });
    const { packages } = extract({ 'package-lock.json': text });
    expect(ids(packages)).toEqual(['a@1.0.0', 'b@1.5.0', 'b@2.0.0']);
    expect(pick(packages, 'a').dependsOn).toEqual(['pkg:npm/b@1.5.0']);
    expect(pick(packages, 'b', '1.5.0')).toMatchObject({ direct: false, dependencyPath: ['a', 'b'] });
    expect(pick(packages, 'b', '2.0.0')).toMatchObject({ direct: true, dependencyPath: ['b'] });
  });

  it('walks up one node_modules level at a time (an intermediate level beats the root)', () => {
    const text = lockV3({
      '': { dependencies: { a: '^1.0.0', c: '^1.0.0' } },
      'node_modules/a': { ...registry('a', '1.0.0'), dependencies: { b: '^1.0.0' } },
      'node_modules/a/node_modules/b': { ...registry('b', '1.0.0'), dependencies: { c: '^2.0.0' } },
      'node_modules/a/node_modules/c': registry('c', '2.0.0'),
      'node_modules/c': registry('c', '1.0.0'),
    });
    const { packages } = extract({ 'package-lock.json': text });
    expect(pick(packages, 'b').dependsOn).toEqual(['pkg:npm/c@2.0.0']);
    expect(pick(packages, 'c', '2.0.0').dependencyPath).toEqual(['a', 'b', 'c']);
  });

  it('gives one entry per version installed at several places, direct when any place is', () => {
    const text = lockV3({
      '': { dependencies: { a: '^1.0.0', c: '^1.0.0' } },
      'node_modules/a': { ...registry('a', '1.0.0'), dependencies: { c: '^2.0.0' } },
      'node_modules/a/node_modules/c': registry('c', '2.0.0'),
      'node_modules/c': registry('c', '1.0.0'),
      'node_modules/b': { ...registry('b', '1.0.0'), dependencies: { c: '^2.0.0' } },
      'node_modules/b/node_modules/c': registry('c', '2.0.0'),
    });
    const { packages } = extract({ 'package-lock.json': text });
    expect(ids(packages)).toEqual(['a@1.0.0', 'b@1.0.0', 'c@1.0.0', 'c@2.0.0']);
    expect(pick(packages, 'c', '2.0.0').line).toBe(text.split('\n').findIndex((l) => l.includes('"node_modules/a/node_modules/c"')) + 1);
  });

  it('takes an alias by its real name', () => {
    const text = lockV3({
      '': { dependencies: { 'string-width-cjs': 'npm:string-width@^4.2.0' } },
      'node_modules/string-width-cjs': { name: 'string-width', ...registry('string-width', '4.2.3') },
    });
    expect(extract({ 'package-lock.json': text }).packages).toMatchObject([{ name: 'string-width', version: '4.2.3', direct: true, purl: 'pkg:npm/string-width@4.2.3' }]);
  });

  it.each([
    ['git', 'git+ssh://git@github.com/acme/utils.git#0123456789abcdef0123456789abcdef01234567'],
    ['local tarball', 'file:vendor/utils-1.0.0.tgz'],
    ['remote tarball', 'https://example.com/downloads/utils-latest.tar.gz'],
  ])('keeps a %s package out of version matching (version "", declared = where it came from)', (_kind, resolved) => {
    const text = lockV3({ '': { dependencies: { utils: 'x' } }, 'node_modules/utils': { version: '1.0.0', resolved } });
    expect(extract({ 'package-lock.json': text }).packages).toMatchObject([{ name: 'utils', version: '', declared: resolved, purl: 'pkg:npm/utils', direct: true }]);
  });

  it('accepts a private registry tarball as a registry package', () => {
    const resolved = 'https://pkgs.dev.azure.com/acme/_packaging/feed/npm/registry/left-pad/-/left-pad-1.3.0.tgz';
    const text = lockV3({ '': { dependencies: { 'left-pad': '^1.3.0' } }, 'node_modules/left-pad': { version: '1.3.0', resolved } });
    expect(extract({ 'package-lock.json': text }).packages).toMatchObject([{ name: 'left-pad', version: '1.3.0' }]);
  });

  it('skips links and workspace folders; what the workspaces declare is direct', () => {
    const text = lockV3({
      '': { name: 'mono', workspaces: ['packages/*'], devDependencies: { jest: '^29.0.0' } },
      'node_modules/@mono/lib': { resolved: 'packages/lib', link: true },
      'node_modules/jest': registry('jest', '29.7.0'),
      'node_modules/ms': registry('ms', '2.1.3'),
      'packages/lib': { name: '@mono/lib', version: '1.0.0', dependencies: { ms: '^2.1.3' }, devDependencies: { jest: '^29.0.0' } },
    });
    const { packages } = extract({ 'package-lock.json': text });
    expect(ids(packages)).toEqual(['jest@29.7.0', 'ms@2.1.3']);
    expect(pick(packages, 'ms').direct).toBe(true);
  });

  it('terminates on a dependency cycle and gives the shortest path', () => {
    const text = lockV3({
      '': { dependencies: { a: '1.0.0' } },
      'node_modules/a': { ...registry('a', '1.0.0'), dependencies: { b: '1.0.0' } },
      'node_modules/b': { ...registry('b', '1.0.0'), dependencies: { a: '1.0.0', c: '1.0.0' } },
      'node_modules/c': { ...registry('c', '1.0.0'), dependencies: { b: '1.0.0' } },
    });
    const { packages } = extract({ 'package-lock.json': text });
    expect(pick(packages, 'c').dependencyPath).toEqual(['a', 'b', 'c']);
    expect(pick(packages, 'b').dependsOn).toEqual(['pkg:npm/a@1.0.0', 'pkg:npm/c@1.0.0']);
  });

  it('says nothing about direct when the root entry is missing', () => {
    const text = lockV3({ 'node_modules/a': registry('a', '1.0.0') });
    expect(pick(extract({ 'package-lock.json': text }).packages, 'a').direct).toBeUndefined();
  });

  it('warns about entries of the wrong shape with the line of the first, and reads the rest', () => {
    const text = lockV3({ '': {}, 'node_modules/a': 'oops', 'node_modules/b': registry('b', '1.0.0') });
    const { packages, warnings } = extract({ 'package-lock.json': text });
    expect(ids(packages)).toEqual(['b@1.0.0']);
    expect(warnings).toEqual([{ code: 'parse-error', path: 'package-lock.json', message: 'line 7: 1 package entry is not an object with a string version; skipped' }]);
  });
});

describe('npm/package-lock v1', () => {
  const lockV1 = (dependencies: Record<string, unknown>) => JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 1, requires: true, dependencies }, null, 2);

  it('reads the nested tree, resolves requires up the nesting, and marks direct from package.json', () => {
    const text = lockV1({
      a: { ...registry('a', '1.0.0'), requires: { b: '^1.0.0', c: '^1.0.0' }, dependencies: { b: registry('b', '1.1.0') } },
      b: registry('b', '2.0.0'),
      c: { ...registry('c', '1.0.0'), dev: true },
      d: { ...registry('d', '1.0.0'), optional: true },
    });
    const manifest = JSON.stringify({ dependencies: { a: '^1.0.0', b: '^2.0.0' }, optionalDependencies: { d: '^1.0.0' } });
    const { packages } = extract({ 'package-lock.json': text, 'package.json': manifest });
    expect(ids(packages)).toEqual(['a@1.0.0', 'b@1.1.0', 'b@2.0.0', 'c@1.0.0', 'd@1.0.0']);
    expect(pick(packages, 'a').dependsOn).toEqual(['pkg:npm/b@1.1.0', 'pkg:npm/c@1.0.0']);
    expect(pick(packages, 'b', '1.1.0')).toMatchObject({ direct: false, dependencyPath: ['a', 'b'] });
    expect(pick(packages, 'b', '2.0.0').direct).toBe(true);
    expect(pick(packages, 'c')).toMatchObject({ scope: 'dev', direct: false });
    expect(pick(packages, 'd')).toMatchObject({ scope: 'optional', direct: true });
    expect(pick(packages, 'b', '1.1.0').line).toBe(text.split('\n').findIndex((l) => l === '        "b": {') + 1);
  });

  it('reads aliases, git and file versions', () => {
    const text = lockV1({
      cjs: { version: 'npm:string-width@4.2.3', resolved: 'https://registry.npmjs.org/string-width/-/string-width-4.2.3.tgz' },
      utils: { version: 'git+https://github.com/acme/utils.git#0123456789abcdef0123456789abcdef01234567', from: 'git+https://github.com/acme/utils.git' },
      local: { version: 'file:../local' },
    });
    const { packages } = extract({ 'package-lock.json': text });
    expect(pick(packages, 'string-width')).toMatchObject({ version: '4.2.3' });
    expect(pick(packages, 'utils')).toMatchObject({ version: '', declared: 'git+https://github.com/acme/utils.git#0123456789abcdef0123456789abcdef01234567' });
    expect(pick(packages, 'local')).toMatchObject({ version: '', declared: 'file:../local' });
    expect(pick(packages, 'local').direct).toBeUndefined();
  });

  it('warns about entries without a version', () => {
    const { packages, warnings } = extract({ 'package-lock.json': lockV1({ a: { resolved: 'x' }, b: registry('b', '1.0.0') }) });
    expect(ids(packages)).toEqual(['b@1.0.0']);
    expect(warnings).toMatchObject([{ code: 'parse-error', message: '1 dependency entry has no version; skipped' }]);
  });
});

describe('npm/package-lock broken or empty', () => {
  it.each([
    ['truncated JSON', '{\n  "name": "app",\n  "packages": {\n', /^line \d+: /],
    ['an array', '[]', /not an npm lockfile/],
  ])('%s throws (the engine turns it into a parse-error warning)', (_name, text, message) => {
    expect(() => extract({ 'package-lock.json': text })).toThrow(message);
  });

  it('gives nothing for a lockfile without packages', () => {
    expect(extract({ 'package-lock.json': '{"name":"app","lockfileVersion":3,"requires":true,"packages":{"":{"name":"app"}}}' }).packages).toEqual([]);
    expect(extract({ 'package-lock.json': '{"name":"app","lockfileVersion":1}' }).packages).toEqual([]);
  });
});
