import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFiles } from '../scan';
import { memoryMetadataIndex } from '../deps/risk/metadata-index';
import { packageLock } from '../deps/risk/examples';
import { purlOf } from '../deps/names';
import type { PackageEntry } from '../deps/types';
import { CorrectionBudget, judgePackages, licensesScanner, MAX_CORRECTED_DECLARATIONS, type LicensesOptions, type PackageLicense } from './scanner';
import type { RepositoryLicense } from './repository';

const entry = (name: string, version: string, extra: Partial<PackageEntry> = {}): PackageEntry => ({
  ecosystem: 'npm',
  name,
  version,
  purl: purlOf('npm', name, version),
  path: 'package-lock.json',
  extractor: 'test',
  ...extra,
});

const scan = (files: Record<string, string>, options: LicensesOptions = {}) =>
  scanFiles(Object.entries(files).map(([path, content]) => ({ path, content })), { scanners: [licensesScanner], options: { licenses: options } });

describe('judgePackages', () => {
  it('flags by the default policy, one finding per package and file, every version named', async () => {
    const { findings, results } = await judgePackages(
      [
        entry('gpl-thing', '1.0.0', { license: 'GPL-3.0-only', line: 12 }),
        entry('gpl-thing', '2.0.0', { license: 'GPL-3.0-only', line: 30 }),
        entry('gpl-thing', '2.0.0', { license: 'GPL-3.0-only', path: 'web/package-lock.json' }),
        entry('left-pad', '1.3.0', { license: 'MIT' }),
      ],
      {},
    );
    expect(findings.map((f) => [f.ruleId, f.location.kind === 'package' && f.location.path, f.severity])).toEqual([
      ['LIC-STRONG-COPYLEFT', 'package-lock.json', 'high'],
      ['LIC-STRONG-COPYLEFT', 'web/package-lock.json', 'high'],
    ]);
    expect(findings[0].message).toBe('gpl-thing@1.0.0, 2.0.0 in package-lock.json is licensed GPL-3.0-only, as the lockfile records it: strong copyleft license.');
    expect(findings[0].location).toMatchObject({ kind: 'package', ecosystem: 'npm', name: 'gpl-thing', version: '1.0.0', line: 12 });
    expect(findings[0].fingerprint).not.toBe(findings[1].fingerprint);
    expect(findings[0].details?.extra).toMatchObject({ expression: 'GPL-3.0-only', category: 'strong-copyleft', source: 'lockfile', versions: ['1.0.0', '2.0.0'] });
    expect(results.map((r) => [r.ruleId, r.outcome, r.location.kind === 'package' && r.location.name])).toEqual([['LIC-UNKNOWN', 'pass', 'left-pad']]);
  });

  it('keeps a fingerprint across version bumps and line shifts', async () => {
    const before = await judgePackages([entry('agpl', '1.0.0', { license: 'AGPL-3.0-only', line: 3 })], {});
    const after = await judgePackages([entry('agpl', '1.1.0', { license: 'AGPL-3.0-only', line: 9 })], {});
    expect(after.findings[0].fingerprint).toBe(before.findings[0].fingerprint);
  });

  it('takes the lockfile license first and the registry second, and says not available when neither has one', async () => {
    const metadata = memoryMetadataIndex({ 'npm:a@1.0.0': { license: 'AGPL-3.0-only' }, 'npm:b@1.0.0': { license: 'GPL-2.0' } });
    const { findings, results, licenses } = await judgePackages(
      [entry('a', '1.0.0', { license: 'MIT' }), entry('b', '1.0.0'), entry('c', '1.0.0')],
      { metadata },
    );
    expect(findings.map((f) => [f.ruleId, f.location.kind === 'package' && f.location.name])).toEqual([['LIC-STRONG-COPYLEFT', 'b']]);
    expect(findings[0].message).toContain('as the registry records it');
    expect(licenses.map((l: PackageLicense) => [l.name, l.source, l.license?.expression])).toEqual([
      ['a', 'lockfile', 'MIT'],
      ['b', 'registry', 'GPL-2.0-only'],
      ['c', undefined, undefined],
    ]);
    expect(results.find((r) => r.outcome === 'not-available')).toMatchObject({ ruleId: 'LIC-UNKNOWN', reason: { code: 'no-dataset' } });
  });

  it('identifies a whole license text given where an id belongs (PyPI metadata often holds one)', async () => {
    const gpl = (await import('spdx-license-list/licenses/GPL-3.0-only.json')).licenseText;
    const mit = readFileSync(join(__dirname, 'testdata', 'license-files', 'mit.LICENSE'), 'utf8');
    const metadata = memoryMetadataIndex({ 'PyPI:a@1.0': { license: gpl }, 'PyPI:b@1.0': { license: mit }, 'PyPI:c@1.0': { license: 'Acme terms.\n'.repeat(40) } });
    const pypi = (name: string) => entry(name, '1.0', { ecosystem: 'PyPI', purl: `pkg:pypi/${name}@1.0`, path: 'requirements.txt' });
    const { findings, licenses } = await judgePackages([pypi('a'), pypi('b'), pypi('c')], { metadata });
    expect(findings.map((f) => [f.ruleId, f.location.kind === 'package' && f.location.name, f.confidence])).toEqual([
      ['LIC-STRONG-COPYLEFT', 'a', 'medium'],
      ['LIC-UNKNOWN', 'c', 'high'],
    ]);
    expect(licenses.map((l) => [l.name, l.license?.expression, l.license?.kind])).toEqual([
      ['a', 'GPL-3.0-only', 'spdx'],
      ['b', 'MIT', 'spdx'],
      ['c', undefined, 'custom'],
    ]);
  });

  it('stops correcting past a budget of distinct declarations per scan, with one warning', () => {
    const warnings: string[] = [];
    const budget = new CorrectionBudget((w) => warnings.push(w.code));
    for (let i = 0; i < MAX_CORRECTED_DECLARATIONS; i++) expect(budget.allows(`License ${i}`)).toBe(true);
    expect(budget.allows('License 0')).toBe(true);
    expect(budget.allows('one more')).toBe(false);
    expect(budget.allows('and another')).toBe(false);
    expect(warnings).toEqual(['license-reading-capped']);
  });

  it('reports a guessed license with medium confidence and what was declared', async () => {
    const { findings } = await judgePackages([entry('x', '1.0.0', { license: 'GPLv3' })], {});
    expect(findings[0]).toMatchObject({ ruleId: 'LIC-STRONG-COPYLEFT', confidence: 'medium' });
    expect(findings[0].message).toContain('GPL-3.0-or-later (read from "GPLv3")');
  });

  it('judges a range-only manifest entry only when nothing in its file locks the package', async () => {
    const { findings } = await judgePackages(
      [entry('x', '', { license: 'GPL-3.0-only', declared: '^1.0.0', path: 'a/package.json' }), entry('x', '1.2.0', { license: 'MIT', path: 'a/package.json' })],
      {},
    );
    expect(findings).toEqual([]);
  });
});

