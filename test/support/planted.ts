// The secrets planted in the fake's repositories (fixtures/planted.json), read once for every test:
// where each is and what its finding must be, and the audit of the findings against them (what a
// crash, a kill or a shutdown in the middle of scans may not do to them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../service/store/schema';

export interface Planted {
  org: string;
  project: string;
  repo: string;
  path: string;
  line: number;
  kind: string;
  /** The secret itself: it must never leave the service (API, logs, hub pages). */
  value: string;
  /** The same value planted again here (one credential, one alert), from the place named. */
  reusedFrom?: string;
}

/** Kinds reported together with their partner, as one finding at the partner's line. */
const PAIRED_WITH: Record<string, string> = { 'aws-access-key-id': 'aws-secret-access-key' };

export const planted: Planted[] = JSON.parse(readFileSync(path.join(__dirname, '../fake-ado/fixtures/planted.json'), 'utf8'));

/** The line its finding is reported at: its own, or its partner's (a paired credential is one finding there). */
export function reportedLine(p: Planted): number {
  const partner = PAIRED_WITH[p.kind];
  if (!partner) return p.line;
  return planted.find((q) => q.org === p.org && q.repo === p.repo && q.path === p.path && q.kind === partner)?.line ?? p.line;
}

export interface FindingsAudit {
  /** Planted secrets of the given repositories with no open finding at their place. */
  lost: string[];
  /** Places (repository, rule, file, line) with more than one finding. */
  duplicated: string[];
  /** Findings marked fixed although no repository content changed. */
  fixed: string[];
  /** Findings in the database. */
  total: number;
}

export interface AuditedFinding {
  repo: string;
  rule_id: string;
  location: unknown;
  state: string;
}

/** Audits the secret findings of organization `org` (its fixture name) for the named repositories, from the database. */
export async function auditFindings(db: Kysely<Database>, org: string, repos: string[]): Promise<FindingsAudit> {
  const rows = await db
    .selectFrom('findings')
    .innerJoin('repositories', (j) => j.onRef('repositories.org_id', '=', 'findings.org_id').onRef('repositories.repo_id', '=', 'findings.repo_id'))
    .innerJoin('organizations', 'organizations.org_id', 'findings.org_id')
    .select(['repositories.name as repo', 'findings.rule_id', 'findings.location', 'findings.state'])
    .where('organizations.name', '=', org)
    .where('findings.category', '=', 'secret')
    .execute();
  return auditRows(rows, org, repos);
}

/** The same audit on findings read elsewhere (e.g. every state of GET /api/v1/findings). */
export function auditRows(rows: AuditedFinding[], org: string, repos: string[]): FindingsAudit {
  const placeOf = (r: AuditedFinding) => {
    const loc = r.location as { kind: string; path?: string; line?: number };
    return `${r.repo}/${loc.path ?? loc.kind}:${loc.line ?? 0}`;
  };
  const live = planted.filter((p) => p.org === org && repos.includes(p.repo));
  const open = new Set(rows.filter((r) => r.state === 'open').map(placeOf));
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${placeOf(r)} ${r.rule_id}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    lost: live.filter((p) => !open.has(`${p.repo}/${p.path}:${reportedLine(p)}`)).map((p) => `${p.repo}/${p.path}:${p.line} (${p.kind})`),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([k]) => k),
    fixed: rows.filter((r) => r.state === 'fixed').map((r) => `${placeOf(r)} ${r.rule_id}`),
    total: rows.length,
  };
}
