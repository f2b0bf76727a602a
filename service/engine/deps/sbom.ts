// CycloneDX 1.6 JSON SBOM of one scan: every package the 'deps' scanner extracted as a component,
// the dependency graph where lockfiles hold it, and the advisories its findings name. Written by
// hand (the CycloneDX library is a dev dependency: the tests validate this output against its schema).
import parseSpdx from 'spdx-expression-parse';
import spdxIds from 'spdx-license-ids/index.json';
import type { Finding, ScanResult } from '../types';
import { DEPS_SCANNER_NAME, vulnerabilityFacts, type VulnerabilityFacts } from './facts';
import type { PackageEntry } from './types';

export interface CycloneDxOptions {
  /** The repository (metadata.component.name). */
  name: string;
  /** The repository's version or commit, when known. */
  version?: string;
  /** Vigil's version (metadata.tools). */
  toolVersion?: string;
  /** ISO time; default now. */
  timestamp?: string;
  /** urn:uuid:…; omitted when not given (the function stays deterministic). */
  serialNumber?: string;
}

/** The parts of CycloneDX 1.6 Vigil writes. */
export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber?: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: { type: 'application'; name: string; version?: string }[] };
    component: { type: 'application'; 'bom-ref': string; name: string; version?: string };
  };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
  vulnerabilities?: CdxVulnerability[];
}

interface CdxComponent {
  type: 'library';
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  purl: string;
  scope?: 'required' | 'optional';
  licenses?: ({ license: { id: string } | { name: string } } | { expression: string })[];
}

interface CdxRating {
  source: { name: string; url: string };
  score?: number;
  severity: string;
  method: 'CVSSv2' | 'CVSSv3' | 'CVSSv31' | 'CVSSv4' | 'other';
  vector?: string;
}

interface CdxVulnerability {
  'bom-ref': string;
  id: string;
  source: { name: string; url: string };
  references?: { id: string; source: { name: string; url: string } }[];
  ratings: CdxRating[];
  description?: string;
  recommendation?: string;
  advisories?: { url: string }[];
  affects: { ref: string }[];
}

const ROOT_REF = 'vigil:repository';
const SPDX_IDS = new Set<string>(spdxIds);

/** The SBOM of `result` (its 'deps' inventory and findings). Pure: same input, same document. */
export function toCycloneDx(result: Pick<ScanResult, 'inventories' | 'findings'>, opts: CycloneDxOptions): CycloneDxBom {
  const packages = result.inventories.filter((i) => i.scanner === DEPS_SCANNER_NAME).flatMap((i) => i.items as PackageEntry[]);
  const byRef = new Map<string, { component: CdxComponent; dependsOn: Set<string>; direct: boolean; required: boolean }>();
  for (const p of packages) {
    const known = byRef.get(p.purl);
    if (known) {
      // The same package in several files: required if any file needs it at run time, direct if any names it.
      known.required ||= !isOptionalScope(p);
      known.direct ||= p.direct === true;
      for (const d of p.dependsOn ?? []) known.dependsOn.add(d);
      if (!known.component.licenses && p.license?.trim()) known.component.licenses = licensesOf(p.license);
      continue;
    }
    byRef.set(p.purl, { component: componentOf(p), dependsOn: new Set(p.dependsOn), direct: p.direct === true, required: !isOptionalScope(p) });
  }
  const components = [...byRef.values()].map(({ component, required }) => ({ ...component, scope: required ? ('required' as const) : ('optional' as const) }));
  const dependencies = [
    { ref: ROOT_REF, dependsOn: [...byRef].filter(([, v]) => v.direct).map(([ref]) => ref) },
    ...[...byRef].map(([ref, v]) => ({ ref, dependsOn: [...v.dependsOn].filter((d) => d !== ref && byRef.has(d)) })),
  ].map((d) => (d.dependsOn.length > 0 ? d : { ref: d.ref }));

  const bom: CycloneDxBom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    ...(opts.serialNumber ? { serialNumber: opts.serialNumber } : {}),
    version: 1,
    metadata: {
      timestamp: opts.timestamp ?? new Date().toISOString(),
      tools: { components: [{ type: 'application', name: 'Vigil', ...(opts.toolVersion ? { version: opts.toolVersion } : {}) }] },
      component: { type: 'application', 'bom-ref': ROOT_REF, name: opts.name, ...(opts.version ? { version: opts.version } : {}) },
    },
    components,
    dependencies,
  };
  const vulnerabilities = vulnerabilitiesOf(result.findings, byRef);
  if (vulnerabilities.length > 0) bom.vulnerabilities = vulnerabilities;
  return bom;
}

