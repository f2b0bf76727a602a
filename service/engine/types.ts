// The scan engine's public shapes. The engine is a pure library: files in, findings out.
// Nothing here knows ADO, HTTP or the database. Web imports these types only (type-level).

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** Most severe first; index = rank (0 is worst). */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export type Category = 'secret' | 'iac' | 'code' | 'dependency' | 'license';
export const CATEGORIES: readonly Category[] = ['secret', 'iac', 'code', 'dependency', 'license'];

export type Confidence = 'high' | 'medium' | 'low';

/** Metadata every rule, control and check carries (ARCHITECTURE.md "one shape"). */
export interface RuleMeta {
  /** Stable, family-prefixed id: SEC-…, IAC-TF-…, CODE-PY-…, ADO-ORG-… */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  description: string;
  remediation: string;
  helpUri?: string;
  /** e.g. ['CWE-798'] */
  cwe?: string[];
}

/** Inputs a unit must flag and inputs it must not; the generic rule test replays them all. */
export interface RuleExamples<Input = string> {
  mustFlag: Input[];
  mustNotFlag: Input[];
}

export interface Location {
  /** Repository-relative POSIX path, no leading slash. */
  path: string;
  /** 1-based. */
  line: number;
  column?: number;
  endLine?: number;
}

export interface Suppression {
  kind: 'inline' | 'file' | 'baseline';
  reason: string;
  /** ISO date; present when the suppression expires. */
  expires?: string;
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  category: Category;
  confidence: Confidence;
  /** Human-readable, never contains a secret value. */
  message: string;
  location: Location;
  /**
   * Stable identity across scans: survives line shifts (never includes the line number).
   * For secrets: hash(ruleId, path, secretHash).
   */
  fingerprint: string;
  /** Secrets only: salted hash of the value, for grouping one credential across locations. */
  secretHash?: string;
  /** Secrets only: masked preview, e.g. "ghp_ab…Xy9". The raw value never leaves the engine. */
  preview?: string;
  remediation: string;
  helpUri?: string;
  cwe?: string[];
  /** Set when an inline comment or .vigil.yml entry suppresses it (still reported, flagged). */
  suppressed?: Suppression;
}

export interface ScanWarning {
  /** Machine-readable: 'file-too-large', 'binary', 'parse-error', 'timeout', 'zip-entry-rejected', … */
  code: string;
  message: string;
  path?: string;
  scanner?: string;
}

/** Per-scanner figures, so the UI can tell "ran, 0 results" from "did not run". */
export interface ScannerRun {
  scanner: string;
  version: string;
  filesScanned: number;
  findings: number;
  durationMs: number;
  warnings: number;
}

export interface ScanStats {
  filesSeen: number;
  filesScanned: number;
  filesSkipped: number;
  bytesScanned: number;
  durationMs: number;
}

export interface ScanResult {
  findings: Finding[];
  scanners: ScannerRun[];
  warnings: ScanWarning[];
  stats: ScanStats;
}

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
}

export interface ScanContext {
  /** Per-organization salt for secret hashes (the CLI uses a local one). */
  secretSalt: string;
  warn(warning: Omit<ScanWarning, 'scanner'>): void;
  signal?: AbortSignal;
}

/** The one contract every scanner follows (osv-scalibr style). */
export interface Scanner {
  name: string;
  /** Bump when output changes. */
  version: string;
  /** Cheap path test first; size is known from the walk. */
  wants(path: string, size: number): boolean;
  scan(file: FileInput, ctx: ScanContext): Finding[] | Promise<Finding[]>;
}

export interface WalkLimits {
  /** Files larger than this are skipped with a warning. Default 5 MiB. */
  maxFileBytes: number;
  /** Stop after this many files (warning). Default 100,000. */
  maxFiles: number;
  /** Directory depth cap. Default 64. */
  maxDepth: number;
}

export interface ScanOptions {
  scanners?: Scanner[];
  limits?: Partial<WalkLimits>;
  secretSalt?: string;
  signal?: AbortSignal;
}

/** One rule (detector, IaC rule, control, check) with its own examples. */
export interface RuleUnit<Input = string> {
  meta: RuleMeta;
  examples: RuleExamples<Input>;
}

/**
 * A family of rules and how to replay one example against one rule. The generic rule test
 * (test/unit/rule-examples.test.ts) walks every family in service/engine/registry.ts.
 */
export interface RuleFamily<Input = string> {
  name: string;
  units: RuleUnit<Input>[];
  /** True when `input` makes `unit` report a finding. */
  flags(unit: RuleUnit<Input>, input: Input): boolean | Promise<boolean>;
}
