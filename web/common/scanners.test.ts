import { coverageGap, coverageSkipText, coverageSummary, formatBytes, otherResultsText, scannerLabel, scannerSummary, skippedText, warningsByScanner } from './scanners';
import { makeScannerRun, makeWarning } from '../testing/fixtures';

describe('scanner figures in words', () => {
  it('says what a scanner that ran looked at and found', () => {
    expect(scannerSummary(makeScannerRun(), 'Secrets')).toBe('Secrets: ran, 247 rules, 1,204 files, 3 findings, 1.2 s');
    expect(scannerSummary(makeScannerRun({ findings: 1, rulesRun: 1, filesScanned: 1, durationMs: 40 }), 'Code')).toBe(
      'Code: ran, 1 rule, 1 file, 1 finding, 40 ms',
    );
  });

  it('says why a scanner did not run or failed, without figures it does not have', () => {
    const notRun = makeScannerRun({ status: 'not-run', reason: { code: 'no-files', text: 'no files it reads' }, rulesRun: 0, filesScanned: 0, findings: 0, durationMs: 0 });
    expect(scannerSummary(notRun, 'Infrastructure as code')).toBe('Infrastructure as code: not run: no files it reads');
    const failed = makeScannerRun({ status: 'failed', reason: { code: 'error', text: 'the WASM module did not load' }, durationMs: 3 });
    expect(scannerSummary(failed, 'Secrets')).toBe('Secrets: failed: the WASM module did not load, 3 ms');
  });

  it('counts skipped files by reason, most first', () => {
    expect(skippedText(makeScannerRun())).toBeUndefined();
    expect(skippedText(makeScannerRun({ filesSkipped: { binary: 1, 'file-too-large': 2, unreadable: 0 } }))).toBe('Skipped 3 files: 2 too large, 1 binary');
    expect(skippedText(makeScannerRun({ filesSkipped: { 'symlink-outside': 1 } }))).toBe('Skipped 1 file: 1 symlink outside');
  });

  it('keeps not available apart from passed, and says nothing when there are no other results', () => {
    expect(otherResultsText(makeScannerRun())).toBeUndefined();
    expect(otherResultsText(makeScannerRun({ results: { pass: 12, notApplicable: 0, notAvailable: 3 } }))).toBe('12 passed, 3 not available');
    expect(otherResultsText(makeScannerRun({ results: { pass: 0, notApplicable: 4, notAvailable: 0 } }))).toBe('4 not applicable');
  });

  it('names a scanner by its category, and by its own name when two share one', () => {
    const tf = makeScannerRun({ scanner: 'terraform', category: 'iac' });
    const k8s = makeScannerRun({ scanner: 'kubernetes', category: 'iac' });
    const secrets = makeScannerRun();
    expect(scannerLabel(secrets, [secrets, tf, k8s])).toBe('Secrets');
    expect(scannerLabel(tf, [secrets, tf, k8s])).toBe('Infrastructure as code (terraform)');
  });

  it('groups warnings by scanner in the scanners order, the scan-wide ones last', () => {
    const runs = [makeScannerRun(), makeScannerRun({ scanner: 'terraform', category: 'iac' })];
    const groups = warningsByScanner(
      [
        makeWarning({ scanner: undefined, code: 'zip-entry-rejected', path: '../evil', message: 'Outside the repository.' }),
        makeWarning({ scanner: 'terraform', code: 'parse-error', path: 'main.tf', message: 'Unexpected }' }),
        makeWarning(),
        makeWarning({ scanner: 'terraform', code: 'parse-error', path: 'vars.tf', message: 'Unexpected EOF' }),
      ],
      runs,
    );
    expect(groups.map((g) => [g.label, g.warnings.map((w) => w.path)])).toEqual([
      ['Secrets', ['assets/video.mp4']],
      ['Infrastructure as code', ['main.tf', 'vars.tf']],
      ['Whole scan', ['../evil']],
    ]);
  });
});

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
});
