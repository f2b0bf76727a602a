import { packageJsonExtractor } from './package-json';
import { extractFrom, ids, pick } from './testdata/tree';

const manifest = (deps: Record<string, Record<string, string>>) => JSON.stringify({ name: 'app', version: '1.0.0', ...deps }, null, 2);
const extract = (files: Record<string, string>, path = 'package.json') => extractFrom(packageJsonExtractor, files, path);

describe('npm/package-json wants', () => {
  it.each([
    ['package.json', true],
    ['services/api/package.json', true],
    ['node_modules/express/package.json', false],
    ['apps/web/node_modules/react/package.json', false],
    ['package.json5', false],
    ['tsconfig.json', false],
  ])('%s -> %s', (path, wanted) => expect(packageJsonExtractor.wants(path, 1)).toBe(wanted));
});

describe('npm/package-json declared dependencies (no lockfile)', () => {
  it.each([
    ['^4.18.2', 'express', '', '^4.18.2'],
    ['4.18.2', 'express', '4.18.2', undefined],
    ['=4.18.2', 'express', '4.18.2', undefined],
    ['v4.18.2', 'express', '4.18.2', undefined],
    ['~4.18', 'express', '', '~4.18'],
    ['>=4 <5', 'express', '', '>=4 <5'],
    ['4.x', 'express', '', '4.x'],
    ['*', 'express', '', '*'],
    ['', 'express', '', '*'],
    ['latest', 'express', '', 'latest'],
    ['next', 'express', '', 'next'],
    ['npm:fastify@4.26.2', 'fastify', '4.26.2', undefined],
    ['npm:@fastify/express@^2.3.0', '@fastify/express', '', '^2.3.0'],
    ['github:expressjs/express#4.18.2', 'express', '', 'github:expressjs/express#4.18.2'],
    ['expressjs/express', 'express', '', 'expressjs/express'],
    ['git+https://github.com/expressjs/express.git', 'express', '', 'git+https://github.com/expressjs/express.git'],
    ['https://example.com/express-4.18.2.tgz', 'express', '', 'https://example.com/express-4.18.2.tgz'],
    ['file:../express', 'express', '', 'file:../express'],
    ['./vendor/express', 'express', '', './vendor/express'],
  ])('"express": "%s" -> %s@%s declared %s', (spec, name, version, declared) => {
    const [p] = extract({ 'package.json': manifest({ dependencies: { express: spec } }) }).packages;
    expect(p).toMatchObject({ name, version, direct: true, extractor: 'npm/package-json' });
    expect(p.declared).toBe(declared);
    expect(p.scope).toBeUndefined();
  });

  it.each([['workspace:*'], ['workspace:^1.0.0'], ['link:../shared']])('leaves out the project\'s own packages ("%s")', (spec) => {
    expect(extract({ 'package.json': manifest({ dependencies: { shared: spec } }) }).packages).toEqual([]);
  });

  it('gives scopes, lines and one entry per name (optional over dependencies, peer over dev)', () => {
    const text = manifest({
      dependencies: { fsevents: '^2.3.3', lodash: '^4.17.21' },
      optionalDependencies: { fsevents: '^2.3.3' },
      peerDependencies: { react: '>=17' },
      devDependencies: { react: '^18.2.0', jest: '^29.7.0' },
    });
    const { packages } = extract({ 'package.json': text });
    expect(ids(packages)).toEqual(['fsevents@', 'jest@', 'lodash@', 'react@']);
    expect(pick(packages, 'fsevents')).toMatchObject({ scope: 'optional', line: text.split('\n').indexOf('    "fsevents": "^2.3.3"') + 1 });
    expect(pick(packages, 'react')).toMatchObject({ scope: 'peer', declared: '>=17' });
    expect(pick(packages, 'jest')).toMatchObject({ scope: 'dev', line: text.split('\n').indexOf('    "jest": "^29.7.0"') + 1 });
    expect(pick(packages, 'lodash')).toMatchObject({ purl: 'pkg:npm/lodash', path: 'package.json' });
  });

  it('gives nothing for a manifest without dependencies', () => {
    expect(extract({ 'package.json': '{"name":"x","version":"1.0.0","scripts":{"test":"jest"}}' }).packages).toEqual([]);
  });

  it.each([
    ['a trailing comma', '{\n  "dependencies": {\n    "ms": "^2.1.3",\n  }\n}\n', /^line 4: /],
    ['a string', '"hello"', /not a package.json/],
  ])('throws on %s', (_name, text, message) => expect(() => extract({ 'package.json': text })).toThrow(message));
});

describe('npm/package-json where a lockfile covers the folder', () => {
  const deps = manifest({ dependencies: { ms: '^2.1.3' } });

  it.each([['package-lock.json'], ['npm-shrinkwrap.json'], ['yarn.lock'], ['pnpm-lock.yaml'], ['bun.lock']])('gives nothing beside a %s (the lockfile reports)', (lock) => {
    expect(extract({ 'package.json': deps, [lock]: '' }).packages).toEqual([]);
  });

  it('is read beside a binary bun.lockb, which no extractor reads', () => {
    expect(ids(extract({ 'package.json': deps, 'bun.lockb': '' }).packages)).toEqual(['ms@']);
  });

  it.each([
    ['an npm/yarn workspace of the root', { 'package.json': JSON.stringify({ workspaces: ['packages/*'] }), 'yarn.lock': '' }, 0],
    ['a workspace in the object form', { 'package.json': JSON.stringify({ workspaces: { packages: ['packages/**'] } }), 'package-lock.json': '' }, 0],
    ['a pnpm workspace', { 'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n", 'pnpm-lock.yaml': '' }, 0],
    ['a folder the root workspaces do not include', { 'package.json': JSON.stringify({ workspaces: ['apps/*'] }), 'package-lock.json': '' }, 1],
    ['a root lockfile without workspaces', { 'package.json': JSON.stringify({ name: 'root' }), 'package-lock.json': '' }, 1],
    ['a workspace root without a lockfile', { 'package.json': JSON.stringify({ workspaces: ['packages/*'] }) }, 1],
  ])('member of %s', (_name, root, count) => {
    expect(extract({ ...root, 'packages/a/package.json': deps }, 'packages/a/package.json').packages).toHaveLength(count);
  });
});