describe('the licenses scanner', () => {
  const licenseText = readFileSync(join(__dirname, 'testdata', 'license-files', 'isc.LICENSE'), 'utf8');

  it('extracts with the package extractors, and reports the repository license in the inventory, not as a finding', async () => {
    const result = await scan({
      'package.json': JSON.stringify({ name: 'storefront', version: '1.0.0', license: 'ISC' }),
      'package-lock.json': packageLock({ 'mongo-adapter': { version: '2.1.0', license: 'AGPL-3.0-only' }, 'left-pad': { version: '1.3.0', license: 'MIT' } }),
      LICENSE: licenseText,
      'docs/LICENSE': 'not a project folder: ignored',
      'node_modules/x/LICENSE': 'third party: ignored',
    });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['LIC-NETWORK-COPYLEFT']);
    const inventory = result.inventories.find((i) => i.scanner === 'licenses')!.items;
    const repository = inventory.filter((i): i is RepositoryLicense => (i as RepositoryLicense).kind === 'repository-license');
    expect(repository.map((r) => [r.path, r.source, r.license.expression, r.category])).toEqual([
      ['package.json', 'manifest', 'ISC', 'permissive'],
      ['LICENSE', 'text', 'ISC', 'permissive'],
    ]);
    expect(inventory.filter((i) => (i as PackageLicense).kind === 'package-license')).toHaveLength(2);
    expect(result.scanners.find((s) => s.scanner === 'licenses')).toMatchObject({ status: 'ran', findings: 1 });
  });

  it('honours the policy it is handed', async () => {
    const files = { 'package-lock.json': packageLock({ 'web-ext-lib': { version: '2.0.0', license: 'MPL-2.0' } }) };
    expect((await scan(files)).findings).toEqual([]);
    const denied = await scan(files, { policy: { mode: 'deny', deny: ['MPL-*'], severity: 'critical' } });
    expect(denied.findings.map((f) => [f.ruleId, f.severity])).toEqual([['LIC-DENIED', 'critical']]);
  });

  it('reads PyPI packages through the registry metadata', async () => {
    const result = await scan(
      { 'requirements.txt': 'pyqt5==5.15.10\nrequests==2.31.0\n' },
      { metadata: memoryMetadataIndex({ 'PyPI:pyqt5@5.15.10': { license: 'License :: OSI Approved :: GNU General Public License v3 (GPLv3)' }, 'PyPI:requests@2.31.0': { license: 'Apache-2.0' } }) },
    );
    expect(result.findings.map((f) => [f.ruleId, f.location.kind === 'package' && f.location.name])).toEqual([['LIC-STRONG-COPYLEFT', 'pyqt5']]);
  });

  it('has nothing to say about a tree without packages or license files', async () => {
    const result = await scan({ 'README.md': '# hi' });
    expect(result.findings).toEqual([]);
    expect(result.scanners.find((s) => s.scanner === 'licenses')?.status).toBe('not-run');
  });
});
