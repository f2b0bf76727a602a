import type { Ecosystem } from '../../contract/vocabulary';
import { memoryAdvisoryIndex } from './advisory-index';
import { GIT_RANGES_NOTE, isMaliciousRecord, isPrerelease, matchPackage, smallestUpgrade, type MatchProblem } from './match';
import { normalizePackageName, purlOf } from './names';
import { TEST_OSV_RECORDS } from './testdata/osv/records';
import { packageKey, type OsvRecord, type PackageEntry } from './types';

function entry(ecosystem: Ecosystem, rawName: string, version: string): PackageEntry {
  const name = normalizePackageName(ecosystem, rawName);
  return { ecosystem, name, version, purl: purlOf(ecosystem, name, version), path: 'lockfile', extractor: 'test' };
}

const index = memoryAdvisoryIndex(TEST_OSV_RECORDS);

async function recordsFor(pkg: PackageEntry): Promise<readonly OsvRecord[]> {
  return (await index.lookup([pkg])).get(packageKey(pkg.ecosystem, pkg.name)) ?? [];
}

async function matchOf(ecosystem: Ecosystem, name: string, version: string) {
  const pkg = entry(ecosystem, name, version);
  const problems: MatchProblem[] = [];
  const matches = matchPackage(pkg, await recordsFor(pkg), (p) => problems.push(p));
  return { pkg, matches, problems };
}

