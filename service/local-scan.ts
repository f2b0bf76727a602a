// A scan of a local folder as `npm run scan` and the Vigil pipeline task (tasks/vigil-scan) both run it:
// the same scanners, excludes, suppressions, baseline and SARIF, so the results are identical wherever
// they are produced. The callers own their input parsing and their output.
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Log } from 'sarif';
import { meetsConfidence, severityRank, type Category, type CodeLanguage, type Confidence, type IacPlatform, type Severity } from './contract/vocabulary';
import { engineScanners } from './engine/registry';
import { readBaseline, rulesThatRan, toSarif } from './engine/sarif';
import { scanDirectory } from './engine/scan';
import { applyConfigSuppressions, parseSuppressionConfig, MAX_CONFIG_BYTES } from './engine/suppress';
import type { FoundSecret } from './engine/secrets/scanner';
import type { AdvisoryIndex } from './engine/deps/types';
import type { Finding, ScanResult, ScanWarning, Scanner } from './engine/types';
import { makeExcluder } from './cli-exclude';

/** Hashes are compared only within one run or against a baseline made here, so a fixed salt will do. */
export const CLI_SECRET_SALT = 'vigil-cli-local';

/** The extension's Marketplace listing (publisher.id of vss-extension.json): SARIF's tool.driver.informationUri unless package.json names a homepage. */
export const VIGIL_HOMEPAGE = 'https://marketplace.visualstudio.com/items?itemName=vigil-security.vigil';

export interface LocalBaseline {
  fingerprints: Set<string>;
  /** Said in the suppression reason: "in baseline <name>". */
  name: string;
}

export interface LocalScanRequest {
  /** Absolute path of the folder. */
  root: string;
  categories?: readonly Category[];
  platforms?: readonly IacPlatform[];
  languages?: readonly CodeLanguage[];
  /** .gitignore-style patterns to leave out. */
  exclude: readonly string[];
  gitignore: boolean;
  defaultExcludes: boolean;
  /** A .vigil.yml kept elsewhere than the folder's root, applied after the root's own. */
  suppressions?: { path: string; text: string };
  baseline?: LocalBaseline;
  advisories?: AdvisoryIndex;
  /** VIGIL_SECRET_SALT, or the CLI's fixed salt. */
  salt: string;
  /** Sees each raw secret during the scan (--verify collects them). */
  onSecret?: (secret: FoundSecret) => void;
  signal?: AbortSignal;
}

export interface LocalScan {
  result: ScanResult;
  /** The scanners that were asked to run (their rules go into SARIF's tool.driver.rules). */
  scanners: readonly Scanner[];
}

/** The registry's scanners (or the test seam's) narrowed to the categories and code languages asked for. */
export function selectScanners(
  all: readonly Scanner[],
  categories: readonly Category[] | undefined,
  languages: readonly CodeLanguage[] | undefined,
): Scanner[] {
  return all.filter((s) => (!categories || categories.includes(s.category)) && wantedLanguage(s, languages));
}

/** With --language, a code scanner runs only for those languages; other scanners are not concerned. */
function wantedLanguage(scanner: Scanner, languages: readonly CodeLanguage[] | undefined): boolean {
  if (!languages || scanner.category !== 'code') return true;
  // The code family names its scanners code-python, code-javascript, code-csharp.
  return languages.some((l) => scanner.name === `code-${l}`);
}

/** Scans the folder; findings in the baseline are marked suppressed (kind "baseline"). Throws AbortError when aborted. */
export async function scanLocalFolder(req: LocalScanRequest, available: readonly Scanner[] = engineScanners): Promise<LocalScan> {
  const scanners = selectScanners(available, req.categories, req.languages);
  let result = await scanDirectory(req.root, {
    scanners,
    options: {
      secrets: { salt: req.salt, ...(req.onSecret ? { onSecret: req.onSecret } : {}) },
      ...(req.advisories ? { deps: { advisories: req.advisories }, 'package-risk': { advisories: req.advisories } } : {}),
      ...(req.platforms ? { iac: { platforms: req.platforms } } : {}),
    },
    signal: req.signal,
    exclude: makeExcluder(req.root, { gitignore: req.gitignore, defaults: req.defaultExcludes, patterns: [...req.exclude] }),
  });
  if (req.suppressions) result = withSuppressionFile(result, req.suppressions);
  if (req.baseline) result = { ...result, findings: markBaseline(result.findings, req.baseline) };
  return { result, scanners };
}

