// What the task says about a scan: the verdict by the fail-on rule, the Markdown summary attached to the
// build, and the short table in the log. Pure functions of the findings. Texts from the scanned tree
// (paths, rule titles quoting them) are escaped for where they go; secret values never reach here
// (the engine keeps only a masked preview, which is not shown either).
import { locationText } from '../../../service/contract/places';
import { CATEGORIES, GATE_MIN_CONFIDENCE, SEVERITIES, severityRank } from '../../../service/contract/vocabulary';
import type { PipelineRunUpload } from '../../../service/contract/pipeline-api';
import type { Finding, ScanResult } from '../../../service/engine/types';
import { failingFindings, printable } from '../../../service/local-scan';
import type { FailOn } from './inputs';

export type Verdict = PipelineRunUpload['verdict'];

export interface Judgement {
  verdict: Verdict;
  /** New findings at or above fail-on (confident enough): what fails the build. */
  failing: Finding[];
  /** Findings neither suppressed nor in the baseline. */
  open: Finding[];
  /** Findings the baseline already had. */
  inBaseline: Finding[];
  suppressed: Finding[];
}

/**
 * failed: a new finding at or above fail-on (with the gate's confidence, as `npm run scan --fail-on`);
 * succeededWithIssues: open findings, none of them failing; succeeded: no open finding.
 */
export function judge(findings: readonly Finding[], failOn: FailOn): Judgement {
  const open = findings.filter((f) => !f.suppressed);
  const inBaseline = findings.filter((f) => f.suppressed?.kind === 'baseline');
  const suppressed = findings.filter((f) => f.suppressed && f.suppressed.kind !== 'baseline');
  const failing = failOn === 'none' ? [] : failingFindings(findings, failOn, GATE_MIN_CONFIDENCE);
  const verdict: Verdict = failing.length ? 'failed' : open.length ? 'succeededWithIssues' : 'succeeded';
  return { verdict, failing, open, inBaseline, suppressed };
}

const VERDICT_WORDS: Record<Verdict, string> = {
  failed: 'Failed',
  succeededWithIssues: 'Succeeded with issues',
  succeeded: 'Succeeded',
};

/** Most severe first, then by place, so the top of a list is what matters. */
export function byImportance(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || locationText(a.location).localeCompare(locationText(b.location));
}

/**
 * A text from the scanned tree made safe for one log line: control characters shown as escapes (a
 * newline would start a line of its own) and `##` broken with a zero-width space, so no file name or
 * message can issue a `##vso[…]` command or a `##[error]` line.
 */
export function logSafe(text: string): string {
  return printable(text).replace(/#(?=#)/g, '#\u200b');
}

/** Markdown inline text: markup characters escaped, HTML never interpreted, on one line. */
export function markdownSafe(text: string): string {
  return printable(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

export interface SummaryFacts {
  failOn: FailOn;
  categories: readonly string[];
  /** How the baseline was got, for the reader ("vigil-main.sarif", "the service's last results on refs/heads/main"). */
  baseline?: string;
  /** Said when a baseline was asked for and could not be had. */
  baselineProblem?: string;
  /** Link to the run in the hub, once reported. */
  hubUrl?: string;
}

const TOP_FINDINGS = 20;

export function markdownSummary(result: ScanResult, judgement: Judgement, facts: SummaryFacts): string {
  const { open, failing, inBaseline, suppressed } = judgement;
  const lines: string[] = [];
  const threshold = facts.failOn === 'none' ? 'never fails' : `fails on new findings at ${facts.failOn} or above`;
  lines.push(`**${VERDICT_WORDS[judgement.verdict]}**: ${failing.length} failing, ${open.length} open, ${inBaseline.length} in the baseline, ${suppressed.length} suppressed (${threshold}).`, '');

  const counted = SEVERITIES.filter((s) => open.some((f) => f.severity === s));
  if (open.length) {
    const cats = CATEGORIES.filter((c) => open.some((f) => f.category === c));
    lines.push(`| Category | ${counted.join(' | ')} | Total |`, `|---|${counted.map(() => '---:|').join('')}---:|`);
    for (const c of cats) {
      const mine = open.filter((f) => f.category === c);
      lines.push(`| ${c} | ${counted.map((s) => mine.filter((f) => f.severity === s).length).join(' | ')} | ${mine.length} |`);
    }
    lines.push(`| **All** | ${counted.map((s) => open.filter((f) => f.severity === s).length).join(' | ')} | ${open.length} |`, '');

    lines.push(`Top ${Math.min(TOP_FINDINGS, open.length)} of ${open.length} open findings:`, '', '| Severity | Rule | Location | Title |', '|---|---|---|---|');
    for (const f of [...open].sort(byImportance).slice(0, TOP_FINDINGS)) {
      lines.push(`| ${f.severity} | ${markdownSafe(f.ruleId)} | ${markdownSafe(locationText(f.location))} | ${markdownSafe(f.title)} |`);
    }
    lines.push('');
  } else {
    lines.push('No open findings.', '');
  }

  const { stats } = result;
  lines.push(`Scanned ${stats.filesScanned} of ${stats.filesSeen} files in ${(stats.durationMs / 1000).toFixed(1)} s; scanners: ${facts.categories.join(', ')}.`);
  if (facts.baseline) lines.push(`Baseline: ${markdownSafe(facts.baseline)}.`);
  if (facts.baselineProblem) lines.push(`Baseline not used: ${markdownSafe(facts.baselineProblem)}; every finding counts as new.`);
  if (!result.coverage.complete) lines.push('Coverage is incomplete: some files were not scanned (see the SARIF log\'s notifications).');
  if (facts.hubUrl) lines.push(`[Open the run in Vigil](${encodeURI(facts.hubUrl)})`);
  lines.push('', 'The full results are in the `CodeAnalysisLogs` artifact (SARIF 2.1.0).');
  return `${lines.join('\n')}\n`;
}

/** The short table printed in the log: the most important open findings, one line each. */
export function logTable(judgement: Judgement, max = TOP_FINDINGS): string[] {
  const { open } = judgement;
  if (!open.length) return ['No open findings.'];
  const failing = new Set(judgement.failing);
  const rows = [
    ['SEVERITY', 'RULE', 'LOCATION', 'TITLE'],
    ...[...open]
      .sort(byImportance)
      .slice(0, max)
      .map((f) => [`${f.severity}${failing.has(f) ? ' (fails)' : ''}`, f.ruleId, clip(locationText(f.location), 90), clip(f.title, 70)].map(logSafe)),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
  if (open.length > max) lines.push(`… ${open.length - max} more in the SARIF log`);
  return lines;
}

/** One line under the log table: "Vigil: 3 failing, 12 open (2 critical, 10 high), 4 in the baseline, 1 suppressed; 95 of 95 files in 6.1 s". */
export function countsLine(result: ScanResult, j: Judgement): string {
  const bySeverity = SEVERITIES.map((s) => [s, j.open.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const open = bySeverity.length ? ` (${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')})` : '';
  const { stats } = result;
  return `Vigil: ${j.failing.length} failing, ${j.open.length} open${open}, ${j.inBaseline.length} in the baseline, ${j.suppressed.length} suppressed; ${stats.filesScanned} of ${stats.filesSeen} files in ${(stats.durationMs / 1000).toFixed(1)} s`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
