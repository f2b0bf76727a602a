import type { Log, ReportingDescriptor, Result, Suppression as SarifSuppression } from 'sarif';
import type { Finding, RuleMeta, ScanResult, Severity } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'vigil/v1';

export interface SarifOptions {
  toolVersion: string;
  /** Absolute URL of the project's home page (tool.driver.informationUri); omitted when unknown. */
  informationUri?: string;
  /** Rule metadata for tool.driver.rules; a finding whose rule is missing gets a descriptor built from it. */
  rules: RuleMeta[];
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

/** One SARIF 2.1.0 run for a scan. Secret values never appear: only the masked preview, if any. */
export function toSarif(result: ScanResult, opts: SarifOptions): Log {
  const descriptors: ReportingDescriptor[] = [];
  const indexById = new Map<string, number>();
  const addRule = (meta: RuleMeta): void => {
    if (indexById.has(meta.id)) return;
    indexById.set(meta.id, descriptors.length);
    descriptors.push(toDescriptor(meta));
  };
  opts.rules.forEach(addRule);
  for (const f of result.findings) if (!indexById.has(f.ruleId)) addRule(metaFromFinding(f));

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
        results: result.findings.map((f) => toResult(f, indexById.get(f.ruleId)!)),
        properties: { scanners: result.scanners, stats: result.stats },
      },
    ],
  };
}

function toDescriptor(meta: RuleMeta): ReportingDescriptor {
  return {
    id: meta.id,
    name: pascalCase(meta.title),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: meta.remediation },
    ...(meta.helpUri ? { helpUri: meta.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ['security', meta.category, ...(meta.cwe ?? [])],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      severity: meta.severity,
    },
  };
}

function metaFromFinding(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    title: f.title,
    severity: f.severity,
    category: f.category,
    description: f.title,
    remediation: f.remediation,
    helpUri: f.helpUri,
    cwe: f.cwe,
  };
}

function toResult(f: Finding, ruleIndex: number): Result {
  const region: NonNullable<Result['locations']>[number]['physicalLocation'] = {
    artifactLocation: { uri: toUri(f.location.path), uriBaseId: '%SRCROOT%' },
    region: {
      startLine: f.location.line,
      ...(f.location.column !== undefined ? { startColumn: f.location.column } : {}),
      ...(f.location.endLine !== undefined ? { endLine: f.location.endLine } : {}),
    },
  };
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [{ physicalLocation: region }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { severity: f.severity, confidence: f.confidence, category: f.category },
  };
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
  if (!f.preview || f.message.includes(f.preview)) return f.message;
  return `${f.message} (${f.preview})`;
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
