import { otherResultsText, scannerLabel, scannerSummary, skippedText, warningsByScanner } from './scanners';
import { coverageReasonWords } from '../../service/contract/coverage-text';
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

  it('words each skip reason as the coverage does (one list, in the contract), links and partial scans included', () => {
    const run = makeScannerRun({ filesSkipped: { symlink: 4, 'special-file': 3, 'partly-scanned': 2, 'compression-ratio': 1 } });
    expect(skippedText(run)).toBe(
      'Skipped 10 files: 4 symbolic links, 3 not regular files, 2 only partly scanned (a scanner\'s cap), 1 compressed suspiciously well (a zip bomb?)',
    );
    for (const code of ['file-too-large', 'archive-size-limit', 'depth-limit', 'symlink', 'partly-scanned']) {
      expect(skippedText(makeScannerRun({ filesSkipped: { [code]: 1 } }))).toBe(`Skipped 1 file: 1 ${coverageReasonWords(code)}`);
    }
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
