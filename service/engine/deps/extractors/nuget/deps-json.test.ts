import { depsJsonExtractor } from './deps-json';
import { extractFiles } from '../testing';

const TARGET = '.NETCoreApp,Version=v8.0';
const depsJson = (targets: Record<string, unknown>, libraries: Record<string, unknown>): string =>
  JSON.stringify({ runtimeTarget: { name: TARGET, signature: '' }, compilationOptions: {}, targets: { [TARGET]: targets }, libraries }, null, 2);
const pkg = { type: 'package', serviceable: true, sha512: 'sha512-x', path: 'p', hashPath: 'h' };
const proj = { type: 'project', serviceable: false, sha512: '' };

describe('nuget/deps-json', () => {
  it('keeps package libraries with direct, graph and lines; skips projects', async () => {
    const text = depsJson(
      {
        'Contoso.Worker/1.0.0': { dependencies: { 'Serilog.Sinks.Console': '5.0.1', 'Contoso.Shared': '1.0.0' }, runtime: { 'Contoso.Worker.dll': {} } },
        'Serilog/3.1.1': { runtime: { 'lib/net7.0/Serilog.dll': { assemblyVersion: '2.0.0.0', fileVersion: '3.1.1.0' } } },
        'Serilog.Sinks.Console/5.0.1': { dependencies: { Serilog: '3.1.1' } },
        'Dapper/2.1.24': {},
        'Contoso.Shared/1.0.0': { dependencies: { Dapper: '2.1.24' } },
      },
      { 'Contoso.Worker/1.0.0': proj, 'Serilog/3.1.1': pkg, 'Serilog.Sinks.Console/5.0.1': pkg, 'Dapper/2.1.24': pkg, 'Contoso.Shared/1.0.0': { ...proj, path: undefined } },
    );
    const { packages, warnings } = await extractFiles(depsJsonExtractor, { 'bin/Release/net8.0/Contoso.Worker.deps.json': text });
    expect(warnings).toEqual([]);
    const byName = Object.fromEntries(packages.map((p) => [p.name, p]));
    expect(Object.keys(byName)).toEqual(['serilog', 'serilog.sinks.console', 'dapper']);
    expect(byName['serilog.sinks.console']).toMatchObject({
      version: '5.0.1',
      purl: 'pkg:nuget/serilog.sinks.console@5.0.1',
      direct: true,
      dependsOn: ['pkg:nuget/serilog@3.1.1'],
      dependencyPath: ['serilog.sinks.console'],
      line: text.slice(0, text.lastIndexOf('"Serilog.Sinks.Console/5.0.1"')).split('\n').length,
      extractor: 'nuget/deps-json',
    });
    expect(byName.serilog).toMatchObject({ direct: false, dependencyPath: ['serilog.sinks.console', 'serilog'] });
    // A package a referenced project of the application names is direct too.
    expect(byName.dapper).toMatchObject({ direct: true, dependencyPath: ['dapper'] });
    expect(byName.dapper.dependsOn).toBeUndefined();
  });

  it('without any project library it does not say what is direct', async () => {
    const { packages } = await extractFiles(depsJsonExtractor, { 'a.deps.json': depsJson({ 'A/1.0.0': {} }, { 'A/1.0.0': pkg }) });
    expect(packages).toHaveLength(1);
    expect(packages[0]).not.toHaveProperty('direct');
  });

  it('skips reference and runtime-pack libraries', async () => {
    const { packages } = await extractFiles(depsJsonExtractor, {
      'a.deps.json': depsJson({}, { 'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.1': { type: 'runtimepack', serviceable: false, sha512: '' }, 'System.Xml/4.0.0.0': { type: 'reference', serviceable: false, sha512: '' }, 'A/1.0.0': pkg }),
    });
    expect(packages.map((p) => p.name)).toEqual(['a']);
  });

  it('warns of a library key without a version and keeps the others', async () => {
    const { packages, warnings } = await extractFiles(depsJsonExtractor, { 'a.deps.json': depsJson({}, { NoVersion: pkg, 'A/1.0.0': pkg }) });
    expect(packages.map((p) => p.name)).toEqual(['a']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: expect.stringMatching(/^line \d+: library "NoVersion"/) })]);
  });

  it.each([
    ['broken JSON', '{"libraries": {'],
    ['no libraries', '{"targets": {}}'],
  ])('%s is a parse-error warning', async (_name, text) => {
    const { packages, warnings } = await extractFiles(depsJsonExtractor, { 'a.deps.json': text });
    expect(packages).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'a.deps.json' })]);
  });

  it.each([
    ['bin/Debug/net8.0/App.deps.json', true],
    ['App.deps.json', true],
    ['App.runtimeconfig.json', false],
    ['deps.json.bak', false],
  ])('wants %s: %s', (path, want) => expect(depsJsonExtractor.wants(path, 10)).toBe(want));
});
