import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Coverage, ScannerRun, ScanWarning } from '../contract/model';
import type { ScanTrigger } from '../contract/vocabulary';
import type { Database, ScanRow } from './schema';

export type { ScanTrigger } from '../contract/vocabulary';

export async function createScan(db: Kysely<Database>, orgId: string, repoId: string, trigger: ScanTrigger): Promise<string> {
  const scanId = randomUUID();
  await db.insertInto('scans').values({ org_id: orgId, scan_id: scanId, repo_id: repoId, state: 'queued', trigger }).execute();
  return scanId;
}

export const deleteScan = (db: Kysely<Database>, orgId: string, scanId: string) =>
  db.deleteFrom('scans').where('org_id', '=', orgId).where('scan_id', '=', scanId).execute();

export const getScan = (db: Kysely<Database>, orgId: string, scanId: string) =>
  db.selectFrom('scans').selectAll().where('org_id', '=', orgId).where('scan_id', '=', scanId).executeTakeFirst();

/** Several scans of one organization in one query, by id (ids not found are absent from the map). */
export async function getScans(db: Kysely<Database>, orgId: string, scanIds: string[]): Promise<Map<string, ScanRow>> {
  if (scanIds.length === 0) return new Map();
  const rows = await db.selectFrom('scans').selectAll().where('org_id', '=', orgId).where('scan_id', 'in', scanIds).execute();
  return new Map(rows.map((row) => [row.scan_id, row]));
}

export async function startScan(db: Kysely<Database>, orgId: string, scanId: string, commitSha: string): Promise<void> {
  await db
    .updateTable('scans')
    .set({ state: 'running', started_at: new Date(), commit_sha: commitSha })
    .where('org_id', '=', orgId)
    .where('scan_id', '=', scanId)
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
