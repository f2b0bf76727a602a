// Reading a SARIF 2.1.0 log into flat finding rows: what the build results tab shows and what the service
// stores for a pipeline run. Vigil's own logs (engine/sarif.ts writes severity, category and confidence in
// each result's properties and the fingerprint under partialFingerprints['vigil/v1']) and other tools'
// logs (severity from security-severity, else the level). Pure, with no dependency, so the web bundle
// can take it too.
import { CONFIDENCES, GATE_MIN_CONFIDENCE, meetsConfidence, SEVERITIES, type Confidence, type Severity } from './vocabulary';

/** The fingerprint key Vigil writes (engine/sarif.ts FINGERPRINT_KEY). */
export const VIGIL_FINGERPRINT_KEY = 'vigil/v1';

/** SARIF's baselineState: set by the pipeline task when it compared the run with a baseline. */
export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export type PipelineVerdict = 'succeeded' | 'succeededWithIssues' | 'failed';

export interface SarifFinding {
  /** Unique within the log: the tool's fingerprint when it gives one, else run and result index. */
  key: string;
  tool: string;
  ruleId: string;
  /** The rule's short description, else the message. */
  title: string;
  message: string;
  severity: Severity;
  /** Vigil's category (secret, iac, code, deps, license, package-risk) when the log says. */
  category?: string;
  confidence?: string;
  /** Repository-relative path, when the result has a physical location. */
  path?: string;
  line?: number;
  column?: number;
  fingerprint?: string;
  baselineState?: BaselineState;
  /** An accepted suppression (inline comment, .vigil.yml): shown apart, never counted. */
  suppressed: boolean;
  helpUri?: string;
  remediation?: string;
  cwe?: string[];
}

export interface SarifRunInfo {
  tool: string;
  version?: string;
  /** The run's verdict and fail-on rule, when the pipeline task wrote them into the run's properties. */
  verdict?: PipelineVerdict;
  failOn?: Severity | 'none';
  /** Where the pipeline task's baseline came from (a file, the Vigil service), or none: when it said. */
  baseline?: 'file' | 'service' | 'none';
  results: number;
}

export interface SarifRead {
  runs: SarifRunInfo[];
  findings: SarifFinding[];
}

export class SarifReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SarifReadError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const posInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
const isSeverity = (v: unknown): v is Severity => typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
const isConfidence = (v: unknown): v is Confidence => typeof v === 'string' && (CONFIDENCES as readonly string[]).includes(v);
const VERDICTS: readonly PipelineVerdict[] = ['succeeded', 'succeededWithIssues', 'failed'];
const BASELINE_STATES: readonly BaselineState[] = ['new', 'unchanged', 'updated', 'absent'];

/** GitHub code scanning's reading of security-severity: >= 9 critical, >= 7 high, >= 4 medium, > 0 low. */
function fromSecuritySeverity(v: unknown): Severity | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return undefined;
  return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : n > 0 ? 'low' : 'info';
}

const LEVEL_SEVERITY: Record<string, Severity> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };

/** A relative URI reference back to a repository path: `src/my%20file.ts` -> `src/my file.ts`. */
function uriToPath(uri: string): string {
  let p = uri.replace(/^file:\/\/\/?/, '').replace(/^\.\//, '').replace(/^\/+/, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep the raw text: a stray % is not worth losing the location
  }
  return p;
}

function severityOf(result: Obj, rule: Obj | undefined): Severity {
  const rp = isObj(result.properties) ? result.properties : {};
  const dp = rule && isObj(rule.properties) ? rule.properties : {};
  if (isSeverity(rp.severity)) return rp.severity;
  const scored = fromSecuritySeverity(rp['security-severity']) ?? fromSecuritySeverity(dp['security-severity']);
  if (scored) return scored;
  if (isSeverity(dp.severity)) return dp.severity;
  const level = str(result.level) ?? (rule && isObj(rule.defaultConfiguration) ? str(rule.defaultConfiguration.level) : undefined) ?? 'warning';
  return LEVEL_SEVERITY[level] ?? 'medium';
}

