// The code family's contract: one rule shape for every language (metadata, the upstream test it
// matches, its own examples), the hits an analyser reports, and what an analyser is.
import type { CodeLanguage, Confidence, FlowStep, Severity } from '../types';

export type { CodeLanguage, FlowStep } from '../types';

/** The upstream tool whose test a rule re-implements or runs. */
export interface Upstream {
  type: 'bandit' | 'eslint' | 'scs';
  /** B602, security/detect-child-process, SCS0001 */
  id: string;
}

/** An example file: its text, and a path when the name matters (.tsx, views.py); else a default per language. */
export type CodeSnippet = string | { path: string; code: string };

export interface CodeRule {
  /** CODE-PY-…, CODE-JS-…, CODE-CS-… */
  id: string;
  language: CodeLanguage;
  title: string;
  severity: Severity;
  confidence: Confidence;
  description: string;
  remediation: string;
  /** A corrected snippet. */
  remediationSnippet?: string;
  /** At least one: ['CWE-78'] */
  cwe: string[];
  upstream?: Upstream;
  helpUri?: string;
  /** Source-to-sink rules: their findings carry a flow. */
  taint?: boolean;
  tags?: string[];
  /** fail: each must give at least one finding of this rule; pass: none. */
  examples: { fail: CodeSnippet[]; pass: CodeSnippet[] };
}

/** One finding of one rule in one file, as an analyser reports it (1-based lines and columns). */
export interface CodeHit {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** What is wrong here, in a sentence ("request.args['q'] (line 12) reaches cursor.execute (line 18)"). */
  message: string;
  /** The flagged code (the sink): normalised and hashed into the fingerprint, never stored. */
  sinkText: string;
  /** Taint rules: source first, sink last. */
  flow?: FlowStep[];
  /** Only when this hit differs from its rule's (Bandit's B602: a literal command is low, a built one high). */
  severity?: Severity;
  confidence?: Confidence;
}

export interface AnalyzeContext {
  /** Only these rules (the generic example test); all when undefined. */
  only?: ReadonlySet<string>;
  /** A problem with one file: parse errors (with the line), bounds hit. The rest still runs. */
  warn(code: string, message: string, path: string): void;
  /** A file the analyser declined (too large): counted in the scanner's skipped figures under this reason. */
  skip?(reason: string): void;
  signal?: AbortSignal;
}

/** A file the scanner decided to analyse. */
export interface SourceText {
  path: string;
  text: string;
}

/** One language's analyser: the rules it runs and how it runs them over a set of files. */
export interface LanguageAnalyzer {
  language: CodeLanguage;
  /** The scanner's name: code-python, code-javascript, code-csharp. */
  scannerName: string;
  /** Bump when output changes. */
  version: string;
  rules: readonly CodeRule[];
  /** By path only (extension); vendored and generated paths are filtered by the shared scanner. */
  wants(path: string): boolean;
  /**
   * All hits in these files. May analyse them in parallel (worker threads); `texts` yields each
   * file once, lazily, so memory stays bounded.
   */
  analyze(texts: Iterable<SourceText>, ctx: AnalyzeContext): Promise<CodeHit[]>;
}

export interface CodeOptions {
  /** Only these rule ids (examples, the CLI's --rule). */
  rules?: string[];
}
