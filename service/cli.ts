// `npm run scan -- <folder>`: the scan engine on a local folder, reported as a table, JSON or SARIF,
// with an exit code by severity. Runs under tsx; `runCli` is exported so tests call it in-process.
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { count, coverageSummary, formatBytes } from './contract/coverage-text';
import { locationText } from './contract/places';
import {
  CATEGORIES,
  CODE_LANGUAGES,
  CONFIDENCES,
  GATE_MIN_CONFIDENCE,
  IAC_PLATFORMS,
  SEVERITIES,
  severityRank,
  type Category,
  type CodeLanguage,
  type Confidence,
  type IacPlatform,
  type Severity,
} from './contract/vocabulary';
import { vulnerabilityFacts } from './engine/deps/facts';
import { toCycloneDx } from './engine/deps/sbom';
import { engineScanners } from './engine/registry';
import { AbortError } from './engine/scan';
import type { Finding, ScanResult, Scanner } from './engine/types';
import { SecretVerifier } from './verify/verifier';
import { advisoryIndexFromFolder } from './deps/folder-index';
import { DEFAULT_EXCLUDED_DIRS } from './cli-exclude';
import type { AdvisoryIndex } from './engine/deps/types';
import {
  CLI_SECRET_SALT,
  failingFindings,
  localSarif,
  printable,
  readBaselineFile,
  readSuppressionFile,
  scanLocalFolder,
  toolInfo,
  VIGIL_HOMEPAGE,
  type LocalBaseline,
  type LocalScan,
} from './local-scan';

export { CLI_SECRET_SALT, printable, VIGIL_HOMEPAGE };

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_ABORTED = 130;

const FORMATS = ['table', 'json', 'sarif', 'cyclonedx'] as const;
/** What the engine's scanners report (posture and compliance come from the service). */
const SCAN_CATEGORIES = CATEGORIES.filter((c) => c !== 'posture' && c !== 'compliance');
type Format = (typeof FORMATS)[number];

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Relative paths are resolved against this; default: INIT_CWD (set by `npm run`) or process.cwd(). */
  cwd?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/** Test seam: run other scanners than the registry's. */
export interface CliEngine {
  scanners?: readonly Scanner[];
  /** With --verify: checks secrets with their providers (tests pass one that reaches fake providers). */
  verifier?: SecretVerifier;
}

const USAGE = `Usage: npm run -s scan -- <folder> [options]

Scans a local folder with Vigil's engine (secrets and every registered scanner).
Vulnerable-dependency findings (and malicious packages) need an advisory database: --advisories.

Options:
  --format <table|json|sarif|cyclonedx>
                               report format (default: table); cyclonedx writes a CycloneDX 1.6
                               SBOM: every package of the folder's manifests and lockfiles, with
                               the advisories found in them
  --fail-on <severity>         exit 1 if a finding at or above this severity is neither
                               suppressed nor in the baseline: ${SEVERITIES.join('|')}
  --min-confidence <level>     the least confidence a finding needs to count for --fail-on:
                               ${CONFIDENCES.join('|')} (default: ${GATE_MIN_CONFIDENCE}; low adds strings found by
                               entropy alone). Every finding is reported whatever this says.
  --baseline <file>            a previous Vigil SARIF or JSON report; findings already in it
                               are marked "baseline" and never fail the run
  --suppressions <file>        a .vigil.yml kept outside the folder, applied after the
                               folder's own .vigil.yml
  --output <file>              write the report to this file instead of standard output
                               (or keep npm's banner out of a redirect: npm run -s scan -- ...)
  --exclude <pattern>          leave out paths matching this .gitignore-style pattern, relative
                               to the folder ("docs/**", "*.min.js", "fixtures/"); repeatable
  --no-gitignore               scan what the folder's .gitignore files ignore (by default they
                               are honoured: the root one and those in subfolders)
  --no-default-excludes        also scan the folders skipped by default at any depth:
                               ${DEFAULT_EXCLUDED_DIRS.join(', ')}
  --verify                     ask each found secret's provider whether it is live (a harmless
                               "who am I" call to that provider's own host: the secret IS sent
                               there); verified live secrets are listed first. Off by default.
  --advisories <folder>        match dependencies against the OSV advisories under <folder>:
                               ecosystem all.zip files (https://osv-vulnerabilities.storage
                               .googleapis.com/<ecosystem>/all.zip) and/or OSV JSON records, at
                               any depth. Without it no advisory is known: no dependency findings
                               (deps reports "not run"); licenses and the other package risks run.
  --category <list>            run only the scanners of these categories, comma-separated or
                               repeated: ${SCAN_CATEGORIES.join(', ')}
  --platform <list>            infrastructure as code: only these platforms, comma-separated or
                               repeated (implies --category iac when no category is given):
                               ${IAC_PLATFORMS.join(', ')}
  --language <list>            code scanning: only these languages, comma-separated or repeated
                               (implies --category code when no category is given):
                               ${CODE_LANGUAGES.join(', ')} (javascript includes TypeScript)
  -h, --help                   show this help

Confidence: high = a provider's own format (prefix or checksum), medium = a value assigned to
a name that says what it is, low = randomness alone.

Exit codes: 0 no finding at or above --fail-on (or no --fail-on), 1 such findings,
            2 usage error, missing folder or unreadable input.
Environment: VIGIL_SECRET_SALT overrides the salt used to hash secret values.
`;

