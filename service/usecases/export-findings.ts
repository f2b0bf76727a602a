// Export of a findings list: every page of the same filters and order, read in chunks, and the CLI's
// SARIF writer (engine/sarif.ts) applied chunk by chunk so that a large list streams.
import type { Kysely } from 'kysely';
import type { ReportingDescriptor, Result } from 'sarif';
import { VIGIL_HOMEPAGE } from '../cli';
import { SARIF_SCHEMA, toSarif } from '../engine/sarif';
import type { Finding, ScanResult } from '../engine/types';
import { findingRows, type FindingFilters, type FindingOrder, type FindingWithRepo } from '../store/finding-queries';
import type { Database } from '../store/schema';

export const EXPORT_CHUNK = 500;

/** A cell as a spreadsheet reads it: text only, never a formula, quoted when it must be (RFC 4180). */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // =, +, -, @ (and tab, CR) start a formula in Excel, LibreOffice and Sheets: a leading quote makes it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | number | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** Every finding of the list, EXPORT_CHUNK at a time, in the list's order. */
export async function* exportedFindings(
  db: Kysely<Database>,
  orgId: string,
  filters: FindingFilters,
  order?: FindingOrder,
  chunk = EXPORT_CHUNK,
): AsyncGenerator<FindingWithRepo[]> {
  for (let offset = 0; ; offset += chunk) {
    const rows = await findingRows(db, orgId, filters, { limit: chunk, offset }, order);
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
  }
}

/** A stored finding as the engine reported it (the secret's masked preview only, never its hash). */
function engineFinding(r: FindingWithRepo): Finding {
  const { secret, ...details } = r.details ?? {};
  return {
    ruleId: r.rule_id,
    title: r.title,
    severity: r.severity as Finding['severity'],
    category: r.category as Finding['category'],
    confidence: r.confidence as Finding['confidence'],
    message: r.message,
    location: r.location,
    fingerprint: r.fingerprint,
    details: { ...details, ...(secret ? { secret: { preview: secret.preview } } : {}) },
    remediation: r.remediation,
    ...(r.help_uri ? { helpUri: r.help_uri } : {}),
    ...(r.cwe?.length ? { cwe: r.cwe } : {}),
    ...(r.state === 'suppressed' && r.suppression ? { suppressed: r.suppression } : {}),
    ...(r.verification && r.verified_at
      ? {
          verification: {
            state: r.verification as NonNullable<Finding['verification']>['state'],
            at: new Date(r.verified_at).toISOString(),
            provider: r.verification_provider ?? '',
            ...(r.verification_detail ? { detail: r.verification_detail } : {}),
          },
        }
      : {}),
  };
}

const EMPTY_RESULT: Omit<ScanResult, 'findings'> = {
  results: [],
  inventories: [],
  scanners: [],
  warnings: [],
  stats: { filesSeen: 0, filesScanned: 0, filesSkipped: 0, bytesScanned: 0, durationMs: 0 },
  coverage: { complete: true, skipped: [] },
};

const iso = (d: Date | string | null): string | undefined => (d ? new Date(d).toISOString() : undefined);

/**
 * One SARIF 2.1.0 log written in pieces: `head()`, `results(rows)` for each chunk, `tail()`. The
 * rules are gathered as results arrive and written last (a JSON object's members have no order), so
 * each result's ruleIndex points into the whole log's rules.
 */
export class SarifLogWriter {
  private readonly rules: ReportingDescriptor[] = [];
  private readonly ruleIndex = new Map<string, number>();
  private written = 0;

  private readonly tool: { toolVersion: string; informationUri: string };

  constructor(tool: { toolVersion: string; informationUri?: string }) {
    this.tool = { toolVersion: tool.toolVersion, informationUri: tool.informationUri ?? VIGIL_HOMEPAGE };
  }

  head(): string {
    return `{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[{"results":[`;
  }

  results(rows: FindingWithRepo[]): string {
    const log = toSarif({ ...EMPTY_RESULT, findings: rows.map(engineFinding) }, { ...this.tool, rules: [] });
    const chunkRules = log.runs[0].tool.driver.rules ?? [];
    const out = (log.runs[0].results ?? []).map((result, i) => this.place(result, chunkRules, rows[i]));
    const text = out.map((r) => JSON.stringify(r)).join(',');
    const sep = this.written && out.length ? ',' : '';
    this.written += out.length;
    return sep + text;
  }

  tail(): string {
    const driver = toSarif({ ...EMPTY_RESULT, findings: [] }, { ...this.tool, rules: [] }).runs[0].tool.driver;
    return `],"tool":${JSON.stringify({ driver: { ...driver, rules: this.rules } })},"columnKind":"utf16CodeUnits"}]}`;
  }

  /** The result with its rule index in the whole log, where it is (repository, project) and its state in Vigil. */
  private place(result: Result, chunkRules: ReportingDescriptor[], row: FindingWithRepo): Result {
    const rule = result.ruleIndex !== undefined ? chunkRules[result.ruleIndex] : undefined;
    let ruleIndex: number | undefined;
    if (rule) {
      ruleIndex = this.ruleIndex.get(rule.id);
      if (ruleIndex === undefined) {
        ruleIndex = this.rules.length;
        this.ruleIndex.set(rule.id, ruleIndex);
        this.rules.push(rule);
      }
    }
    const dismissal = row.state === 'dismissed' ? row.dismissal : null;
    return {
      ...result,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      ...(dismissal
        ? {
            suppressions: [
              {
                kind: 'external' as const,
                status: 'accepted' as const,
                justification: dismissal.comment ? `${dismissal.reason}: ${dismissal.comment}` : dismissal.reason,
                properties: { dismissedBy: dismissal.byName ?? dismissal.by, at: dismissal.at, ...(dismissal.expires ? { expires: dismissal.expires } : {}) },
              },
            ],
          }
        : {}),
      properties: {
        ...result.properties,
        findingId: row.finding_id,
        state: row.state,
        ...(row.repo_name ? { repository: row.repo_name } : {}),
        ...(row.project_name ? { project: row.project_name } : {}),
        ...(row.commit_sha ? { commitSha: row.commit_sha } : {}),
        firstSeenAt: iso(row.first_seen_at),
        lastSeenAt: iso(row.last_seen_at),
        ...(row.fixed_at ? { fixedAt: iso(row.fixed_at) } : {}),
      },
    };
  }
}
