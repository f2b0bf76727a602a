// Dependencies end to end: the service syncs OSV records (the planted advisories, served by the fake
// OSV host), scans the fake organization, and the API gives exactly the planted vulnerable set, the
// license findings of the default policy, a Dependencies view and a CycloneDX SBOM; a later sync adds
// a finding by re-matching the stored inventories, without downloading any repository again.
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { z } from 'zod';
import {
  dependenciesPageSchema,
  findingDtoSchema,
  licensePolicyResponseSchema,
  pagedSchema,
  repositoryDtoSchema,
  triggerScanResponseSchema,
  type FindingDto,
  type RepositoryDto,
} from '../../service/contract/api';
import { runAdvisorySync } from '../../service/jobs/sync-advisories';
import { startFakeOsv, type FakeOsvHost } from '../fake-osv/server';
import { plantedDeps, PLANTED_ECOSYSTEMS, publishPlantedAdvisories } from '../support/planted-deps';
import { startStack, type Stack } from '../support/stack';
import { conforming, contractApi } from './contract';

const findingsPage = pagedSchema(findingDtoSchema);
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

/** `repo path:line name@version advisory` of a deps finding or a planted entry. */
const keyOf = (f: FindingDto): string => {
  if (f.location.kind !== 'package') return `not a package: ${f.locationText}`;
  return `${f.repositoryName} ${f.location.path}:${f.location.line} ${f.location.name}@${f.location.version} ${f.advisory?.id}`;
};
const plantedKey = (p: (typeof plantedDeps.planted)[number]) => `${p.repo} ${p.path}:${p.line} ${p.name}@${p.version} ${p.advisory}`;

/** The npm packument of the storefront's private UI kit (what registry.npmjs.org answers, trimmed). */
const CONTOSO_UI_KIT = {
  name: 'contoso-ui-kit',
  'dist-tags': { latest: '2.0.0' },
  versions: {
    '1.4.0': { name: 'contoso-ui-kit', version: '1.4.0', license: 'UNLICENSED', deprecated: 'contoso-ui-kit 1.x is no longer maintained: move to 2.x' },
    '2.0.0': { name: 'contoso-ui-kit', version: '2.0.0', license: 'UNLICENSED' },
  },
  time: { created: '2022-01-10T09:00:00.000Z', '1.4.0': '2023-03-01T09:00:00.000Z', '2.0.0': '2026-09-01T09:00:00.000Z' },
};

