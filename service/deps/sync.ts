// The OSV mirror's sync, per ecosystem: the first time (and whenever too much changed) the ecosystem's
// all.zip is streamed in; afterwards <ecosystem>/modified_id.csv (lines `<RFC3339>,<ID>`, newest first)
// is read down to the newest `modified` already applied and each changed record fetched on its own.
// One ecosystem's failure is recorded in its sync state and never stops the others.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Kysely } from 'kysely';
import type { OsvRecord } from '../engine/deps/types';
import { databaseNow, getAdvisorySyncState, recordSyncError, recordSyncSuccess, type PackageRef } from '../store/advisories';
import type { Database } from '../store/schema';
import { HttpStatusError, mapLimit, readTextCapped, withTimeout } from './http';
import { emptyOutcome, importOsvRecords, mergeOutcome, type ImportOutcome } from './import';
import { OSV_ID, parseOsvRecord, RecordError } from './osv-records';
import { DEFAULT_OSV_LIMITS, osvRecordsFromUrl, WarningLog, type OsvReadLimits, type OsvWarning } from './osv-zip';

export interface AdvisorySyncSettings {
  /** VIGIL_OSV_BASE_URL, no trailing slash. */
  baseUrl: string;
  ecosystems: readonly string[];
  /** More changed records than this since the last sync: the whole all.zip is read again instead. */
  fullResyncThreshold?: number;
  /** Records fetched at once in an incremental sync. */
  concurrency?: number;
  /** Per request of modified_id.csv or one record (an all.zip download has zipTimeoutMs). */
  requestTimeoutMs?: number;
  /** One all.zip download, start to end. */
  zipTimeoutMs?: number;
  tmpDir?: string;
  limits?: OsvReadLimits;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}

export const SYNC_DEFAULTS = {
  fullResyncThreshold: 5_000,
  concurrency: 8,
  requestTimeoutMs: 30_000,
  zipTimeoutMs: 30 * 60_000,
} as const;

export interface EcosystemSyncReport {
  ecosystem: string;
  mode: 'full' | 'incremental';
  /** Records read from the source (valid ones), written (new or newer) and withdrawn among them. */
  read: number;
  written: number;
  withdrawn: number;
  malicious: number;
  /** Records held afterwards (withdrawn excluded). */
  recordCount: number;
  warnings: number;
  /** The first few warnings, for the log. */
  warningSamples: OsvWarning[];
  error?: string;
  durationMs: number;
}

export interface AdvisorySyncReport {
  startedAt: Date;
  ecosystems: EcosystemSyncReport[];
  /**
   * Packages whose advisories changed (new, updated, withdrawn), for re-matching stored inventories;
   * partial when changedTruncated (then ask advisoryPackagesChangedSince(db, startedAt)).
   */
  changedPackages: PackageRef[];
  changedTruncated: boolean;
}

/** Syncs every configured ecosystem in turn; never throws for an ecosystem's failure (it is recorded). */
export async function syncAdvisories(db: Kysely<Database>, settings: AdvisorySyncSettings): Promise<AdvisorySyncReport> {
  const startedAt = await databaseNow(db); // the clock stored_at is written with
  const reports: EcosystemSyncReport[] = [];
  let all = emptyOutcome();
  for (const ecosystem of settings.ecosystems) {
    settings.signal?.throwIfAborted();
    const { report, outcome } = await syncEcosystem(db, ecosystem, settings);
    reports.push(report);
    if (outcome) all = mergeOutcome(all, outcome);
  }
  return { startedAt, ecosystems: reports, changedPackages: all.changedPackages, changedTruncated: all.changedTruncated };
}

async function syncEcosystem(
  db: Kysely<Database>,
  ecosystem: string,
  settings: AdvisorySyncSettings,
): Promise<{ report: EcosystemSyncReport; outcome?: ImportOutcome }> {
  const started = Date.now();
  const warnings = new WarningLog(10);
  const state = await getAdvisorySyncState(db, ecosystem);
  let mode: 'full' | 'incremental' = state?.lastFullSyncAt && state.lastModified ? 'incremental' : 'full';
  const base = { ecosystem, warningSamples: warnings.kept };
  try {
    let outcome: ImportOutcome | undefined;
    if (mode === 'incremental') {
      const ids = await changedIds(ecosystem, state!.lastModified!, settings);
      if (ids === 'too-many') mode = 'full';
      else outcome = await importOsvRecords(db, fetchRecords(ecosystem, ids, settings, warnings), warnings, { signal: settings.signal });
    }
    if (mode === 'full') {
      const url = `${settings.baseUrl}/${encodeURIComponent(ecosystem)}/all.zip`;
      const signal = withTimeout(settings.zipTimeoutMs ?? SYNC_DEFAULTS.zipTimeoutMs, settings.signal);
      const records = osvRecordsFromUrl(url, warnings, { tmpDir: settings.tmpDir, signal, fetchImpl: settings.fetchImpl, limits: settings.limits });
      outcome = await importOsvRecords(db, records, warnings, { signal: settings.signal });
    }
    const newest = outcome!.ecosystems.get(ecosystem)?.newest;
    const saved = await recordSyncSuccess(db, ecosystem, { full: mode === 'full', lastModified: newest, warnings: warnings.count });
    return {
      report: { ...base, mode, ...counts(outcome!), recordCount: saved.recordCount, warnings: warnings.count, durationMs: Date.now() - started },
      outcome,
    };
  } catch (err) {
    const message = errorMessage(err);
    await recordSyncError(db, ecosystem, message);
    const recordCount = (await getAdvisorySyncState(db, ecosystem))?.recordCount ?? 0;
    return {
      report: { ...base, mode, read: 0, written: 0, withdrawn: 0, malicious: 0, recordCount, warnings: warnings.count, error: message, durationMs: Date.now() - started },
    };
  }
}

