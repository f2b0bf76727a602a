import { ecosystemOfOsv, memoryAdvisoryIndex } from './advisory-index';
import { TEST_OSV_RECORDS } from './testdata/osv/records';
import type { OsvRecord } from './types';

describe('ecosystemOfOsv', () => {
  it.each([
    ['npm', 'npm'],
    ['PyPI', 'PyPI'],
    ['Go', 'Go'],
    ['crates.io', 'crates.io'],
    ['Packagist', 'Packagist'],
    ['RubyGems', 'RubyGems'],
    ['NuGet', 'NuGet'],
    ['Maven', 'Maven'],
    ['Maven:https://maven.google.com/', 'Maven'],
    ['Pub', 'Pub'],
    ['Hex', 'Hex'],
    ['SwiftURL', 'SwiftURL'],
    ['pypi', 'PyPI'],
    ['Debian:11', undefined],
    ['Alpine:v3.18', undefined],
    ['OSS-Fuzz', undefined],
    ['GIT', undefined],
    ['Other', undefined],
    ['', undefined],
  ] as const)('%j -> %s', (osv, ecosystem) => {
    expect(ecosystemOfOsv(osv)).toBe(ecosystem);
  });
});

describe('memoryAdvisoryIndex', () => {
  const index = memoryAdvisoryIndex(TEST_OSV_RECORDS);

  it('finds records by normalised name, leaving withdrawn ones out', async () => {
    const found = await index.lookup([
      { ecosystem: 'npm', name: 'lodash' },
      { ecosystem: 'PyPI', name: 'pyyaml' },
      { ecosystem: 'PyPI', name: 'zope-interface' },
      { ecosystem: 'NuGet', name: 'newtonsoft.json' },
      { ecosystem: 'Packagist', name: 'acme/widgets' },
      { ecosystem: 'Maven', name: 'com.fasterxml.jackson.core:jackson-databind' },
      { ecosystem: 'npm', name: 'left-pad' },
    ]);
    const ids = Object.fromEntries([...found].map(([key, records]) => [key, records.map((r) => r.id)]));
    expect(ids).toEqual({
      'npm:lodash': ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'],
      'PyPI:pyyaml': ['PYSEC-2021-142'],
      'PyPI:zope-interface': ['PYSEC-2099-1'],
      'NuGet:newtonsoft.json': ['GHSA-5crp-9r3c-p9vr'],
      'Packagist:acme/widgets': ['GHSA-2099-comp-vers'],
      'Maven:com.fasterxml.jackson.core:jackson-databind': ['GHSA-jjjh-jjxp-wpff'],
    });
  });

  it('lists a record with two affected entries for one package once', async () => {
    const found = await index.lookup([{ ecosystem: 'npm', name: 'minimist' }]);
    expect(found.get('npm:minimist')?.map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h']);
  });

  it('counts records per ecosystem, skipping withdrawn records and unknown ecosystems', async () => {
    expect(await index.counts()).toEqual({ npm: 5, PyPI: 4, Go: 2, Maven: 2, NuGet: 1, RubyGems: 1, 'crates.io': 1, Packagist: 2 });
  });

  it('counts nothing for no records, and survives junk', async () => {
    expect(await memoryAdvisoryIndex([]).counts()).toEqual({});
    const junk = [null, { id: 3 }, { id: 'X-1', modified: '', affected: [null, { package: { ecosystem: 'npm' } }] }] as unknown as OsvRecord[];
    const index = memoryAdvisoryIndex(junk);
    expect(await index.counts()).toEqual({});
    expect((await index.lookup([{ ecosystem: 'npm', name: 'x' }])).size).toBe(0);
  });
});