describe('dependencies, licenses and SBOMs through the service', () => {
  let stack: Stack;
  let osv: FakeOsvHost;
  let api: ReturnType<typeof contractApi>;
  let repos: Record<string, RepositoryDto>;

  /** Repository zips the service has downloaded from the fake ADO so far. */
  const zipDownloads = () => stack.fakeAdo.requests.filter((r) => /\/_apis\/git\/repositories\/[^/]+\/items$/i.test(r.path) && /format=zip/i.test(r.query)).length;
  const depsFindings = async (query = '') =>
    (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?category=deps&limit=200${query}`)).body;
  const rescanAll = async () => {
    await api.ok(triggerScanResponseSchema, stack.users.admin, 'POST', '/api/v1/scans', {});
    await new Promise((r) => setTimeout(r, 300));
    await stack.waitForScans('contoso', 120_000);
  };

  beforeAll(async () => {
    osv = await startFakeOsv();
    await publishPlantedAdvisories(osv);
    // The npm registry knows the one package whose lockfile entry has no license: proprietary, and
    // deprecated in the version the storefront locks. The other registries (and other packages) 404.
    osv.put(`/npm/contoso-ui-kit`, JSON.stringify(CONTOSO_UI_KIT));
    stack = await startStack({
      env: {
        VIGIL_OSV_BASE_URL: osv.osvBaseUrl,
        VIGIL_ADVISORY_ECOSYSTEMS: PLANTED_ECOSYSTEMS.join(','),
        VIGIL_PACKAGE_METADATA: 'on',
        VIGIL_NPM_REGISTRY_URL: osv.registries.npm,
        VIGIL_PYPI_URL: osv.registries.pypi,
        VIGIL_NUGET_URL: osv.registries.nuget,
        VIGIL_MAVEN_URL: osv.registries.maven,
      },
    });
    api = contractApi(stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await osv?.close();
  }, 60_000);

  test('before any sync, the deps scanner says the advisory database is empty; packages are stored all the same', async () => {
    await stack.connectAndScan();
    const list = conforming(z.array(repositoryDtoSchema), await stack.waitForScans('contoso', 120_000), 'repositories');
    repos = Object.fromEntries(list.map((r) => [r.name, r]));
    const deps = (name: string) => repos[name].lastScan?.scanners.find((s) => s.scanner === 'deps');
    for (const name of ['web-storefront', 'payments-api', 'orders-service', 'inventory-service']) {
      expect(deps(name)).toMatchObject({ status: 'not-run', reason: { code: 'no-dataset', text: expect.stringMatching(/advisory database is empty/i) } });
    }
    // No manifest at all: not run for want of a file, a different answer.
    expect(deps('platform-infra')).toMatchObject({ status: 'not-run', reason: { code: 'no-files' } });
    expect((await depsFindings()).total).toBe(0);

    const storefront = await api.ok(dependenciesPageSchema, stack.users.admin, 'GET', `/api/v1/repositories/${repos['web-storefront'].id}/dependencies?limit=200`);
    expect(storefront.body.inventory).toMatchObject({ commitSha: repos['web-storefront'].lastScan?.commitSha, packageCount: 13 });
    expect(storefront.body.items.map((p) => `${p.name}@${p.version}`).sort()).toEqual(
      ['@aws-sdk/client-s3@3.400.0', 'body-parser@1.19.0', 'bytes@3.1.0', 'ckeditor5@41.0.0', 'contoso-ui-kit@1.4.0', 'express@4.17.1', 'jsonwebtoken@8.5.1', 'lodash@4.17.15', 'minimist@1.2.5', 'mkdirp@0.5.5', 'ms@2.1.3', 'node-fetch@2.6.0', 'qs@6.7.0'].sort(),
    );
    expect(storefront.body.items.every((p) => p.advisories === 0)).toBe(true);
  }, 180_000);

  test('a sync brings the advisories: stored inventories are matched again, nothing is downloaded, and the planted set is found exactly', async () => {
    const downloads = zipDownloads();
    const report = await runAdvisorySync(stack.service.context);
    expect(report.ecosystems.map((e) => [e.ecosystem, e.mode, e.error])).toEqual(PLANTED_ECOSYSTEMS.map((e) => [e, 'full', undefined]));
    expect(zipDownloads()).toBe(downloads);

    const found = (await depsFindings()).items;
    const expected = plantedDeps.planted.filter((p) => !p.withheld);
    expect(found.map(keyOf).sort()).toEqual(expected.map(plantedKey).sort());
    // The control advisory's range ends before the planted version.
    for (const c of plantedDeps.controls) expect(found.some((f) => f.advisory?.id === c.advisory)).toBe(false);

    const log4j = found.find((f) => f.advisory?.id === 'GHSA-jfh8-c2jp-5v3q')!;
    expect(log4j).toMatchObject({
      severity: 'critical',
      ruleId: 'DEP-VULNERABLE-PACKAGE',
      direct: true,
      advisory: {
        aliases: ['CVE-2021-44228'],
        summary: 'Remote code injection in Log4j',
        cvss: { version: '3.1', score: 10, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' },
        fixedVersions: ['2.15.0'],
        upgrade: '2.15.0',
      },
      locationText: 'org.apache.logging.log4j:log4j-core@2.14.1 in pom.xml:19',
    });
    // Two advisories of one package: the upgrade removes both.
    for (const f of found.filter((x) => x.location.kind === 'package' && x.location.name === 'lodash')) expect(f.advisory?.upgrade).toBe('4.17.21');
    const qs = found.find((f) => f.advisory?.id === 'GHSA-hrpp-h998-j3pp')!;
    expect(qs).toMatchObject({ direct: false, location: { dependencyPath: ['express', 'qs'] } });
    for (const p of expected.filter((x) => x.direct !== undefined)) {
      expect({ key: plantedKey(p), direct: found.find((f) => keyOf(f) === plantedKey(p))?.direct }).toEqual({ key: plantedKey(p), direct: p.direct });
    }

    // Filters: ecosystem, direct or transitive, with a fix.
    const keysOf = async (query: string) => (await depsFindings(query)).items.map(keyOf).sort();
    expect(await keysOf('&ecosystem=NuGet')).toEqual(expected.filter((p) => p.ecosystem === 'NuGet').map(plantedKey).sort());
    expect(await keysOf('&dependency=transitive')).toEqual(expected.filter((p) => p.direct === false).map(plantedKey).sort());
    expect(await keysOf('&hasFix=true')).toEqual(expected.map(plantedKey).sort());
    expect(await keysOf('&hasFix=false')).toEqual([]);
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/findings?ecosystem=cobol')).status).toBe(400);
  }, 120_000);

  test('a rescan with the advisories stored finds the same set, under the same identities', async () => {
    const before = (await depsFindings()).items;
    await rescanAll();
    const after = (await depsFindings()).items;
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
    const list = (await api.ok(pagedSchema(repositoryDtoSchema), stack.users.admin, 'GET', '/api/v1/repositories?limit=200')).body.items;
    const storefront = list.find((r) => r.name === 'web-storefront')!;
    expect(storefront.lastScan?.scanners.find((s) => s.scanner === 'deps')).toMatchObject({ status: 'ran', findings: plantedDeps.planted.filter((p) => p.repo === 'web-storefront').length });
  }, 180_000);

  test('an incremental sync adds the withheld advisory by re-matching, without a new download', async () => {
    await publishPlantedAdvisories(osv, true);
    const downloads = zipDownloads();
    const zipsBefore = osv.requests.filter((p) => p.endsWith('/all.zip')).length;
    const report = await runAdvisorySync(stack.service.context);
    expect(report.ecosystems.every((e) => e.mode === 'incremental' && !e.error)).toBe(true);
    expect(osv.requests.filter((p) => p.endsWith('/all.zip')).length).toBe(zipsBefore);
    expect(zipDownloads()).toBe(downloads);
    const found = (await depsFindings()).items.map(keyOf).sort();
    expect(found).toEqual(plantedDeps.planted.map(plantedKey).sort());
  }, 120_000);

  test('the Dependencies view: advisories per package, filters, search, paging', async () => {
    const id = repos['web-storefront'].id;
    const get = async (query: string) => (await api.ok(dependenciesPageSchema, stack.users.admin, 'GET', `/api/v1/repositories/${id}/dependencies${query}`)).body;
    const all = await get('?limit=200');
    const lodash = all.items.find((p) => p.name === 'lodash')!;
    expect(lodash).toMatchObject({ version: '4.17.15', direct: true, license: 'MIT', advisories: 2, worstSeverity: 'high', path: 'package-lock.json', line: 87 });
    expect(lodash.webUrl).toContain('path=%2Fpackage-lock.json');
    // Worst first.
    expect(all.items[0]).toMatchObject({ name: 'minimist', worstSeverity: 'critical' });
    expect((await get('?hasAdvisory=true')).items.map((p) => p.name).sort()).toEqual(['express', 'jsonwebtoken', 'lodash', 'minimist', 'node-fetch', 'qs']);
    expect((await get('?direct=false&hasAdvisory=false')).items.map((p) => p.name).sort()).toEqual(['body-parser', 'bytes', 'ms']);
    expect((await get('?search=FETCH')).items.map((p) => p.name)).toEqual(['node-fetch']);
    expect((await get('?ecosystem=PyPI')).total).toBe(0);
    const first = await get('?limit=5');
    expect(first).toMatchObject({ total: 13, nextCursor: expect.any(String) });
    const second = await get(`?limit=5&cursor=${first.nextCursor}`);
    expect(second.items.map((p) => p.name)).not.toContain(first.items[0].name);
    expect((await api.problem(stack.users.admin, 'GET', `/api/v1/repositories/${id}/dependencies?direct=maybe`)).status).toBe(400);
  });

  test('licenses follow the default policy (strong copyleft high, dev scope ignored), with the registry filling what a lockfile omits', async () => {
    const id = repos['web-storefront'].id;
    const licenses = (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?category=license&repository=${id}&limit=200`)).body.items;
    const byPackage = Object.fromEntries(licenses.map((f) => [f.location.kind === 'package' ? f.location.name : f.locationText, f]));
    expect(byPackage.ckeditor5).toMatchObject({ severity: 'high', ruleId: 'LIC-STRONG-COPYLEFT', location: { kind: 'package', path: 'package-lock.json', line: 51 } });
    // mkdirp and minimist are dev dependencies, the others permissive; contoso-ui-kit's license comes from
    // the registry (UNLICENSED: proprietary, which the default policy allows).
    expect(Object.keys(byPackage)).toEqual(['ckeditor5']);
    const storefront = (await api.ok(pagedSchema(repositoryDtoSchema), stack.users.admin, 'GET', '/api/v1/repositories?limit=200')).body.items.find((r) => r.name === 'web-storefront')!;
    expect(storefront.lastScan?.scanners.find((s) => s.category === 'license')).toMatchObject({ status: 'ran', findings: 1, results: { notAvailable: 0 } });
    const kit = (await api.ok(dependenciesPageSchema, stack.users.admin, 'GET', `/api/v1/repositories/${id}/dependencies?search=contoso-ui-kit`)).body.items;
    expect(kit).toMatchObject([{ name: 'contoso-ui-kit', license: 'UNLICENSED' }]);
  });

  test('package risk: the deprecated version the registry names is a finding', async () => {
    const id = repos['web-storefront'].id;
    const risks = (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?category=package-risk&repository=${id}&limit=200`)).body.items;
    expect(risks.map((f) => [f.ruleId, f.location.kind === 'package' ? `${f.location.name}@${f.location.version}` : f.locationText])).toEqual([['PKG-DEPRECATED', 'contoso-ui-kit@1.4.0']]);
    expect(risks[0].message).toContain('move to 2.x');
  });

  test('the license policy: default until an administrator stores one, validated, and findings follow at the next scan', async () => {
    const { admin, dev } = stack.users;
    const initial = await api.ok(licensePolicyResponseSchema, dev, 'GET', '/api/v1/organization/license-policy');
    expect(initial.body).toMatchObject({ isDefault: true, policy: { mode: 'categories', flag: { 'strong-copyleft': 'high', 'network-copyleft': 'high', unknown: 'low' } } });
    const policy = { mode: 'categories', flag: { 'strong-copyleft': 'critical', 'network-copyleft': 'critical', unknown: 'off' }, ignoreDevScope: true };
    expect((await api.problem(dev, 'PUT', '/api/v1/organization/license-policy', policy)).status).toBe(403);
    const bad = await api.problem(admin, 'PUT', '/api/v1/organization/license-policy', { mode: 'categories', flag: { unknown: 'urgent' }, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.length).toBeGreaterThan(0);
    const badList = await api.problem(admin, 'PUT', '/api/v1/organization/license-policy', { mode: 'deny', deny: ['MIT; DROP TABLE'], severity: 'high' });
    expect(badList.status).toBe(400);
    const saved = await api.ok(licensePolicyResponseSchema, admin, 'PUT', '/api/v1/organization/license-policy', policy);
    expect(saved.body).toEqual({ isDefault: false, policy });
    expect((await api.ok(licensePolicyResponseSchema, dev, 'GET', '/api/v1/organization/license-policy')).body.policy).toEqual(policy);

    await api.ok(triggerScanResponseSchema, admin, 'POST', '/api/v1/scans', { repositoryId: repos['web-storefront'].id });
    await new Promise((r) => setTimeout(r, 300));
    await stack.waitForScans('contoso', 60_000);
    const licenses = (await api.ok(findingsPage, admin, 'GET', `/api/v1/findings?category=license&repository=${repos['web-storefront'].id}&limit=200`)).body.items;
    expect(licenses.map((f) => [f.location.kind === 'package' ? f.location.name : '', f.severity])).toEqual([['ckeditor5', 'critical']]);
  }, 120_000);

  test('the SBOM of a repository: valid CycloneDX 1.6, every stored package, the open advisories', async () => {
    const id = repos['web-storefront'].id;
    const res = await stack.api(stack.users.admin, 'GET', `/api/v1/repositories/${id}/sbom`);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/vnd\.cyclonedx\+json/);
    expect(await validator.validate(JSON.stringify(res.body))).toBeNull();
    const bom = res.body as { metadata: { component: { name: string; version?: string } }; components: { name: string; purl: string; licenses?: unknown }[]; vulnerabilities?: { id: string; affects: { ref: string }[] }[] };
    expect(bom.metadata.component).toMatchObject({ name: 'web-storefront' });
    expect(bom.components).toHaveLength(13);
    expect(bom.components.map((c) => c.purl)).toContain('pkg:npm/lodash@4.17.15');
    // The lockfile's license, else the registry's (as the Dependencies view shows it).
    const license = (name: string) => bom.components.find((c) => c.name === name)?.licenses;
    expect(license('ckeditor5')).toEqual([{ license: { id: 'GPL-2.0-or-later' } }]);
    expect(license('contoso-ui-kit')).toEqual([{ license: { name: 'UNLICENSED' } }]);
    expect((bom.vulnerabilities ?? []).map((v) => v.id).sort()).toEqual(plantedDeps.planted.filter((p) => p.repo === 'web-storefront').map((p) => p.advisory).sort());
    // A repository never scanned has none to give.
    expect((await api.problem(stack.users.admin, 'GET', `/api/v1/repositories/${repos['legacy-empty'].id}/sbom`)).status).toBe(404);
  });

  test('rights: project members read their project; another organization reads nothing, not even by id', async () => {
    const { dev, fabrikamAdmin } = stack.users;
    const id = repos['inventory-service'].id;
    expect((await api.ok(dependenciesPageSchema, dev, 'GET', `/api/v1/repositories/${id}/dependencies`)).body.total).toBe(4);
    expect((await stack.api(dev, 'GET', `/api/v1/repositories/${id}/sbom`)).status).toBe(200);
    expect((await api.problem(dev, 'GET', '/api/v1/repositories/00000000-0000-0000-0000-000000000000/dependencies')).status).toBe(404);

    // fabrikam, connected, asks for contoso's repository: no such repository there.
    await api.ok(z.any(), fabrikamAdmin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.fakeAdo.orgUrl('fabrikam'), pat: stack.fakeAdo.pats.fabrikam }, 'fabrikam');
    for (const route of ['dependencies', 'sbom']) {
      expect((await api.problem(fabrikamAdmin, 'GET', `/api/v1/repositories/${id}/${route}`, undefined, 'fabrikam')).status).toBe(404);
    }
    const theirs = await api.ok(licensePolicyResponseSchema, fabrikamAdmin, 'GET', '/api/v1/organization/license-policy', undefined, 'fabrikam');
    expect(theirs.body.isDefault).toBe(true);
    const fabrikamDeps = (await api.ok(findingsPage, fabrikamAdmin, 'GET', '/api/v1/findings?category=deps&limit=200', undefined, 'fabrikam')).body;
    expect(fabrikamDeps.items.every((f) => f.repositoryName === 'fiber-api')).toBe(true);
  }, 120_000);
});
