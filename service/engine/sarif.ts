import type { CodeFlow, Location as SarifLocation, Log, ReportingDescriptor, Result, Suppression as SarifSuppression } from 'sarif';
import { locationText } from '../contract/places';
import { vulnerabilityFacts, type VulnerabilityFacts } from './deps/facts';
import type { Finding, FlowStep, Location, RuleMeta, ScanResult, Scanner, Severity } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'vigil/v1';

export interface SarifOptions {
  toolVersion: string;
  /** Absolute URL of the project's home page (tool.driver.informationUri); omitted when unknown. */
  informationUri?: string;
  /** Rule metadata for tool.driver.rules (see rulesThatRan); a finding whose rule is missing gets a descriptor built from it. */
  rules: readonly RuleMeta[];
}

const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning reads this number: >= 9 critical, >= 7 high, >= 4 medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '0.0',
};

/**
 * One SARIF 2.1.0 run for a scan. Secret values never appear: only the masked preview, if any (the
 * salted hash stays out too). Outcomes other than fail ride along in the run's properties.
 */
export function toSarif(result: ScanResult, opts: SarifOptions): Log {
  const descriptors: ReportingDescriptor[] = [];
  const indexById = new Map<string, number>();
  const addRule = (meta: RuleMeta): void => {
    if (indexById.has(meta.id)) return;
    indexById.set(meta.id, descriptors.length);
    descriptors.push(toDescriptor(meta));
  };
  opts.rules.forEach(addRule);
  // A vulnerable-dependency finding's rule is its advisory (what code scanning groups alerts by).
  const ruleIds = result.findings.map((f) => {
    const facts = vulnerabilityFacts(f);
    if (!facts) {
      if (!indexById.has(f.ruleId)) addRule(metaFromFinding(f));
      return f.ruleId;
    }
    if (!indexById.has(facts.advisory)) {
      indexById.set(facts.advisory, descriptors.length);
      descriptors.push(advisoryDescriptor(facts, f));
    }
    return facts.advisory;
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Vigil',
            version: opts.toolVersion,
            semanticVersion: /^\d+\.\d+\.\d+/.test(opts.toolVersion) ? opts.toolVersion : undefined,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.warnings.map((w) => ({
              level: 'warning' as const,
              descriptor: { id: w.code },
              message: { text: w.message },
              ...(w.path ? { locations: [{ physicalLocation: { artifactLocation: { uri: toUri(w.path) } } }] } : {}),
              ...(w.scanner ? { properties: { scanner: w.scanner } } : {}),
            })),
          },
        ],
        results: result.findings.map((f, i) => toResult(f, ruleIds[i], indexById.get(ruleIds[i])!)),
        properties: {
          scanners: result.scanners,
          stats: result.stats,
          coverage: result.coverage,
          ...(result.results.length ? { results: result.results } : {}),
        },
      },
    ],
  };
}

/** The rules of every scanner that ran: what tool.driver.rules lists. */
export function rulesThatRan(scanners: readonly Scanner[], result: Pick<ScanResult, 'scanners'>): RuleMeta[] {
  const ran = new Set(result.scanners.filter((r) => r.status === 'ran').map((r) => r.scanner));
  return scanners.filter((s) => ran.has(s.name)).flatMap((s) => s.rules);
}

