// The auditor's export of pull-request compliance evidence (issue 15): every merged pull request of the
// period with the five outcomes and the evidence behind each (in words, with links into ADO), and a summary
// sheet: the period, the scope, the settings in force and the counts. CSV (one sheet after the other, or
// the summary alone) or JSON, written in pieces so 50,000 pull requests stream. The same writers serve the
// API (rows read from the store a chunk at a time) and the CLI (rows evaluated in memory).
import type { Kysely } from 'kysely';
import {
  COMPLIANCE_CHECK_IDS,
  COMPLIANCE_CHECK_LABELS,
  COMPLIANCE_OUTCOME_LABELS,
  type ComplianceCheckId,
  type ComplianceCheckResultDto,
  type ComplianceCheckSummary,
  type ComplianceOutcome,
  type CompliancePullRequestDto,
  type ComplianceSettingsDto,
} from '../contract/compliance-api';
import { compliancePullRequests, matchingKeys, type ComplianceFilters } from '../store/compliance-reads';
import type { Database } from '../store/schema';
import { csvLine } from './export-findings';

export const COMPLIANCE_EXPORT_CHUNK = 500;

/** The summary sheet: what was exported, under which settings, and how it came out. */
export interface ComplianceExportSummary {
  generatedAt: string;
  organization: string;
  period: { from: string; to: string };
  scope: { project?: string; repository?: string; checks?: ComplianceCheckId[]; outcomes?: ComplianceOutcome[]; emergencyOnly?: boolean };
  settings: Omit<ComplianceSettingsDto, 'updatedAt' | 'updatedBy'>;
  pullRequests: number;
  emergency: number;
  checks: ComplianceCheckSummary[];
}

/** Counts the pull requests as they are written, for the summary that follows them. */
export class ComplianceTally {
  pullRequests = 0;
  emergency = 0;
  private readonly counts = new Map<ComplianceCheckId, Record<ComplianceOutcome, number>>(
    COMPLIANCE_CHECK_IDS.map((c) => [c, { pass: 0, fail: 0, 'not-applicable': 0, exempt: 0, 'not-available': 0 }]),
  );

  add(prs: readonly CompliancePullRequestDto[]): void {
    for (const pr of prs) {
      this.pullRequests++;
      if (pr.checks.some((c) => c.outcome === 'exempt')) this.emergency++;
      for (const c of pr.checks) this.counts.get(c.checkId)![c.outcome]++;
    }
  }

  checks(): ComplianceCheckSummary[] {
    return COMPLIANCE_CHECK_IDS.map((checkId) => {
      const counts = { ...this.counts.get(checkId)! };
      return { checkId, counts, passRate: counts.pass + counts.fail ? counts.pass / (counts.pass + counts.fail) : null };
    });
  }
}

export interface ExportHeader {
  organization: string;
  filters: ComplianceFilters;
  settings: ComplianceSettingsDto;
  now?: Date;
}

export function summaryOf(header: ExportHeader, tally: ComplianceTally): ComplianceExportSummary {
  const f = header.filters;
  const { updatedAt: _at, updatedBy: _by, ...settings } = header.settings;
  return {
    generatedAt: (header.now ?? new Date()).toISOString(),
    organization: header.organization,
    period: { from: f.from, to: f.to },
    scope: {
      ...(f.projectId ? { project: f.projectId } : {}),
      ...(f.repoId ? { repository: f.repoId } : {}),
      ...(f.checks?.length ? { checks: f.checks } : {}),
      ...(f.outcomes?.length ? { outcomes: f.outcomes } : {}),
      ...(f.emergency ? { emergencyOnly: true } : {}),
    },
    settings,
    pullRequests: tally.pullRequests,
    emergency: tally.emergency,
    checks: tally.checks(),
  };
}

// ---- CSV ----------------------------------------------------------------------------------------------

/** One check's evidence in a cell: "label: value (link)" items joined by " | ". */
export function evidenceText(result: ComplianceCheckResultDto | undefined): string {
  if (!result) return '';
  const items = result.evidence.map((e) => `${e.label}: ${e.value}${e.at ? ` at ${e.at}` : ''}${e.url ? ` (${e.url})` : ''}`);
  const why = result.reason ?? result.message;
  return [...(why ? [why] : []), ...items].join(' | ');
}

const PR_COLUMNS = [
  'Project',
  'Repository',
  'Pull request',
  'Title',
  'Author',
  'Target branch',
  'Closed',
  'Labels',
  'Overall',
  ...COMPLIANCE_CHECK_IDS.map((c) => COMPLIANCE_CHECK_LABELS[c]),
  ...COMPLIANCE_CHECK_IDS.map((c) => `${COMPLIANCE_CHECK_LABELS[c]}: evidence`),
  'Link',
];

export const complianceCsvHeader = (): string => `\uFEFF${csvLine(PR_COLUMNS)}`;

