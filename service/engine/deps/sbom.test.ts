import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { fingerprint } from '../fingerprint';
import type { Finding, ScanResult } from '../types';
import { DEP_VULNERABLE_PACKAGE, factsToExtra, type VulnerabilityFacts } from './facts';
import { purlOf } from './names';
import { licensesOf, toCycloneDx } from './sbom';
import type { PackageEntry } from './types';

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
/** The schema's errors for `doc`, or null when it is valid CycloneDX 1.6 (strict). */
const schemaErrors = (doc: unknown): Promise<unknown> => validator.validate(JSON.stringify(doc));

function pkg(over: Partial<PackageEntry> & Pick<PackageEntry, 'ecosystem' | 'name' | 'version' | 'path'>): PackageEntry {
  return { purl: purlOf(over.ecosystem, over.name, over.version), extractor: 'test', ...over };
}

const express = pkg({ ecosystem: 'npm', name: 'express', version: '4.17.1', path: 'package-lock.json', line: 10, direct: true, license: 'MIT', dependsOn: [purlOf('npm', 'qs', '6.7.0')] });
const qs = pkg({ ecosystem: 'npm', name: 'qs', version: '6.7.0', path: 'package-lock.json', line: 40, direct: false, license: 'BSD-3-Clause', dependencyPath: ['express', 'qs'] });
const types = pkg({ ecosystem: 'npm', name: '@types/node', version: '20.1.0', path: 'package-lock.json', line: 60, direct: true, scope: 'dev', license: '(MIT OR Apache-2.0)' });
const jackson = pkg({ ecosystem: 'Maven', name: 'com.fasterxml.jackson.core:jackson-databind', version: '2.9.8', path: 'pom.xml', line: 22, direct: true });
const requests = pkg({ ecosystem: 'PyPI', name: 'requests', version: '2.19.0', path: 'requirements.txt', line: 1, direct: true, license: 'Apache 2.0 (see LICENSE)' });
const unpinned = pkg({ ecosystem: 'PyPI', name: 'flask', version: '', path: 'requirements.txt', line: 2, direct: true, declared: '>=2' });
// The same qs in a second lockfile, runtime there.
const qsAgain = { ...qs, path: 'web/package-lock.json', line: 7 };

function vulnFinding(entry: PackageEntry, facts: Partial<VulnerabilityFacts> & { advisory: string }, severity: Finding['severity'] = 'high'): Finding {
  const full: VulnerabilityFacts = { aliases: [], summary: '', fixedVersions: [], references: [], ...facts };
  return {
    ruleId: DEP_VULNERABLE_PACKAGE,
    title: `${entry.name}@${entry.version}: ${full.summary}`,
    severity,
    category: 'deps',
    confidence: 'high',
    message: `${entry.name} ${entry.version} is affected by ${full.advisory}`,
    location: { kind: 'package', path: entry.path, line: entry.line, ecosystem: entry.ecosystem, name: entry.name, version: entry.version, purl: entry.purl },
    fingerprint: fingerprint(full.advisory, entry.name, entry.path),
    details: { extra: factsToExtra(full) },
    remediation: 'Upgrade it.',
  };
}

const qsAdvisory = {
  advisory: 'GHSA-hrpp-h998-j3pp',
  aliases: ['CVE-2022-24999'],
  summary: 'qs vulnerable to Prototype Pollution',
  cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', score: 7.5 },
  fixedVersions: ['6.7.3'],
  upgrade: '6.7.3',
  references: ['https://nvd.nist.gov/vuln/detail/CVE-2022-24999'],
};

function scan(items: PackageEntry[], findings: Finding[] = []): Pick<ScanResult, 'inventories' | 'findings'> {
  return { inventories: [{ scanner: 'deps', items }, { scanner: 'licenses', items: [{ unrelated: true }] }], findings };
}

const opts = { name: 'web-storefront', version: 'abc123', toolVersion: '1.2.3', timestamp: '2026-12-07T08:00:00.000Z' };

