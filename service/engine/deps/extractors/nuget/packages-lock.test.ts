import { packagesLockExtractor } from './packages-lock';
import { extractFiles } from '../testing';

const lock = (dependencies: unknown, version = 1): string => JSON.stringify({ version, dependencies }, null, 2);
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

const net8 = {
  'Serilog.Sinks.Console': { type: 'Direct', requested: '[5.0.1, )', resolved: '5.0.1', contentHash: 'x', dependencies: { Serilog: '3.1.1' } },
  Serilog: { type: 'Transitive', resolved: '3.1.1', contentHash: 'y' },
  'contoso.shared': { type: 'Project', dependencies: { Dapper: '[2.1.24, )' } },
  Dapper: { type: 'Transitive', resolved: '2.1.24', contentHash: 'z' },
};

describe('nuget/packages-lock', () => {
  it('keeps resolved versions, direct or transitive, the graph and lines; skips project entries', async () => {
    const text = lock({ 'net8.0': net8 });
    const { packages, warnings } = await extractFiles(packagesLockExtractor, { 'src/Api/packages.lock.json': text });
    expect(warnings).toEqual([]);
    expect(packages.map((p) => `${p.name}@${p.version} direct=${p.direct}`)).toEqual([
      'serilog.sinks.console@5.0.1 direct=true',
      'serilog@3.1.1 direct=false',
      'dapper@2.1.24 direct=false',
    ]);
    expect(packages[0]).toMatchObject({
      ecosystem: 'NuGet',
      purl: 'pkg:nuget/serilog.sinks.console@5.0.1',
      path: 'src/Api/packages.lock.json',
      line: lineOf(text, '"Serilog.Sinks.Console"'),
      declared: '[5.0.1, )',
      dependsOn: ['pkg:nuget/serilog@3.1.1'],
      dependencyPath: ['serilog.sinks.console'],
      extractor: 'nuget/packages-lock',
    });
    expect(packages[1]).toMatchObject({ line: lineOf(text, '"Serilog": {'), dependencyPath: ['serilog.sinks.console', 'serilog'] });
    // Reached only through a project reference: its path starts at the package the project names.
    expect(packages[2].dependencyPath).toEqual(['dapper']);
  });

  it.each([
    ['the same package and version in two frameworks is one entry, direct if either says so', { 'net6.0': { A: { type: 'Transitive', resolved: '1.0.0' } }, 'net8.0': { A: { type: 'Direct', requested: '[1.0.0, )', resolved: '1.0.0' } } }, ['a@1.0.0 true']],
    ['different versions in two frameworks are two entries', { 'net6.0': { A: { type: 'Direct', resolved: '6.0.0' } }, 'net8.0': { A: { type: 'Direct', resolved: '8.0.0' } } }, ['a@6.0.0 true', 'a@8.0.0 true']],
    ['a runtime-specific section adds nothing new for the same versions', { 'net8.0': { A: { type: 'Direct', resolved: '1.0.0' } }, 'net8.0/linux-x64': { A: { type: 'Direct', resolved: '1.0.0' } } }, ['a@1.0.0 true']],
    ['CentralTransitive (lock version 2) is transitive', { 'net8.0': { 'System.Text.Json': { type: 'CentralTransitive', requested: '[8.0.4, )', resolved: '8.0.4' } } }, ['system.text.json@8.0.4 false']],
    ['an unknown type says nothing of direct', { 'net8.0': { A: { type: 'Something', resolved: '1.0.0' } } }, ['a@1.0.0 undefined']],
    ['an empty framework gives nothing', { 'net8.0': {} }, []],
  ])('%s', async (_name, dependencies, want) => {
    const { packages } = await extractFiles(packagesLockExtractor, { 'packages.lock.json': lock(dependencies, 2) });
    expect(packages.map((p) => `${p.name}@${p.version} ${p.direct}`).sort()).toEqual(want);
  });

  it('unites the graph of a package across frameworks', async () => {
    const { packages } = await extractFiles(packagesLockExtractor, {
      'packages.lock.json': lock({
        'net6.0': { A: { type: 'Direct', resolved: '1.0.0', dependencies: { B: '1.0.0' } }, B: { type: 'Transitive', resolved: '1.0.0' } },
        'net8.0': { A: { type: 'Direct', resolved: '1.0.0', dependencies: { C: '2.0.0' } }, C: { type: 'Transitive', resolved: '2.0.0' } },
      }),
    });
    expect(packages.find((p) => p.name === 'a')?.dependsOn).toEqual(['pkg:nuget/b@1.0.0', 'pkg:nuget/c@2.0.0']);
  });

  it('warns of an entry without a resolved version and keeps the others', async () => {
    const { packages, warnings } = await extractFiles(packagesLockExtractor, { 'packages.lock.json': lock({ 'net8.0': { A: { type: 'Direct' }, B: { type: 'Direct', resolved: '1.0.0' } } }) });
    expect(packages.map((p) => p.name)).toEqual(['b']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'packages.lock.json', message: expect.stringContaining('line 5') })]);
  });

  it.each([
    ['broken JSON', '{ "version": 1, "dependencies": { "net8.0": { '],
    ['no dependencies map', '{ "version": 1 }'],
    ['an array', '[]'],
  ])('%s is a parse-error warning', async (_name, text) => {
    const { packages, warnings } = await extractFiles(packagesLockExtractor, { 'packages.lock.json': text });
    expect(packages).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'packages.lock.json' })]);
  });

  it.each([
    ['packages.lock.json', true],
    ['src/App/packages.lock.json', true],
    ['src/App/my.packages.lock.json', false],
    ['package-lock.json', false],
  ])('wants %s: %s', (path, want) => expect(packagesLockExtractor.wants(path, 10)).toBe(want));
});