/** Reads a suppressions file for {@link LocalScanRequest.suppressions}; throws a readable error. */
export async function readSuppressionFile(file: string): Promise<{ path: string; text: string }> {
  const st = await fsp.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'ENOENT' ? 'file not found' : (err.code ?? err.message));
  });
  if (!st.isFile()) throw new Error('not a file');
  if (st.size > MAX_CONFIG_BYTES) throw new Error(`larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
  return { path: file, text: await fsp.readFile(file, 'utf8') };
}

/** Reads a baseline (a previous Vigil SARIF or JSON report); throws a readable error. */
export async function readBaselineFile(file: string): Promise<LocalBaseline> {
  try {
    return { fingerprints: readBaseline(await fsp.readFile(file, 'utf8')), name: path.basename(file) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(e.code === 'ENOENT' ? 'file not found' : e.code === 'EISDIR' ? 'is a directory' : e.message);
  }
}

function withSuppressionFile(result: ScanResult, file: { path: string; text: string }): ScanResult {
  const warnings: ScanWarning[] = [];
  const name = path.basename(file.path);
  const config = parseSuppressionConfig(file.text, (w) => warnings.push({ ...w, path: name }));
  return { ...result, findings: applyConfigSuppressions(result.findings, config), warnings: [...result.warnings, ...warnings] };
}

function markBaseline(findings: Finding[], baseline: LocalBaseline): Finding[] {
  return findings.map((f) =>
    !f.suppressed && baseline.fingerprints.has(f.fingerprint) ? { ...f, suppressed: { kind: 'baseline', reason: `in baseline ${baseline.name}` } } : f,
  );
}

/** Findings that fail a run at `failOn`: neither suppressed nor in the baseline, and confident enough. */
export function failingFindings(findings: readonly Finding[], failOn: Severity, minConfidence: Confidence): Finding[] {
  return findings.filter((f) => !f.suppressed && severityRank(f.severity) <= severityRank(failOn) && meetsConfidence(f.confidence, minConfidence));
}

/**
 * A value from a scanned repository (a file name, a message quoting one) made safe for a terminal:
 * control characters (C0, DEL, C1: escape sequences, a newline that would forge a table row) and the
 * bidirectional overrides ("Trojan Source") are shown as \xNN / \u{NNNN} instead of acting.
 * JSON and SARIF escape them already.
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (isUnsafeInTerminal(code)) out += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return out;
}

function isUnsafeInTerminal(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** The SARIF 2.1.0 log of a local scan. */
export function localSarif(scan: LocalScan): Log {
  const tool = toolInfo();
  return toSarif(scan.result, { toolVersion: tool.version, informationUri: tool.homepage, rules: rulesThatRan(scan.scanners, scan.result) });
}

export interface ToolInfo {
  version: string;
  homepage?: string;
}

/** Set by the pipeline task's bundler (configs/build-task.js): no package.json travels with the bundle. */
declare const VIGIL_BUNDLED_VERSION: string | undefined;

export function toolInfo(): ToolInfo {
  if (typeof VIGIL_BUNDLED_VERSION === 'string') return { version: VIGIL_BUNDLED_VERSION, homepage: VIGIL_HOMEPAGE };
  // service/cli.ts under tsx, dist/service/cli.js when built: look upward for Vigil's package.json.
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (pkg.name === 'vigil' && pkg.version) return { version: pkg.version, homepage: pkg.homepage ?? VIGIL_HOMEPAGE };
    } catch {
      // not ours; keep looking
    }
  }
  return { version: '0.0.0', homepage: VIGIL_HOMEPAGE };
}
