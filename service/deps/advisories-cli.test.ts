// The air-gapped paths: `npm run advisories -- import <folder> | status` into an embedded database, and
// `vigil scan <dir> --advisories <folder>` building its index from the same folder reader.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { osvRecord, osvZip, publishEcosystem } from '../../test/fake-osv/osv-fixtures';
import { startFakeOsv } from '../../test/fake-osv/server';
import { EXIT_OK, EXIT_USAGE, runCli } from '../cli';
import { loadConfig } from '../config';
import { advisoryStatus } from '../store/advisories';
import { openStore } from '../store/db';
import { runAdvisoriesCli } from './advisories-cli';
import { storeAdvisoryIndex } from './store-index';

let root: string;
let advisoriesDir: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'vigil-adv-cli-'));
  advisoriesDir = path.join(root, 'osv');
  mkdirSync(path.join(advisoriesDir, 'npm'), { recursive: true });
  mkdirSync(path.join(advisoriesDir, 'loose', 'PyPI'), { recursive: true });
  writeFileSync(
    path.join(advisoriesDir, 'npm', 'all.zip'),
    await osvZip([
      osvRecord({ id: 'GHSA-lodash-0001', ecosystem: 'npm', packages: ['lodash'], modified: '2024-01-01T00:00:00Z', introduced: '0', fixed: '4.17.21' }),
      osvRecord({ id: 'MAL-2024-0001', ecosystem: 'npm', packages: ['evil-pkg'], modified: '2024-01-02T00:00:00Z' }),
    ]),
  );
  writeFileSync(path.join(advisoriesDir, 'loose', 'PyPI', 'PYSEC-2024-1.json'), JSON.stringify(osvRecord({ id: 'PYSEC-2024-1', ecosystem: 'PyPI', packages: ['requests'], modified: '2024-01-03T00:00:00Z' })));
  writeFileSync(path.join(advisoriesDir, 'broken.json'), '{ "id": ');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runAdvisoriesCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env, cwd: root });
  return { code, stdout, stderr };
}

describe('npm run advisories', () => {
  test('status says how to fill an empty database; import <folder> stores zips and loose records, counts the bad one; status shows each ecosystem; sync reads the OSV host', async () => {
    const env = { VIGIL_DATA_DIR: path.join(root, 'data') };
    expect((await run(['status'], env)).stdout).toMatch(/No advisories yet: run `npm run advisories -- sync`/);
    const imported = await run(['import', 'osv'], env);
    expect(imported.code).toBe(EXIT_OK);
    expect(imported.stdout).toMatch(/Imported 3 records .*3 new or newer, 0 already stored, 0 withdrawn, 1 malicious; by ecosystem: (npm 2, PyPI 1|PyPI 1, npm 2); 1 skipped/);
    expect(imported.stderr).toMatch(/warning not-osv: broken\.json/);

    const again = await run(['import', 'osv'], env);
    expect(again.stdout).toMatch(/0 new or newer, 3 already stored/);

    const status = await run(['status'], env);
    expect(status.code).toBe(EXIT_OK);
    expect(status.stdout).toMatch(/^ECOSYSTEM\s+RECORDS/);
    expect(status.stdout).toMatch(/\nPyPI\s+1\s/);
    expect(status.stdout).toMatch(/\nnpm\s+2\s/);

    // sync: the import was no full sync, so npm's all.zip is read; a host without Go is that ecosystem's error.
    const fake = await startFakeOsv();
    try {
      await publishEcosystem(fake, 'npm', [osvRecord({ id: 'GHSA-synced-0001', ecosystem: 'npm', packages: ['express'], modified: '2024-06-01T00:00:00Z' })]);
      const synced = await run(['sync'], { ...env, VIGIL_OSV_BASE_URL: fake.osvBaseUrl, VIGIL_ADVISORY_ECOSYSTEMS: 'npm,Go' });
      expect(synced.code).toBe(1);
      expect(synced.stdout).toMatch(/^npm: full, 1 read, 1 written, 3 held/m);
      expect(synced.stdout).toMatch(/^Go: failed: GET .*Go\/all\.zip: HTTP 404/m);
    } finally {
      await fake.close();
    }

    const store = await openStore({ dataDir: env.VIGIL_DATA_DIR });
    try {
      expect((await advisoryStatus(store.db)).map((s) => [s.ecosystem, s.recordCount, s.lastError?.replace(/http:\S+/, 'URL')])).toEqual([
        ['Go', 0, 'GET URL HTTP 404'],
        ['PyPI', 1, undefined],
        ['npm', 3, undefined],
      ]);
      const found = await storeAdvisoryIndex(store.db).lookup([{ ecosystem: 'PyPI', name: 'Requests' }]);
      expect([...found.keys()]).toEqual(['PyPI:Requests']);
    } finally {
      await store.close();
    }
  });

  test('usage errors and a missing folder are said plainly', async () => {
    const env = { VIGIL_DATA_DIR: path.join(root, 'data-usage') };
    expect((await run([], env)).code).toBe(EXIT_USAGE);
    expect((await run(['import'], env)).stderr).toMatch(/expected one folder/);
    expect((await run(['import', 'nowhere'], env)).stderr).toMatch(/nowhere: no such folder/);
    expect((await run(['frobnicate'], env)).stderr).toMatch(/unknown command/);
    expect((await run(['status'], { DATABASE_URL: 'mysql://x' })).stderr).toMatch(/DATABASE_URL must be a postgres/);
  });

});