/** [ecosystem, name as the file writes it, version, { advisory id: fixed versions above }] */
const CASES: [Ecosystem, string, string, Record<string, string[]>][] = [
  // npm (GHSA, ECOSYSTEM ranges over semver)
  ['npm', 'lodash', '4.17.15', { 'GHSA-35jh-r3h4-6jhm': ['4.17.21'], 'GHSA-p6mc-m468-83gw': ['4.17.19'] }],
  ['npm', 'lodash', '4.17.20', { 'GHSA-35jh-r3h4-6jhm': ['4.17.21'] }],
  ['npm', 'lodash', '4.17.21', {}],
  ['npm', 'lodash', '3.6.0', { 'GHSA-35jh-r3h4-6jhm': ['4.17.21'] }], // below the second record's introduced
  ['npm', 'lodash', '4.17.21-beta.1', { 'GHSA-35jh-r3h4-6jhm': ['4.17.21'] }], // a pre-release of the fix is below it
  ['npm', 'minimist', '0.0.8', { 'GHSA-xvch-5gv4-984h': ['0.2.4'] }],
  ['npm', 'minimist', '0.2.4', {}], // between the two affected entries
  ['npm', 'minimist', '1.2.5', { 'GHSA-xvch-5gv4-984h': ['1.2.6'] }],
  ['npm', 'next', '13.4.0', { 'GHSA-fr5h-rqp8-mj6g': ['14.1.1'] }], // introduced is inclusive
  ['npm', 'next', '14.1.1-canary.3', { 'GHSA-fr5h-rqp8-mj6g': ['14.1.1'] }],
  ['npm', 'next', '14.1.1', {}], // fixed is exclusive
  ['npm', 'next', '13.3.9', {}],
  ['npm', 'evil-colors', '1.0.0', { 'MAL-2024-1234': [] }],
  ['npm', 'evil-colors', '0.0.1-alpha', { 'MAL-2024-1234': [] }],
  // PyPI (PyPA: ECOSYSTEM ranges over PEP 440, names not always normalised)
  ['PyPI', 'requests', '2.28.2', { 'PYSEC-2023-74': ['2.31.0'] }],
  ['PyPI', 'Requests', '2.30', { 'PYSEC-2023-74': ['2.31.0'] }],
  ['PyPI', 'requests', '2.31.0rc1', { 'PYSEC-2023-74': ['2.31.0'] }],
  ['PyPI', 'requests', '2.31.0', {}],
  ['PyPI', 'requests', '2.31.0.post1', {}],
  ['PyPI', 'requests', '2.2.1', {}],
  ['PyPI', 'pyyaml', '5.3.1', { 'PYSEC-2021-142': ['5.4'] }],
  ['PyPI', 'PyYAML', '5.4.0', {}], // 5.4.0 == 5.4
  ['PyPI', 'zope_interface', '5.0.0', { 'PYSEC-2099-1': [] }], // versions[] only, compared by PEP 440 (5.0 == 5.0.0)
  ['PyPI', 'zope.interface', '5.1.0rc1', { 'PYSEC-2099-1': [] }],
  ['PyPI', 'zope-interface', '5.1.0', {}],
  ['PyPI', 'ujson', '5.4.0', { 'OSV-2022-1074': [] }], // GIT range only, found in versions[]
  // Go (SEMVER without the v prefix in OSV, with it in go.mod)
  ['Go', 'golang.org/x/text', 'v0.3.6', { 'GO-2021-0113': ['0.3.7'] }],
  ['Go', 'golang.org/x/text', 'v0.0.0-20210101000000-abcdefabcdef', { 'GO-2021-0113': ['0.3.7'] }],
  ['Go', 'golang.org/x/text', 'v0.3.7', {}],
  ['Go', 'golang.org/x/text', 'v0.3.8-0.20211105212822-18b340fc7af2', {}],
  ['Go', 'github.com/example/legacy', 'v2.1.0+incompatible', { 'GO-2099-0001': ['2.3.1+incompatible'] }],
  ['Go', 'github.com/example/legacy', 'v2.3.1+incompatible', {}],
  // Maven (ComparableVersion)
  ['Maven', 'com.fasterxml.jackson.core:jackson-databind', '2.12.7', { 'GHSA-jjjh-jjxp-wpff': ['2.12.7.1'] }],
  ['Maven', 'com.fasterxml.jackson.core:jackson-databind', '2.12.7.1', {}],
  ['Maven', 'com.fasterxml.jackson.core:jackson-databind', '2.13.4', { 'GHSA-jjjh-jjxp-wpff': ['2.13.4.1'] }],
  ['Maven', 'com.fasterxml.jackson.core:jackson-databind', '2.13.4.2', {}],
  ['Maven', 'com.fasterxml.jackson.core:jackson-databind', '2.13.0-rc1', {}], // above 2.12.7.1, below 2.13.0
  ['Maven', 'org.apache.logging.log4j:log4j-core', '2.0-beta9', { 'GHSA-8489-44mv-ggj8': ['2.3.2'] }],
  ['Maven', 'org.apache.logging.log4j:log4j-core', '2.0-beta6', {}],
  ['Maven', 'org.apache.logging.log4j:log4j-core', '2.14.1', { 'GHSA-8489-44mv-ggj8': ['2.17.1'] }],
  ['Maven', 'org.apache.logging.log4j:log4j-core', '2.17.1', {}],
  ['Maven', 'org.apache.logging.log4j:log4j-core', '2.12.4', {}],
  // NuGet (names compared lower-case, four-part versions)
  ['NuGet', 'Newtonsoft.Json', '12.0.3', { 'GHSA-5crp-9r3c-p9vr': ['13.0.1'] }],
  ['NuGet', 'newtonsoft.json', '13.0.1-beta1', { 'GHSA-5crp-9r3c-p9vr': ['13.0.1'] }],
  ['NuGet', 'newtonsoft.json', '13.0.1.0', {}],
  ['NuGet', 'newtonsoft.json', '13.0.3', {}],
  // RubyGems (last_affected is inclusive)
  ['RubyGems', 'rack', '2.2.3', { 'GHSA-2099-rack-last': [] }],
  ['RubyGems', 'rack', '2.2.3.rc1', { 'GHSA-2099-rack-last': [] }],
  ['RubyGems', 'rack', '2.2.3.1', {}],
  ['RubyGems', 'rack', '1.6.13', {}],
  // crates.io (limit: nothing at or past it is affected)
  ['crates.io', 'smallvec', '1.6.0', { 'RUSTSEC-2099-0001': [] }],
  ['crates.io', 'smallvec', '1.6.1', {}],
  ['crates.io', 'smallvec', '0.6.10', {}],
  // Packagist (v prefix, versions[] compared by Composer's rules)
  ['Packagist', 'symfony/http-kernel', 'v5.4.19', { 'GHSA-2099-symf-0001': ['5.4.20'] }],
  ['Packagist', 'symfony/http-kernel', 'v6.0.20', {}],
  ['Packagist', 'symfony/http-kernel', '6.0.0-RC1', {}],
  ['Packagist', 'acme/widgets', 'v1.0.1', { 'GHSA-2099-comp-vers': [] }],
  ['Packagist', 'acme/widgets', '1.0.1.0', { 'GHSA-2099-comp-vers': [] }],
  ['Packagist', 'acme/widgets', '1.0.2', {}],
];

