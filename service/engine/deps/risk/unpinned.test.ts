import type { PackageEntry } from '../types';
import { pinVerdict } from './unpinned';

const pkg = (path: string, declared: string | undefined, extra: Partial<PackageEntry> = {}): PackageEntry => ({
  ecosystem: 'npm',
  name: 'x',
  version: '',
  purl: 'pkg:npm/x',
  path,
  extractor: 'test',
  ...(declared !== undefined ? { declared } : {}),
  ...extra,
});

describe('pinVerdict', () => {
  const none = () => false;
  it.each([
    ['a range', pkg('package.json', '^1.2.0'), 'fail'],
    ['a star', pkg('package.json', '*'), 'fail'],
    ['a tag', pkg('package.json', 'latest'), 'fail'],
    ['a NuGet float', pkg('Api.csproj', '13.*', { ecosystem: 'NuGet' }), 'fail'],
    ['a Maven range', pkg('pom.xml', '[1.0,2.0)', { ecosystem: 'Maven' }), 'fail'],
    ['a PyPI range', pkg('requirements.txt', '>=2.0', { ecosystem: 'PyPI' }), 'fail'],
    ['a version', pkg('package.json', undefined, { version: '1.2.3' }), 'pass'],
    ['a version with its range', pkg('packages.lock.json', '[5.0.1, )', { version: '5.0.1', ecosystem: 'NuGet' }), 'pass'],
    ['nothing declared', pkg('package.json', undefined), 'not-applicable'],
    ['a git source', pkg('package.json', 'github:acme/fork#v1'), 'not-applicable'],
    ['a git URL', pkg('package.json', 'git+https://github.com/acme/fork.git'), 'not-applicable'],
    ['a user/repo shorthand', pkg('package.json', 'acme/fork'), 'not-applicable'],
    ['a local path', pkg('package.json', 'file:../lib'), 'not-applicable'],
    ['a PyPI URL', pkg('requirements.txt', '@ https://example.test/x.whl', { ecosystem: 'PyPI' }), 'not-applicable'],
    ['an unresolved Maven property', pkg('pom.xml', '${jackson.version}', { ecosystem: 'Maven' }), 'not-applicable'],
  ])('%s', (_name, entry, outcome) => {
    expect(pinVerdict(entry, none).outcome).toBe(outcome);
  });

  it('counts a lockfile of the same ecosystem in the same folder, not elsewhere', () => {
    const tree = new Set(['svc/poetry.lock', 'svc/Cargo.lock', 'package-lock.json']);
    const has = (p: string) => tree.has(p);
    expect(pinVerdict(pkg('svc/pyproject.toml', '^2.0', { ecosystem: 'PyPI' }), has)).toEqual({ outcome: 'pass', why: 'svc/poetry.lock pins it' });
    expect(pinVerdict(pkg('svc/package.json', '^2.0'), has).outcome).toBe('fail');
    expect(pinVerdict(pkg('other/pyproject.toml', '^2.0', { ecosystem: 'PyPI' }), has).outcome).toBe('fail');
    expect(pinVerdict(pkg('svc/pyproject.toml', '^2.0', { ecosystem: 'PyPI' }), () => false, [{ path: 'svc/pylock.dev.toml' }]).outcome).toBe('pass');
  });

  it('never lets a lockfile pin a requirements file: only its == pins count', () => {
    expect(pinVerdict(pkg('requirements.txt', '>=2.0', { ecosystem: 'PyPI' }), (p) => p === 'poetry.lock').outcome).toBe('fail');
  });
});