describe('toCycloneDx', () => {
  const result = scan([express, qs, types, jackson, requests, unpinned, qsAgain], [
    vulnFinding(qs, qsAdvisory),
    vulnFinding(qsAgain, qsAdvisory),
    vulnFinding(jackson, { advisory: 'GHSA-5949-rw7g-wx7w', aliases: ['CVE-2019-12086'], summary: 'Polymorphic typing issue', fixedVersions: ['2.9.9'] }, 'medium'),
    // Not a dependency finding: ignored.
    { ...vulnFinding(express, { advisory: 'X' }), ruleId: 'SEC-OTHER', category: 'secret' },
  ]);
  const bom = toCycloneDx(result, { ...opts, serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' });

  it('is valid CycloneDX 1.6 (strict schema)', async () => {
    expect(await schemaErrors(bom)).toBeNull();
  });

  it('lists every package once per purl, with group, version, purl, bom-ref, licenses and scope', () => {
    expect(bom.components.map((c) => c.purl)).toEqual([express.purl, qs.purl, types.purl, jackson.purl, requests.purl, unpinned.purl]);
    expect(bom.components[0]).toEqual({ type: 'library', 'bom-ref': express.purl, name: 'express', version: '4.17.1', purl: 'pkg:npm/express@4.17.1', licenses: [{ license: { id: 'MIT' } }], scope: 'required' });
    expect(bom.components[2]).toMatchObject({ group: '@types', name: 'node', licenses: [{ expression: '(MIT OR Apache-2.0)' }], scope: 'optional' });
    expect(bom.components[3]).toMatchObject({ group: 'com.fasterxml.jackson.core', name: 'jackson-databind', purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8' });
    expect(bom.components[3].licenses).toBeUndefined();
    expect(bom.components[4].licenses).toEqual([{ license: { name: 'Apache 2.0 (see LICENSE)' } }]);
    expect(bom.components[5]).toEqual({ type: 'library', 'bom-ref': 'pkg:pypi/flask', name: 'flask', purl: 'pkg:pypi/flask', scope: 'required' });
  });

  it('has the dependency graph: the repository depends on the direct packages, packages on what their lockfile says', () => {
    expect(bom.dependencies[0]).toEqual({ ref: 'vigil:repository', dependsOn: [express.purl, types.purl, jackson.purl, requests.purl, unpinned.purl] });
    expect(bom.dependencies).toContainEqual({ ref: express.purl, dependsOn: [qs.purl] });
    expect(bom.dependencies).toContainEqual({ ref: qs.purl });
    expect(bom.dependencies).toHaveLength(1 + bom.components.length);
  });

  it('has metadata: timestamp, Vigil as the tool, the repository as the component', () => {
    expect(bom.serialNumber).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    expect(bom.metadata).toEqual({
      timestamp: '2026-12-07T08:00:00.000Z',
      tools: { components: [{ type: 'application', name: 'Vigil', version: '1.2.3' }] },
      component: { type: 'application', 'bom-ref': 'vigil:repository', name: 'web-storefront', version: 'abc123' },
    });
  });

  it('lists each advisory once, with OSV as source, aliases, CVSS rating, recommendation and the components it affects', () => {
    expect(bom.vulnerabilities).toHaveLength(2);
    expect(bom.vulnerabilities![0]).toEqual({
      'bom-ref': 'vuln:GHSA-hrpp-h998-j3pp',
      id: 'GHSA-hrpp-h998-j3pp',
      source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GHSA-hrpp-h998-j3pp' },
      references: [{ id: 'CVE-2022-24999', source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2022-24999' } }],
      ratings: [{ source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GHSA-hrpp-h998-j3pp' }, score: 7.5, severity: 'high', method: 'CVSSv31', vector: qsAdvisory.cvss.vector }],
      description: 'qs vulnerable to Prototype Pollution',
      recommendation: 'Upgrade to qs 6.7.3',
      advisories: [{ url: 'https://nvd.nist.gov/vuln/detail/CVE-2022-24999' }],
      affects: [{ ref: qs.purl }],
    });
    expect(bom.vulnerabilities![1]).toMatchObject({ id: 'GHSA-5949-rw7g-wx7w', ratings: [{ severity: 'medium', method: 'other' }], recommendation: 'Fixed in 2.9.9', affects: [{ ref: jackson.purl }] });
  });

  it('is deterministic for the same input, and an empty scan is a valid empty SBOM', async () => {
    expect(toCycloneDx(result, opts)).toEqual(toCycloneDx(result, opts));
    const empty = toCycloneDx({ inventories: [], findings: [] }, { name: 'empty' });
    expect(empty.components).toEqual([]);
    expect(empty.vulnerabilities).toBeUndefined();
    expect(await schemaErrors(empty)).toBeNull();
  });

  it('the schema check catches an invalid document (so the validity test can fail)', async () => {
    expect(await schemaErrors({ ...bom, components: [{ ...bom.components[0], type: 'package' }] })).not.toBeNull();
    expect(await schemaErrors({ ...bom, components: [{ ...bom.components[0], licenses: [{ license: { id: 'Not-A-License' } }] }] })).not.toBeNull();
    expect(await schemaErrors({ ...bom, specVersion: '1.6', extra: true })).not.toBeNull();
  });
});

describe('licensesOf', () => {
  test.each([
    ['MIT', [{ license: { id: 'MIT' } }]],
    ['Apache-2.0 OR MIT', [{ expression: 'Apache-2.0 OR MIT' }]],
    ['GPL-2.0-only WITH Classpath-exception-2.0', [{ expression: 'GPL-2.0-only WITH Classpath-exception-2.0' }]],
    ['LicenseRef-acme', [{ expression: 'LicenseRef-acme' }]],
    ['UNLICENSED', [{ license: { name: 'UNLICENSED' } }]],
    ['BSD', [{ license: { name: 'BSD' } }]],
    ['  ', [{ license: { name: 'unknown' } }]],
  ])('%j', async (text, expected) => {
    const licenses = licensesOf(text);
    expect(licenses).toEqual(expected);
    const doc = toCycloneDx(scan([pkg({ ecosystem: 'npm', name: 'a', version: '1.0.0', path: 'p', license: text })]), opts);
    expect(await schemaErrors(doc)).toBeNull();
  });
});