function toDescriptor(meta: RuleMeta): ReportingDescriptor {
  const references = meta.references ?? [];
  return {
    id: meta.id,
    name: pascalCase(meta.title),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: meta.remediationSnippet ? `${meta.remediation}\n\n${meta.remediationSnippet}` : meta.remediation },
    ...(meta.helpUri ? { helpUri: meta.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      // GitHub code scanning reads CWE tags in this form.
      tags: [...new Set(['security', meta.category, ...(meta.tags ?? []), ...(meta.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`)])],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      severity: meta.severity,
      confidence: meta.confidence,
      // GitHub code scanning's precision: how often a result of the rule is a true positive.
      precision: meta.confidence === 'high' ? 'high' : meta.confidence === 'medium' ? 'medium' : 'low',
      ...(meta.cwe?.length ? { cwe: meta.cwe } : {}),
      ...equivalentIds(meta),
      // Every cross-reference (Checkov, Bandit, ESLint, SCS, CIS, Defender, AzSK, OWASP CI/CD...).
      ...(references.length ? { references } : {}),
    },
  };
}

/** An advisory as a SARIF rule: its summary, an OSV link, and the CVSS base score as security-severity. */
function advisoryDescriptor(facts: VulnerabilityFacts, f: Finding): ReportingDescriptor {
  const ids = [facts.advisory, ...facts.aliases];
  const summary = facts.summary || `${facts.advisory} (${ids.slice(1).join(', ') || 'no alias'})`;
  const fixed = facts.fixedVersions.length ? `Upgrade to a version without it: fixed in ${facts.fixedVersions.join(', ')}.` : 'No fixed version is known: remove or replace the package, or accept the risk.';
  return {
    id: facts.advisory,
    shortDescription: { text: summary },
    fullDescription: { text: `${summary} (${ids.join(', ')})` },
    help: { text: fixed },
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(facts.advisory)}`,
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: {
      tags: ['security', f.category, 'vulnerability', ...(f.location.kind === 'package' ? [f.location.ecosystem] : []), ...(f.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`)],
      'security-severity': facts.cvss ? facts.cvss.score.toFixed(1) : SECURITY_SEVERITY[f.severity],
      severity: f.severity,
      confidence: f.confidence,
      aliases: facts.aliases,
      vigilRule: f.ruleId,
      ...(facts.cvss ? { cvss: { ...facts.cvss } } : {}),
    },
  };
}

/** The other tools whose check a rule is: by tool, for readers that look for them by name. */
const EQUIVALENT_TOOLS = ['checkov', 'bandit', 'eslint', 'scs'] as const;

/** `{ checkov: ['CKV_AZURE_44'] }`, `{ bandit: ['B602'] }`: the ids a rule declares for each equivalent tool. */
function equivalentIds(meta: RuleMeta): Partial<Record<(typeof EQUIVALENT_TOOLS)[number], string[]>> {
  const out: Partial<Record<(typeof EQUIVALENT_TOOLS)[number], string[]>> = {};
  for (const tool of EQUIVALENT_TOOLS) {
    const ids = (meta.references ?? []).filter((r) => r.type === tool).map((r) => r.id);
    if (ids.length) out[tool] = ids;
  }
  return out;
}

/** A code finding's language and the upstream test it matches (details.extra), when it has them. */
function codeFacts(f: Finding): { language: string; upstream?: { type: string; id: string } } | undefined {
  const x = f.details?.extra;
  if (f.category !== 'code' || typeof x?.language !== 'string') return undefined;
  const up = x.upstream;
  const upstream = up && typeof up === 'object' && !Array.isArray(up) && typeof up.type === 'string' && typeof up.id === 'string' ? { type: up.type, id: up.id } : undefined;
  return { language: x.language, ...(upstream ? { upstream } : {}) };
}

/** A taint finding's path from source to sink as one thread flow, each step at its line with its label. */
function codeFlowOf(flow: readonly FlowStep[], path: string): CodeFlow {
  return {
    threadFlows: [
      {
        locations: flow.map((step, i) => ({
          location: {
            physicalLocation: {
              artifactLocation: { uri: toUri(step.path ?? path), uriBaseId: '%SRCROOT%' },
              region: { startLine: step.line, ...(step.column !== undefined ? { startColumn: step.column } : {}) },
            },
            message: { text: step.label },
          },
          ...(i === 0 ? { kinds: ['source'] } : i === flow.length - 1 ? { kinds: ['sink'] } : {}),
        })),
      },
    ],
  };
}

function metaFromFinding(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    title: f.title,
    severity: f.severity,
    confidence: f.confidence,
    category: f.category,
    description: f.title,
    remediation: f.remediation,
    ...(f.helpUri ? { helpUri: f.helpUri } : {}),
    ...(f.cwe ? { cwe: f.cwe } : {}),
  };
}

/** Physical (file, region) and logical (resource, package, ADO object) locations of a finding. */
function sarifLocation(loc: Location): SarifLocation {
  if (loc.kind === 'ado-object') {
    return {
      logicalLocations: [{ name: loc.name || loc.id, fullyQualifiedName: `${loc.objectKind}/${loc.id}`, kind: `ado-${loc.objectKind}` }],
      message: { text: locationText(loc) },
      ...(loc.url ? { properties: { url: loc.url } } : {}),
    };
  }
  const region =
    loc.line === undefined
      ? undefined
      : {
          startLine: loc.line,
          ...(loc.kind !== 'package' && loc.column !== undefined ? { startColumn: loc.column } : {}),
          ...(loc.kind !== 'package' && loc.endLine !== undefined ? { endLine: loc.endLine } : {}),
          ...(loc.kind === 'file' && loc.endColumn !== undefined ? { endColumn: loc.endColumn } : {}),
        };
  const physicalLocation = { artifactLocation: { uri: toUri(loc.path), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) };
  if (loc.kind === 'resource') {
    return {
      physicalLocation,
      logicalLocations: [{ name: loc.address, fullyQualifiedName: loc.attribute ? `${loc.address}.${loc.attribute}` : loc.address, kind: 'resource' }],
      ...(loc.value !== undefined ? { properties: { value: loc.value } } : {}),
    };
  }
  if (loc.kind === 'package') {
    return {
      physicalLocation,
      logicalLocations: [{ name: `${loc.name}@${loc.version}`, fullyQualifiedName: loc.purl ?? `${loc.ecosystem}/${loc.name}@${loc.version}`, kind: 'package' }],
      ...(loc.dependencyPath?.length ? { properties: { dependencyPath: loc.dependencyPath } } : {}),
    };
  }
  return { physicalLocation };
}

function toResult(f: Finding, ruleId: string, ruleIndex: number): Result {
  const code = codeFacts(f);
  const flow = f.details?.flow;
  const result: Result = {
    ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [sarifLocation(f.location)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      severity: f.severity, confidence: f.confidence, category: f.category, ...(ruleId !== f.ruleId ? { vigilRule: f.ruleId } : {}),
      // IaC: the platform the resource came from (terraform, bicep, helm...).
      ...(typeof f.details?.extra?.platform === 'string' ? { platform: f.details.extra.platform } : {}),
      // Code: the language and the upstream tool's id for the same test (Bandit B602, ESLint no-eval, SCS0001).
      ...(code ? { language: code.language, ...(code.upstream ? { upstream: code.upstream } : {}) } : {}),
      // A secret checked with its provider: verified / invalid / unknown, when, by whom (never the secret).
      ...(f.verification ? { verification: { ...f.verification } } : {}),
    },
  };
  // Taint findings: the way from the source to the sink (GHAzDO and the SARIF viewer show it).
  if (flow?.length && f.location.kind !== 'ado-object') result.codeFlows = [codeFlowOf(flow, f.location.path)];
  if (f.suppressed) {
    const s: SarifSuppression = {
      kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external',
      status: 'accepted',
      ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}),
      properties: { vigilKind: f.suppressed.kind, ...(f.suppressed.expires ? { expires: f.suppressed.expires } : {}) },
    };
    result.suppressions = [s];
  }
  return result;
}

function messageText(f: Finding): string {
  const preview = f.details?.secret?.preview;
  if (!preview || f.message.includes(preview)) return f.message;
  return `${f.message} (${preview})`;
}

/** Repository-relative POSIX path -> relative URI reference (spaces, '#', '%' escaped). */
function toUri(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

function pascalCase(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/**
 * Fingerprints of a previous scan: a Vigil SARIF log (partialFingerprints['vigil/v1']) or the JSON
 * written by `vigil scan --format json` (findings[].fingerprint). Throws on anything else.
 */
export function readBaseline(text: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('Baseline is not valid JSON (expected a Vigil SARIF log or `--format json` output)');
  }
  const out = new Set<string>();
  if (isObject(doc) && Array.isArray(doc.runs)) {
    let results = 0;
    for (const run of doc.runs) {
      if (!isObject(run) || !Array.isArray(run.results)) continue;
      for (const r of run.results) {
        results++;
        const fp = isObject(r) && isObject(r.partialFingerprints) ? r.partialFingerprints[FINGERPRINT_KEY] : undefined;
        if (typeof fp === 'string' && fp) out.add(fp);
      }
    }
    if (results > 0 && out.size === 0) {
      throw new Error(`Baseline SARIF has results but none carries partialFingerprints["${FINGERPRINT_KEY}"]: not a Vigil log`);
    }
    return out;
  }
  if (isObject(doc) && Array.isArray(doc.findings)) {
    for (const f of doc.findings) {
      if (isObject(f) && typeof f.fingerprint === 'string' && f.fingerprint) out.add(f.fingerprint);
    }
    return out;
  }
  throw new Error('Baseline is neither a SARIF log nor Vigil JSON output (no "runs" or "findings")');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
