import type { ScanWarning } from '../../../types';
import type { PackageEntry } from '../../types';
import { memoryTree } from '../memory-tree';
import { logicalLines, requirementsExtractor, scopeOfRequirementsFile } from './requirements';

type Warning = Omit<ScanWarning, 'scanner'>;

function extract(path: string, files: Record<string, string>): { packages: PackageEntry[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const packages = requirementsExtractor.extract({ path, text: files[path] }, (w) => warnings.push({ ...w, path: w.path ?? path }), memoryTree(files));
  return { packages, warnings };
}
const brief = (p: PackageEntry) => [p.path, p.name, p.version, p.line, p.declared];

describe('pypi/requirements', () => {
  it.each([
    ['requirements.txt', true],
    ['svc/requirements-dev.txt', true],
    ['requirements/base.txt', true],
    ['requirements/prod.in', false],
    ['dev-requirements.txt', false],
    ['requirements.txt.bak', false],
    ['docs/requirements_docs.txt', true],
  ])('wants %s: %s', (path, want) => expect(requirementsExtractor.wants(path, 10)).toBe(want));

  it.each([
    ['requirements.txt', undefined],
    ['requirements-dev.txt', 'dev'],
    ['requirements/test.txt', 'test'],
    ['requirements_docs.txt', 'dev'],
    ['requirements/prod.txt', undefined],
    ['environments/dev/requirements.txt', undefined],
    ['requirements-tests.txt', 'test'],
  ])('scope of %s: %s', (path, scope) => expect(scopeOfRequirementsFile(path)).toBe(scope));

  it('joins continuations, drops comments and hashes', () => {
    expect(logicalLines('a==1 \\\n    --hash=sha256:ab \\\n    --hash=sha256:cd\n    # via b\n\nc>=2  # pinned later\n')).toEqual([
      { text: 'a==1      --hash=sha256:ab      --hash=sha256:cd', line: 1 },
      { text: 'c>=2', line: 6 },
    ]);
  });

  it.each([
    ['requests==2.31.0', 'requests', '2.31.0', undefined],
    ['Django_REST.framework===3.14.0', 'django-rest-framework', '3.14.0', undefined],
    ['urllib3[socks,secure] == 1.26.5 ; python_version >= "3.7"', 'urllib3', '1.26.5', undefined],
    ['flask>=2.0,<3', 'flask', '', '>=2.0,<3'],
    ['numpy ~= 1.26.0', 'numpy', '', '~=1.26.0'],
    ['pandas==2.*', 'pandas', '', '==2.*'],
    ['celery', 'celery', '', undefined],
    ['\uFEFFsix==1.16.0', 'six', '1.16.0', undefined],
    ['cryptography (==41.0.3)', 'cryptography', '41.0.3', undefined],
    ['mylib @ https://example.com/mylib-1.0.tar.gz ; sys_platform == "linux"', 'mylib', '', '@ https://example.com/mylib-1.0.tar.gz'],
    ['pyyaml==6.0.1 --hash=sha256:0a --config-settings=x=y', 'pyyaml', '6.0.1', undefined],
  ])('%s', (line, name, version, declared) => {
    const { packages, warnings } = extract('requirements.txt', { 'requirements.txt': `${line}\n` });
    expect(packages.map(brief)).toEqual([['requirements.txt', name, version, 1, declared]]);
    expect(packages[0]).toMatchObject({ ecosystem: 'PyPI', direct: true, purl: `pkg:pypi/${name}${version ? `@${version}` : ''}`, extractor: 'pypi/requirements' });
    expect(warnings).toEqual([]);
  });

  it('notes ignored options and URL requirements once per file', () => {
    const { packages, warnings } = extract('requirements.txt', {
      'requirements.txt': '--index-url https://pypi.example/simple\n-e .\n-e git+https://g/x.git#egg=x\n./local/pkg\nhttps://h/x.whl\nsix==1.16.0\n',
    });
    expect(packages.map((p) => p.name)).toEqual(['six']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ignored-option', path: 'requirements.txt', message: expect.stringContaining('--index-url, -e') })]);
  });

  it('reports unreadable lines once, with the first line', () => {
    const { packages, warnings } = extract('requirements.txt', { 'requirements.txt': 'six==1\n%%%\nok==2\n!!\n' });
    expect(packages.map((p) => p.name)).toEqual(['six', 'ok']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: 'line 2: not a requirement (and 1 more lines)' })]);
  });

  it('follows -r includes that are not requirements files on their own, with their own path and lines', () => {
    const { packages, warnings } = extract('requirements.txt', {
      'requirements.txt': '-r common/base-deps.txt\nflask==3.0.0\n',
      'common/base-deps.txt': '\n--requirement=../shared.txt\nrequests==2.31.0\n',
      'shared.txt': 'idna==3.6\n',
    });
    expect(packages.map(brief)).toEqual([
      ['shared.txt', 'idna', '3.6', 1, undefined],
      ['common/base-deps.txt', 'requests', '2.31.0', 3, undefined],
      ['requirements.txt', 'flask', '3.0.0', 2, undefined],
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads Windows separators in include paths', () => {
    const { packages, warnings } = extract('requirements.txt', { 'requirements.txt': '-r deps\\base-deps.txt\n', 'deps/base-deps.txt': 'six==1.16.0\n' });
    expect(packages.map(brief)).toEqual([['deps/base-deps.txt', 'six', '1.16.0', 1, undefined]]);
    expect(warnings).toEqual([]);
  });

  it('does not read an include that is extracted on its own (no double listing)', () => {
    const { packages } = extract('requirements-dev.txt', { 'requirements-dev.txt': '-r requirements.txt\npytest==8.0.0\n', 'requirements.txt': 'six==1.16.0\n' });
    expect(packages.map((p) => [p.name, p.scope])).toEqual([['pytest', 'dev']]);
  });

  it.each([
    ['itself', { 'requirements.txt': '-r requirements.txt\nsix==1.16.0\n' }, 'include-cycle', ['six']],
    ['a cycle through other files', { 'requirements.txt': '-r a.txt\n', 'a.txt': '-r b.txt\nx==1\n', 'b.txt': '-r a.txt\ny==2\n' }, 'include-cycle', ['y', 'x']],
    ['outside the tree', { 'requirements.txt': '-r ../../etc/passwd\nsix==1\n' }, 'include-outside-tree', ['six']],
    ['an absolute path', { 'requirements.txt': '-r /etc/passwd\n' }, 'include-outside-tree', []],
    ['a URL', { 'requirements.txt': '-r https://example.com/req.txt\n' }, 'include-outside-tree', []],
    ['missing', { 'requirements.txt': '-r nope.txt\nsix==1\n' }, 'include-not-found', ['six']],
  ])('an include of %s gives a warning and stops there', (_what, files, code, names) => {
    const { packages, warnings } = extract('requirements.txt', files as Record<string, string>);
    expect(packages.map((p) => p.name)).toEqual(names);
    expect(warnings.map((w) => w.code)).toEqual([code]);
  });

  it('bounds include depth', () => {
    const files: Record<string, string> = { 'requirements.txt': '-r d0.txt\n' };
    for (let i = 0; i < 20; i++) files[`d${i}.txt`] = `-r d${i + 1}.txt\np${i}==1\n`;
    const { packages, warnings } = extract('requirements.txt', files);
    expect(packages.length).toBe(8);
    expect(warnings.map((w) => w.code)).toEqual(['include-too-deep']);
  });

  it('lends -c constraint pins to unpinned requirements only', () => {
    const { packages, warnings } = extract('requirements.txt', {
      'requirements.txt': '-c constraints.txt\ndjango\nrequests>=2\nsix==1.15.0\n',
      'constraints.txt': 'Django==4.2.11\nrequests==2.31.0\nsix==1.16.0\nunused==9\n',
    });
    expect(packages.map(brief)).toEqual([
      ['requirements.txt', 'django', '4.2.11', 2, undefined],
      ['requirements.txt', 'requests', '2.31.0', 3, '>=2'],
      ['requirements.txt', 'six', '1.15.0', 4, undefined],
    ]);
    expect(packages[1].purl).toBe('pkg:pypi/requests@2.31.0');
    expect(warnings).toEqual([]);
  });
});
