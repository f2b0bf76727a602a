// `npm run posture -- --org <url>`: the DevOps posture assessment with no service running (what AzSK's
// users run ad hoc): the same collection (service/posture/collect, through the ADO client) and the same
// controls as the service, reported as a table, JSON, SARIF or CSV, with an exit code like `scan`.
// The PAT is read from an environment variable (never an argument: it would sit in the shell history
// and the process list) and never printed. `runPostureCli` is exported so tests call it in-process.
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AdoClient } from './ado/client';
import { OrgUrlError, parseOrgUrl } from './ado/org-url';
import { POSTURE_SCOPE_AREAS } from './ado/scopes';
import type { PostureAreaStatus } from './contract/api';
import { count } from './contract/coverage-text';
import type { Finding, RuleResult } from './contract/model';
import { ADO_OBJECT_LABELS, SEVERITIES, severityRank, type Severity } from './contract/vocabulary';
import { CLI_SECRET_SALT, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, printable } from './cli';
import { toSarif } from './engine/sarif';
import type { ScanResult } from './engine/types';
import { postureAreaStatuses } from './posture/area-status';
import { assessSnapshot, type Assessment } from './posture/assess';
import { collectSnapshot } from './posture/collect';
import { postureControls } from './posture/controls';
import { pipelineSecrets } from './posture/pipeline-secrets';
import type { OrgSnapshot } from './posture/snapshot';

export const DEFAULT_PAT_ENV = 'VIGIL_ADO_PAT';
const FORMATS = ['table', 'json', 'sarif', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export interface PostureCliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

const USAGE = `Usage: npm run posture -- --org <url> [options]

Assesses the DevOps posture of an Azure DevOps organization (organization policies, projects,
pipelines, service connections, variable groups, secure files, agent pools, environments,
repositories and branch policies, users, extensions) with Vigil's controls. No service needed.

Options:
  --org <url>                  https://dev.azure.com/{organization} (or an ADO Server collection URL)
  --pat-env <VAR>              the environment variable holding the PAT (default: ${DEFAULT_PAT_ENV}).
                               A full assessment needs these scopes (read): ${POSTURE_SCOPE_AREAS.map((s) => s.hint.scope).join(', ')}.
                               Areas a scope is missing for are reported not available, never passed.
  --format <table|json|sarif|csv>  report format (default: table)
  --fail-on <severity>         exit 1 if a control fails at or above this severity: ${SEVERITIES.join('|')}
  --output <file>              write the report to this file instead of standard output
  --concurrency <n>            ADO requests in flight at most (default 4)
  -h, --help                   show this help

Exit codes: 0 no failure at or above --fail-on (or no --fail-on), 1 such failures,
            2 usage error, or the organization could not be read at all (URL, PAT).
`;

/** A mistake in the command line: the CLIs print it with their usage and exit 2. */
export class UsageError extends Error {}

/**
 * The organization's URL and the PAT from the environment variable `patEnv` (never an argument: it would
 * sit in the shell history and the process list). Shared by the posture and compliance CLIs.
 */
export function orgAndPat(org: string, patEnv: string, env: Record<string, string | undefined>): { orgUrl: string; token: string } {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(patEnv)) throw new UsageError('--pat-env must name an environment variable');
  const token = env[patEnv]?.trim();
  if (!token) throw new UsageError(`the environment variable ${patEnv} holds no PAT: set it (or name another with --pat-env)`);
  try {
    return { orgUrl: parseOrgUrl(org).url, token };
  } catch (err) {
    if (err instanceof OrgUrlError) throw new UsageError(err.message);
    throw err;
  }
}

