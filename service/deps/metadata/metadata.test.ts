// Package metadata: each registry source read against the fake registries (npm, PyPI, NuGet, Maven), and
// the store-backed index: cache hit, miss, expiry, absent packages cached, failures absent and not cached,
// an unreachable registry given up on quickly.
import { sql } from 'kysely';
import { databaseKinds } from '../../../test/support/databases';
import { publishMaven, publishNpm, publishNuget, publishPypi } from '../../../test/fake-osv/registries';
import { startFakeOsv, type FakeOsvHost } from '../../../test/fake-osv/server';
import type { Store } from '../../store/db';
import { prunePackageMetadata, storePackageMetadata } from '../../store/package-metadata';
import { useTestStore } from '../../store/testdata/test-store';
import { HostUnavailableError, RegistryClient } from './client';
import { storeMetadataIndex } from './index';
import { mavenSource } from './maven';
import { npmSource } from './npm';
import { nugetSource } from './nuget';
import { pypiLicense, pypiSource } from './pypi';

let fake: FakeOsvHost;
beforeAll(async () => {
  fake = await startFakeOsv();
  publishNpm(
    fake,
    'left-pad',
    [
      { version: '1.0.0', license: 'WTFPL', published: '2014-03-01T00:00:00.000Z' },
      { version: '1.3.0', license: 'WTFPL', published: '2018-04-09T00:00:00.000Z', deprecated: 'use String.prototype.padStart()' },
      { version: '1.2.0', published: '2016-01-01T00:00:00.000Z', yanked: true },
    ],
    '1.3.0',
  );
  publishNpm(fake, '@scope/pkg', [{ version: '2.0.0', license: 'MIT', published: '2023-06-01T00:00:00.000Z' }], '2.0.0');
  publishPypi(
    fake,
    'requests',
    [
      { version: '2.30.0', published: '2023-05-03T00:00:00' },
      { version: '2.31.0', published: '2023-05-22T15:12:42.313790Z' },
      { version: '2.32.0', published: '2024-05-20T00:00:00Z', yanked: true },
    ],
    { license: 'Apache 2.0', classifiers: ['License :: OSI Approved :: Apache Software License'] },
  );
  publishNuget(fake, 'Newtonsoft.Json', [
    { version: '12.0.1', license: 'MIT', published: '2018-11-27T00:00:00+00:00' },
    { version: '13.0.1', license: 'MIT', published: '2021-03-22T00:00:00+00:00' },
    { version: '13.0.2-beta1', license: 'MIT', published: '2022-11-01T00:00:00+00:00' },
  ]);
  publishNuget(
    fake,
    'Old.Package',
    [
      { version: '1.0.0', license: 'Apache-2.0', published: '2015-01-01T00:00:00+00:00', deprecated: 'no longer maintained' },
      { version: '1.0.1', published: '2015-02-01T00:00:00+00:00', yanked: true },
    ],
    { paged: true },
  );
  publishMaven(fake, 'org.apache.commons:commons-lang3', '3.12.0', ['Apache License, Version 2.0'], { version: '3.14.0', lastUpdated: '20231120101500' });
});
afterAll(() => fake.close());

const client = () => new RegistryClient({ timeoutMs: 2_000 });