class UsageError extends Error {}

interface CliOptions {
  root: string;
  format: Format;
  failOn?: Severity;
  /** Findings below this confidence never fail the run. */
  minConfidence: Confidence;
  baseline?: string;
  /** A .vigil.yml outside the folder (--suppressions). */
  suppressions?: string;
  output?: string;
  verify: boolean;
  /** A folder of OSV zips and/or records for the dependency scanners. */
  advisories?: string;
  /** .gitignore-style patterns to leave out (--exclude). */
  exclude: string[];
  gitignore: boolean;
  defaultExcludes: boolean;
  /** --category: only the scanners of these categories. */
  categories?: Category[];
  /** --platform: only these IaC platforms. */
  platforms?: IacPlatform[];
  /** --language: only the code scanners of these languages. */
  languages?: CodeLanguage[];
}

export async function runCli(argv: string[], io: CliIo, engine: CliEngine = {}): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd || env.INIT_CWD || process.cwd();
  let opts: CliOptions | 'help';
  try {
    opts = parseCliArgs(argv, cwd);
  } catch (err) {
    io.stderr.write(`vigil: ${printable((err as Error).message)}\nRun with --help for usage.\n`);
    return EXIT_USAGE;
  }
  if (opts === 'help') {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }

  const problem = await checkFolder(opts.root);
  if (problem) {
    io.stderr.write(`vigil: ${printable(problem)}\n`);
    return EXIT_USAGE;
  }

  let baseline: LocalBaseline | undefined;
  if (opts.baseline) {
    try {
      baseline = await readBaselineFile(opts.baseline);
    } catch (err) {
      io.stderr.write(`vigil: cannot use baseline ${printable(opts.baseline)}: ${printable((err as Error).message)}\n`);
      return EXIT_USAGE;
    }
  }
  let suppressions: { path: string; text: string } | undefined;
  if (opts.suppressions) {
    try {
      suppressions = await readSuppressionFile(opts.suppressions);
    } catch (err) {
      io.stderr.write(`vigil: cannot use suppressions ${printable(opts.suppressions)}: ${printable((err as Error).message)}\n`);
      return EXIT_USAGE;
    }
  }

  let advisories: AdvisoryIndex | undefined;
  if (opts.advisories) {
    const loaded = await loadAdvisories(opts.advisories, io);
    if (!loaded) return EXIT_USAGE;
    advisories = loaded;
  }

  let scan: LocalScan;
  // --verify only: the raw values are collected during the scan, checked after it, then forgotten.
  const verifier = opts.verify ? (engine.verifier ?? new SecretVerifier()) : undefined;
  const collector = verifier?.collector();
  try {
    scan = await scanLocalFolder(
      {
        root: opts.root,
        categories: opts.categories,
        platforms: opts.platforms,
        languages: opts.languages,
        exclude: opts.exclude,
        gitignore: opts.gitignore,
        defaultExcludes: opts.defaultExcludes,
        suppressions,
        baseline,
        advisories,
        salt: env.VIGIL_SECRET_SALT || CLI_SECRET_SALT,
        onSecret: collector?.onSecret,
        signal: io.signal,
      },
      engine.scanners ?? engineScanners,
    );
    // Suppressed and baseline findings are not checked.
    if (verifier && collector) scan = { ...scan, result: { ...scan.result, findings: (await verifier.verifyFindings(scan.result.findings, collector, {}, io.signal)).findings } };
  } catch (err) {
    collector?.clear();
    if (err instanceof AbortError || io.signal?.aborted) {
      io.stderr.write('vigil: scan interrupted\n');
      return EXIT_ABORTED;
    }
    io.stderr.write(`vigil: scan failed: ${printable((err as Error).message)}\n`);
    return EXIT_USAGE;
  }

  const { result } = scan;
  const report = render(opts.format, scan, opts.root);
  if (opts.output) {
    try {
      await fsp.writeFile(opts.output, report);
    } catch (err) {
      io.stderr.write(`vigil: cannot write ${printable(opts.output)}: ${printable((err as NodeJS.ErrnoException).code ?? (err as Error).message)}\n`);
      return EXIT_USAGE;
    }
  } else {
    io.stdout.write(report);
  }
  // The table carries its own summary; machine formats keep stdout clean and summarise on stderr.
  if (opts.format !== 'table' || opts.output) io.stderr.write(`${summaryLine(result)}\n`);

  if (opts.failOn) {
    const failing = failingFindings(result.findings, opts.failOn, opts.minConfidence);
    if (failing.length > 0) {
      io.stderr.write(
        `vigil: ${count(failing.length, 'finding')} at or above ${opts.failOn}${confidenceWords(opts.minConfidence)} (not suppressed, not in the baseline)\n`,
      );
      return EXIT_FINDINGS;
    }
  }
  return EXIT_OK;
}

