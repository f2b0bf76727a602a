import { scanFiles } from '../../scan';
import { memoryAdvisoryIndex } from '../advisory-index';
import { purlOf } from '../names';
import type { OsvRecord, PackageEntry } from '../types';
import { packageLock } from './examples';
import { memoryMetadataIndex } from './metadata-index';
import { MAX_RESULTS_PER_RULE } from './result-cap';
import { assessPackages, packageRiskScanner, type PackageRiskOptions } from './scanner';

const entry = (name: string, version: string, extra: Partial<PackageEntry> = {}): PackageEntry => ({
  ecosystem: 'npm',
  name,
  version,
  purl: purlOf('npm', name, version),
  path: 'package-lock.json',
  extractor: 'test',
  ...extra,
});
const noTree = { has: () => false, files: [] };

const mal: OsvRecord = {
  id: 'MAL-2024-7',
  modified: '2024-01-01T00:00:00Z',
  summary: 'Malicious code in evil-pkg (npm)',
  affected: [{ package: { ecosystem: 'npm', name: 'evil-pkg' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
};

const outcomes = (r: Awaited<ReturnType<typeof assessPackages>>, name: string) =>
  Object.fromEntries([
    ...r.findings.filter((f) => f.location.kind === 'package' && f.location.name === name).map((f) => [f.ruleId, 'fail']),
    ...r.results.filter((x) => x.location.kind === 'package' && x.location.name === name).map((x) => [x.ruleId, x.outcome]),
  ]);

describe('assessPackages', () => {
  it('answers every rule for every package: not available where its data is missing, never pass', async () => {
    const r = await assessPackages([entry('lodash', '4.17.21')], {}, noTree);
    expect(outcomes(r, 'lodash')).toEqual({
      'PKG-MALICIOUS': 'not-available',
      'PKG-DEPRECATED': 'not-available',
      'PKG-YANKED': 'not-available',
      'PKG-UNMAINTAINED': 'not-available',
      'PKG-PRERELEASE': 'pass',
      'PKG-UNPINNED': 'pass',
    });
    expect(r.results.find((x) => x.ruleId === 'PKG-MALICIOUS')?.reason).toEqual({ code: 'no-dataset', text: expect.stringContaining('No advisory database') });
  });

  it('flags what the datasets say, with messages that name package, version, file and why', async () => {
    const options: PackageRiskOptions = {
      advisories: memoryAdvisoryIndex([mal]),
      metadata: memoryMetadataIndex({
        'npm:evil-pkg@1.0.0': {},
        'npm:request@2.88.2': { deprecated: 'request has been deprecated', latestReleaseAt: '2020-02-11T00:00:00Z' },
        'npm:next@15.0.0-rc.1': { yanked: true, latestReleaseAt: '2026-11-01T00:00:00Z' },
      }),
      now: '2026-12-01T00:00:00Z',
    };
    const r = await assessPackages([entry('evil-pkg', '1.0.0', { line: 4 }), entry('request', '2.88.2'), entry('next', '15.0.0-rc.1')], options, noTree);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['PKG-MALICIOUS', 'critical', 'evil-pkg@1.0.0 in package-lock.json is a known malicious package (MAL-2024-7: Malicious code in evil-pkg (npm)).'],
      ['PKG-DEPRECATED', 'medium', 'request@2.88.2 in package-lock.json is deprecated by its registry: "request has been deprecated".'],
      ['PKG-UNMAINTAINED', 'low', 'request@2.88.2 in package-lock.json has had no release since 2020-02-11 (over 24 months).'],
      ['PKG-YANKED', 'high', 'next@15.0.0-rc.1 in package-lock.json is a yanked release: the registry withdrew this version.'],
      ['PKG-PRERELEASE', 'low', 'next@15.0.0-rc.1 in package-lock.json is pinned to the pre-release 15.0.0-rc.1.'],
    ]);
    expect(r.findings[0].location).toMatchObject({ kind: 'package', line: 4, ecosystem: 'npm', name: 'evil-pkg', version: '1.0.0' });
    expect(r.findings[0].details?.extra).toMatchObject({ advisories: 'MAL-2024-7' });
    expect(outcomes(r, 'evil-pkg')['PKG-UNMAINTAINED']).toBe('not-available');
  });

  it('keeps one finding per rule, package and file across versions, and its fingerprint across bumps', async () => {
    const options: PackageRiskOptions = { advisories: memoryAdvisoryIndex([mal]) };
    const a = await assessPackages([entry('evil-pkg', '1.0.0'), entry('evil-pkg', '1.1.0')], options, noTree);
    expect(a.findings).toHaveLength(1);
    expect(a.findings[0].details?.extra?.versions).toEqual(['1.0.0', '1.1.0']);
    const b = await assessPackages([entry('evil-pkg', '2.0.0', { line: 99 })], options, noTree);
    expect(b.findings[0].fingerprint).toBe(a.findings[0].fingerprint);
    const other = await assessPackages([entry('evil-pkg', '2.0.0', { path: 'web/package-lock.json' })], options, noTree);
    expect(other.findings[0].fingerprint).not.toBe(a.findings[0].fingerprint);
  });

  it('counts a malicious-package lookup as not available for an ecosystem the database holds nothing of', async () => {
    const r = await assessPackages([entry('requests', '2.31.0', { ecosystem: 'PyPI', purl: 'pkg:pypi/requests@2.31.0' })], { advisories: memoryAdvisoryIndex([mal]) }, noTree);
    expect(r.results.find((x) => x.ruleId === 'PKG-MALICIOUS')).toMatchObject({ outcome: 'not-available', reason: { text: 'The advisory database holds no PyPI records' } });
  });

  it('caps outcomes other than findings per rule, with one warning, and never caps findings', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => entry(`pkg-${i}`, i % 2 === 0 ? '1.0.0-beta.1' : '1.0.0'));
    const warnings: string[] = [];
    const r = await assessPackages(many, {}, noTree, (w) => warnings.push(w.code));
    expect(r.findings.filter((f) => f.ruleId === 'PKG-PRERELEASE')).toHaveLength(10_000);
    const perRule = new Map<string, number>();
    for (const x of r.results) perRule.set(x.ruleId, (perRule.get(x.ruleId) ?? 0) + 1);
    expect(Math.max(...perRule.values())).toBe(MAX_RESULTS_PER_RULE);
    expect(warnings).toEqual(['results-capped']);
  });

  it('does not call a Go pseudo-version a pre-release', async () => {
    const r = await assessPackages([entry('golang.org/x/sys', 'v0.0.0-20240112094031-1f8a3f5c2b6d', { ecosystem: 'Go', purl: 'pkg:golang/golang.org/x/sys' })], {}, noTree);
    expect(r.findings).toEqual([]);
  });
});