describe('matchPackage', () => {
  it.each(CASES)('%s %s %s', async (ecosystem, name, version, expected) => {
    const { matches, problems } = await matchOf(ecosystem, name, version);
    expect(Object.fromEntries(matches.map((m) => [m.record.id, m.fixedVersions]))).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('never matches a withdrawn record, even handed one directly', () => {
    const withdrawn = TEST_OSV_RECORDS.find((r) => r.id === 'GHSA-29mw-wpgm-hmr9')!;
    expect(withdrawn.withdrawn).toBeDefined();
    expect(matchPackage(entry('npm', 'lodash', '4.17.20'), [withdrawn])).toEqual([]);
  });

  it('ignores records naming another package or ecosystem', () => {
    const lodash = TEST_OSV_RECORDS.filter((r) => r.id === 'GHSA-35jh-r3h4-6jhm');
    expect(matchPackage(entry('npm', 'lodash-es', '4.17.15'), lodash)).toEqual([]);
    expect(matchPackage(entry('PyPI', 'lodash', '4.17.15'), lodash)).toEqual([]);
  });

  it('matches nothing for a package without a version', () => {
    expect(matchPackage(entry('npm', 'lodash', ''), TEST_OSV_RECORDS)).toEqual([]);
  });

  it('reports an unparsable version once and does not match it by range', async () => {
    const { matches, problems } = await matchOf('npm', 'lodash', 'latest');
    expect(matches).toEqual([]);
    expect(problems).toEqual([{ kind: 'unparsable-version', ecosystem: 'npm', name: 'lodash', version: 'latest' }]);
  });

  it('still finds an unparsable version listed verbatim in versions[]', () => {
    const record: OsvRecord = {
      id: 'GHSA-2099-verb-atim',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'odd' }, versions: ['1.0.0.0'] }],
    };
    const problems: MatchProblem[] = [];
    const matches = matchPackage(entry('npm', 'odd', '1.0.0.0'), [record], (p) => problems.push(p));
    expect(matches.map((m) => [m.record.id, m.matchedBy])).toEqual([['GHSA-2099-verb-atim', 'versions']]);
    expect(problems.map((p) => p.kind)).toEqual(['unparsable-version']);
  });

  it('notes GIT ranges on a match found in versions[], and reports them when the version is not listed', async () => {
    const listed = await matchOf('PyPI', 'ujson', '5.3.0');
    expect(listed.matches[0].notes).toEqual([GIT_RANGES_NOTE]);
    expect(listed.matches[0].matchedBy).toBe('versions');
    const unlisted = await matchOf('PyPI', 'ujson', '5.5.0');
    expect(unlisted.matches).toEqual([]);
    expect(unlisted.problems).toEqual([{ kind: 'git-ranges-only', recordId: 'OSV-2022-1074' }]);
  });

  it('gives severity, CVSS and the malicious flag', async () => {
    const byId = async (ecosystem: Ecosystem, name: string, version: string, id: string) =>
      (await matchOf(ecosystem, name, version)).matches.find((m) => m.record.id === id)!;
    const lodash = await byId('npm', 'lodash', '4.17.20', 'GHSA-35jh-r3h4-6jhm');
    expect([lodash.severity, lodash.severitySource, lodash.cvss?.version, lodash.cvss?.score, lodash.malicious]).toEqual(['high', 'cvss', '3.1', 7.2, false]);
    const next = await byId('npm', 'next', '14.0.0', 'GHSA-fr5h-rqp8-mj6g');
    expect([next.severity, next.cvss?.version, next.cvss?.score]).toEqual(['critical', '4.0', 9.3]);
    const newtonsoft = await byId('NuGet', 'Newtonsoft.Json', '12.0.3', 'GHSA-5crp-9r3c-p9vr');
    expect([newtonsoft.severity, newtonsoft.severitySource, newtonsoft.cvss]).toEqual(['high', 'database', undefined]);
    const requests = await byId('PyPI', 'requests', '2.28.2', 'PYSEC-2023-74');
    expect([requests.severity, requests.severitySource]).toEqual(['medium', 'unrated']);
    const evil = await byId('npm', 'evil-colors', '1.0.0', 'MAL-2024-1234');
    expect(evil.malicious).toBe(true);
  });

  it('finds listed versions the same way on every search of a long versions[] list', () => {
    const listed = Array.from({ length: 20 }, (_, i) => `1.${i}.0`);
    const record: OsvRecord = {
      id: 'GHSA-2099-long-list',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'listed' }, versions: listed, ranges: [{ type: 'GIT', repo: 'https://example.org/r', events: [{ introduced: '0' }] }] }],
    };
    const found = ['1.0.0', '1.19.0', '1.20.0', '1.5.0', '2.0.0', '1.7.0', '1.7.1'].map((v) => matchPackage(entry('npm', 'listed', v), [record]).length);
    expect(found).toEqual([1, 1, 0, 1, 0, 1, 0]);
  });

  it('walks events in version order, whatever order the record writes them in', () => {
    const record: OsvRecord = {
      id: 'GHSA-2099-unso-rted',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'shuffled' },
          ranges: [{ type: 'SEMVER', events: [{ fixed: '2.0.3' }, { introduced: '2.0.0' }, { fixed: '1.2.5' }, { introduced: '0' }] }],
        },
      ],
    };
    const ids = (v: string) => matchPackage(entry('npm', 'shuffled', v), [record]).map((m) => m.fixedVersions);
    expect(ids('1.0.0')).toEqual([['1.2.5', '2.0.3']]);
    expect(ids('1.2.5')).toEqual([]);
    expect(ids('2.0.1')).toEqual([['2.0.3']]);
    expect(ids('2.0.3')).toEqual([]);
  });

  it('skips malformed parts of a record instead of throwing', () => {
    const record = {
      id: 'GHSA-2099-junk-0001',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        null,
        { package: { ecosystem: 'npm' } },
        { package: { ecosystem: 'npm', name: 'junk' }, ranges: [{ type: 'SEMVER', events: 'nope' }, { type: 'SEMVER', events: [null, { introduced: 7 }, { introduced: 'x.y' }, { introduced: '1.0.0' }] }], versions: [null, 3] },
      ],
    } as unknown as OsvRecord;
    expect(matchPackage(entry('npm', 'junk', '1.5.0'), [record]).map((m) => m.record.id)).toEqual(['GHSA-2099-junk-0001']);
    expect(matchPackage(entry('npm', 'junk', '0.5.0'), [record])).toEqual([]);
  });
});

