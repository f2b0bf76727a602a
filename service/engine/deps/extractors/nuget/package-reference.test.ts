import { packageReferenceExtractor } from './package-reference';
import { extractFiles } from '../testing';

const project = (items: string, properties = ''): string =>
  `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n${properties}  </PropertyGroup>\n  <ItemGroup>\n${items}\n  </ItemGroup>\n</Project>\n`;

const central = (versions: string, properties = '', managed = 'true'): string =>
  `<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>${managed}</ManagePackageVersionsCentrally>\n${properties}  </PropertyGroup>\n  <ItemGroup>\n${versions}\n  </ItemGroup>\n</Project>\n`;

const summary = (p: { name: string; version: string; declared?: string; scope?: string }): string =>
  `${p.name}@${p.version}${p.declared !== undefined ? ` declared=${p.declared}` : ''}${p.scope ? ` scope=${p.scope}` : ''}`;

describe('nuget/package-reference', () => {
  it.each([
    ['a Version attribute', '<PackageReference Include="Serilog.AspNetCore" Version="8.0.0" />', '', ['serilog.aspnetcore@8.0.0']],
    ['a Version child element', '<PackageReference Include="Dapper">\n  <Version>2.1.24</Version>\n</PackageReference>', '', ['dapper@2.1.24']],
    ['names and attributes in any case', '<packagereference include="A" version="1.0.0" />', '', ['a@1.0.0']],
    ['VersionOverride wins', '<PackageReference Include="A" Version="1.0.0" VersionOverride="1.2.0" />', '', ['a@1.2.0']],
    ['PrivateAssets all is a build dependency', '<PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="All" />', '', ['stylecop.analyzers@1.1.118 scope=build']],
    ['PrivateAssets as a child element', '<PackageReference Include="Microsoft.SourceLink.GitHub" Version="8.0.0">\n  <PrivateAssets>all</PrivateAssets>\n  <IncludeAssets>runtime; build; native; contentfiles; analyzers</IncludeAssets>\n</PackageReference>', '', ['microsoft.sourcelink.github@8.0.0 scope=build']],
    ['PrivateAssets other than all ships', '<PackageReference Include="A" Version="1.0.0" PrivateAssets="contentfiles;analyzers" />', '', ['a@1.0.0']],
    ['a floating version', '<PackageReference Include="A" Version="1.*" />', '', ['a@ declared=1.*']],
    ['a range', '<PackageReference Include="A" Version="[1.0,2.0)" />', '', ['a@ declared=[1.0,2.0)']],
    ['an exact range is the version', '<PackageReference Include="A" Version="[2.3.0]" />', '', ['a@2.3.0 declared=[2.3.0]']],
    ['a property of the file', '<PackageReference Include="AWSSDK.S3" Version="$(AwsSdkVersion)" />', '    <AwsSdkVersion>3.7.300.2</AwsSdkVersion>\n', ['awssdk.s3@3.7.300.2']],
    ['a property naming a property', '<PackageReference Include="A" Version="$(V)" />', '    <Major>4</Major>\n    <V>$(Major).1.0</V>\n', ['a@4.1.0']],
    ['Update and Remove items are not references', '<PackageReference Update="A" Version="1.0.0" />\n<PackageReference Remove="B" />\n<PackageReference Include="C" Version="1.0.0" />', '', ['c@1.0.0']],
    ['one Include naming two packages', '<PackageReference Include="A;B" Version="1.0.0" />', '', ['a@1.0.0', 'b@1.0.0']],
    ['a conditional ItemGroup still counts', '</ItemGroup>\n<ItemGroup Condition="\'$(TargetFramework)\' == \'net6.0\'">\n<PackageReference Include="A" Version="6.0.0" />', '', ['a@6.0.0']],
  ])('%s', async (_name, items, properties, want) => {
    const { packages, warnings } = await extractFiles(packageReferenceExtractor, { 'src/Api/Api.csproj': project(items, properties) });
    expect(warnings).toEqual([]);
    expect(packages.map(summary)).toEqual(want);
    for (const p of packages) expect(p).toMatchObject({ ecosystem: 'NuGet', direct: true, path: 'src/Api/Api.csproj', extractor: 'nuget/package-reference' });
  });

  it('gives each entry the line of its element', async () => {
    const text = project('    <PackageReference Include="A" Version="1.0.0" />\n    <PackageReference Include="B">\n      <Version>2.0.0</Version>\n    </PackageReference>');
    const { packages } = await extractFiles(packageReferenceExtractor, { 'App.csproj': text });
    expect(packages.map((p) => p.line)).toEqual([6, 7]);
  });

  it.each([
    ['an unknown property', '<PackageReference Include="A" Version="$(VersionFromCommandLine)" />', '', 'a@ declared=$(VersionFromCommandLine)'],
    ['a conditional property', '<PackageReference Include="A" Version="$(V)" />', '  </PropertyGroup>\n  <PropertyGroup Condition="\'$(Configuration)\' == \'Release\'">\n    <V>1.0.0</V>\n', 'a@ declared=$(V)'],
    ['a property function', '<PackageReference Include="A" Version="$([System.DateTime]::Now.Year).0.0" />', '', 'a@ declared=$([System.DateTime]::Now.Year).0.0'],
    ['a property naming itself', '<PackageReference Include="A" Version="$(V)" />', '    <V>$(V)</V>\n', 'a@ declared=$(V)'],
    [
      'properties naming each other many times (exponential if not remembered)',
      '<PackageReference Include="A" Version="$(P0)" />',
      Array.from({ length: 30 }, (_, i) => `    <P${i}>${i === 29 ? '1' : `$(P${i + 1})`.repeat(50)}</P${i}>\n`).join(''),
      'a@ declared=$(P0)',
    ],
    ['no version and no central management', '<PackageReference Include="A" />', '', 'a@'],
  ])('%s: no version, what is written, and an unresolved-version warning', async (_name, items, properties, want) => {
    const { packages, warnings } = await extractFiles(packageReferenceExtractor, { 'App.csproj': project(items, properties) });
    expect(packages.map(summary)).toEqual([want]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'unresolved-version', path: 'App.csproj', message: expect.stringMatching(/^line \d+: A /) })]);
  });

  it('skips a reference whose name cannot be resolved', async () => {
    const { packages, warnings } = await extractFiles(packageReferenceExtractor, { 'App.csproj': project('<PackageReference Include="$(Pkg)" Version="1.0.0" />') });
    expect(packages).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'unresolved-name' })]);
  });

  describe('central package management', () => {
    const props = central(
      '    <PackageVersion Include="Serilog" Version="3.1.1" />\n    <PackageVersion Include="Polly" Version="$(PollyVersion)" />\n    <PackageVersion Include="xunit">\n      <Version>2.6.6</Version>\n    </PackageVersion>',
      '    <PollyVersion>8.2.1</PollyVersion>\n',
    );

    it('takes versions from the nearest Directory.Packages.props above the project', async () => {
      const { packages, warnings } = await extractFiles(packageReferenceExtractor, {
        'Directory.Packages.props': props,
        'src/Web/Web.csproj': project('<PackageReference Include="serilog" />\n<PackageReference Include="Polly" />\n<PackageReference Include="xunit" VersionOverride="2.7.0" />'),
      });
      expect(warnings).toEqual([]);
      expect(packages.map(summary)).toEqual(['serilog@3.1.1', 'polly@8.2.1', 'xunit@2.7.0']);
    });

    it('a nearer props file wins, and its name may be in any case', async () => {
      const { packages } = await extractFiles(packageReferenceExtractor, {
        'Directory.Packages.props': props,
        'tests/directory.packages.props': central('<PackageVersion Include="Serilog" Version="2.12.0" />'),
        'tests/Web.Tests/Web.Tests.csproj': project('<PackageReference Include="Serilog" />'),
      });
      expect(packages.map(summary)).toEqual(['serilog@2.12.0']);
    });

    it('a package the props file does not list has no version and a warning naming the props file', async () => {
      const { packages, warnings } = await extractFiles(packageReferenceExtractor, { 'Directory.Packages.props': props, 'App.csproj': project('<PackageReference Include="Dapper" />') });
      expect(packages.map(summary)).toEqual(['dapper@']);
      expect(warnings).toEqual([expect.objectContaining({ code: 'unresolved-version', message: expect.stringContaining('Directory.Packages.props has no PackageVersion') })]);
    });

    it('is off unless ManagePackageVersionsCentrally is true', async () => {
      const { packages, warnings } = await extractFiles(packageReferenceExtractor, {
        'Directory.Packages.props': central('<PackageVersion Include="Serilog" Version="3.1.1" />', '', 'false'),
        'App.csproj': project('<PackageReference Include="Serilog" />'),
      });
      expect(packages.map(summary)).toEqual(['serilog@']);
      expect(warnings.map((w) => w.code)).toEqual(['unresolved-version']);
    });

    it('a project may turn it off', async () => {
      const { packages } = await extractFiles(packageReferenceExtractor, {
        'Directory.Packages.props': props,
        'App.csproj': project('<PackageReference Include="Serilog" />', '    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n'),
      });
      expect(packages.map(summary)).toEqual(['serilog@']);
    });

    it('GlobalPackageReference items of the props file are its own build dependencies', async () => {
      const { packages, warnings } = await extractFiles(packageReferenceExtractor, {
        'Directory.Packages.props': central('<PackageVersion Include="Serilog" Version="3.1.1" />\n  </ItemGroup>\n  <ItemGroup>\n    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />'),
        'App.csproj': project('<PackageReference Include="Serilog" />'),
      });
      expect(warnings).toEqual([]);
      expect(packages.map((p) => `${p.path} ${summary(p)} line ${p.line}`).sort()).toEqual(['App.csproj serilog@3.1.1 line 6', 'Directory.Packages.props nerdbank.gitversioning@3.6.133 scope=build line 9']);
    });

    it('an empty Version attribute does not hide the central version', async () => {
      const { packages } = await extractFiles(packageReferenceExtractor, { 'Directory.Packages.props': props, 'App.csproj': project('<PackageReference Include="Serilog" Version="" />') });
      expect(packages.map(summary)).toEqual(['serilog@3.1.1']);
    });

    it('a broken props file is one warning with its own path; the projects are still read', async () => {
      const { packages, warnings } = await extractFiles(packageReferenceExtractor, {
        'Directory.Packages.props': '<Project><ItemGroup>',
        'a/A.csproj': project('<PackageReference Include="Serilog" />'),
        'b/B.csproj': project('<PackageReference Include="Polly" Version="8.2.1" />'),
      });
      expect(packages.map(summary)).toEqual(['serilog@', 'polly@8.2.1']);
      expect(warnings.filter((w) => w.code === 'parse-error')).toEqual([expect.objectContaining({ path: 'Directory.Packages.props' })]);
    });
  });

  it.each([
    ['IsTestProject', '<PackageReference Include="xunit" Version="2.6.6" />', '    <IsTestProject>true</IsTestProject>\n'],
    ['a reference to Microsoft.NET.Test.Sdk', '<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.8.0" />\n<PackageReference Include="xunit" Version="2.6.6" />', ''],
  ])('every reference of a test project (%s) is a test dependency', async (_name, items, properties) => {
    const { packages } = await extractFiles(packageReferenceExtractor, { 'tests/Api.Tests.csproj': project(`${items}\n<PackageReference Include="coverlet.collector" Version="6.0.0" PrivateAssets="all" />`, properties) });
    expect(packages.map(summary).filter((s) => !s.startsWith('microsoft.net.test.sdk'))).toEqual(['xunit@2.6.6 scope=test', 'coverlet.collector@6.0.0 scope=build']);
  });

  it('reads properties of Directory.Build.props, and its own references', async () => {
    const buildProps = '<Project>\n  <PropertyGroup>\n    <SerilogVersion>3.1.1</SerilogVersion>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" PrivateAssets="all" />\n  </ItemGroup>\n</Project>\n';
    const { packages, warnings } = await extractFiles(packageReferenceExtractor, {
      'Directory.Build.props': buildProps,
      'src/Lib/Lib.fsproj': project('<PackageReference Include="Serilog" Version="$(SerilogVersion)" />'),
    });
    expect(warnings).toEqual([]);
    expect(packages.map((p) => `${p.path} ${summary(p)}`)).toEqual(['Directory.Build.props nerdbank.gitversioning@3.6.133 scope=build', 'src/Lib/Lib.fsproj serilog@3.1.1']);
  });

  it.each([
    ['malformed XML', '<Project><ItemGroup>'],
    ['no <Project>', '<Root />'],
    ['an external entity', '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Project><ItemGroup><PackageReference Include="&x;" Version="1.0.0"/></ItemGroup></Project>'],
  ])('%s is a parse-error warning', async (_name, text) => {
    const { packages, warnings } = await extractFiles(packageReferenceExtractor, { 'App.csproj': text });
    expect(packages).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'App.csproj' })]);
  });

  it.each([
    ['src/App/App.csproj', true],
    ['App.fsproj', true],
    ['App.VBPROJ', true],
    ['Directory.Build.props', true],
    ['src/directory.build.props', true],
    ['Directory.Packages.props', true],
    ['App.sln', false],
    ['App.csproj.user', false],
  ])('wants %s: %s', (path, want) => expect(packageReferenceExtractor.wants(path, 10)).toBe(want));
});