describe('registry sources', () => {
  test('npm: the version\'s license and deprecation, latest tag, newest release; unpublished versions are yanked; unknown ones absent', async () => {
    const npm = npmSource({ baseUrl: fake.registries.npm, client: client() });
    expect(await npm.fetch('left-pad', '1.3.0')).toEqual({
      license: 'WTFPL',
      deprecated: 'use String.prototype.padStart()',
      latestVersion: '1.3.0',
      latestReleaseAt: '2018-04-09T00:00:00.000Z',
    });
    expect(await npm.fetch('left-pad', '1.2.0')).toMatchObject({ yanked: true });
    expect(await npm.fetch('left-pad', '9.9.9')).toBeUndefined();
    expect(await npm.fetch('@scope/pkg', '2.0.0')).toMatchObject({ license: 'MIT' });
    expect(await npm.fetch('no-such-package', '1.0.0')).toBeUndefined();
  });

  test('npm: one document per package, however many versions are asked', async () => {
    const npm = npmSource({ baseUrl: fake.registries.npm, client: client() });
    const before = fake.requests.filter((r) => r === '/npm/left-pad').length;
    await Promise.all(['1.0.0', '1.3.0', '1.2.0'].map((v) => npm.fetch('left-pad', v)));
    expect(fake.requests.filter((r) => r === '/npm/left-pad').length - before).toBe(1);
  });

  test('PyPI: a short license field, yanked releases, upload times (with and without a zone)', async () => {
    const pypi = pypiSource({ baseUrl: fake.registries.pypi, client: client() });
    expect(await pypi.fetch('requests', '2.31.0')).toEqual({ license: 'Apache 2.0', latestVersion: '2.31.0', latestReleaseAt: '2023-05-22T15:12:42.313Z' });
    expect(await pypi.fetch('requests', '2.32.0')).toMatchObject({ yanked: true });
    expect(await pypi.fetch('requests', '0.0.1')).toBeUndefined();
  });

  test('PyPI licenses: license_expression first, classifiers when the field is a whole text', () => {
    expect(pypiLicense({ license_expression: 'MIT OR Apache-2.0', license: 'x' })).toBe('MIT OR Apache-2.0');
    expect(pypiLicense({ license: 'Copyright (c) 2020\n\nPermission is hereby granted…', classifiers: ['License :: OSI Approved :: MIT License'] })).toBe('MIT');
    expect(pypiLicense({ license: 'UNKNOWN', classifiers: ['License :: OSI Approved :: BSD License', 'License :: OSI Approved :: Apache Software License'] })).toBe('(BSD License OR Apache-2.0)');
    expect(pypiLicense({ license: '', classifiers: ['Programming Language :: Python'] })).toBeUndefined();
  });

  test('NuGet: licenseExpression, listed, deprecation, published; pages fetched from their @id when not inlined', async () => {
    const nuget = nugetSource({ baseUrl: fake.registries.nuget, client: client() });
    expect(await nuget.fetch('newtonsoft.json', '13.0.1')).toEqual({ license: 'MIT', latestVersion: '13.0.1', latestReleaseAt: '2022-11-01T00:00:00.000Z' });
    expect(await nuget.fetch('old.package', '1.0.0')).toMatchObject({ license: 'Apache-2.0', deprecated: 'no longer maintained' });
    expect(await nuget.fetch('old.package', '1.0.1')).toMatchObject({ yanked: true });
    expect(fake.requests).toContain('/nuget/v3/registration5-gz-semver2/old.package/page/1.json');
    expect(await nuget.fetch('newtonsoft.json', '1.0.0')).toBeUndefined();
  });

  test('Maven: the pom\'s licenses, the latest release from maven-metadata.xml; odd coordinates are not asked for', async () => {
    const maven = mavenSource({ baseUrl: fake.registries.maven, client: client() });
    expect(await maven.fetch('org.apache.commons:commons-lang3', '3.12.0')).toEqual({
      license: 'Apache License, Version 2.0',
      latestVersion: '3.14.0',
      latestReleaseAt: '2023-11-20T10:15:00.000Z',
    });
    expect(await maven.fetch('org.apache.commons:commons-lang3', '0.1')).toBeUndefined();
    const before = fake.requests.length;
    expect(await maven.fetch('../../etc:passwd', '1.0')).toBeUndefined();
    expect(await maven.fetch('org.x:y', '../1.0')).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  });

  test('a registry that fails: errors thrown to the index, then the host is left alone for a while', async () => {
    fake.put('/npm/flaky', { status: 503, body: 'busy' });
    const c = new RegistryClient({ timeoutMs: 2_000, breakerFailures: 2, breakerMs: 60_000 });
    const npm = npmSource({ baseUrl: fake.registries.npm, client: c });
    await expect(npm.fetch('flaky', '1.0.0')).rejects.toThrow(/HTTP 503/);
    await expect(npm.fetch('flaky', '1.0.0')).rejects.toThrow(/HTTP 503/);
    const asked = fake.requests.filter((r) => r === '/npm/flaky').length;
    await expect(npm.fetch('left-pad', '1.0.0')).rejects.toThrow(HostUnavailableError);
    expect(fake.requests.filter((r) => r === '/npm/flaky').length).toBe(asked);
  });

  test('a slow registry times out', async () => {
    fake.put('/npm/slow', { body: '{}', delayMs: 1_000 });
    const npm = npmSource({ baseUrl: fake.registries.npm, client: new RegistryClient({ timeoutMs: 100 }) });
    await expect(npm.fetch('slow', '1.0.0')).rejects.toThrow();
  });
});

