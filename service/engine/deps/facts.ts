// What a vulnerable-dependency finding carries in details.extra, written by the 'deps' scanner and
// read back by its outputs (SARIF with the advisory as the rule, the CycloneDX SBOM, the CLI table).
import type { JsonValue } from '../../contract/model';
import type { Finding } from '../types';

export const DEPS_SCANNER_NAME = 'deps';
export const DEP_VULNERABLE_PACKAGE = 'DEP-VULNERABLE-PACKAGE';

export interface CvssFacts {
  /** '2.0', '3.0', '3.1' or '4.0'. */
  version: string;
  vector: string;
  /** Base score, 0-10. */
  score: number;
}

export interface VulnerabilityFacts {
  /** The OSV id (GHSA-…, PYSEC-…, RUSTSEC-…, GO-…). */
  advisory: string;
  /** Other ids of the same advisory (CVE-…, GHSA-…). */
  aliases: string[];
  summary: string;
  cvss?: CvssFacts;
  /** Versions that remove this advisory (its `fixed` events), lowest first. */
  fixedVersions: string[];
  /** The smallest version that removes every advisory of this package, when there is one. */
  upgrade?: string;
  direct?: boolean;
  scope?: string;
  /** A few reference urls of the advisory. */
  references: string[];
}

/** details.extra for a finding (undefined fields left out: extra holds JSON values only). */
export function factsToExtra(facts: VulnerabilityFacts): Record<string, JsonValue> {
  const extra: Record<string, JsonValue> = {
    advisory: facts.advisory,
    aliases: facts.aliases,
    summary: facts.summary,
    fixedVersions: facts.fixedVersions,
    references: facts.references,
  };
  if (facts.cvss) extra.cvss = { ...facts.cvss };
  if (facts.upgrade !== undefined) extra.upgrade = facts.upgrade;
  if (facts.direct !== undefined) extra.direct = facts.direct;
  if (facts.scope !== undefined) extra.scope = facts.scope;
  return extra;
}

/** The advisory facts of a vulnerable-dependency finding; undefined for any other finding. */
export function vulnerabilityFacts(f: Finding): VulnerabilityFacts | undefined {
  if (f.ruleId !== DEP_VULNERABLE_PACKAGE) return undefined;
  const x = f.details?.extra;
  if (!x || typeof x.advisory !== 'string' || !x.advisory) return undefined;
  const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  const cvss = x.cvss;
  const facts: VulnerabilityFacts = {
    advisory: x.advisory,
    aliases: strings(x.aliases),
    summary: typeof x.summary === 'string' ? x.summary : '',
    fixedVersions: strings(x.fixedVersions),
    references: strings(x.references),
  };
  if (cvss && typeof cvss === 'object' && !Array.isArray(cvss) && typeof cvss.vector === 'string' && typeof cvss.score === 'number') {
    facts.cvss = { version: typeof cvss.version === 'string' ? cvss.version : '', vector: cvss.vector, score: cvss.score };
  }
  if (typeof x.upgrade === 'string') facts.upgrade = x.upgrade;
  if (typeof x.direct === 'boolean') facts.direct = x.direct;
  if (typeof x.scope === 'string') facts.scope = x.scope;
  return facts;
}
