import { bunLockExtractor } from './bun-lock';
import { extractFrom, ids, pick } from './testdata/tree';

const extract = (text: string) => extractFrom(bunLockExtractor, { 'bun.lock': text }, 'bun.lock');

const LOCK = `{
  "lockfileVersion": 1,
  // bun writes no comments, but the format is JSONC
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": {
        "chalk": "^4.1.2",
        "odd": "npm:is-odd@^3.0.1",
      },
      "devDependencies": {
        "@types/bun": "latest",
      },
      "optionalDependencies": {
        "fsevents": "^2.3.3",
      },
    },
    "packages/ui": {
      "name": "@app/ui",
      "dependencies": {
        "chalk": "^5.3.0",
      },
    },
  },
  "packages": {
    "@app/ui": ["@app/ui@workspace:packages/ui"],

    "@app/ui/chalk": ["chalk@5.3.0", "", {}, "sha512-AAAA"],

    "@types/bun": ["@types/bun@1.1.10", "", { "dependencies": { "bun-types": "1.1.29" } }, "sha512-AAAA"],

    "bun-types": ["bun-types@1.1.29", "", { "dependencies": { "@types/bun": "1.1.10" } }, "sha512-AAAA"],

    "chalk": ["chalk@4.1.2", "", { "dependencies": { "supports-color": "^7.1.0" } }, "sha512-AAAA"],

    "fsevents": ["fsevents@2.3.3", "", { "os": "darwin" }, "sha512-AAAA"],

    "odd": ["is-odd@3.0.1", "", {}, "sha512-AAAA"],

    "supports-color": ["supports-color@7.2.0", "", {}, "sha512-AAAA"],
  }
}
`;

describe('npm/bun-lock', () => {
  it.each([
    ['bun.lock', true],
    ['apps/api/bun.lock', true],
    ['bun.lockb', false],
    ['node_modules/x/bun.lock', false],
  ])('wants %s -> %s', (path, wanted) => expect(bunLockExtractor.wants(path, 1)).toBe(wanted));

  const { packages, warnings } = extract(LOCK);

  it('reads every package (workspaces left out), aliases by their real name', () => {
    expect(warnings).toEqual([]);
    expect(ids(packages)).toEqual(['@types/bun@1.1.10', 'bun-types@1.1.29', 'chalk@4.1.2', 'chalk@5.3.0', 'fsevents@2.3.3', 'is-odd@3.0.1', 'supports-color@7.2.0']);
  });

  it.each([
    ['chalk', '4.1.2', true, undefined],
    ['chalk', '5.3.0', true, undefined],
    ['is-odd', '3.0.1', true, undefined],
    ['@types/bun', '1.1.10', true, 'dev'],
    ['bun-types', '1.1.29', false, 'dev'],
    ['fsevents', '2.3.3', true, 'optional'],
    ['supports-color', '7.2.0', false, undefined],
  ])('%s@%s: direct %s, scope %s', (name, version, direct, scope) => {
    const p = pick(packages, name, version);
    expect(p.direct).toBe(direct);
    expect(p.scope).toBe(scope);
  });

  it('resolves a workspace dependency nested under the workspace first, and gives lines and paths', () => {
    const nested = pick(packages, 'chalk', '5.3.0');
    expect(nested.line).toBe(LOCK.split('\n').findIndex((l) => l.startsWith('    "@app/ui/chalk"')) + 1);
    expect(pick(packages, 'supports-color').dependencyPath).toEqual(['chalk', 'supports-color']);
    expect(pick(packages, 'bun-types').dependsOn).toEqual(['pkg:npm/%40types/bun@1.1.10']);
  });

  it('keeps git, tarball and file packages out of matching', () => {
    const text = `{"lockfileVersion": 1, "packages": {
      "utils": ["utils@github:acme/utils#0123456", {}, "acme-utils-0123456"],
      "vendored": ["vendored@https://example.com/vendored-2.0.0.tgz", {}],
      "local": ["local@file:../local", {}],
      "sibling": ["sibling@link:../sibling"],
    }}`;
    const got = extract(text).packages;
    expect(ids(got)).toEqual(['local@', 'utils@', 'vendored@']);
    expect(pick(got, 'utils')).toMatchObject({ declared: 'github:acme/utils#0123456', purl: 'pkg:npm/utils' });
    expect(pick(got, 'utils').direct).toBeUndefined();
  });

  it('warns about entries that are not arrays and reads the rest', () => {
    const got = extract('{"lockfileVersion": 1, "packages": {"a": "a@1.0.0", "b": ["b@1.0.0", "", {}, "sha512-x"],}}');
    expect(ids(got.packages)).toEqual(['b@1.0.0']);
    expect(got.warnings).toMatchObject([{ code: 'parse-error', path: 'bun.lock' }]);
  });

  it.each([
    ['a missing bracket', '{\n  "packages": {\n    "a": ["a@1.0.0", "",\n  }\n}\n', /^line \d+: /],
    ['an array', '[1, 2]', /not a bun.lock/],
  ])('throws on %s', (_name, text, message) => expect(() => extract(text)).toThrow(message));
});