export function complianceCsvRows(prs: readonly CompliancePullRequestDto[]): string {
  return prs
    .map((pr) => {
      const byCheck = new Map(pr.checks.map((c) => [c.checkId, c]));
      return csvLine([
        pr.projectName ?? pr.projectId,
        pr.repositoryName ?? pr.repositoryId,
        pr.pullRequestId,
        pr.title,
        pr.author,
        pr.targetRef.replace(/^refs\/heads\//, ''),
        pr.closedAt,
        pr.labels.join(', '),
        COMPLIANCE_OUTCOME_LABELS[pr.outcome],
        ...COMPLIANCE_CHECK_IDS.map((c) => {
          const r = byCheck.get(c);
          return r ? COMPLIANCE_OUTCOME_LABELS[r.outcome] : 'Not checked';
        }),
        ...COMPLIANCE_CHECK_IDS.map((c) => evidenceText(byCheck.get(c))),
        pr.url,
      ]);
    })
    .join('');
}

/** The summary sheet as CSV: settings as name/value lines, then one line per check with its counts. */
export function complianceCsvSummary(s: ComplianceExportSummary, standalone: boolean): string {
  const sources = s.settings.evidenceSources;
  const lines = [
    csvLine(['Summary']),
    csvLine(['Organization', s.organization]),
    csvLine(['Period', `${s.period.from} to ${s.period.to}`]),
    csvLine(['Generated', s.generatedAt]),
    csvLine(['Project', s.scope.project ?? 'All projects']),
    csvLine(['Repository', s.scope.repository ?? 'All repositories']),
    ...(s.scope.checks ? [csvLine(['Checks filter', s.scope.checks.join(', ')])] : []),
    ...(s.scope.outcomes ? [csvLine(['Outcomes filter', s.scope.outcomes.join(', ')])] : []),
    ...(s.scope.emergencyOnly ? [csvLine(['Emergency only', 'yes'])] : []),
    csvLine(['Testing start date', s.settings.startDate]),
    csvLine(['Emergency label', s.settings.emergencyLabel]),
    csvLine(['Production branches', ['default branch', ...s.settings.branchPatterns].join(', ')]),
    csvLine(['Checks for new repositories', s.settings.checks.join(', ')]),
    csvLine(['Extra SAST tasks / statuses', [...sources.sastTasks, ...sources.sastStatuses].join(', ')]),
    csvLine(['Extra test tasks / statuses', [...sources.testTasks, ...sources.testStatuses].join(', ')]),
    csvLine(['Extra dependency tasks / statuses', [...sources.dependencyTasks, ...sources.dependencyStatuses].join(', ')]),
    csvLine(['Pull requests', s.pullRequests]),
    csvLine(['Emergency (exempt)', s.emergency]),
    '\r\n',
    csvLine(['Check', 'Check id', 'Passed', 'Failed', 'Exempt', 'Not available', 'Not applicable', 'Pass rate']),
    ...s.checks.map((c) =>
      csvLine([
        COMPLIANCE_CHECK_LABELS[c.checkId],
        c.checkId,
        c.counts.pass,
        c.counts.fail,
        c.counts.exempt,
        c.counts['not-available'],
        c.counts['not-applicable'],
        c.passRate === null ? '' : `${(c.passRate * 100).toFixed(1)}%`,
      ]),
    ),
  ];
  return `${standalone ? '\uFEFF' : '\r\n'}${lines.join('')}`;
}

// ---- JSON ---------------------------------------------------------------------------------------------

/** `{"pullRequests":[...],"summary":{...}}` in pieces: the summary comes last, when the counts are known. */
export class ComplianceJsonWriter {
  private written = 0;
  head(): string {
    return '{"pullRequests":[';
  }
  rows(prs: readonly CompliancePullRequestDto[]): string {
    if (!prs.length) return '';
    const text = prs.map((p) => JSON.stringify(p)).join(',');
    const sep = this.written ? ',' : '';
    this.written += prs.length;
    return sep + text;
  }
  tail(summary: ComplianceExportSummary): string {
    return `],"summary":${JSON.stringify(summary)}}`;
  }
}

// ---- the whole file -----------------------------------------------------------------------------------

export interface ComplianceExportOptions {
  format: 'csv' | 'json';
  /** CSV: 'summary' writes the summary sheet alone. */
  sheet?: 'all' | 'pull-requests' | 'summary';
}

/** The export as text pieces, from chunks of pull requests (store or memory). */
export async function* complianceExportText(
  chunks: AsyncIterable<CompliancePullRequestDto[]> | Iterable<CompliancePullRequestDto[]>,
  header: ExportHeader,
  opts: ComplianceExportOptions,
): AsyncGenerator<string> {
  const tally = new ComplianceTally();
  if (opts.format === 'json') {
    const writer = new ComplianceJsonWriter();
    yield writer.head();
    for await (const prs of chunks) {
      tally.add(prs);
      yield writer.rows(prs);
    }
    yield writer.tail(summaryOf(header, tally));
    return;
  }
  const sheet = opts.sheet ?? 'all';
  if (sheet !== 'summary') yield complianceCsvHeader();
  for await (const prs of chunks) {
    tally.add(prs);
    if (sheet !== 'summary') yield complianceCsvRows(prs);
  }
  if (sheet !== 'pull-requests') yield complianceCsvSummary(summaryOf(header, tally), sheet === 'summary');
}

/** Every matching pull request from the store, COMPLIANCE_EXPORT_CHUNK at a time, newest first. */
export async function* storedCompliancePullRequests(db: Kysely<Database>, orgId: string, filters: ComplianceFilters, chunk = COMPLIANCE_EXPORT_CHUNK): AsyncGenerator<CompliancePullRequestDto[]> {
  const keys = await matchingKeys(db, orgId, filters);
  for (let i = 0; i < keys.length; i += chunk) yield compliancePullRequests(db, orgId, keys.slice(i, i + chunk));
}

export function exportCompliance(
  db: Kysely<Database>,
  orgId: string,
  opts: ComplianceExportOptions & { filters: ComplianceFilters; settings: ComplianceSettingsDto; organization: string },
): AsyncGenerator<string> {
  return complianceExportText(storedCompliancePullRequests(db, orgId, opts.filters), { organization: opts.organization, filters: opts.filters, settings: opts.settings }, opts);
}