/** A repeatable, comma-separated option checked against its vocabulary; undefined when absent. */
function listOption<T extends string>(flag: string, given: string[] | undefined, allowed: readonly T[]): T[] | undefined {
  if (!given) return undefined;
  const items = given.flatMap((g) => g.split(',')).map((x) => x.trim()).filter(Boolean);
  const wrong = items.filter((x) => !(allowed as readonly string[]).includes(x));
  if (wrong.length) throw new UsageError(`${flag} must be among ${allowed.join(', ')} (got "${wrong.join('", "')}")`);
  if (!items.length) throw new UsageError(`${flag} needs a value`);
  return [...new Set(items)] as T[];
}

function parseCliArgs(argv: string[], cwd: string): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'min-confidence': { type: 'string' },
        baseline: { type: 'string' },
        suppressions: { type: 'string' },
        output: { type: 'string', short: 'o' },
        verify: { type: 'boolean' },
        advisories: { type: 'string' },
        exclude: { type: 'string', multiple: true },
        'no-gitignore': { type: 'boolean' },
        'no-default-excludes': { type: 'boolean' },
        category: { type: 'string', multiple: true },
        platform: { type: 'string', multiple: true },
        language: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  // `vigil scan <folder>` and `npm run scan -- <folder>` both work.
  const positionals = parsed.positionals.length === 2 && parsed.positionals[0] === 'scan' ? parsed.positionals.slice(1) : parsed.positionals;
  if (positionals.length === 0) throw new UsageError('missing the folder to scan');
  if (positionals.length > 1) throw new UsageError(`expected one folder, got ${positionals.length}: ${positionals.join(' ')}`);

  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
  const failOn = values['fail-on'] as Severity | undefined;
  if (failOn !== undefined && !SEVERITIES.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${failOn}")`);
  }
  const minConfidence = (values['min-confidence'] ?? GATE_MIN_CONFIDENCE) as Confidence;
  if (!CONFIDENCES.includes(minConfidence)) {
    throw new UsageError(`--min-confidence must be one of ${CONFIDENCES.join(', ')} (got "${values['min-confidence']}")`);
  }
  const platforms = listOption('--platform', values.platform, IAC_PLATFORMS);
  const languages = listOption('--language', values.language, CODE_LANGUAGES);
  const implied: Category[] = [...(platforms ? (['iac'] as const) : []), ...(languages ? (['code'] as const) : [])];
  const categories = listOption('--category', values.category, SCAN_CATEGORIES) ?? (implied.length ? implied : undefined);
  if (languages && categories && !categories.includes('code')) throw new UsageError('--language is about code scanning: add code to --category');
  return {
    root: path.resolve(cwd, positionals[0]),
    format,
    failOn,
    minConfidence,
    baseline: values.baseline !== undefined ? path.resolve(cwd, values.baseline) : undefined,
    suppressions: values.suppressions !== undefined ? path.resolve(cwd, values.suppressions) : undefined,
    output: values.output !== undefined ? path.resolve(cwd, values.output) : undefined,
    verify: values.verify === true,
    advisories: values.advisories !== undefined ? path.resolve(cwd, values.advisories) : undefined,
    exclude: values.exclude ?? [],
    gitignore: values['no-gitignore'] !== true,
    defaultExcludes: values['no-default-excludes'] !== true,
    ...(categories ? { categories } : {}),
    ...(platforms ? { platforms } : {}),
    ...(languages ? { languages } : {}),
  };
}

