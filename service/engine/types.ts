// The scan engine's contract with its scanners and callers. The engine is a pure library: files in,
// findings out. Nothing here knows ADO, HTTP or the database. The finding and outcome model itself is
// the shared contract (service/contract/model.ts); this file adds what only the engine needs.
import type { Category, Outcome } from '../contract/vocabulary';
import type {
  Coverage,
  Finding,
  Reason,
  RuleMeta,
  RuleResult,
  ScannerRun,
  ScanStats,
  ScanWarning,
} from '../contract/model';

export type { CoverageReason } from '../contract/vocabulary';
export type {
  Coverage,
  CoverageSkip,
  Finding,
  FindingDetails,
  FlowStep,
  Location,
  Reason,
  RuleMeta,
  RuleResult,
  ScannerRun,
  ScanStats,
  ScanWarning,
  Suppression,
} from '../contract/model';
export type { Category, CodeLanguage, Confidence, Outcome, Severity } from '../contract/vocabulary';
export type { SourceFile, SourceRefusal, SourceSkip, TreeSource } from '../contract/tree-source';

/** One file handed to a scanner by the engine. Scanners never open files themselves. */
export interface FileInput {
  /** Repository-relative POSIX path. */
  path: string;
  size: number;
  /**
   * From scanDirectory: valid only until scan() returns or its promise settles; a scanner that keeps
   * bytes must copy them (the engine reuses one read buffer, and its spare part may hold earlier files).
   */
  content: Buffer;
  /**
   * Set when the content is one window of a larger file (see FileScanner.windows): where it starts
   * in the file, the file's size, and the part of the window this scan answers for: report only the
   * findings that start in content[from, to) (the rest belongs to the neighbouring windows). Line
   * and column numbers stay relative to the window: the engine shifts them.
   */
  window?: { offset: number; fileSize: number; from: number; to: number };
}

export type Warn = (warning: Omit<ScanWarning, 'scanner'>) => void;

export interface ScanContext<Options = unknown> {
  /** The scanner's options: its defaults overlaid with what the caller passed under its name. */
  options: Options;
  warn: Warn;
  signal?: AbortSignal;
}

interface ScannerBase<Options> {
  name: string;
  /** Bump when output changes. */
  version: string;
  /** What it reports. */
  category: Category;
  /** The rules it runs (figures, SARIF tool.driver.rules). */
  rules: readonly RuleMeta[];
  /** Options used when the caller passes none under the scanner's name. */
  defaultOptions?: Options;
  /** Cheap path test first; the size is known from the walk. */
  wants(path: string, size: number): boolean;
}

/** Sees one file at a time, in the engine's single read pass (secrets, most code rules). */
export interface FileScanner<Options = unknown> extends ScannerBase<Options> {
  kind?: 'file';
  scan(file: FileInput, ctx: ScanContext<Options>): Finding[] | Promise<Finding[]>;
  /**
   * Set when the scanner can take a file in overlapping windows instead of whole: files larger than
   * the engine's maxFileBytes (or than `maxBytes`) then come in windows of about that size, each
   * overlapping the previous one by `overlap` bytes. Half the overlap must cover the longest
   * stretch of text one finding depends on, before its start (a keyword, a key name) and from its
   * start (the match and what its rule reads after it). Each window's scan reports only the
   * findings that start in its `window.from`..`window.to`, so a finding near an edge is reported
   * once, by the window that sees it whole. Without it, such files are skipped as too large.
   */
  windows?: { overlap: number; maxBytes: number };
  /** Warning codes by which it says it examined only part of a file (its own caps): coverage counts them. */
  partialCodes?: readonly string[];
  /**
   * Binary files whose path matches still reach this scanner (a committed keystore is itself the
   * finding); other binary files are skipped. Whole files only: a binary file too large for one
   * window is skipped as binary.
   */
  binaryPaths?: RegExp;
}

/**
 * Sees the project: every walked file with its size, and lazy reads of any of them (Terraform
 * modules, Helm charts, Kustomize overlays, a lockfile beside its manifest). Runs after the walk.
 * `wants` names the files it is interested in; when none exists it is reported as not run.
 */
export interface ProjectScanner<Options = unknown> extends ScannerBase<Options> {
  kind: 'project';
  scanProject(project: ProjectView, ctx: ScanContext<Options>): ScanOutput | Promise<ScanOutput>;
}

/** Any scanner, whatever its options (methods are checked bivariantly, so typed scanners fit). */
export type Scanner = FileScanner<unknown> | ProjectScanner<unknown>;

export interface ProjectFile {
  /** Repository-relative POSIX path. */
  path: string;
  size: number;
}

