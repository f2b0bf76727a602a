// A downloaded repository zip -> the engine's scan result, with its coverage. The zip is read in
// place (ado/archive.ts ZipTree): nothing is unpacked to disk, each file a scanner wants is inflated
// into memory (large ones streamed through windows), and every limit that keeps a file out is
// counted in the coverage instead of failing the scan. Only a file that is not a zip at all fails.
import { openZipTree, type ZipTreeLimits } from '../ado/archive';
import { scanSource } from '../engine/scan';
import type { ScanOptions, ScanResult, Scanner } from '../engine/types';
import type { VerifyContext } from '../verify/types';
import type { ProgressSink } from './scan-progress';
import type { SecretVerifier, VerifyReport } from '../verify/verifier';

/**
 * Uncompressed / compressed over the whole archive. Source trees compress 3-10:1; reads stop once
 * the files read reach the archive's size times this (or 64 MiB for a small archive).
 */
export const MAX_ARCHIVE_RATIO = 100;
/** One entry of 1 MiB or more compressed beyond this is a bomb: skipped, counted. */
export const MAX_ENTRY_RATIO = 200;
/** Uncompressed bytes read from one archive, as a multiple of VIGIL_MAX_REPO_BYTES (its download cap). */
export const INFLATED_BYTES_PER_REPO_BYTE = 4;

export interface ArchiveScanSettings {
  /** The organization's salt for secret hashes. */
  salt: string;
  /** VIGIL_MAX_FILE_BYTES: read whole up to this; secrets reads larger files through windows of this size. */
  maxFileBytes: number;
  /** VIGIL_MAX_FILES: files after this many are not scanned (counted). */
  maxFiles: number;
  /** Uncompressed bytes read in all (INFLATED_BYTES_PER_REPO_BYTE x VIGIL_MAX_REPO_BYTES). */
  maxInflatedBytes: number;
  /** Folder depth; the engine's default (200) when absent. */
  maxDepth?: number;
  /** The ratio budget's floor (tests); ado/archive.ts's default otherwise. */
  minBudgetBytes?: number;
  /**
   * Ask found secrets' providers whether they are live (the organization's verifySecrets): the raw
   * values are collected during the scan, checked after it (the archive closed), then forgotten.
   */
  verify?: { verifier: SecretVerifier; context: VerifyContext };
  /** Other scanners' options by scanner name (the dependency family's datasets: scan-datasets.ts). */
  scannerOptions?: Record<string, unknown>;
  /** The scanners to run (the organization's settings may turn some off); the engine's all when absent. */
  scanners?: readonly Scanner[];
  signal?: AbortSignal;
  /** Told the phase (unpacking, scanning) and the engine's files done, for the hub's live progress. */
  progress?: ProgressSink;
}

/** A scan result, with what verification did when it ran. */
export type ArchiveScanResult = ScanResult & { verification?: VerifyReport };

/**
 * Scans the repository zip at `zipFile`. The result's warnings include every refused entry
 * (zip-entry-rejected) and skipped file; its coverage counts them by reason with their limits.
 * Throws an ArchiveError only when the file is not a readable zip.
 */
export async function scanArchive(zipFile: string, settings: ArchiveScanSettings): Promise<ArchiveScanResult> {
  settings.progress?.phase('unpacking');
  const tree = await openZipTree(zipFile, archiveLimits(settings));
  return scanWithSettings(settings, (opts) => scanSource(tree, opts).finally(() => tree.close()));
}

/** The archive's budgets (ado/archive.ts ZipTree) for these settings. */
export function archiveLimits(settings: ArchiveScanSettings): ZipTreeLimits {
  return {
    maxTotalBytes: settings.maxInflatedBytes,
    maxRatio: MAX_ARCHIVE_RATIO,
    maxEntryRatio: MAX_ENTRY_RATIO,
    ...(settings.minBudgetBytes !== undefined ? { minBudgetBytes: settings.minBudgetBytes } : {}),
  };
}

/**
 * Runs `scan` (the engine on some source, which it closes) with the options these settings give:
 * the salt, the limits, the scanners' options, and verification of the secrets found once the scan
 * (and so the source) is done. An incremental scan reads its changed files through this too.
 */
export async function scanWithSettings(settings: ArchiveScanSettings, scan: (opts: ScanOptions) => Promise<ScanResult>): Promise<ArchiveScanResult> {
  const collector = settings.verify?.verifier.collector();
  let result: ScanResult;
  const { progress } = settings;
  progress?.phase('scanning');
  try {
    result = await scan({
      ...(progress ? { onProgress: (p) => progress.files(p) } : {}),
      options: { ...settings.scannerOptions, secrets: { salt: settings.salt, ...(collector ? { onSecret: collector.onSecret } : {}) } },
      limits: {
        maxFileBytes: settings.maxFileBytes,
        maxFiles: settings.maxFiles,
        ...(settings.maxDepth !== undefined ? { maxDepth: settings.maxDepth } : {}),
      },
      ...(settings.scanners ? { scanners: settings.scanners } : {}),
      signal: settings.signal,
    });
  } catch (err) {
    collector?.clear();
    throw err;
  }
  if (!collector || !settings.verify) return result;
  const verified = await settings.verify.verifier.verifyFindings(result.findings, collector, settings.verify.context, settings.signal);
  return { ...result, findings: verified.findings, verification: verified.report };
}