describe('the package-risk scanner', () => {
  const scan = (files: Record<string, string>, options: PackageRiskOptions = {}) =>
    scanFiles(Object.entries(files).map(([path, content]) => ({ path, content })), { scanners: [packageRiskScanner], options: { 'package-risk': options } });

  it('reads manifests and lockfiles through the shared extractors', async () => {
    const result = await scan(
      {
        'web/package.json': JSON.stringify({ name: 'web', dependencies: { 'evil-pkg': '^1.0.0', react: '18.3.1' } }),
        'api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.18.0' } }),
        'api/package-lock.json': packageLock({ express: { version: '4.21.2' } }),
        'tools/requirements.txt': 'black>=24\n',
      },
      { advisories: memoryAdvisoryIndex([mal]) },
    );
    expect(result.findings.map((f) => [f.ruleId, f.location.kind === 'package' && `${f.location.path} ${f.location.name}`]).sort()).toEqual([
      ['PKG-MALICIOUS', 'web/package.json evil-pkg'],
      ['PKG-UNPINNED', 'tools/requirements.txt black'],
      ['PKG-UNPINNED', 'web/package.json evil-pkg'],
    ]);
    expect(result.findings.find((f) => f.ruleId === 'PKG-UNPINNED' && f.message.startsWith('evil-pkg'))?.message).toBe(
      'evil-pkg (^1.0.0) in web/package.json is a range with no lockfile pinning it.',
    );
    expect(result.scanners.find((s) => s.scanner === 'package-risk')).toMatchObject({ status: 'ran', findings: 3 });
  });
});
