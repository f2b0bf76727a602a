import { runExtractor } from '../memory-tree';
import { composerLockExtractor, composerVersion, licenseOf } from './composer-lock';

const lock = (o: unknown) => JSON.stringify(o, null, 4);
const run = (files: Record<string, string>) => runExtractor(composerLockExtractor, 'composer.lock', files);

describe('composer/composer-lock', () => {
  it.each([
    ['composer.lock', true],
    ['web/composer.lock', true],
    ['composer.json', false],
    ['Composer.lock', false],
  ])('wants %s: %s', (path, want) => expect(composerLockExtractor.wants(path, 1)).toBe(want));

  it.each([
    ['v5.4.21', '5.4.21'],
    ['V2.0.0', '2.0.0'],
    ['1.0.0', '1.0.0'],
    ['dev-main', 'dev-main'],
    ['2.x-dev', '2.x-dev'],
    ['version-1', 'version-1'],
  ])('version %s -> %s', (raw, want) => expect(composerVersion(raw)).toBe(want));

  it.each([
    [['MIT'], 'MIT'],
    [['GPL-2.0-only', 'GPL-3.0-only'], 'GPL-2.0-only OR GPL-3.0-only'],
    [['Apache-2.0 AND MIT', 'BSD-3-Clause'], '(Apache-2.0 AND MIT) OR BSD-3-Clause'],
    ['proprietary', 'proprietary'],
    [[], undefined],
    [undefined, undefined],
    [[3], undefined],
  ])('license %j -> %s', (raw, want) => expect(licenseOf(raw)).toBe(want));

  it('reads both sections, scopes dev, lowers names, and takes direct from composer.json', () => {
    const text = lock({
      packages: [{ name: 'Acme/Lib', version: 'v1.2.0', require: { php: '>=8.1', 'ext-json': '*', 'acme/util': '^1' } }],
      'packages-dev': [{ name: 'acme/util', version: '1.0.0' }],
    });
    const { packages, warnings } = run({ 'composer.lock': text, 'composer.json': '{"require":{"acme/lib":"^1"}}' });
    expect(packages.map((p) => [p.name, p.version, p.line, p.scope, p.direct, p.dependsOn, p.dependencyPath])).toEqual([
      ['acme/lib', '1.2.0', 4, undefined, true, ['pkg:composer/acme/util@1.0.0'], ['acme/lib']],
      ['acme/util', '1.0.0', 15, 'dev', false, undefined, ['acme/lib', 'acme/util']],
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips entries without a name or version, with a warning, and ignores a broken composer.json', () => {
    const text = lock({ packages: [{ name: 'a/b' }, 'x', { name: 'c/d', version: '1.0.0' }] });
    const { packages, warnings } = run({ 'composer.lock': text, 'composer.json': '{' });
    expect(packages.map((p) => [p.name, p.direct])).toEqual([['c/d', undefined]]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: '2 package entries without a name or version were skipped' })]);
  });

  it('reads a file starting with a byte-order mark', () => {
    const { packages } = run({ 'composer.lock': `\uFEFF${lock({ packages: [{ name: 'a/b', version: '1.0.0' }] })}` });
    expect(packages.map((p) => [p.name, p.line])).toEqual([['a/b', 4]]);
  });

  it('gives no lines for minified JSON', () => {
    const { packages } = run({ 'composer.lock': JSON.stringify({ packages: [{ name: 'a/b', version: '1.0.0' }] }) });
    expect(packages.map((p) => [p.name, p.line])).toEqual([['a/b', undefined]]);
  });

  it('names the line of broken JSON when the parser gives a position', () => {
    const { warnings } = run({ 'composer.lock': '{\n    "packages": [\n        {"name": "a/b",}\n    ]\n}\n' });
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: expect.stringMatching(/^line 3: not valid JSON/) })]);
  });
});
