// Scan records. A scan is created by a request (scan-queue.ts requestScan) and marked running with
// its start time by the claim (claimNextScan); the job records its commit and how it ended.
import type { Kysely } from 'kysely';
import type { ScanProgressDto } from '../contract/api';
import type { Coverage, ScannerRun, ScanWarning } from '../contract/model';
import type { Database, ScanRow } from './schema';

export const getScan = (db: Kysely<Database>, orgId: string, scanId: string) =>
  db.selectFrom('scans').selectAll().where('org_id', '=', orgId).where('scan_id', '=', scanId).executeTakeFirst();

/** Ids per query: an organization's every repository stays well under PostgreSQL's 65,535 parameters. */
const SCAN_IDS_PER_QUERY = 5_000;

/** Several scans of one organization by id, in one query per 5,000 ids (ids not found are absent from the map). */
export async function getScans(db: Kysely<Database>, orgId: string, scanIds: readonly string[]): Promise<Map<string, ScanRow>> {
  const found = new Map<string, ScanRow>();
  for (let i = 0; i < scanIds.length; i += SCAN_IDS_PER_QUERY) {
    const batch = scanIds.slice(i, i + SCAN_IDS_PER_QUERY);
    const rows = await db.selectFrom('scans').selectAll().where('org_id', '=', orgId).where('scan_id', 'in', batch).execute();
    for (const row of rows) found.set(row.scan_id, row);
  }
  return found;
}

/** The commit the running scan reads (its state and start time were set by its claim). */
export async function recordScanCommit(db: Kysely<Database>, orgId: string, scanId: string, commitSha: string): Promise<void> {
  await db
    .updateTable('scans')
    .set({ commit_sha: commitSha })
    .where('org_id', '=', orgId)
    .where('scan_id', '=', scanId)
    .execute();
}

/** A running scan's progress (ScanProgressDto); a scan that ended meanwhile keeps its row as it ended. */
export async function recordScanProgress(db: Kysely<Database>, orgId: string, scanId: string, progress: ScanProgressDto): Promise<void> {
  await db
    .updateTable('scans')
    .set({ progress: JSON.stringify(progress) })
    .where('org_id', '=', orgId)
    .where('scan_id', '=', scanId)
    .where('state', '=', 'running')
    .execute();
}

export interface ScanFigures {
  durationMs: number;
  filesScanned: number;
  bytesScanned: number;
  findingsNew: number;
  findingsFixed: number;
  findingsOpen: number;
  scanners: ScannerRun[];
  warnings: ScanWarning[];
  /** What the scan did not see; a gate reads coverage.complete. */
  coverage?: Coverage;
  /** 'incremental': only the files changed since `baseCommit` were read (the column defaults to 'full'). */
  kind?: 'full' | 'incremental';
  baseCommit?: string;
}

/** Warnings kept per scan; the rest are counted in the per-scanner figures. */
const MAX_STORED_WARNINGS = 500;

export async function finishScan(db: Kysely<Database>, orgId: string, scanId: string, f: ScanFigures): Promise<void> {
  await db
    .updateTable('scans')
    .set({
      state: 'done',
      finished_at: new Date(),
      duration_ms: Math.round(f.durationMs),
      files_scanned: f.filesScanned,
      bytes_scanned: f.bytesScanned,
      findings_new: f.findingsNew,
      findings_fixed: f.findingsFixed,
      findings_open: f.findingsOpen,
      scanners: JSON.stringify(f.scanners),
      warnings: JSON.stringify(f.warnings.slice(0, MAX_STORED_WARNINGS)),
      coverage: f.coverage ? JSON.stringify(f.coverage) : null,
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.baseCommit ? { base_commit: f.baseCommit } : {}),
    })
    .where('org_id', '=', orgId)
    .where('scan_id', '=', scanId)
    .execute();
}

export async function failScan(db: Kysely<Database>, orgId: string, scanId: string, error: string, warnings: ScanWarning[] = []): Promise<void> {
  await db
    .updateTable('scans')
    .set({ state: 'failed', finished_at: new Date(), error, warnings: JSON.stringify(warnings.slice(0, MAX_STORED_WARNINGS)) })
    .where('org_id', '=', orgId)
    .where('scan_id', '=', scanId)
    .execute();
}

export async function listScans(
  db: Kysely<Database>,
  orgId: string,
  opts: { repoId?: string; limit: number; offset: number },
): Promise<{ rows: (ScanRow & { repo_name: string | null })[]; total: number }> {
  let base = db.selectFrom('scans').where('scans.org_id', '=', orgId);
  if (opts.repoId) base = base.where('scans.repo_id', '=', opts.repoId);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await base
    .leftJoin('repositories', (j) => j.onRef('repositories.org_id', '=', 'scans.org_id').onRef('repositories.repo_id', '=', 'scans.repo_id'))
    .selectAll('scans')
    .select('repositories.name as repo_name')
    .orderBy('scans.queued_at', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { rows, total: Number(total) };
}