function isOptionalScope(p: PackageEntry): boolean {
  return p.scope === 'dev' || p.scope === 'optional' || p.scope === 'test' || p.scope === 'build';
}

function componentOf(p: PackageEntry): CdxComponent {
  const { group, name } = groupAndName(p);
  return {
    type: 'library',
    'bom-ref': p.purl,
    ...(group ? { group } : {}),
    name,
    ...(p.version ? { version: p.version } : {}),
    purl: p.purl,
    ...(p.license?.trim() ? { licenses: licensesOf(p.license) } : {}),
  };
}

/** npm scopes and Maven group ids are CycloneDX groups; other ecosystems keep the whole name. */
function groupAndName(p: PackageEntry): { group?: string; name: string } {
  if (p.ecosystem === 'npm' && p.name.startsWith('@')) {
    const i = p.name.indexOf('/');
    if (i > 1 && i < p.name.length - 1) return { group: p.name.slice(0, i), name: p.name.slice(i + 1) };
  }
  if (p.ecosystem === 'Maven') {
    const i = p.name.indexOf(':');
    if (i > 0 && i < p.name.length - 1) return { group: p.name.slice(0, i), name: p.name.slice(i + 1) };
  }
  return { name: p.name };
}

/** One SPDX id, else a valid SPDX expression, else the text as a license name. */
export function licensesOf(text: string): NonNullable<CdxComponent['licenses']> {
  const t = text.trim();
  if (SPDX_IDS.has(t)) return [{ license: { id: t } }];
  if (t.length <= 500 && /[A-Za-z]/.test(t)) {
    try {
      parseSpdx(t);
      return [{ expression: t }];
    } catch {
      // not an SPDX expression: kept as written
    }
  }
  return [{ license: { name: t.slice(0, 500) || 'unknown' } }];
}

const OSV_SOURCE = (id: string) => ({ name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` });

/** One entry per advisory, affecting every component a deps finding names for it. */
function vulnerabilitiesOf(findings: readonly Finding[], components: ReadonlyMap<string, unknown>): CdxVulnerability[] {
  const byId = new Map<string, { facts: VulnerabilityFacts; severity: string; affects: Set<string>; upgrades: Set<string> }>();
  for (const f of findings) {
    const facts = vulnerabilityFacts(f);
    if (!facts || f.location.kind !== 'package' || !f.location.purl || !components.has(f.location.purl)) continue;
    let v = byId.get(facts.advisory);
    if (!v) byId.set(facts.advisory, (v = { facts, severity: f.severity, affects: new Set(), upgrades: new Set() }));
    v.affects.add(f.location.purl);
    if (facts.upgrade) v.upgrades.add(`${f.location.name} ${facts.upgrade}`);
  }
  return [...byId.values()].map(({ facts, severity, affects, upgrades }) => ({
    'bom-ref': `vuln:${facts.advisory}`,
    id: facts.advisory,
    source: OSV_SOURCE(facts.advisory),
    ...(facts.aliases.length ? { references: facts.aliases.map((a) => ({ id: a, source: aliasSource(a) })) } : {}),
    ratings: [ratingOf(facts, severity)],
    ...(facts.summary ? { description: facts.summary } : {}),
    ...(upgrades.size ? { recommendation: `Upgrade to ${[...upgrades].join(', ')}` } : facts.fixedVersions.length ? { recommendation: `Fixed in ${facts.fixedVersions.join(', ')}` } : {}),
    ...(facts.references.length ? { advisories: facts.references.map((url) => ({ url })) } : {}),
    affects: [...affects].map((ref) => ({ ref })),
  }));
}

function aliasSource(alias: string): { name: string; url: string } {
  if (alias.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${encodeURIComponent(alias)}` };
  if (alias.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${encodeURIComponent(alias)}` };
  return OSV_SOURCE(alias);
}

const CVSS_METHODS: Record<string, CdxRating['method']> = { '2.0': 'CVSSv2', '3.0': 'CVSSv3', '3.1': 'CVSSv31', '4.0': 'CVSSv4' };

function ratingOf(facts: VulnerabilityFacts, severity: string): CdxRating {
  const source = OSV_SOURCE(facts.advisory);
  if (!facts.cvss) return { source, severity, method: 'other' };
  return { source, score: facts.cvss.score, severity, method: CVSS_METHODS[facts.cvss.version] ?? 'other', vector: facts.cvss.vector };
}
