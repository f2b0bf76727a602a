// The per-scanner figures of a scan in words: what ran and what it found, what did not run and why,
// what was skipped and why. Pure functions (no React, no SDK).
import type { ScannerRun, ScanWarning } from '../../service/contract/model';
import { coverageReasonWords } from '../../service/contract/coverage-text';
import { CATEGORY_LABELS, CODE_LANGUAGE_LABELS, CODE_LANGUAGES, OUTCOME_LABELS, type CodeLanguage } from '../../service/contract/vocabulary';
import { formatCount, formatDuration } from './format';

/** The language of a code scanner (code-python, code-javascript, code-csharp), else undefined. */
function codeLanguageOf(run: Pick<ScannerRun, 'scanner' | 'category'>): CodeLanguage | undefined {
  return run.category === 'code' ? CODE_LANGUAGES.find((l) => run.scanner === `code-${l}`) : undefined;
}

/** "Secrets", "Code (Python)"; the scanner's own name beside it when two scanners report the same category. */
export function scannerLabel(run: Pick<ScannerRun, 'scanner' | 'category'>, all: readonly Pick<ScannerRun, 'scanner' | 'category'>[]): string {
  const language = codeLanguageOf(run);
  if (language) return `${CATEGORY_LABELS.code} (${CODE_LANGUAGE_LABELS[language]})`;
  const label = CATEGORY_LABELS[run.category] ?? run.scanner;
  return all.filter((r) => r.category === run.category).length > 1 ? `${label} (${run.scanner})` : label;
}

/** Scanners of packages read manifests and lockfiles: "no file it reads" means no lockfile. */
const PACKAGE_CATEGORIES: readonly string[] = ['deps', 'license', 'package-risk'];

/** Why a scanner did not run, in the words of what it reads. */
function reasonText(run: ScannerRun): string | undefined {
  if (run.reason?.code === 'no-files' && PACKAGE_CATEGORIES.includes(run.category)) return 'no lockfile or manifest in the repository';
  if (run.reason?.code === 'no-files' && run.category === 'iac') return 'no infrastructure-as-code file in the repository';
  const language = codeLanguageOf(run);
  if (run.reason?.code === 'no-files' && language) return `no ${CODE_LANGUAGE_LABELS[language]} source file in the repository`;
  return run.reason?.text;
}

/** "ran", "not run: no files it reads", "not run: no lockfile or manifest…", "failed: the parser crashed". */
export function scannerStatusText(run: ScannerRun): string {
  const reason = reasonText(run);
  const why = reason ? `: ${reason}` : '';
  if (run.status === 'ran') return 'ran';
  return run.status === 'not-run' ? `not run${why}` : `failed${why}`;
}

/** "Secrets: ran, 247 rules, 1,204 files, 3 findings, 1.2 s" or "Code: not run: no files it reads". */
export function scannerSummary(run: ScannerRun, label: string): string {
  const parts = [scannerStatusText(run)];
  if (run.status === 'ran') {
    parts.push(formatCount(run.rulesRun, 'rule'), formatCount(run.filesScanned, 'file'), formatCount(run.findings, 'finding'));
  }
  if (run.status !== 'not-run') parts.push(formatDuration(run.durationMs));
  return `${label}: ${parts.join(', ')}`;
}

function skippedCount(run: ScannerRun): number {
  return Object.values(run.filesSkipped).reduce((sum, n) => sum + n, 0);
}

/** "Skipped 3 files: 2 too large, 1 binary", or undefined when nothing was skipped. */
export function skippedText(run: ScannerRun): string | undefined {
  const total = skippedCount(run);
  if (!total) return undefined;
  const reasons = Object.entries(run.filesSkipped)
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${n.toLocaleString('en-US')} ${coverageReasonWords(code)}`);
  return `Skipped ${formatCount(total, 'file')}: ${reasons.join(', ')}`;
}

/**
 * Outcomes other than findings: "12 passed, 3 not available". Not available (the evidence could not
 * be read) is its own figure, never counted as passed or failed. Undefined when there are none.
 */
export function otherResultsText(run: ScannerRun): string | undefined {
  const figures: [number, string][] = [
    [run.results.pass, OUTCOME_LABELS.pass],
    [run.results.notApplicable, OUTCOME_LABELS['not-applicable']],
    [run.results.notAvailable, OUTCOME_LABELS['not-available']],
  ];
  const shown = figures.filter(([n]) => n > 0).map(([n, label]) => `${n.toLocaleString('en-US')} ${label.toLowerCase()}`);
  return shown.length ? shown.join(', ') : undefined;
}

/** Warnings grouped by scanner, in the order the scanners are listed; warnings of no scanner last. */
export function warningsByScanner(warnings: readonly ScanWarning[], runs: readonly ScannerRun[]): { scanner: string; label: string; warnings: ScanWarning[] }[] {
  const groups = new Map<string, ScanWarning[]>();
  for (const w of warnings) {
    const key = w.scanner ?? '';
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  }
  const order = (key: string) => {
    const i = runs.findIndex((r) => r.scanner === key);
    return i < 0 ? runs.length + (key ? 0 : 1) : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([scanner, list]) => {
      const run = runs.find((r) => r.scanner === scanner);
      return { scanner, label: run ? scannerLabel(run, runs) : scanner || 'Whole scan', warnings: list };
    });
}