/** The --advisories folder as an in-memory index; undefined (after saying why) when it cannot be read. */
async function loadAdvisories(folder: string, io: CliIo): Promise<AdvisoryIndex | undefined> {
  const problem = await checkFolder(folder);
  if (problem) {
    io.stderr.write(`vigil: --advisories: ${printable(problem)}\n`);
    return undefined;
  }
  try {
    const loaded = await advisoryIndexFromFolder(folder);
    for (const w of loaded.warnings.kept) io.stderr.write(`vigil: --advisories: ${printable(w.where)}: ${printable(w.message)}\n`);
    if (loaded.warnings.count > loaded.warnings.kept.length) io.stderr.write(`vigil: --advisories: … ${loaded.warnings.count - loaded.warnings.kept.length} more skipped\n`);
    if (loaded.records === 0) io.stderr.write(`vigil: --advisories: no OSV record found under ${printable(folder)}\n`);
    return loaded.index;
  } catch (err) {
    io.stderr.write(`vigil: --advisories: cannot read ${printable(folder)}: ${printable((err as Error).message)}\n`);
    return undefined;
  }
}

/** " with confidence medium or higher", or nothing when every confidence counts. */
function confidenceWords(min: Confidence): string {
  return min === 'low' ? '' : min === 'high' ? ' with high confidence' : ` with confidence ${min} or higher`;
}

