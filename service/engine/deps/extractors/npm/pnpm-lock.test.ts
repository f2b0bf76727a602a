import { pnpmLockExtractor } from './pnpm-lock';
import { extractFrom, ids, pick } from './testdata/tree';

const extract = (text: string) => extractFrom(pnpmLockExtractor, { 'pnpm-lock.yaml': text }, 'pnpm-lock.yaml');
const INTEGRITY = '{integrity: sha512-AAAA}';

// The same project (react-dom with its react peer, a dev typescript, an alias) as pnpm 7, 8 and 9 write it.
const V5 = `lockfileVersion: 5.4

specifiers:
  odd: npm:is-odd@^3.0.1
  react: ^18.2.0
  react-dom: ^18.2.0
  typescript: ^5.4.0

dependencies:
  odd: /is-odd/3.0.1
  react: 18.2.0
  react-dom: 18.2.0_react@18.2.0

devDependencies:
  typescript: 5.4.5

packages:

  /is-odd/3.0.1:
    resolution: ${INTEGRITY}
    dev: false

  /loose-envify/1.4.0:
    resolution: ${INTEGRITY}
    dev: false

  /react-dom/18.2.0_react@18.2.0:
    resolution: ${INTEGRITY}
    peerDependencies:
      react: ^18.2.0
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0
    dev: false

  /react/18.2.0:
    resolution: ${INTEGRITY}
    dependencies:
      loose-envify: 1.4.0
    dev: false

  /typescript/5.4.5:
    resolution: ${INTEGRITY}
    hasBin: true
    dev: true
`;

const V6 = `lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  odd:
    specifier: npm:is-odd@^3.0.1
    version: /is-odd@3.0.1
  react:
    specifier: ^18.2.0
    version: 18.2.0
  react-dom:
    specifier: ^18.2.0
    version: 18.2.0(react@18.2.0)

devDependencies:
  typescript:
    specifier: ^5.4.0
    version: 5.4.5

packages:

  /is-odd@3.0.1:
    resolution: ${INTEGRITY}
    dev: false

  /loose-envify@1.4.0:
    resolution: ${INTEGRITY}
    dev: false

  /react-dom@18.2.0(react@18.2.0):
    resolution: ${INTEGRITY}
    peerDependencies:
      react: ^18.2.0
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0
    dev: false

  /react@18.2.0:
    resolution: ${INTEGRITY}
    dependencies:
      loose-envify: 1.4.0
    dev: false

  /typescript@5.4.5:
    resolution: ${INTEGRITY}
    hasBin: true
    dev: true
`;

const V9 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      odd:
        specifier: npm:is-odd@^3.0.1
        version: is-odd@3.0.1
      react:
        specifier: ^18.2.0
        version: 18.2.0
      react-dom:
        specifier: ^18.2.0
        version: 18.2.0(react@18.2.0)
    devDependencies:
      typescript:
        specifier: ^5.4.0
        version: 5.4.5

packages:

  is-odd@3.0.1:
    resolution: ${INTEGRITY}

  loose-envify@1.4.0:
    resolution: ${INTEGRITY}

  react-dom@18.2.0:
    resolution: ${INTEGRITY}
    peerDependencies:
      react: ^18.2.0

  react@18.2.0:
    resolution: ${INTEGRITY}

  typescript@5.4.5:
    resolution: ${INTEGRITY}
    hasBin: true

snapshots:

  is-odd@3.0.1: {}

  loose-envify@1.4.0: {}

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0

  react@18.2.0:
    dependencies:
      loose-envify: 1.4.0

  typescript@5.4.5: {}
