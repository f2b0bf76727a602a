import { shrinkwrapExtractor } from './shrinkwrap';
import { extractFrom } from './testdata/tree';

describe('npm/shrinkwrap', () => {
  it.each([
    ['npm-shrinkwrap.json', true],
    ['tools/cli/npm-shrinkwrap.json', true],
    ['node_modules/some-cli/npm-shrinkwrap.json', false],
    ['package-lock.json', false],
  ])('wants %s -> %s', (path, wanted) => expect(shrinkwrapExtractor.wants(path, 10)).toBe(wanted));

  it.each([
    [
      'v3',
      { lockfileVersion: 3, packages: { '': { dependencies: { ms: '^2.1.3' } }, 'node_modules/ms': { version: '2.1.3', resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz' } } },
      true,
    ],
    ['v1', { lockfileVersion: 1, dependencies: { ms: { version: '2.1.3', resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz' } } }, undefined],
  ])('reads the %s format under its own extractor name', (_v, lock, direct) => {
    const { packages } = extractFrom(shrinkwrapExtractor, { 'npm-shrinkwrap.json': JSON.stringify(lock) }, 'npm-shrinkwrap.json');
    expect(packages).toEqual([expect.objectContaining({ name: 'ms', version: '2.1.3', path: 'npm-shrinkwrap.json', extractor: 'npm/shrinkwrap' })]);
    expect(packages[0].direct).toBe(direct);
  });
});