async function checkFolder(root: string): Promise<string | undefined> {
  try {
    const st = await fsp.stat(root);
    return st.isDirectory() ? undefined : `not a directory: ${root}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `folder not found: ${root}` : `cannot open ${root}: ${code}`;
  }
}

function render(format: Format, scan: LocalScan, root: string): string {
  const { result } = scan;
  const tool = toolInfo();
  switch (format) {
    case 'json': {
      const findings = result.findings.map(withoutSecretHash);
      return `${JSON.stringify({ tool: { name: 'Vigil', version: tool.version }, ...result, findings }, null, 2)}\n`;
    }
    case 'sarif': {
      return `${JSON.stringify(localSarif(scan), null, 2)}\n`;
    }
    case 'cyclonedx': {
      const bom = toCycloneDx(result, { name: path.basename(root), toolVersion: tool.version, serialNumber: `urn:uuid:${randomUUID()}` });
      return `${JSON.stringify(bom, null, 2)}\n`;
    }
    case 'table':
      return renderTable(result);
  }
}

/**
 * A secret's group key (`secret:<salted hash>`) is left out: with the CLI's well-known salt it would
 * let anyone test guesses of a weak secret offline, and nothing here needs it (baselines use the
 * fingerprint).
 */
function withoutSecretHash(f: Finding): Finding {
  if (f.category !== 'secret' || f.groupKey === undefined) return f;
  const { groupKey: _group, ...rest } = f;
  return rest;
}

const MAX_LISTED_WARNINGS = 20;

export function renderTable(result: ScanResult): string {
  const active = result.findings.filter((f) => !f.suppressed);
  const lines: string[] = [];
  if (active.length === 0) {
    lines.push('No findings.');
  } else {
    // After --verify: a VERIFIED column, and verified live secrets first.
    const verified = active.some((f) => f.verification);
    // Vulnerable dependencies: the advisory as the rule, its summary as the title, and a FIX column.
    const deps = active.some((f) => vulnerabilityFacts(f));
    // Code: what reaches what ("request.args['q'] (line 12) reaches cursor.execute (line 18)").
    const code = active.some((f) => f.category === 'code');
    const rows = [
      ['SEVERITY', 'CONFIDENCE', 'RULE', 'LOCATION', 'TITLE', ...(verified ? ['VERIFIED'] : []), ...(deps ? ['FIX'] : []), ...(code ? ['MESSAGE'] : []), 'PREVIEW'],
      ...[...active]
        .sort((a, b) => liveRank(a) - liveRank(b) || severityRank(a.severity) - severityRank(b.severity))
        .map((f) => {
          const facts = vulnerabilityFacts(f);
          return [
            f.severity,
            f.confidence,
            facts?.advisory ?? f.ruleId,
            locationText(f.location),
            clip(facts?.summary || f.title, 60),
            ...(verified ? [verificationText(f)] : []),
            ...(deps ? [facts ? fixText(facts) : ''] : []),
            ...(code ? [f.category === 'code' ? clip(f.message, 100) : ''] : []),
            f.details?.secret?.preview ?? '',
          ].map(printable);
        }),
    ];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) lines.push(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
  }
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings:');
    const listed = result.warnings.slice(0, MAX_LISTED_WARNINGS);
    const codeWidth = Math.max(...listed.map((w) => w.code.length));
    for (const w of listed) lines.push(`  ${printable(w.code).padEnd(codeWidth)}  ${w.path ? `${printable(w.path)}: ` : ''}${printable(w.message)}`);
    if (result.warnings.length > MAX_LISTED_WARNINGS) {
      lines.push(`  … ${result.warnings.length - MAX_LISTED_WARNINGS} more (see --format json)`);
    }
  }
  lines.push('', summaryLine(result));
  return `${lines.join('\n')}\n`;
}

/** "upgrade to 6.7.3", "fixed in 2.0.1, 3.1.0" or "no fix". */
function fixText(facts: { upgrade?: string; fixedVersions: string[] }): string {
  if (facts.upgrade) return `upgrade to ${clip(facts.upgrade, 40)}`;
  return facts.fixedVersions.length ? `fixed in ${clip(facts.fixedVersions.join(', '), 40)}` : 'no fix';
}

const liveRank = (f: Finding): number => (f.verification?.state === 'verified' ? 0 : 1);

/** "live (octocat)", "invalid", "unknown (timed out)" or "" when the finding was not checked. */
export function verificationText(f: Finding): string {
  const v = f.verification;
  if (!v) return '';
  const word = v.state === 'verified' ? 'live' : v.state;
  return v.detail ? `${word} (${clip(v.detail, 40)})` : word;
}

export function summaryLine(result: ScanResult): string {
  const active = result.findings.filter((f) => !f.suppressed);
  const bySeverity = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const parts = [`${count(active.length, 'finding')}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}`];
  const suppressed = result.findings.length - active.length;
  if (suppressed > 0) {
    const baseline = result.findings.filter((f) => f.suppressed?.kind === 'baseline').length;
    parts.push(`${suppressed} suppressed${baseline ? ` (${baseline} in baseline)` : ''}`);
  }
  const checked = active.filter((f) => f.verification);
  if (checked.length > 0) {
    const n = (state: string) => checked.filter((f) => f.verification!.state === state).length;
    parts.push(`secrets checked: ${n('verified')} live, ${n('invalid')} invalid, ${n('unknown')} unknown`);
  }
  const { stats } = result;
  parts.push(
    `${count(stats.filesScanned, 'file')} scanned (${formatBytes(stats.bytesScanned)}) of ${stats.filesSeen.toLocaleString('en-US')} in ${(stats.durationMs / 1000).toFixed(2)} s`,
  );
  // What the scan did not see, so a clean table is never mistaken for a clean repository.
  if (!result.coverage.complete) parts.push(printable(coverageSummary(result.coverage)));
  const excluded = result.coverage.skipped.find((s) => s.reason === 'excluded');
  if (excluded) parts.push(`${excluded.count.toLocaleString('en-US')} excluded (.gitignore, --exclude, dependency and build folders; e.g. ${printable(excluded.examples.slice(0, 3).join(', '))})`);
  if (result.warnings.length > 0) {
    const byCode = new Map<string, number>();
    for (const w of result.warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
    parts.push(`${count(result.warnings.length, 'warning')} (${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')})`);
  }
  return parts.join(' · ');
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`vigil: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