`;

describe('npm/pnpm-lock wants', () => {
  it.each([
    ['pnpm-lock.yaml', true],
    ['apps/web/pnpm-lock.yaml', true],
    ['node_modules/.pnpm/lock.yaml', false],
    ['node_modules/x/pnpm-lock.yaml', false],
    ['pnpm-workspace.yaml', false],
  ])('%s -> %s', (path, wanted) => expect(pnpmLockExtractor.wants(path, 1)).toBe(wanted));
});

describe.each([
  ['v5 (pnpm 7)', V5, '  /react-dom/18.2.0_react@18.2.0:'],
  ['v6 (pnpm 8)', V6, '  /react-dom@18.2.0(react@18.2.0):'],
  ['v9 (pnpm 9)', V9, '  react-dom@18.2.0:'],
])('npm/pnpm-lock %s', (_format, text, reactDomKey) => {
  const { packages, warnings } = extract(text);

  it('reads every package once, peer suffixes stripped, the alias by its real name', () => {
    expect(warnings).toEqual([]);
    expect(ids(packages)).toEqual(['is-odd@3.0.1', 'loose-envify@1.4.0', 'react-dom@18.2.0', 'react@18.2.0', 'typescript@5.4.5']);
  });

  it.each([
    ['is-odd', true, undefined],
    ['react-dom', true, undefined],
    ['react', true, undefined],
    ['loose-envify', false, undefined],
    ['typescript', true, 'dev'],
  ])('%s: direct %s, scope %s', (name, direct, scope) => {
    const p = pick(packages, name);
    expect(p.direct).toBe(direct);
    expect(p.scope).toBe(scope);
  });

  it('gives the line of the package key, the graph and the shortest path', () => {
    const p = pick(packages, 'react-dom');
    expect(p.line).toBe(text.split('\n').indexOf(reactDomKey) + 1);
    expect(p.dependsOn).toEqual(['pkg:npm/loose-envify@1.4.0', 'pkg:npm/react@18.2.0']);
    expect(pick(packages, 'loose-envify').dependencyPath).toHaveLength(2);
    expect(p.extractor).toBe('npm/pnpm-lock');
  });
});

describe('npm/pnpm-lock edge cases', () => {
  it('gives the same packages when a construct the fast reader does not take sends the file to yaml', () => {
    const withBlockSequence = V9.replace('  typescript@5.4.5:\n    resolution: {integrity: sha512-AAAA}\n', '  typescript@5.4.5:\n    resolution: {integrity: sha512-AAAA}\n    os:\n      - linux\n');
    expect(withBlockSequence).not.toEqual(V9);
    expect(extract(withBlockSequence).packages).toEqual(extract(V9).packages);
  });

  it('terminates on circular snapshots and derives dev from the importers', () => {
    const text = `lockfileVersion: '9.0'

importers:

  .:
    devDependencies:
      a:
        specifier: ^1.0.0
        version: 1.0.0

packages:

  a@1.0.0:
    resolution: ${INTEGRITY}

  b@1.0.0:
    resolution: ${INTEGRITY}

  c@1.0.0:
    resolution: ${INTEGRITY}

snapshots:

  a@1.0.0:
    dependencies:
      b: 1.0.0

  b@1.0.0:
    dependencies:
      c: 1.0.0

  c@1.0.0:
    dependencies:
      a: 1.0.0
      c: 1.0.0
`;
    const { packages } = extract(text);
    expect(ids(packages)).toEqual(['a@1.0.0', 'b@1.0.0', 'c@1.0.0']);
    expect(pick(packages, 'c')).toMatchObject({ scope: 'dev', direct: false, dependencyPath: ['a', 'b', 'c'], dependsOn: ['pkg:npm/a@1.0.0'] });
  });

  it('keeps git and tarball packages out of matching and drops link: dependencies', () => {
    const tarball = 'https://codeload.github.com/acme/utils/tar.gz/0123456789abcdef0123456789abcdef01234567';
    const text = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      sibling:
        specifier: link:../sibling
        version: link:../sibling
      utils:
        specifier: github:acme/utils
        version: ${tarball}
      repo:
        specifier: git+https://github.com/acme/repo.git
        version: git+https://github.com/acme/repo.git#89abcdef0123456789abcdef0123456789abcdef

packages:

  repo@git+https://github.com/acme/repo.git#89abcdef0123456789abcdef0123456789abcdef:
    resolution: {commit: 89abcdef0123456789abcdef0123456789abcdef, repo: https://github.com/acme/repo.git, type: git}
    version: 2.0.0

  utils@${tarball}:
    resolution: {tarball: ${tarball}}
    version: 1.0.0

snapshots:

  repo@git+https://github.com/acme/repo.git#89abcdef0123456789abcdef0123456789abcdef: {}

  utils@${tarball}: {}
`;
    const { packages } = extract(text);
    expect(ids(packages)).toEqual(['repo@', 'utils@']);
    expect(pick(packages, 'utils')).toMatchObject({ declared: tarball, direct: true, purl: 'pkg:npm/utils' });
    expect(pick(packages, 'repo')).toMatchObject({ declared: 'https://github.com/acme/repo.git', direct: true });
  });

  it('gives nothing for an empty file or one without packages', () => {
    expect(extract('').packages).toEqual([]);
    expect(extract("lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n").packages).toEqual([]);
  });

  it.each([
    ['broken YAML', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {resolution: {integrity: x}\n", /line \d+/],
    ['a list at the top', '- a\n- b\n', /not a pnpm lockfile/],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, /alias/i],
  ])('%s throws (the engine makes it a parse-error warning)', (_name, text, message) => {
    expect(() => extract(text)).toThrow(message);
  });
});
