// A scan's coverage in words, shared by the hub and the CLI: what was not scanned, why, and the
// limit behind it ("3 files not scanned: too large (limit 5 MB)"). Plain functions, no dependency.
import type { Coverage, CoverageSkip } from './model';
import { COVERAGE_INFO_REASONS, type CoverageReason } from './vocabulary';

/** "1 file", "3 files", "1,000,000 files". */
export function count(n: number, singular: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : `${singular}s`}`;
}

/** Why files were not scanned, in words; the limit follows in brackets (coverageSkipText). */
const COVERAGE_REASON_WORDS: Record<CoverageReason, string> = {
  'file-too-large': 'too large',
  'file-limit': 'beyond the file limit',
  'depth-limit': 'too deep in folders',
  'archive-size-limit': "over the repository's unpacked-size budget",
  'compression-ratio': 'compressed suspiciously well (a zip bomb?)',
  'partly-scanned': "only partly scanned (a scanner's cap)",
  unreadable: 'unreadable',
  'zip-entry-rejected': 'refused in the download (unsafe name or type)',
  'archive-damaged': 'in a damaged part of the download',
  binary: 'binary',
  symlink: 'symbolic links',
  'special-file': 'not regular files',
  excluded: 'excluded (ignored or build output)',
};

/** Why a file was skipped, in words, for any skip code (unknown codes read with spaces for dashes). */
export function coverageReasonWords(code: string): string {
  return (COVERAGE_REASON_WORDS as Record<string, string>)[code] ?? code.replace(/-/g, ' ');
}

/** "5 MB", "1.5 GB", "900 KB", "12 bytes" (1,024-based, as the limits are set). */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toFixed(1)).toLocaleString('en-US')} ${unit}`;
  }
  return count(n, 'byte');
}

/** A limit in the unit of its reason: "5 MB", "1,000,000 files", "200 folders deep", "200:1". */
export function coverageLimitText(reason: CoverageReason, limit: number): string {
  switch (reason) {
    case 'file-too-large':
    case 'archive-size-limit':
      return formatBytes(limit);
    case 'file-limit':
      return count(limit, 'file');
    case 'depth-limit':
      return `${count(limit, 'folder')} deep`;
    case 'compression-ratio':
      return `${limit.toLocaleString('en-US')}:1`;
    default:
      return limit.toLocaleString('en-US');
  }
}

/** "too large (limit 5 MB)", "binary". */
export function coverageSkipText(skip: CoverageSkip): string {
  const why = coverageReasonWords(skip.reason);
  return skip.limit !== undefined ? `${why} (limit ${coverageLimitText(skip.reason, skip.limit)})` : why;
}

/** Skips that leave the scan incomplete (binary files and links do not). */
export function incompleteSkips(coverage: Coverage): CoverageSkip[] {
  return coverage.skipped.filter((s) => !COVERAGE_INFO_REASONS.includes(s.reason));
}

/** "3 files not scanned", "1 file not fully scanned"; undefined when the coverage is complete. */
export function coverageGap(coverage: Coverage): string | undefined {
  const gaps = incompleteSkips(coverage);
  if (coverage.complete || gaps.length === 0) return coverage.complete ? undefined : 'Coverage incomplete';
  const total = gaps.reduce((n, s) => n + s.count, 0);
  const partly = gaps.every((s) => s.reason === 'partly-scanned');
  return `${count(total, 'file')} not ${partly ? 'fully ' : ''}scanned`;
}

/**
 * The coverage of a scan in one line: "3 files not scanned: too large (limit 5 MB)", "5 files not
 * scanned: 3 too large (limit 5 MB), 2 beyond the file limit (limit 1,000,000 files)", or
 * "Complete" (with what it did not read that does not count: "Complete; 2 binary files not read").
 */
export function coverageSummary(coverage: Coverage): string {
  const gaps = incompleteSkips(coverage);
  const info = coverage.skipped.filter((s) => COVERAGE_INFO_REASONS.includes(s.reason));
  const infoText = info.length ? info.map((s) => `${s.count.toLocaleString('en-US')} ${coverageSkipText(s)}`).join(', ') : undefined;
  if (coverage.complete || gaps.length === 0) {
    const head = coverage.complete ? 'Complete' : 'Incomplete';
    return infoText ? `${head}; not read: ${infoText}` : head;
  }
  const parts = gaps.length === 1 ? coverageSkipText(gaps[0]) : gaps.map((s) => `${s.count.toLocaleString('en-US')} ${coverageSkipText(s)}`).join(', ');
  return `${coverageGap(coverage)}: ${parts}`;
}
