import { findingSchema } from '../../contract/model';
import { locationPath } from '../../contract/places';
import { scanFiles } from '../scan';
import type { ScanWarning } from '../types';
import { memoryAdvisoryIndex } from './advisory-index';
import { DEP_VULNERABLE_PACKAGE, vulnerabilityFacts } from './facts';
import { purlOf } from './names';
import { depsScanner, matchInventory } from './scanner';
import type { AdvisoryIndex, OsvRecord, PackageEntry } from './types';

function pkg(over: Partial<PackageEntry> & Pick<PackageEntry, 'name' | 'version'>): PackageEntry {
  const ecosystem = over.ecosystem ?? 'npm';
  return { ecosystem, path: 'package-lock.json', purl: purlOf(ecosystem, over.name, over.version), extractor: 'test', ...over };
}

function advisory(id: string, name: string, events: Record<string, string>[], over: Partial<OsvRecord> = {}, ecosystem = 'npm'): OsvRecord {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    summary: `${id} summary`,
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'SEMVER', events }] }],
    ...over,
  };
}

const qsPollution = advisory('GHSA-hrpp-h998-j3pp', 'qs', [{ introduced: '6.7.0' }, { fixed: '6.7.3' }, { introduced: '6.8.0' }, { fixed: '6.8.3' }], {
  aliases: ['CVE-2022-24999'],
  summary: 'qs vulnerable to Prototype Pollution',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
  references: [
    { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2022-24999' },
    { type: 'WEB', url: 'javascript:alert(1)' },
    ...Array.from({ length: 8 }, (_, i) => ({ type: 'WEB', url: `https://example.test/${i}` })),
  ],
  database_specific: { cwe_ids: ['CWE-1321'], severity: 'HIGH' },
});
const qsOlder = advisory('GHSA-gqgv-6jq5-jjj9', 'qs', [{ introduced: '0' }, { fixed: '6.0.4' }, { introduced: '6.7.0' }, { fixed: '6.7.2' }], { database_specific: { severity: 'MODERATE' } });
const lodashNoFix = advisory('GHSA-p6mc-m468-83gw', 'lodash', [{ introduced: '0' }], { database_specific: { severity: 'LOW' } });
const malicious = advisory('MAL-2024-1', 'qs', [{ introduced: '0' }]);
const withdrawn = advisory('GHSA-wwww-wwww-wwww', 'qs', [{ introduced: '0' }], { withdrawn: '2024-02-01T00:00:00Z' });
const requestsRedirect = advisory('PYSEC-2023-74', 'requests', [{ introduced: '2.3.0' }, { fixed: '2.31.0' }], { aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'] }, 'PyPI');

const index = memoryAdvisoryIndex([qsPollution, qsOlder, lodashNoFix, malicious, withdrawn, requestsRedirect]);

async function match(items: PackageEntry[], idx: AdvisoryIndex = index) {
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const findings = await matchInventory(items, idx, (w) => warnings.push(w));
  return { findings, warnings };
}

describe('matchInventory', () => {
  it('gives one finding per (advisory, package, manifest) with the advisory severity, facts, location and fix', async () => {
    const qs = pkg({ name: 'qs', version: '6.7.0', line: 40, direct: false, scope: 'dev', dependencyPath: ['express', 'body-parser', 'qs'] });
    const { findings } = await match([qs]);
    expect(findings.map((f) => vulnerabilityFacts(f)!.advisory).sort()).toEqual(['GHSA-gqgv-6jq5-jjj9', 'GHSA-hrpp-h998-j3pp']);
    const f = findings.find((x) => x.details?.extra?.advisory === 'GHSA-hrpp-h998-j3pp')!;
    expect(findingSchema.parse(f)).toEqual(f);
    expect(f).toMatchObject({
      ruleId: DEP_VULNERABLE_PACKAGE,
      title: 'qs@6.7.0: qs vulnerable to Prototype Pollution',
      severity: 'high',
      category: 'deps',
      confidence: 'high',
      location: { kind: 'package', path: 'package-lock.json', line: 40, ecosystem: 'npm', name: 'qs', version: '6.7.0', purl: 'pkg:npm/qs@6.7.0', dependencyPath: ['express', 'body-parser', 'qs'] },
      helpUri: 'https://osv.dev/vulnerability/GHSA-hrpp-h998-j3pp',
      cwe: ['CWE-1321'],
    });
    expect(f.message).toBe('qs 6.7.0 (npm) is affected by GHSA-hrpp-h998-j3pp, CVE-2022-24999: fixed in 6.7.3, 6.8.3; upgrade to 6.7.3.');
    expect(f.remediation).toMatch(/^Upgrade qs to 6\.7\.3 \(through the direct dependency/);
    expect(vulnerabilityFacts(f)).toEqual({
      advisory: 'GHSA-hrpp-h998-j3pp',
      aliases: ['CVE-2022-24999'],
      summary: 'qs vulnerable to Prototype Pollution',
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', score: 7.5 },
      fixedVersions: ['6.7.3', '6.8.3'],
      // 6.7.2 would fix the older advisory only: the smallest upgrade clearing both is 6.7.3.
      upgrade: '6.7.3',
      direct: false,
      scope: 'dev',
      references: ['https://nvd.nist.gov/vuln/detail/CVE-2022-24999', 'https://example.test/0', 'https://example.test/1', 'https://example.test/2', 'https://example.test/3'],
    });
    const older = findings.find((x) => x !== f)!;
    expect(older.severity).toBe('medium');
    expect(vulnerabilityFacts(older)).toMatchObject({ fixedVersions: ['6.7.2'], upgrade: '6.7.3' });
  });

  it('skips malicious-package records (package-risk reports them) and withdrawn ones', async () => {
    const { findings } = await match([pkg({ name: 'qs', version: '6.9.0' })]);
    expect(findings).toEqual([]);
  });

  it('says when no fix is known', async () => {
    const { findings } = await match([pkg({ name: 'lodash', version: '4.17.21' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('low');
    expect(findings[0].message).toBe('lodash 4.17.21 (npm) is affected by GHSA-p6mc-m468-83gw: no fixed version is known.');
    expect(vulnerabilityFacts(findings[0])).not.toHaveProperty('upgrade');
  });

  it('fingerprints by advisory, package and manifest, not version or line: a bump still vulnerable keeps the alert', async () => {
    const [before] = (await match([pkg({ name: 'lodash', version: '4.17.20', line: 3 })])).findings;
    const [after] = (await match([pkg({ name: 'lodash', version: '4.17.21', line: 9 })])).findings;
    const [elsewhere] = (await match([pkg({ name: 'lodash', version: '4.17.21', path: 'web/package-lock.json' })])).findings;
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(elsewhere.fingerprint).not.toBe(before.fingerprint);
    // One vulnerable package across manifests is one group.
    expect(elsewhere.groupKey).toBe(before.groupKey);
    const [fixed] = (await match([pkg({ name: 'qs', version: '6.7.3' })])).findings;
    expect(fixed).toBeUndefined();
  });

  it('counts an entry repeated in one file once, and one per manifest file', async () => {
    const a = pkg({ name: 'lodash', version: '4.17.20', line: 3 });
    const { findings } = await match([a, { ...a, line: 50 }, { ...a, path: 'b/package-lock.json' }]);
    expect(findings.map((f) => [locationPath(f.location), f.location.kind === 'package' && f.location.line])).toEqual([
      ['package-lock.json', 3],
      ['b/package-lock.json', 3],
    ]);
  });

  it('looks every package up in one batch', async () => {
    const lookups: number[] = [];
    const counting: AdvisoryIndex = { lookup: (p) => (lookups.push(p.length), index.lookup(p)), counts: index.counts };
    await match([pkg({ name: 'qs', version: '6.7.0' }), pkg({ name: 'lodash', version: '1.0.0' }), pkg({ name: 'lodash', version: '2.0.0', path: 'x' }), pkg({ name: 'requests', version: '2.30.0', ecosystem: 'PyPI' })], counting);
    expect(lookups).toEqual([3]);
  });

  it('does not match unversioned entries and says how many per file; unreadable versions are warnings', async () => {
    const { findings, warnings } = await match([
      pkg({ name: 'qs', version: '', declared: '^6.7.0', path: 'package.json', line: 4 }),
      pkg({ name: 'lodash', version: '', path: 'package.json' }),
      pkg({ name: 'qs', version: 'not.a.version!', line: 7 }),
    ]);
    expect(findings).toEqual([]);
    expect(warnings).toEqual([
      { code: 'no-version', path: 'package.json', message: '2 package(s) without an exact version were not matched against advisories: qs, lodash' },
      { code: 'unparsable-version', path: 'package-lock.json', line: 7, message: 'qs: "not.a.version!" is not a npm version; only advisories listing it exactly were matched' },
    ]);
  });

  it('matches other ecosystems with their own versions (PyPI)', async () => {
    const { findings } = await match([pkg({ ecosystem: 'PyPI', name: 'requests', version: '2.30.0', path: 'requirements.txt', line: 2 })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe('requests 2.30.0 (PyPI) is affected by PYSEC-2023-74, CVE-2023-32681, GHSA-j8r2-6x86-q33q: fixed in 2.31.0.');
    expect(findings[0].severity).toBe('medium'); // unrated
  });
});

describe('the deps scanner', () => {
  const files = [
    { path: 'api/requirements.txt', content: 'flask==2.3.0\nrequests==2.30.0\n' },
    { path: 'README.md', content: '# app\n' },
  ];

  it('extracts, matches and keeps the inventory', async () => {
    const result = await scanFiles(files, { scanners: [depsScanner], options: { deps: { advisories: index } } });
    expect(result.scanners[0]).toMatchObject({ scanner: 'deps', status: 'ran', findings: 1 });
    expect(result.findings.map((f) => [f.ruleId, locationPath(f.location), f.details?.extra?.advisory])).toEqual([[DEP_VULNERABLE_PACKAGE, 'api/requirements.txt', 'PYSEC-2023-74']]);
    expect((result.inventories[0].items as PackageEntry[]).map((p) => `${p.name}@${p.version}`)).toEqual(['flask@2.3.0', 'requests@2.30.0']);
  });

  it('is not run without an advisory database, or with an empty one, but still lists the inventory', async () => {
    for (const options of [{}, { deps: { advisories: memoryAdvisoryIndex([]) } }]) {
      const result = await scanFiles(files, { scanners: [depsScanner], options });
      expect(result.scanners[0]).toMatchObject({ scanner: 'deps', status: 'not-run' });
      expect(result.scanners[0].reason).toMatchObject({ code: 'no-dataset' });
      expect(result.findings).toEqual([]);
      expect(result.inventories[0].items).toHaveLength(2);
    }
    const empty = await scanFiles(files, { scanners: [depsScanner], options: { deps: { advisories: memoryAdvisoryIndex([]) } } });
    expect(empty.scanners[0].reason?.text).toMatch(/advisory database is empty/);
  });

  it('is not run when the repository has no manifest or lockfile', async () => {
    const result = await scanFiles([{ path: 'README.md', content: 'x' }], { scanners: [depsScanner], options: { deps: { advisories: index } } });
    expect(result.scanners[0]).toMatchObject({ scanner: 'deps', status: 'not-run' });
  });
});
