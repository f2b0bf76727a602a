// `npm run advisories -- <command>`: the OSV mirror by hand.
//   import <folder>  OSV all.zip files and/or OSV JSON records anywhere under the folder -> the database
//                    (air-gapped installs: download <ecosystem>/all.zip elsewhere, copy, import)
//   status           per ecosystem: records, last sync, last error
//   sync             one online sync now (VIGIL_OSV_BASE_URL, VIGIL_ADVISORY_ECOSYSTEMS)
// The database is the service's: DATABASE_URL, or the embedded one in VIGIL_DATA_DIR (default ./data;
// stop the service first: an embedded data directory opens in one process at a time).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { advisoryStatus, type AdvisorySyncState } from '../store/advisories';
import { openStore, type Store } from '../store/db';
import { importOsvRecords, markImported } from './import';
import { osvRecordsFromFolder, OsvSourceError, WarningLog } from './osv-zip';
import { syncAdvisories } from './sync';

export interface AdvisoriesCliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const USAGE = `Usage: npm run advisories -- <command>

Commands:
  import <folder>  store the OSV records found under <folder>: ecosystem all.zip files
                   (e.g. npm/all.zip, PyPI/all.zip from
                   https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip)
                   and/or single OSV JSON records, at any depth
  status           records, last sync and last error per ecosystem
  sync             sync from VIGIL_OSV_BASE_URL now (what the daily job does)

The database: DATABASE_URL (PostgreSQL), else the embedded one in VIGIL_DATA_DIR (default ./data;
stop the service first, it holds that directory while it runs).
`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function openConfiguredStore(env: NodeJS.ProcessEnv, cwd: string): Promise<Store> {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return openStore({ databaseUrl, dataDir: path.resolve(cwd, env.VIGIL_DATA_DIR || './data') });
}

export async function runAdvisoriesCli(argv: string[], io: AdvisoriesCliIo): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd || env.INIT_CWD || process.cwd();
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(USAGE);
    return command ? EXIT_OK : EXIT_USAGE;
  }
  if (command === 'import') {
    if (rest.length !== 1) {
      io.stderr.write(`advisories import: expected one folder${rest.length ? `, got ${rest.length}` : ''}\n${USAGE}`);
      return EXIT_USAGE;
    }
    return importFolder(path.resolve(cwd, rest[0]), io, env, cwd);
  }
  if (rest.length > 0 || (command !== 'status' && command !== 'sync')) {
    io.stderr.write(`advisories: unknown command or extra arguments: ${argv.join(' ')}\n${USAGE}`);
    return EXIT_USAGE;
  }
  return command === 'status' ? status(io, env, cwd) : sync(io, env);
}

async function withStore(io: AdvisoriesCliIo, open: () => Promise<Store>, fn: (store: Store) => Promise<number>): Promise<number> {
  let store: Store;
  try {
    store = await open();
  } catch (err) {
    io.stderr.write(`advisories: cannot open the database: ${(err as Error).message}\n`);
    return EXIT_FAILED;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function importFolder(folder: string, io: AdvisoriesCliIo, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  try {
    if (!(await fsp.stat(folder)).isDirectory()) throw new Error('not a folder');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr.write(`advisories import: ${folder}: ${code === 'ENOENT' ? 'no such folder' : (code ?? (err as Error).message)}\n`);
    return EXIT_USAGE;
  }
  return withStore(io, () => openConfiguredStore(env, cwd), async (store) => {
    const started = Date.now();
    const warnings = new WarningLog(20);
    try {
      const outcome = await importOsvRecords(store.db, osvRecordsFromFolder(folder, warnings), warnings);
      await markImported(store.db, outcome, warnings.count);
      for (const w of warnings.kept) io.stderr.write(`  warning ${w.code}: ${w.where}: ${w.message}\n`);
      if (warnings.count > warnings.kept.length) io.stderr.write(`  … ${warnings.count - warnings.kept.length} more warnings\n`);
      const ecosystems = [...outcome.ecosystems].map(([eco, v]) => `${eco} ${v.records}`).join(', ') || 'none of the ecosystems Vigil reads';
      io.stdout.write(
        `Imported ${outcome.read} records from ${folder} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `${outcome.written} new or newer, ${outcome.unchanged} already stored, ${outcome.withdrawn} withdrawn, ${outcome.malicious} malicious; ` +
          `by ecosystem: ${ecosystems}; ${warnings.count} skipped with a warning.\n`,
      );
      if (outcome.read === 0) {
        io.stderr.write('advisories import: no OSV record found (expected <ecosystem>/all.zip files or OSV JSON records)\n');
        return EXIT_FAILED;
      }
      return EXIT_OK;
    } catch (err) {
      const why = err instanceof OsvSourceError ? err.message : `${(err as Error).message}`;
      io.stderr.write(`advisories import failed: ${why} (records stored before the failure are kept)\n`);
      return EXIT_FAILED;
    }
  });
}

export function statusTable(states: readonly AdvisorySyncState[]): string {
  if (states.length === 0) return 'No advisories yet: run `npm run advisories -- sync` (online) or `npm run advisories -- import <folder>`.\n';
  const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d+Z$/, 'Z') : '-');
  const rows = [
    ['ECOSYSTEM', 'RECORDS', 'LAST SYNC', 'LAST SUCCESS', 'NEWEST RECORD', 'WARNINGS', 'ERROR'],
    ...states.map((s) => [s.ecosystem, String(s.recordCount), when(s.lastSyncAt), when(s.lastSuccessAt), when(s.lastModified), String(s.warnings), s.lastError ?? '']),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return `${rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n')}\n`;
}

async function status(io: AdvisoriesCliIo, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return withStore(io, () => openConfiguredStore(env, cwd), async (store) => {
    io.stdout.write(statusTable(await advisoryStatus(store.db)));
    return EXIT_OK;
  });
}

async function sync(io: AdvisoriesCliIo, env: NodeJS.ProcessEnv): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  return withStore(io, () => openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }), async (store) => {
    const report = await syncAdvisories(store.db, { baseUrl: config.advisories.osvBaseUrl, ecosystems: config.advisories.ecosystems, tmpDir: config.tmpDir });
    for (const e of report.ecosystems) {
      io.stdout.write(
        e.error
          ? `${e.ecosystem}: failed: ${e.error}\n`
          : `${e.ecosystem}: ${e.mode}, ${e.read} read, ${e.written} written, ${e.recordCount} held, ${e.warnings} warnings, ${(e.durationMs / 1000).toFixed(1)} s\n`,
      );
    }
    return report.ecosystems.some((e) => e.error) ? EXIT_FAILED : EXIT_OK;
  });
}

if (require.main === module) {
  runAdvisoriesCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`advisories: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = EXIT_FAILED;
    },
  );
}
