// Coverage in words (coverage-text.ts), as the hub and the CLI show it. Moved here from the hub's
// scanners test: the words are the contract's, whoever shows them.
import { coverageGap, coverageLimitText, coverageReasonWords, coverageSkipText, coverageSummary, formatBytes, incompleteSkips } from './coverage-text';
import { COVERAGE_INFO_REASONS, COVERAGE_REASONS } from './vocabulary';

describe('coverage in words', () => {
  const tooLarge = { reason: 'file-too-large' as const, count: 3, limit: 5 * 1024 * 1024, examples: ['a.log', 'b.sql', 'c.csv'] };

  it('says how many files were not scanned, why, and the limit that caused it', () => {
    const coverage = { complete: false, skipped: [tooLarge] };
    expect(coverageSummary(coverage)).toBe('3 files not scanned: too large (limit 5 MB)');
    expect(coverageGap(coverage)).toBe('3 files not scanned');
  });

  it('lists several reasons with their counts, and binary files apart (they do not make a scan incomplete)', () => {
    const coverage = {
      complete: false,
      skipped: [
        tooLarge,
        { reason: 'file-limit' as const, count: 1_204, limit: 1_000_000, examples: [] },
        { reason: 'binary' as const, count: 2, examples: [] },
      ],
    };
    expect(coverageSummary(coverage)).toBe('1,207 files not scanned: 3 too large (limit 5 MB), 1,204 beyond the file limit (limit 1,000,000 files)');
    expect(coverageSummary({ complete: true, skipped: [{ reason: 'binary', count: 2, examples: [] }] })).toBe('Complete; not read: 2 binary');
    expect(coverageSummary({ complete: true, skipped: [] })).toBe('Complete');
    expect(coverageGap({ complete: true, skipped: [] })).toBeUndefined();
  });

  it('puts each limit in its unit', () => {
    expect(coverageSkipText({ reason: 'depth-limit', count: 1, limit: 200, examples: [] })).toBe('too deep in folders (limit 200 folders deep)');
    expect(coverageSkipText({ reason: 'compression-ratio', count: 1, limit: 200, examples: [] })).toBe('compressed suspiciously well (a zip bomb?) (limit 200:1)');
    expect(coverageSkipText({ reason: 'archive-size-limit', count: 1, limit: 487_000_000, examples: [] })).toBe("over the repository's unpacked-size budget (limit 464.4 MB)");
    expect(coverageGap({ complete: false, skipped: [{ reason: 'partly-scanned', count: 1, examples: ['dense.txt'] }] })).toBe('1 file not fully scanned');
    expect([formatBytes(900), formatBytes(2048), formatBytes(4 * 1024 ** 3)]).toEqual(['900 bytes', '2 KB', '4 GB']);
  });

  it('has words of its own for every reason, and reads an unknown code with spaces', () => {
    expect(new Set(COVERAGE_REASONS.map(coverageReasonWords)).size).toBe(COVERAGE_REASONS.length);
    expect(coverageReasonWords('symlink')).toBe('symbolic links');
    expect(coverageReasonWords('partly-scanned')).toBe("only partly scanned (a scanner's cap)");
    expect(coverageReasonWords('symlink-outside')).toBe('symlink outside');
    expect(coverageLimitText('file-limit', 1_000_000)).toBe('1,000,000 files');
  });

  it('leaves binary files, links and special files out of what makes a scan incomplete', () => {
    const skipped = COVERAGE_REASONS.map((reason) => ({ reason, count: 1, examples: [] }));
    expect(incompleteSkips({ complete: false, skipped }).map((s) => s.reason)).toEqual(COVERAGE_REASONS.filter((r) => !COVERAGE_INFO_REASONS.includes(r)));
  });
});