describe.each(databaseKinds)('store metadata index on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  test('misses are fetched and cached (answers and absences); hits come from the store; expired rows are fetched again', async () => {
    const errors: unknown[] = [];
    const index = storeMetadataIndex(store.db, [npmSource({ baseUrl: fake.registries.npm, client: client() })], { ttlSeconds: 3600, onError: (e) => errors.push(e) });
    const asked = [
      { ecosystem: 'npm' as const, name: 'left-pad', version: '1.3.0' },
      { ecosystem: 'npm' as const, name: 'no-such-package', version: '1.0.0' },
      { ecosystem: 'npm' as const, name: 'left-pad', version: '' }, // a range only: not asked
      { ecosystem: 'PyPI' as const, name: 'requests', version: '2.31.0' }, // no PyPI source here
    ];
    const first = await index.lookup(asked);
    expect(errors.map((e) => `${(e as Error).message} ${(e as { cause?: Error }).cause?.message ?? ''}`)).toEqual([]);
    expect([...first.keys()]).toEqual(['npm:left-pad@1.3.0']);
    expect(first.get('npm:left-pad@1.3.0')).toMatchObject({ license: 'WTFPL' });
    const rows = await store.db.selectFrom('package_metadata').select(['name', 'version', 'metadata']).orderBy('name').execute();
    expect(rows.map((r) => [r.name, r.version, r.metadata === null])).toEqual([
      ['left-pad', '1.3.0', false],
      ['no-such-package', '1.0.0', true],
    ]);

    const before = fake.requests.length;
    const second = await storeMetadataIndex(store.db, [npmSource({ baseUrl: fake.registries.npm, client: client() })], { ttlSeconds: 3600 }).lookup(asked);
    expect(second).toEqual(first);
    expect(fake.requests.length).toBe(before); // both answered by the cache

    await sql`UPDATE package_metadata SET expires_at = now() - interval '1 second' WHERE name = 'left-pad'`.execute(store.db);
    await storeMetadataIndex(store.db, [npmSource({ baseUrl: fake.registries.npm, client: client() })], { ttlSeconds: 3600 }).lookup(asked);
    expect(fake.requests.slice(before)).toEqual(['/npm/left-pad']);
    expect(errors).toEqual([]);
  });

  test('pruning drops rows expired longer ago than the grace period only', async () => {
    await storePackageMetadata(store.db, [
      { ecosystem: 'npm', name: 'prune-old', version: '1.0.0', metadata: { license: 'MIT' } },
      { ecosystem: 'npm', name: 'prune-recent', version: '1.0.0', metadata: null },
    ], 3600);
    await sql`UPDATE package_metadata SET expires_at = now() - interval '10 days' WHERE name = 'prune-old'`.execute(store.db);
    await sql`UPDATE package_metadata SET expires_at = now() - interval '1 day' WHERE name = 'prune-recent'`.execute(store.db);
    expect(await prunePackageMetadata(store.db, 7 * 24 * 3600)).toBe(1);
    const left = await store.db.selectFrom('package_metadata').select('name').where('name', 'like', 'prune-%').execute();
    expect(left.map((r) => r.name)).toEqual(['prune-recent']);
  });

  test('a failing registry: absent metadata, nothing thrown, nothing cached', async () => {
    fake.put('/npm/broken-registry-answer', { status: 500, body: 'oops' });
    const errors: unknown[] = [];
    const index = storeMetadataIndex(store.db, [npmSource({ baseUrl: fake.registries.npm, client: client() })], { ttlSeconds: 3600, onError: (e) => errors.push(e) });
    const found = await index.lookup([{ ecosystem: 'npm', name: 'broken-registry-answer', version: '1.0.0' }]);
    expect(found.size).toBe(0);
    expect(errors).toHaveLength(1);
    expect(await store.db.selectFrom('package_metadata').select('name').where('name', '=', 'broken-registry-answer').execute()).toEqual([]);
  });
});