function ruleOf(result: Obj, rules: Obj[], byId: Map<string, Obj>): Obj | undefined {
  const index = typeof result.ruleIndex === 'number' ? result.ruleIndex : undefined;
  if (index !== undefined && rules[index]) return rules[index];
  const id = str(result.ruleId) ?? (isObj(result.rule) ? str(result.rule.id) : undefined);
  return id ? byId.get(id) : undefined;
}

function textOf(v: unknown): string | undefined {
  return isObj(v) ? (str(v.text) ?? str(v.markdown)) : undefined;
}

function placeOf(result: Obj): { path?: string; line?: number; column?: number } {
  const loc = Array.isArray(result.locations) ? result.locations.find(isObj) : undefined;
  const physical = loc && isObj(loc.physicalLocation) ? loc.physicalLocation : undefined;
  const artifact = physical && isObj(physical.artifactLocation) ? physical.artifactLocation : undefined;
  const uri = artifact ? str(artifact.uri) : undefined;
  const region = physical && isObj(physical.region) ? physical.region : undefined;
  return {
    ...(uri ? { path: uriToPath(uri) } : {}),
    ...(region && posInt(region.startLine) ? { line: posInt(region.startLine) } : {}),
    ...(region && posInt(region.startColumn) ? { column: posInt(region.startColumn) } : {}),
  };
}

function fingerprintOf(result: Obj): string | undefined {
  for (const bag of [result.partialFingerprints, result.fingerprints]) {
    if (!isObj(bag)) continue;
    const vigil = str(bag[VIGIL_FINGERPRINT_KEY]);
    if (vigil) return vigil;
    const first = Object.values(bag).map(str).find(Boolean);
    if (first) return first;
  }
  return undefined;
}

/** SARIF: a suppression without a status is accepted; underReview and rejected ones do not suppress. */
const acceptedSuppressions = (result: Obj): Obj[] =>
  Array.isArray(result.suppressions) ? result.suppressions.filter((s): s is Obj => isObj(s) && (s.status === undefined || s.status === 'accepted')) : [];

/** Vigil marks a result its baseline already had as an external suppression of kind baseline (engine/sarif.ts). */
const isBaselineSuppression = (s: Obj): boolean => isObj(s.properties) && s.properties.vigilKind === 'baseline';

function cweOf(rule: Obj | undefined): string[] | undefined {
  const p = rule && isObj(rule.properties) ? rule.properties : undefined;
  if (p && Array.isArray(p.cwe)) {
    const ids = p.cwe.filter((c): c is string => typeof c === 'string');
    if (ids.length) return ids;
  }
  return undefined;
}

function runInfo(run: Obj, tool: string, version: string | undefined, results: number): SarifRunInfo {
  const p = isObj(run.properties) ? run.properties : {};
  // The task may nest its own facts under properties.vigil; either place is read.
  const own = isObj(p.vigil) ? p.vigil : p;
  const verdict = VERDICTS.find((v) => v === own.verdict);
  const failOn = own.failOn === 'none' || isSeverity(own.failOn) ? (own.failOn as Severity | 'none') : undefined;
  const baseline = (['file', 'service', 'none'] as const).find((b) => b === own.baseline);
  return { tool, ...(version ? { version } : {}), ...(verdict ? { verdict } : {}), ...(failOn ? { failOn } : {}), ...(baseline ? { baseline } : {}), results };
}

/**
 * Every result of every run, in log order. Throws SarifReadError when the document is not a SARIF 2.x
 * log (no `runs` array); results it cannot read (no rule id, not an object) are skipped.
 */
