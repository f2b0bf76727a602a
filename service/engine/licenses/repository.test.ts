import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFiles } from '../scan';
import type { RepositoryLicense } from './repository';
import { isLicenseFilePath } from './repository';
import { licensesScanner } from './scanner';

/** The licenses scanner runs when the tree holds a package file or a license file: each case has a requirements file. */
const repositoryOf = async (files: Record<string, string>) => {
  const tree = { 'requirements.txt': '', ...files };
  const result = await scanFiles(Object.entries(tree).map(([path, content]) => ({ path, content })), { scanners: [licensesScanner] });
  expect(result.findings).toEqual([]);
  const items = (result.inventories.find((i) => i.scanner === 'licenses')?.items ?? []) as RepositoryLicense[];
  return items.filter((i) => i.kind === 'repository-license').map((r) => [r.path, r.source, r.license.expression ?? r.license.kind, r.category]);
};

const text = (name: string) => readFileSync(join(__dirname, 'testdata', 'license-files', name), 'utf8');

describe("the repository's own license", () => {
  it('is read from the manifests of the project folders and identified from their license files', async () => {
    expect(
      await repositoryOf({
        'pyproject.toml': '[project]\nname = "payments"\nversion = "1.0.0"\nlicense = "Apache-2.0"\ndependencies = ["requests==2.31.0"]\n',
        'LICENSE.md': text('bsd3.LICENSE'),
        'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.1.0"\nlicense = "MIT OR Apache-2.0"\n',
        'crates/core/Cargo.lock': 'version = 3\n\n[[package]]\nname = "core"\nversion = "0.1.0"\n',
        'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <PackageLicenseExpression>MIT</PackageLicenseExpression>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include="Serilog" Version="4.0.0" />\n  </ItemGroup>\n</Project>\n',
        'src/Api/COPYING': text('custom.LICENSE'),
        'tools/LICENSE': text('mit.LICENSE'),
      }),
    ).toEqual([
      ['pyproject.toml', 'manifest', 'Apache-2.0', 'permissive'],
      ['crates/core/Cargo.toml', 'manifest', 'MIT OR Apache-2.0', 'permissive'],
      ['src/Api/Api.csproj', 'manifest', 'MIT', 'permissive'],
      ['LICENSE.md', 'text', 'BSD-3-Clause', 'permissive'],
      ['src/Api/COPYING', 'text', 'custom', 'unknown'],
    ]);
  });

  it('reads PEP 621 license tables, classifiers and Poetry, and skips a manifest that does not parse', async () => {
    expect(await repositoryOf({ 'pyproject.toml': '[project]\nname = "a"\nlicense = { text = "GPL-3.0-or-later" }\n' })).toEqual([
      ['pyproject.toml', 'manifest', 'GPL-3.0-or-later', 'strong-copyleft'],
    ]);
    expect(await repositoryOf({ 'pyproject.toml': '[project]\nname = "a"\nclassifiers = ["License :: OSI Approved :: MIT License", "Programming Language :: Python"]\n' })).toEqual([
      ['pyproject.toml', 'manifest', 'MIT', 'permissive'],
    ]);
    expect(await repositoryOf({ 'pyproject.toml': '[tool.poetry]\nname = "a"\nlicense = "UNLICENSED"\n' })).toEqual([['pyproject.toml', 'manifest', 'proprietary', 'proprietary']]);
    expect(await repositoryOf({ 'package.json': '{ "name": "a", "license": ', 'composer.json': '{ "name": "a/b", "license": ["MIT", "GPL-2.0-only"] }' })).toEqual([
      ['composer.json', 'manifest', 'MIT OR GPL-2.0-only', 'permissive'],
    ]);
  });

  it('takes license files of the project, not of vendored or deep folders', () => {
    expect(['LICENSE', 'COPYING.LESSER', 'pkg/LICENSE-MIT', 'a/b/LICENSE.txt'].every(isLicenseFilePath)).toBe(true);
    expect(['node_modules/x/LICENSE', 'vendor/y/LICENSE', 'third_party/z/COPYING', 'a/b/c/LICENSE', 'LICENSE.js', 'docs/licenses.md'].some(isLicenseFilePath)).toBe(false);
  });
});