describe('smallestUpgrade', () => {
  it.each([
    ['npm', 'lodash', '4.17.15', '4.17.21'], // the largest of the two smallest fixes
    ['npm', 'minimist', '1.2.5', '1.2.6'],
    ['Maven', 'com.fasterxml.jackson.core:jackson-databind', '2.13.4', '2.13.4.1'],
    ['PyPI', 'requests', '2.28.2', '2.31.0'],
    ['RubyGems', 'rack', '2.2.3', undefined], // last_affected without a fix
    ['npm', 'evil-colors', '1.0.0', undefined], // malicious: no version is safe
    ['PyPI', 'zope.interface', '5.0', undefined], // versions[] only: no fix named
    ['npm', 'lodash', '4.17.21', undefined], // nothing matched
  ] as const)('%s %s %s -> %s', async (ecosystem, name, version, upgrade) => {
    const { pkg, matches } = await matchOf(ecosystem, name, version);
    expect(smallestUpgrade(pkg, matches)).toBe(upgrade);
  });

  it('skips a fix that another advisory still covers', () => {
    const reintroduced: OsvRecord = {
      id: 'GHSA-2099-reint-0001',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'pkg' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.5' }, { introduced: '2.0.0' }, { fixed: '2.0.3' }] }] }],
    };
    const other: OsvRecord = {
      id: 'GHSA-2099-other-0001',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'pkg' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }] }],
    };
    const pkg = entry('npm', 'pkg', '1.0.0');
    const matches = matchPackage(pkg, [reintroduced, other]);
    expect(matches.map((m) => m.fixedVersions)).toEqual([['1.2.5', '2.0.3'], ['2.0.1']]);
    // 2.0.1 (the largest smallest fix) is inside the reintroduced range; 2.0.3 clears both.
    expect(smallestUpgrade(pkg, matches)).toBe('2.0.3');
  });
});

