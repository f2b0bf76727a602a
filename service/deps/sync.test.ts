// The OSV mirror's sync against the fake OSV host, on PGlite and (with TEST_DATABASE_URL) PostgreSQL:
// a first sync reads all.zip, later ones modified_id.csv and single records; withdrawn records leave the
// lookups; a failing ecosystem is recorded without stopping the others.
import { databaseKinds } from '../../test/support/databases';
import { osvRecord, osvZip, publishEcosystem } from '../../test/fake-osv/osv-fixtures';
import { startFakeOsv, type FakeOsvHost } from '../../test/fake-osv/server';
import { advisoryPackagesChangedSince, advisoryStatus, databaseNow, getAdvisorySyncState } from '../store/advisories';
import type { Store } from '../store/db';
import { useTestStore } from '../store/testdata/test-store';
import { storeAdvisoryIndex } from './store-index';
import { syncAdvisories, type AdvisorySyncSettings } from './sync';

describe.each(databaseKinds)('advisory sync on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  let fake: FakeOsvHost;
  beforeAll(async () => {
    store = openStoreOf();
    fake = await startFakeOsv();
  });
  afterAll(() => fake.close());
  const settings = (over: Partial<AdvisorySyncSettings> = {}): AdvisorySyncSettings => ({ baseUrl: fake.osvBaseUrl, ecosystems: ['npm', 'PyPI'], ...over });

  const npmV1 = [
    osvRecord({ id: 'GHSA-aaaa-aaaa-aaaa', ecosystem: 'npm', packages: ['lodash'], modified: '2024-03-01T00:00:00Z', aliases: ['CVE-2024-0001'], fixed: '4.17.21' }),
    osvRecord({ id: 'GHSA-bbbb-bbbb-bbbb', ecosystem: 'npm', packages: ['minimist', '@scope/pkg'], modified: '2024-03-02T00:00:00Z' }),
    osvRecord({ id: 'MAL-2024-0001', ecosystem: 'npm', packages: ['evil-pkg'], modified: '2024-03-03T00:00:00Z' }),
  ];
  const pypiV1 = [osvRecord({ id: 'PYSEC-2024-1', ecosystem: 'PyPI', packages: ['Django_REST.framework'], modified: '2024-02-01T00:00:00Z' })];

  test('a first sync reads each ecosystem\'s all.zip; names normalised, MAL- kept as malicious, aliases kept', async () => {
    await publishEcosystem(fake, 'npm', npmV1);
    await publishEcosystem(fake, 'PyPI', pypiV1);
    fake.requests.length = 0;
    const report = await syncAdvisories(store.db, settings());
    expect(fake.requests).toEqual(['/osv/npm/all.zip', '/osv/PyPI/all.zip']);
    expect(report.ecosystems.map((e) => [e.ecosystem, e.mode, e.read, e.written, e.recordCount, e.malicious, e.error])).toEqual([
      ['npm', 'full', 3, 3, 3, 1, undefined],
      ['PyPI', 'full', 1, 1, 1, 0, undefined],
    ]);
    expect(report.changedPackages).toEqual(
      expect.arrayContaining([
        { ecosystem: 'npm', name: 'lodash' },
        { ecosystem: 'npm', name: '@scope/pkg' },
        { ecosystem: 'PyPI', name: 'django-rest-framework' },
      ]),
    );
    const index = storeAdvisoryIndex(store.db);
    expect(await index.counts()).toEqual({ npm: 3, PyPI: 1 });
    const found = await index.lookup([
      { ecosystem: 'npm', name: 'lodash' },
      { ecosystem: 'npm', name: 'evil-pkg' },
      { ecosystem: 'PyPI', name: 'django-rest-framework' },
      { ecosystem: 'npm', name: 'not-affected' },
    ]);
    expect([...found.keys()].sort()).toEqual(['PyPI:django-rest-framework', 'npm:evil-pkg', 'npm:lodash']);
    expect(found.get('npm:lodash')![0]).toMatchObject({ id: 'GHSA-aaaa-aaaa-aaaa', aliases: ['CVE-2024-0001'] });
    const row = await store.db.selectFrom('advisories').select(['kind', 'aliases', 'ecosystems']).where('id', '=', 'MAL-2024-0001').executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'malicious', aliases: [], ecosystems: ['npm'] });
    const lodash = await store.db.selectFrom('advisories').select(['kind', 'aliases']).where('id', '=', 'GHSA-aaaa-aaaa-aaaa').executeTakeFirstOrThrow();
    expect(lodash).toEqual({ kind: 'advisory', aliases: ['CVE-2024-0001'] });
    const state = await getAdvisorySyncState(store.db, 'npm');
    expect(state?.lastModified?.toISOString()).toBe('2024-03-03T00:00:00.000Z');
  });

  test('a later sync reads modified_id.csv down to the last modified seen and fetches only the changed records', async () => {
    const since = await databaseNow(store.db);
    const updated = osvRecord({ id: 'GHSA-bbbb-bbbb-bbbb', ecosystem: 'npm', packages: ['minimist'], modified: '2024-04-01T00:00:00Z' });
    const added = osvRecord({ id: 'GHSA-cccc-cccc-cccc', ecosystem: 'npm', packages: ['express'], modified: '2024-04-02T00:00:00Z' });
    const withdrawn = osvRecord({ id: 'GHSA-aaaa-aaaa-aaaa', ecosystem: 'npm', packages: ['lodash'], modified: '2024-04-03T00:00:00Z', withdrawn: '2024-04-03T00:00:00Z' });
    await publishEcosystem(fake, 'npm', [npmV1[2], updated, added, withdrawn]);
    fake.requests.length = 0;
    const report = await syncAdvisories(store.db, settings({ ecosystems: ['npm'] }));
    // MAL-2024-0001 (2024-03-03, the last modified seen) is read again, as equal times are; the rest is older.
    expect(fake.requests.sort()).toEqual(
      ['/osv/npm/modified_id.csv', '/osv/npm/GHSA-aaaa-aaaa-aaaa.json', '/osv/npm/GHSA-bbbb-bbbb-bbbb.json', '/osv/npm/GHSA-cccc-cccc-cccc.json', '/osv/npm/MAL-2024-0001.json'].sort(),
    );
    expect(report.ecosystems[0]).toMatchObject({ ecosystem: 'npm', mode: 'incremental', read: 4, written: 3, withdrawn: 1, recordCount: 3 });
    // @scope/pkg left the updated record: it changed too.
    expect(report.changedPackages.map((p) => p.name).sort()).toEqual(['@scope/pkg', 'express', 'lodash', 'minimist']);
    expect((await advisoryPackagesChangedSince(store.db, since)).map((p) => p.name).sort()).toEqual(['express', 'lodash', 'minimist']);

    const index = storeAdvisoryIndex(store.db);
    const found = await index.lookup([{ ecosystem: 'npm', name: 'lodash' }, { ecosystem: 'npm', name: '@scope/pkg' }, { ecosystem: 'npm', name: 'express' }]);
    expect([...found.keys()]).toEqual(['npm:express']); // withdrawn: gone from lookups
    expect(await index.counts()).toMatchObject({ npm: 3 });

    fake.requests.length = 0;
    const again = await syncAdvisories(store.db, settings({ ecosystems: ['npm'] }));
    expect(again.ecosystems[0]).toMatchObject({ mode: 'incremental', written: 0 });
    expect(again.changedPackages).toEqual([]);
  });

  test('too many changes since the last sync: the whole all.zip is read again', async () => {
    const many = Array.from({ length: 6 }, (_, i) => osvRecord({ id: `GHSA-many-${i}`, ecosystem: 'npm', packages: [`pkg-${i}`], modified: `2024-05-0${i + 1}T00:00:00Z` }));
    await publishEcosystem(fake, 'npm', many);
    fake.requests.length = 0;
    const report = await syncAdvisories(store.db, settings({ ecosystems: ['npm'], fullResyncThreshold: 5 }));
    expect(fake.requests).toEqual(['/osv/npm/modified_id.csv', '/osv/npm/all.zip']);
    expect(report.ecosystems[0]).toMatchObject({ mode: 'full', read: 6, written: 6 });
  });

  test('an ecosystem that fails is recorded with its error; the others sync; nothing is thrown', async () => {
    fake.put('/osv/Go/all.zip', { status: 503, body: 'busy' });
    await publishEcosystem(fake, 'crates.io', [osvRecord({ id: 'RUSTSEC-2024-0001', ecosystem: 'crates.io', packages: ['time'], modified: '2024-01-01T00:00:00Z' })]);
    const report = await syncAdvisories(store.db, settings({ ecosystems: ['Go', 'crates.io'] }));
    expect(report.ecosystems.map((e) => [e.ecosystem, e.error ?? 'ok'])).toEqual([
      ['Go', expect.stringContaining('HTTP 503')],
      ['crates.io', 'ok'],
    ]);
    const status = await advisoryStatus(store.db);
    expect(status.find((s) => s.ecosystem === 'Go')).toMatchObject({ lastError: expect.stringContaining('HTTP 503'), recordCount: 0, lastSuccessAt: null });
    expect(status.find((s) => s.ecosystem === 'crates.io')).toMatchObject({ lastError: null, recordCount: 1 });

    // Fixed upstream: the next sync clears the error.
    fake.put('/osv/Go/all.zip', await osvZip([osvRecord({ id: 'GO-2024-0001', ecosystem: 'Go', packages: ['golang.org/x/net'], modified: '2024-01-01T00:00:00Z' })]));
    await syncAdvisories(store.db, settings({ ecosystems: ['Go'] }));
    expect(await getAdvisorySyncState(store.db, 'Go')).toMatchObject({ lastError: null, recordCount: 1 });
  });

  test('an unreachable host is an error per ecosystem, not a crash', async () => {
    const report = await syncAdvisories(store.db, settings({ baseUrl: 'http://127.0.0.1:9', ecosystems: ['RubyGems'] }));
    expect(report.ecosystems[0].error).toMatch(/fetch failed|ECONNREFUSED/);
  });
});