describe('vigil scan --advisories <folder>', () => {
  async function scan(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: root, env: {} });
    return { code, stdout, stderr };
  }

  test('the folder\'s records reach the dependency scanners; without it, no advisory is known', async () => {
    const repo = path.join(root, 'repo');
    mkdirSync(repo, { recursive: true });
    writeFileSync(
      path.join(repo, 'package-lock.json'),
      JSON.stringify({
        name: 'app',
        version: '1.0.0',
        lockfileVersion: 3,
        packages: { '': { name: 'app', version: '1.0.0', dependencies: { lodash: '^4.17.0' } }, 'node_modules/lodash': { version: '4.17.20' } },
      }),
    );
    const withAdvisories = await scan(['scan', 'repo', '--advisories', 'osv', '--format', 'json']);
    expect(withAdvisories.code).toBe(EXIT_OK);
    expect(withAdvisories.stderr).toMatch(/--advisories: broken\.json/);
    const findings = JSON.parse(withAdvisories.stdout).findings as { category: string }[];
    const deps = findings.filter((f) => f.category === 'deps');
    expect(deps).toHaveLength(1);
    expect(JSON.stringify(deps[0])).toContain('GHSA-lodash-0001');

    const without = await scan(['scan', 'repo', '--format', 'json']);
    expect((JSON.parse(without.stdout).findings as { category: string }[]).filter((f) => f.category === 'deps')).toEqual([]);
  });

  test('a missing --advisories folder is a usage error', async () => {
    const r = await scan(['scan', '.', '--advisories', 'no-such-folder']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/--advisories: folder not found/);
  });
});

describe('advisory and package metadata settings', () => {
  const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'vigil-adv-config-'));
  test('defaults: daily sync, the OSV bucket, the eight ecosystems, metadata on; no start-up sync outside production', () => {
    const c = loadConfig({ VIGIL_DATA_DIR: dataDir() });
    expect(c.advisories).toEqual({
      cron: '17 3 * * *',
      syncAtStart: false,
      osvBaseUrl: 'https://osv-vulnerabilities.storage.googleapis.com',
      ecosystems: ['npm', 'PyPI', 'NuGet', 'Maven', 'Go', 'crates.io', 'Packagist', 'RubyGems'],
    });
    expect(c.packageMetadata).toMatchObject({ enabled: true, ttlHours: 168, npmUrl: 'https://registry.npmjs.org', pypiUrl: 'https://pypi.org' });
  });

  test('values are validated and named when wrong', () => {
    const c = loadConfig({ VIGIL_DATA_DIR: dataDir(), VIGIL_ADVISORY_CRON: 'off', VIGIL_OSV_BASE_URL: 'http://mirror.local/osv/', VIGIL_ADVISORY_ECOSYSTEMS: 'npm, PyPI', VIGIL_PACKAGE_METADATA: 'off' });
    expect(c.advisories).toMatchObject({ cron: 'off', osvBaseUrl: 'http://mirror.local/osv', ecosystems: ['npm', 'PyPI'] });
    expect(c.packageMetadata.enabled).toBe(false);
    expect(() => loadConfig({ VIGIL_DATA_DIR: dataDir(), VIGIL_ADVISORY_CRON: 'daily' })).toThrow(/VIGIL_ADVISORY_CRON/);
    expect(() => loadConfig({ VIGIL_DATA_DIR: dataDir(), VIGIL_ADVISORY_ECOSYSTEMS: 'npm,Debian' })).toThrow(/VIGIL_ADVISORY_ECOSYSTEMS/);
    expect(() => loadConfig({ VIGIL_DATA_DIR: dataDir(), VIGIL_OSV_BASE_URL: 'ftp://x' })).toThrow(/VIGIL_OSV_BASE_URL/);
    expect(() => loadConfig({ VIGIL_DATA_DIR: dataDir(), VIGIL_PACKAGE_METADATA: 'maybe' })).toThrow(/VIGIL_PACKAGE_METADATA/);
  });
});
