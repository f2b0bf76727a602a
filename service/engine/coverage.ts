// What a scan did not see: files skipped (or scanned only in part) by reason, with the limit that
// caused it and a few example paths. Counts only: memory stays flat whatever the number of files.
// Values from the vocabulary (plain data): loading model.ts would load zod into every scan.
import type { Coverage } from '../contract/model';
import { COVERAGE_INFO_REASONS, COVERAGE_REASONS, MAX_COVERAGE_EXAMPLES, type CoverageReason } from '../contract/vocabulary';

/** Warning codes of skipped files (walk, reads, zip sources) that are coverage reasons as they are. */
const REASON_OF_CODE: Record<string, CoverageReason> = {
  'file-too-large': 'file-too-large',
  'file-limit': 'file-limit',
  'depth-limit': 'depth-limit',
  binary: 'binary',
  unreadable: 'unreadable',
  symlink: 'symlink',
  'special-file': 'special-file',
  'archive-size-limit': 'archive-size-limit',
  'compression-ratio': 'compression-ratio',
  'zip-entry-rejected': 'zip-entry-rejected',
};

/** The coverage reason of a skip warning code; undefined when the code is not about a file's content. */
export function coverageReasonOf(code: string): CoverageReason | undefined {
  return REASON_OF_CODE[code];
}

interface Entry {
  count: number;
  limit?: number;
  examples: string[];
}

export class CoverageTally {
  private readonly skips = new Map<CoverageReason, Entry>();

  /** `count` files (default 1) skipped for `reason`; `path` is kept among the first examples. */
  add(reason: CoverageReason, path: string | undefined, limit?: number, count = 1): void {
    let e = this.skips.get(reason);
    if (!e) this.skips.set(reason, (e = { count: 0, examples: [] }));
    e.count += count;
    if (limit !== undefined) e.limit = limit;
    if (path !== undefined && e.examples.length < MAX_COVERAGE_EXAMPLES) e.examples.push(path);
  }

  toCoverage(): Coverage {
    const skipped = COVERAGE_REASONS.flatMap((reason) => {
      const e = this.skips.get(reason);
      if (!e || e.count === 0) return [];
      return [{ reason, count: e.count, ...(e.limit !== undefined ? { limit: e.limit } : {}), examples: e.examples }];
    });
    return { complete: skipped.every((s) => COVERAGE_INFO_REASONS.includes(s.reason)), skipped };
  }
}