export function readSarif(doc: unknown): SarifRead {
  if (!isObj(doc) || !Array.isArray(doc.runs)) throw new SarifReadError('Not a SARIF log: the document has no "runs" array');
  if (doc.version !== undefined && !/^2\./.test(String(doc.version))) throw new SarifReadError(`SARIF version ${String(doc.version)} is not supported (2.1.0 is)`);
  const runs: SarifRunInfo[] = [];
  const findings: SarifFinding[] = [];
  const keys = new Set<string>();
  doc.runs.forEach((run, runIndex) => {
    if (!isObj(run)) return;
    const driver = isObj(run.tool) && isObj(run.tool.driver) ? run.tool.driver : {};
    const tool = str(driver.name) ?? 'Unknown tool';
    const rules = Array.isArray(driver.rules) ? driver.rules.filter(isObj) : [];
    const byId = new Map(rules.filter((r) => str(r.id)).map((r) => [r.id as string, r]));
    const results = Array.isArray(run.results) ? run.results : [];
    runs.push(runInfo(run, tool, str(driver.semanticVersion) ?? str(driver.version), results.length));
    results.forEach((result, resultIndex) => {
      if (!isObj(result)) return;
      const rule = ruleOf(result, rules, byId);
      const ruleId = str(result.ruleId) ?? (rule ? str(rule.id) : undefined);
      if (!ruleId) return;
      const message = textOf(result.message) ?? ruleId;
      const rp = isObj(result.properties) ? result.properties : {};
      const fingerprint = fingerprintOf(result);
      let key = fingerprint ? `${tool}:${fingerprint}` : `${runIndex}:${resultIndex}`;
      if (keys.has(key)) key = `${key}#${runIndex}:${resultIndex}`;
      keys.add(key);
      const suppressions = acceptedSuppressions(result);
      const inBaseline = suppressions.length > 0 && suppressions.every(isBaselineSuppression);
      const baselineState = BASELINE_STATES.find((s) => s === result.baselineState) ?? (inBaseline ? 'unchanged' : undefined);
      const helpUri = (rule && str(rule.helpUri)) ?? undefined;
      const remediation = rule ? textOf(rule.help) : undefined;
      const cwe = cweOf(rule);
      findings.push({
        key,
        tool,
        ruleId: str(rp.vigilRule) ?? ruleId,
        title: (rule && textOf(rule.shortDescription)) ?? message,
        message,
        severity: severityOf(result, rule),
        ...(str(rp.category) ? { category: str(rp.category) } : {}),
        ...(str(rp.confidence) ? { confidence: str(rp.confidence) } : {}),
        ...placeOf(result),
        ...(fingerprint ? { fingerprint } : {}),
        ...(baselineState ? { baselineState } : {}),
        suppressed: suppressions.length > 0 && !inBaseline,
        ...(helpUri ? { helpUri } : {}),
        ...(remediation ? { remediation } : {}),
        ...(cwe ? { cwe } : {}),
      });
    });
  });
  return { runs, findings };
}

/** Findings that count: not suppressed, and not fixed since the baseline (absent). */
export const activeFindings = (findings: readonly SarifFinding[]): SarifFinding[] =>
  findings.filter((f) => !f.suppressed && f.baselineState !== 'absent');

/** With a baseline, only what the change introduced (new, or updated) counts against it. */
export const isIntroduced = (f: SarifFinding): boolean => f.baselineState === undefined || f.baselineState === 'new' || f.baselineState === 'updated';

/**
 * The verdict of a run: the task's own when it wrote one (every run that says, the worst wins); else
 * from the findings by the fail-on severity (the task's default, high): failed when an introduced
 * finding is at least that severe (and of medium confidence or more, as the task counts), succeeded with issues when there are others, else succeeded.
 */
export function verdictOf(read: SarifRead, defaultFailOn: Severity | 'none' = 'high'): { verdict: PipelineVerdict; failOn: Severity | 'none'; fromTask: boolean } {
  const stated = read.runs.map((r) => r.verdict).filter((v): v is PipelineVerdict => v !== undefined);
  const failOn = read.runs.find((r) => r.failOn)?.failOn ?? defaultFailOn;
  if (stated.length) {
    const worst = stated.includes('failed') ? 'failed' : stated.includes('succeededWithIssues') ? 'succeededWithIssues' : 'succeeded';
    return { verdict: worst, failOn, fromTask: true };
  }
  const active = activeFindings(read.findings);
  const limit = failOn === 'none' ? -1 : SEVERITIES.indexOf(failOn);
  // As the task and `npm run scan --fail-on` judge: confident enough (a result without a confidence counts).
  const confident = (f: SarifFinding) => !isConfidence(f.confidence) || meetsConfidence(f.confidence, GATE_MIN_CONFIDENCE);
  const fails = active.some((f) => isIntroduced(f) && SEVERITIES.indexOf(f.severity) <= limit && confident(f));
  return { verdict: fails ? 'failed' : active.length ? 'succeededWithIssues' : 'succeeded', failOn, fromTask: false };
}