export async function runPostureCli(argv: string[], io: PostureCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        org: { type: 'string' },
        'pat-env': { type: 'string', default: DEFAULT_PAT_ENV },
        format: { type: 'string', default: 'table' },
        'fail-on': { type: 'string' },
        output: { type: 'string' },
        concurrency: { type: 'string', default: '4' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.stderr.write(`posture: ${(err as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  try {
    if (!o.org) throw new UsageError('--org is required');
    if (!(FORMATS as readonly string[]).includes(o.format!)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    if (o['fail-on'] !== undefined && !(SEVERITIES as readonly string[]).includes(o['fail-on'])) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}`);
    const concurrency = Number(o.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError('--concurrency must be a whole number from 1 to 16');
    const { orgUrl, token } = orgAndPat(o.org, o['pat-env']!, io.env ?? process.env);

    const client = new AdoClient({ orgUrl, credential: { kind: 'pat', token } });
    const snapshot = await collectSnapshot(client, { concurrency, signal: io.signal });
    if (snapshot.organization.id === undefined) {
      // connectionData failed: nothing was read, so there is no posture to report.
      const why = Object.values(snapshot.areas).find((a) => a.state === 'not-available');
      io.stderr.write(`posture: could not read ${printable(orgUrl)}: ${printable(why?.state === 'not-available' ? why.reason.text : 'no answer')}\n`);
      return EXIT_USAGE;
    }
    const posture = assessSnapshot(snapshot);
    // Secrets in pipeline configuration, as the service finds them. The group key (a hash salted with the
    // CLI's well-known salt) is left out, as `scan` leaves it out: it would let guesses be tested offline.
    const secrets = pipelineSecrets(snapshot, { salt: (io.env ?? process.env).VIGIL_SECRET_SALT || CLI_SECRET_SALT }).findings.map(({ groupKey: _group, ...f }) => f);
    const assessment: Assessment = { ...posture, findings: [...posture.findings, ...secrets] };
    const report = render(o.format as Format, snapshot, assessment);
    if (o.output) await fsp.writeFile(path.resolve(io.cwd ?? process.env.INIT_CWD ?? process.cwd(), o.output), report);
    else io.stdout.write(report);
    if (o.output || o.format !== 'table') io.stderr.write(`${summaryLine(snapshot, assessment)}\n`);

    const failOn = o['fail-on'] as Severity | undefined;
    return failOn && assessment.findings.some((f) => severityRank(f.severity) <= severityRank(failOn)) ? EXIT_FINDINGS : EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`posture: ${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

function render(format: Format, snapshot: OrgSnapshot, a: Assessment): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        {
          tool: { name: 'Vigil', component: 'posture' },
          organization: snapshot.organization,
          collectedAt: snapshot.collectedAt,
          durationMs: snapshot.durationMs,
          areas: postureAreaStatuses(snapshot),
          controls: a.controls.map(({ ms: _ms, ...c }) => c),
          findings: a.findings,
          results: a.results,
        },
        null,
        2,
      )}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(asScanResult(snapshot, a), { toolVersion: vigilVersion(), rules: postureControls.map((c) => c.meta) }), null, 2)}\n`;
    case 'csv':
      return renderCsv(a);
    case 'table':
      return renderTable(snapshot, a);
  }
}

/** The assessment in the engine's result shape, for SARIF: areas not available become warnings. */
function asScanResult(snapshot: OrgSnapshot, a: Assessment): ScanResult {
  const tally = (k: 'pass' | 'notApplicable' | 'notAvailable') => a.controls.reduce((n, c) => n + c[k], 0);
  const unavailable = postureAreaStatuses(snapshot).filter((s) => s.state === 'not-available');
  return {
    findings: a.findings,
    results: a.results,
    inventories: [],
    scanners: [
      {
        scanner: 'posture',
        version: String(snapshot.schemaVersion),
        category: 'posture',
        status: 'ran',
        filesScanned: 0,
        filesSkipped: {},
        rulesRun: a.controls.length,
        findings: a.findings.length,
        results: { pass: tally('pass'), notApplicable: tally('notApplicable'), notAvailable: tally('notAvailable') },
        warnings: unavailable.length,
        durationMs: snapshot.durationMs ?? 0,
      },
    ],
    warnings: unavailable.map((s) => ({ code: 'area-not-available', message: `${s.label}: ${s.reason?.text ?? 'not available'}`, scanner: 'posture' })),
    stats: { filesSeen: 0, filesScanned: 0, filesSkipped: 0, bytesScanned: 0, durationMs: snapshot.durationMs ?? 0 },
    coverage: { complete: unavailable.length === 0, skipped: [] },
  };
}

const objectText = (loc: Finding['location']): string => {
  if (loc.kind !== 'ado-object') return '';
  const where = loc.project && loc.objectKind !== 'project' ? ` (${loc.project.name})` : '';
  return `${ADO_OBJECT_LABELS[loc.objectKind]} ${loc.name || loc.id}${where}`;
};

function renderTable(snapshot: OrgSnapshot, a: Assessment): string {
  const lines: string[] = [];
  const fails = [...a.findings].sort((x, y) => severityRank(x.severity) - severityRank(y.severity) || x.ruleId.localeCompare(y.ruleId));
  if (fails.length === 0) lines.push('No control fails.');
  else {
    const rows = [['SEVERITY', 'CONTROL', 'OBJECT', 'WHY'], ...fails.map((f) => [f.severity, f.ruleId, clip(objectText(f.location), 60), clip(f.message, 90)].map(printable))];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) lines.push(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
  }
  const unavailable = postureAreaStatuses(snapshot).filter((s) => s.state !== 'available');
  if (unavailable.length) {
    lines.push('', 'Not assessed (never counted as passed):');
    for (const s of unavailable) lines.push(`  ${s.label}: ${printable(areaText(s))}`);
  }
  lines.push('', summaryLine(snapshot, a));
  return `${lines.join('\n')}\n`;
}

function areaText(s: PostureAreaStatus): string {
  if (s.state === 'partial') return `partly read: ${(s.partialFailures ?? []).map((p) => p.what).slice(0, 3).join('; ')}`;
  const scope = s.missingScope ? ` (add the PAT scope ${s.missingScope.label}, ${s.missingScope.scope})` : '';
  return `${s.reason?.text ?? 'not available'}${scope}`;
}

export function summaryLine(snapshot: OrgSnapshot, a: Assessment): string {
  const sum = (k: 'pass' | 'fail' | 'notApplicable' | 'notAvailable') => a.controls.reduce((n, c) => n + c[k], 0);
  const bySeverity = SEVERITIES.map((s) => [s, a.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const failingControls = a.controls.filter((c) => c.fail > 0).length;
  return [
    `${printable(snapshot.organization.name)}: ${count(a.controls.length, 'control')}, ${failingControls} failing`,
    `${count(sum('fail'), 'failure')}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}`,
    `${sum('pass')} passed, ${sum('notApplicable')} not applicable, ${sum('notAvailable')} not available`,
    `collected in ${((snapshot.durationMs ?? 0) / 1000).toFixed(1)} s`,
  ].join(' · ');
}

const CSV_HEADER = ['control', 'severity', 'title', 'outcome', 'object_kind', 'object_id', 'object_name', 'project', 'url', 'detail'];

/** One row per (control, object); cells that a spreadsheet would run as a formula are quoted as text. */
function renderCsv(a: Assessment): string {
  const meta = new Map(postureControls.map((c) => [c.meta.id, c.meta]));
  const row = (ruleId: string, outcome: string, loc: Finding['location'], detail: string, own?: Pick<Finding, 'severity' | 'title'>) => {
    const m = own ?? meta.get(ruleId);
    const obj = loc.kind === 'ado-object' ? loc : undefined;
    return [ruleId, m?.severity ?? '', m?.title ?? '', outcome, obj?.objectKind ?? '', obj?.id ?? '', obj?.name ?? '', obj?.project?.name ?? '', obj?.url ?? '', detail];
  };
  const rows = [
    CSV_HEADER,
    // A fail of a secret in pipeline configuration: its rule is a secret rule, with its own severity and title.
    ...a.findings.map((f) => row(f.ruleId, 'fail', f.location, f.message, f)),
    ...a.results.map((r: RuleResult) => row(r.ruleId, r.outcome, r.location, r.reason?.text ?? (r.evidence ?? []).map((e) => `${e.label}: ${e.value ?? ''}`).join('; '))),
  ];
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Vigil's version from its package.json (service/ under tsx, dist/service/ when built). */
function vigilVersion(): string {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vigil' && pkg.version) return pkg.version;
    } catch {
      // not ours; keep looking
    }
  }
  return '0.0.0';
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  runPostureCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`posture: ${(err as Error).message ?? String(err)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