const counts = (o: ImportOutcome) => ({ read: o.read, written: o.written, withdrawn: o.withdrawn, malicious: o.malicious });

function errorMessage(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message} (${cause})` : (e?.message ?? String(err));
}

/**
 * Ids of the records modified at or after `since`, from <ecosystem>/modified_id.csv (newest first: read
 * until an older line), or 'too-many' past the threshold. Equal times are read again on purpose: a
 * record stored at that very time after the last sync is not missed (an unchanged one is a no-op).
 */
export async function changedIds(ecosystem: string, since: Date, settings: AdvisorySyncSettings): Promise<string[] | 'too-many'> {
  const url = `${settings.baseUrl}/${encodeURIComponent(ecosystem)}/modified_id.csv`;
  const threshold = settings.fullResyncThreshold ?? SYNC_DEFAULTS.fullResyncThreshold;
  const res = await (settings.fetchImpl ?? fetch)(url, { signal: withTimeout(settings.requestTimeoutMs ?? SYNC_DEFAULTS.requestTimeoutMs, settings.signal) });
  if (!res.ok || !res.body) throw new HttpStatusError(url, res.status);
  const ids = new Set<string>();
  const input = Readable.fromWeb(res.body as WebReadableStream);
  // Destroying it below (the older lines start) is no error; a failure before that is one: a list cut
  // short would let the newest time seen pass over records never fetched.
  let failure: Error | undefined;
  input.on('error', (err) => (failure ??= err));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const comma = line.indexOf(',');
      if (comma < 0) continue;
      const when = Date.parse(line.slice(0, comma));
      if (Number.isNaN(when)) continue;
      if (when < since.getTime()) break;
      // The global file names `<ecosystem>/<ID>`; an ecosystem's own, `<ID>`.
      const id = line.slice(comma + 1).trim().split('/').pop()!;
      if (!OSV_ID.test(id)) continue;
      ids.add(id);
      if (ids.size > threshold) return 'too-many';
    }
    if (failure) throw failure;
  } finally {
    lines.close();
    input.destroy(); // stop the download: the rest is older
  }
  return [...ids];
}

const FETCH_CHUNK = 500;

/** The changed records, fetched `concurrency` at a time; a record gone (404) or unreadable is a warning. */
async function* fetchRecords(ecosystem: string, ids: readonly string[], settings: AdvisorySyncSettings, warnings: WarningLog): AsyncGenerator<OsvRecord> {
  const maxBytes = (settings.limits ?? DEFAULT_OSV_LIMITS).maxRecordBytes;
  const fetchOne = async (id: string): Promise<OsvRecord | undefined> => {
    const url = `${settings.baseUrl}/${encodeURIComponent(ecosystem)}/${encodeURIComponent(id)}.json`;
    const res = await (settings.fetchImpl ?? fetch)(url, { signal: withTimeout(settings.requestTimeoutMs ?? SYNC_DEFAULTS.requestTimeoutMs, settings.signal) });
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      warnings.add({ code: 'bad-record', where: id, message: 'listed in modified_id.csv but not found (404)' });
      return undefined;
    }
    if (!res.ok) throw new HttpStatusError(url, res.status);
    let text: string;
    try {
      text = await readTextCapped(res, maxBytes);
    } catch (err) {
      warnings.add({ code: 'record-too-large', where: id, message: (err as Error).message });
      return undefined;
    }
    try {
      const record = parseOsvRecord(text);
      if (record.id !== id) throw new RecordError(`holds record ${record.id}, not ${id}`);
      return record;
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      warnings.add({ code: 'bad-record', where: id, message: err.message });
      return undefined;
    }
  };
  for (let i = 0; i < ids.length; i += FETCH_CHUNK) {
    const got = await mapLimit(ids.slice(i, i + FETCH_CHUNK), settings.concurrency ?? SYNC_DEFAULTS.concurrency, fetchOne);
    for (const r of got) if (r) yield r;
  }
}
