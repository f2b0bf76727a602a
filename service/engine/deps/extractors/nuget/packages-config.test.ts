import { packagesConfigExtractor } from './packages-config';
import { extractFiles } from '../testing';

const config = (...packages: string[]): string => `<?xml version="1.0" encoding="utf-8"?>\n<packages>\n${packages.map((p) => `  ${p}\n`).join('')}</packages>\n`;

describe('nuget/packages-config', () => {
  it.each([
    ['a package', '<package id="Newtonsoft.Json" version="12.0.3" targetFramework="net472" />', { name: 'newtonsoft.json', version: '12.0.3', purl: 'pkg:nuget/newtonsoft.json@12.0.3', line: 3 }],
    ['a development dependency', '<package id="StyleCop.Analyzers" version="1.1.118" targetFramework="net472" developmentDependency="true" />', { name: 'stylecop.analyzers', scope: 'dev' }],
    ['developmentDependency="false"', '<package id="A" version="1.0.0" developmentDependency="false" />', { name: 'a' }, ['scope']],
    ['a four-part version', '<package id="Microsoft.AspNet.Mvc" version="5.2.7.0" />', { version: '5.2.7.0' }],
    ['allowedVersions is not the version', '<package id="A" version="1.2.0" allowedVersions="[1,2)" />', { version: '1.2.0' }, ['declared']],
  ] as [string, string, object, string[]?][])('%s', async (_name, element, want, absent = []) => {
    const { packages, warnings } = await extractFiles(packagesConfigExtractor, { 'src/Web/packages.config': config(element) });
    expect(warnings).toEqual([]);
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({ ecosystem: 'NuGet', path: 'src/Web/packages.config', extractor: 'nuget/packages-config', ...want });
    for (const field of ['direct', ...absent]) expect(packages[0]).not.toHaveProperty(field);
  });

  it('skips a package without id or version with a warning naming its line', async () => {
    const { packages, warnings } = await extractFiles(packagesConfigExtractor, { 'packages.config': config('<package id="A" />', '<package version="1.0" />', '<package id="B" version="2.0.0" />') });
    expect(packages.map((p) => p.name)).toEqual(['b']);
    expect(warnings.map((w) => [w.code, w.message.slice(0, 6)])).toEqual([
      ['parse-error', 'line 3'],
      ['parse-error', 'line 4'],
    ]);
  });

  it.each([
    ['an empty <packages/>', '<packages/>', 0, 0],
    ['no <packages> root', '<configuration />', 0, 1],
    ['malformed XML', '<packages>\n<package id="A" version="1.0">\n</packages>', 0, 1],
    ['an entity bomb', '<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<packages><package id="&b;" version="1.0.0"/></packages>', 0, 1],
  ])('%s', async (_name, text, count, warningCount) => {
    const { packages, warnings } = await extractFiles(packagesConfigExtractor, { 'packages.config': text });
    expect(packages).toHaveLength(count);
    expect(warnings.filter((w) => w.code === 'parse-error')).toHaveLength(warningCount);
  });

  it.each([
    ['packages.config', true],
    ['src/App/packages.config', true],
    ['src/App/packages.App.config', true],
    ['src/App/Packages.config', true],
    ['src/App/app.config', false],
    ['web.config', false],
  ])('wants %s: %s', (path, want) => expect(packagesConfigExtractor.wants(path, 10)).toBe(want));
});
