// The OSV mirror through the whole service: started against a fake OSV host, the sync-advisories job
// runs (at start, as production does for ecosystems never synced) and reads each ecosystem's all.zip;
// GET /api/v1/advisories/status shows the counts; a later job applies modified_id.csv increments
// (a withdrawn record leaves the lookups) and tells its listeners which packages changed; an ecosystem
// the host cannot serve is an error in the status, not a crash.
import { advisoryStatusResponseSchema, type AdvisoryStatusResponse } from '../../service/contract/api';
import { storeAdvisoryIndex } from '../../service/deps/store-index';
import { advisoryPackagesChangedSince } from '../../service/store/advisories';
import type { AdvisorySyncReport } from '../../service/deps/sync';
import { onAdvisoriesSynced, SYNC_ADVISORIES_QUEUE } from '../../service/jobs/sync-advisories';
import { osvRecord, publishEcosystem } from '../fake-osv/osv-fixtures';
import { startFakeOsv, type FakeOsvHost } from '../fake-osv/server';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi } from './contract';

describe.each(databaseKinds)('advisory sync through the service on %s', (kind) => {
  let fake: FakeOsvHost;
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  const reports: AdvisorySyncReport[] = [];
  let stopListening: () => void;

  const npmRecords = [
    osvRecord({ id: 'GHSA-int-0001', ecosystem: 'npm', packages: ['lodash'], modified: '2024-03-01T00:00:00Z', aliases: ['CVE-2024-1111'], fixed: '4.17.21' }),
    osvRecord({ id: 'GHSA-int-0002', ecosystem: 'npm', packages: ['minimist'], modified: '2024-03-02T00:00:00Z', fixed: '1.2.6' }),
    osvRecord({ id: 'MAL-2024-9999', ecosystem: 'npm', packages: ['evil-pkg'], modified: '2024-03-03T00:00:00Z' }),
  ];
  const pypiRecords = [osvRecord({ id: 'PYSEC-2024-0001', ecosystem: 'PyPI', packages: ['Requests'], modified: '2024-02-01T00:00:00Z', fixed: '2.32.0' })];

  beforeAll(async () => {
    fake = await startFakeOsv();
    await publishEcosystem(fake, 'npm', npmRecords);
    await publishEcosystem(fake, 'PyPI', pypiRecords);
    fake.put('/osv/Go/all.zip', { status: 500, body: 'storage error' });
    stack = await startStack({
      database: kind,
      env: {
        VIGIL_OSV_BASE_URL: fake.osvBaseUrl,
        VIGIL_ADVISORY_ECOSYSTEMS: 'npm,PyPI,Go',
        VIGIL_ADVISORY_CRON: '17 3 * * *',
        VIGIL_ADVISORY_SYNC_AT_START: 'true',
      },
    });
    api = contractApi(stack);
    // The start-up sync may have finished already: its report is read from the store below as well.
    stopListening = onAdvisoriesSynced(stack.service.context.store, (r) => void reports.push(r));
  }, 120_000);
  afterAll(async () => {
    stopListening?.();
    await stack?.stop();
    await fake?.close();
  }, 60_000);

  const status = async (): Promise<AdvisoryStatusResponse> =>
    (await api.ok(advisoryStatusResponseSchema, stack.users.admin, 'GET', '/api/v1/advisories/status')).body;
  const ecosystem = (s: AdvisoryStatusResponse, name: string) => s.ecosystems.find((e) => e.ecosystem === name);

  test('the start-up sync reads each ecosystem\'s all.zip; the status shows records, times and the failing ecosystem\'s error', async () => {
    const first = await waitFor('the first sync', async () => {
      const s = await status();
      return s.ecosystems.length === 3 ? s : undefined;
    });
    expect(ecosystem(first, 'npm')).toMatchObject({ records: 3, newestRecordAt: '2024-03-03T00:00:00.000Z', warnings: 0 });
    expect(ecosystem(first, 'npm')?.lastError).toBeUndefined();
    expect(ecosystem(first, 'PyPI')).toMatchObject({ records: 1 });
    expect(ecosystem(first, 'Go')).toMatchObject({ records: 0, lastError: expect.stringContaining('HTTP 500') });
    expect(ecosystem(first, 'Go')?.lastSuccessAt).toBeUndefined();
    expect(fake.requests).toEqual(expect.arrayContaining(['/osv/npm/all.zip', '/osv/PyPI/all.zip', '/osv/Go/all.zip']));

    const index = storeAdvisoryIndex(stack.service.context.store.db);
    const found = await index.lookup([{ ecosystem: 'npm', name: 'lodash' }, { ecosystem: 'PyPI', name: 'requests' }, { ecosystem: 'npm', name: 'express' }]);
    expect([...found.keys()].sort()).toEqual(['PyPI:requests', 'npm:lodash']);
    expect(await advisoryPackagesChangedSince(stack.service.context.store.db, new Date(0))).toEqual(
      expect.arrayContaining([{ ecosystem: 'npm', name: 'lodash' }, { ecosystem: 'PyPI', name: 'requests' }]),
    );
  });

  test('a later job applies modified_id.csv: an update, a new record and a withdrawal; listeners hear which packages changed', async () => {
    const updated = osvRecord({ id: 'GHSA-int-0002', ecosystem: 'npm', packages: ['minimist'], modified: '2024-04-01T00:00:00Z', fixed: '1.2.8' });
    const added = osvRecord({ id: 'GHSA-int-0003', ecosystem: 'npm', packages: ['express'], modified: '2024-04-02T00:00:00Z', fixed: '4.19.2' });
    const withdrawn = osvRecord({ id: 'GHSA-int-0001', ecosystem: 'npm', packages: ['lodash'], modified: '2024-04-03T00:00:00Z', withdrawn: '2024-04-03T00:00:00Z' });
    await publishEcosystem(fake, 'npm', [npmRecords[2], updated, added, withdrawn]);
    fake.requests.length = 0;
    const before = reports.length;
    await stack.service.context.boss.send(SYNC_ADVISORIES_QUEUE, {});
    await waitFor('the second sync', () => reports.length > before);

    expect(fake.requests).toContain('/osv/npm/modified_id.csv');
    expect(fake.requests).not.toContain('/osv/npm/all.zip');
    const report = reports.at(-1)!;
    expect(report.ecosystems.find((e) => e.ecosystem === 'npm')).toMatchObject({ mode: 'incremental', written: 3, withdrawn: 1, recordCount: 3 });
    expect(report.changedPackages.filter((p) => p.ecosystem === 'npm').map((p) => p.name).sort()).toEqual(['express', 'lodash', 'minimist']);

    const index = storeAdvisoryIndex(stack.service.context.store.db);
    const found = await index.lookup([{ ecosystem: 'npm', name: 'lodash' }, { ecosystem: 'npm', name: 'express' }, { ecosystem: 'npm', name: 'minimist' }]);
    expect([...found.keys()].sort()).toEqual(['npm:express', 'npm:minimist']);
    expect(found.get('npm:minimist')![0].modified).toBe('2024-04-01T00:00:00Z');
    expect(ecosystem(await status(), 'npm')).toMatchObject({ records: 3, newestRecordAt: '2024-04-03T00:00:00.000Z' });
  });

  test('the status needs a signed-in caller', async () => {
    await api.problem(null, 'GET', '/api/v1/advisories/status');
  });
});
