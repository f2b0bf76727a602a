// Per-scanner figures of one scan, so a page can tell "ran, 0 results" from "not run" and say why.
import { coverageReasonWords } from '../contract/coverage-text';
import type { Outcome } from '../contract/vocabulary';
import type { ProjectFile, Scanner, ScannerRun } from './types';

export class ScannerTally {
  filesScanned = 0;
  findings = 0;
  warnings = 0;
  durationMs = 0;
  /** Project scanners: the files they asked for. */
  readonly wanted: ProjectFile[] = [];
  private readonly skips = new Map<string, number>();
  private readonly outcomes = { pass: 0, notApplicable: 0, notAvailable: 0 };
  private stopped?: { status: 'failed' | 'not-run'; code: string; text: string };

  constructor(readonly scanner: Scanner) {}

  skipped(code: string): void {
    this.skips.set(code, (this.skips.get(code) ?? 0) + 1);
  }

  result(outcome: Outcome): void {
    if (outcome === 'pass') this.outcomes.pass++;
    else if (outcome === 'not-applicable') this.outcomes.notApplicable++;
    else if (outcome === 'not-available') this.outcomes.notAvailable++;
  }

  fail(status: 'failed' | 'not-run', text: string, code: string = status): void {
    this.stopped ??= { status, code, text };
  }

  toRun(): ScannerRun {
    const { scanner } = this;
    const base = {
      scanner: scanner.name,
      version: scanner.version,
      category: scanner.category,
      filesScanned: this.filesScanned,
      filesSkipped: Object.fromEntries(this.skips),
      findings: this.findings,
      results: { ...this.outcomes },
      warnings: this.warnings,
      durationMs: Math.round(this.durationMs * 10) / 10,
    };
    if (this.stopped) {
      return { ...base, status: this.stopped.status, reason: { code: this.stopped.code, text: this.stopped.text }, rulesRun: 0 };
    }
    const idle = scanner.kind === 'project' ? this.wanted.length === 0 : this.filesScanned === 0;
    if (idle) return { ...base, status: 'not-run', reason: this.idleReason(), rulesRun: 0 };
    return { ...base, status: 'ran', rulesRun: scanner.rules.length };
  }

  private idleReason(): { code: string; text: string } {
    if (this.skips.size === 0) return { code: 'no-files', text: 'No file in the repository is of a kind it reads' };
    const parts = [...this.skips].map(([code, n]) => `${n} ${coverageReasonWords(code)}`);
    return { code: 'all-files-skipped', text: `Every file it would read was skipped (${parts.join(', ')})` };
  }
}