/** A read-only view of the tree being scanned. Paths outside the tree or not in it read as undefined. */
export interface ProjectView {
  /** Every regular file of the tree, in walk order (symlinks and special files are never listed). */
  readonly files: readonly ProjectFile[];
  /** The files this scanner said it wants. */
  readonly wanted: readonly ProjectFile[];
  has(path: string): boolean;
  /**
   * The bytes of a file of the tree, a copy the scanner may keep. Undefined (with a warning) when it
   * is over the size cap, binary, unreadable, or not in the tree.
   */
  read(path: string): Buffer | undefined;
  /** read() as UTF-8 text. */
  readText(path: string): string | undefined;
  /** `rel` resolved against the folder `fromDir` as a tree path, or undefined when it leaves the tree. */
  resolve(fromDir: string, rel: string): string | undefined;
}

/** What a project scanner returns. */
export interface ScanOutput {
  /** The fail outcomes. */
  findings: Finding[];
  /** Outcomes other than fail (pass, not applicable, not available with the reason). */
  results?: RuleResult[];
  /** What an inventory scanner extracted (packages, resources), for callers such as an SBOM. */
  inventory?: unknown[];
  /**
   * Files it was handed but chose not to analyse, by reason ('vendored', 'minified', 'generated'):
   * counted in its figures, not in the coverage (a decision, like an exclusion, not a limit).
   */
  skipped?: Record<string, number>;
  /** Set when the scanner could not do its job at all (e.g. the dataset it needs was not handed in). */
  notRun?: { code: string; text: string };
}

export interface WalkLimits {
  /**
   * Files larger than this are not read whole: scanners that can take windows (secrets) read them
   * in windows of this size; others skip them (warning, coverage). Default 5 MiB.
   */
  maxFileBytes: number;
  /** Files after this many are not scanned (warning, coverage). Default 1,000,000. */
  maxFiles: number;
  /** Files in folders deeper than this are not scanned (warning, coverage). Default 200. */
  maxDepth: number;
}

export interface ScanOptions {
  scanners?: readonly Scanner[];
  limits?: Partial<WalkLimits>;
  /** Per scanner name, overlaid on the scanner's defaultOptions (e.g. `{ secrets: { salt } }`). */
  options?: Record<string, unknown>;
  signal?: AbortSignal;
  /**
   * scanDirectory only: a path (repository-relative, POSIX) the caller keeps out of the scan, e.g.
   * the CLI's .gitignore, --exclude and build folders. An excluded folder is not entered; each
   * excluded file or folder counts once in the coverage as 'excluded' (which leaves it complete).
   * None by default: the service's scans see every file.
   */
  exclude?: (path: string, isDirectory: boolean) => boolean;
  /**
   * Called after each file the scan lists, and once more when the project scanners are done. Called
   * synchronously and often: a caller that stores it throttles on its side.
   */
  onProgress?: (progress: ScanProgress) => void;
}

/** How far a scan is: files listed so far, of how many when the source knows ahead, and findings so far. */
export interface ScanProgress {
  filesDone: number;
  /** A source that lists its files ahead (a zip) knows the total; a walked folder does not. */
  filesTotal?: number;
  findings: number;
}

export interface ScanResult {
  findings: Finding[];
  /** Outcomes other than fail, from scanners that evaluate objects. */
  results: RuleResult[];
  /** What inventory scanners extracted, by scanner. */
  inventories: { scanner: string; items: unknown[] }[];
  scanners: ScannerRun[];
  warnings: ScanWarning[];
  stats: ScanStats;
  /** What was not scanned, by reason, and whether that leaves the scan incomplete. */
  coverage: Coverage;
}

/** Inputs a unit must flag and inputs it must not; the generic catalog test replays them all. */
export interface RuleExamples<Input = string> {
  /** Must give `fail`. */
  mustFlag: Input[];
  /** Must give `pass` or `not-applicable`. */
  mustNotFlag: Input[];
  /** Must give `not-applicable` (units that can tell). */
  notApplicable?: Input[];
  /** Must give `not-available` (units whose evidence can be missing). */
  notAvailable?: Input[];
}

/** One rule (detector, IaC rule, control, check) with its own examples. */
export interface RuleUnit<Input = string> {
  meta: RuleMeta;
  examples: RuleExamples<Input>;
}

export interface EvaluatedOutcome {
  outcome: Outcome;
  reason?: Reason;
}

/**
 * A family of rules and how to evaluate one example with one rule. The catalog (service/catalog)
 * gathers the families of the engine, posture and compliance; one generic test replays them all.
 */
export interface RuleFamily<Input = string> {
  /** Used for the docs file name: docs/rules/<name>.md */
  name: string;
  title: string;
  category: Category;
  units: readonly RuleUnit<Input>[];
  evaluate(unit: RuleUnit<Input>, input: Input): EvaluatedOutcome | Promise<EvaluatedOutcome>;
}