describe('isPrerelease', () => {
  it.each([
    ['npm', '1.0.0-rc.1', true],
    ['npm', '1.0.0', false],
    ['npm', 'not-a-version', false],
    ['PyPI', '2.0.0b3', true],
    ['PyPI', '2.0.0.dev1', true],
    ['PyPI', '2.0.0.post1', false],
    ['Go', 'v0.0.0-20230102150405-abcdef123456', true],
    ['Go', 'v1.2.3+incompatible', false],
    ['Maven', '1.0-SNAPSHOT', true],
    ['Maven', '1.0-M2', true],
    ['Maven', '1.0.RELEASE', false],
    ['Maven', '1.0-sp1', false],
    ['NuGet', '6.0.0-preview.7.21377.19', true],
    ['NuGet', '6.0.0', false],
    ['RubyGems', '7.0.0.rc1', true],
    ['RubyGems', '7.0.0', false],
    ['Packagist', '2.0.0-beta1', true],
    ['Packagist', '2.0.0-patch1', false],
    ['Other', '1.0.0-rc1', false],
  ] as const)('%s %s -> %s', (ecosystem, version, expected) => {
    expect(isPrerelease(ecosystem, version)).toBe(expected);
  });
});

describe('isMaliciousRecord', () => {
  it.each([
    [{ id: 'MAL-2024-1' }, true],
    [{ id: 'GHSA-aaaa-bbbb-cccc', aliases: ['MAL-2024-2'] }, true],
    [{ id: 'GHSA-aaaa-bbbb-cccc', database_specific: { 'malicious-packages-origins': [] } }, true],
    [{ id: 'GHSA-aaaa-bbbb-cccc', database_specific: { type: 'malware' } }, true],
    [{ id: 'GHSA-aaaa-bbbb-cccc', database_specific: { severity: 'HIGH' } }, false],
    [{ id: 'PYSEC-2023-1' }, false],
    [{ id: 'GHSA-aaaa-bbbb-cccc', aliases: 'MAL-1', database_specific: 'malware' }, false],
  ])('%j -> %s', (fields, expected) => {
    expect(isMaliciousRecord({ modified: '2024-01-01T00:00:00Z', ...fields } as OsvRecord)).toBe(expected);
  });
});
