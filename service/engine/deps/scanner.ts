// The 'deps' scanner: every package the extractors find, matched against the advisory index the
// caller hands in (options.advisories). One finding per (advisory, package, manifest file). Malicious
// packages (OSV MAL- records) are package-risk's findings, not these.
import type { Ecosystem } from '../../contract/vocabulary';
import { fingerprint } from '../fingerprint';
import { inventoryScanner } from '../inventory';
import type { Finding, ProjectScanner, RuleMeta, Warn } from '../types';
import { packageExtractors } from './extractors';
import { DEP_VULNERABLE_PACKAGE, DEPS_SCANNER_NAME, factsToExtra, type VulnerabilityFacts } from './facts';
import { matchPackage, smallestUpgrade, type AdvisoryMatch, type MatchProblem } from './match';
import { packageKey, type DepsOptions, type OsvRecord, type PackageEntry } from './types';

export const DEPS_SCANNER_VERSION = '1';

export const depVulnerablePackageRule: RuleMeta = {
  id: DEP_VULNERABLE_PACKAGE,
  title: 'Dependency with a known vulnerability',
  severity: 'high',
  confidence: 'high',
  category: 'deps',
  description:
    'A package locked or pinned in a manifest or lockfile is in the affected range of a published advisory (OSV). ' +
    "Each finding takes its severity from the advisory: its CVSS vector's base score, else the severity the database gives.",
  remediation:
    'Upgrade the package to the version the finding names (the smallest one that removes every known advisory of the package); ' +
    'for a transitive package, upgrade the direct dependency that pulls it in or pin the fixed version (overrides, resolutions, constraints).',
  helpUri: 'https://osv.dev/',
  tags: ['dependencies', 'osv', 'sca'],
  cwe: ['CWE-1395'],
  references: [{ type: 'owasp', id: 'A06:2021', url: 'https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/' }],
};

/** Reference urls kept per finding. */
const MAX_REFERENCES = 5;
const MAX_TITLE = 300;

export const depsScanner: ProjectScanner<DepsOptions> = inventoryScanner<PackageEntry, DepsOptions>({
  name: DEPS_SCANNER_NAME,
  version: DEPS_SCANNER_VERSION,
  category: 'deps',
  rules: [depVulnerablePackageRule],
  defaultOptions: {},
  extractors: packageExtractors,
  async evaluate(items, ctx) {
    const index = ctx.options?.advisories;
    if (!index) {
      return { findings: [], notRun: { code: 'no-dataset', text: 'No advisory database was handed in (the service syncs one; the CLI reads --advisories <folder>)' } };
    }
    const counts = await index.counts();
    if (!Object.values(counts).some((n) => (n ?? 0) > 0)) {
      return { findings: [], notRun: { code: 'no-dataset', text: 'The advisory database is empty: run a sync or an import first' } };
    }
    return { findings: await matchInventory(items, index, ctx.warn) };
  },
});

/**
 * Findings for every versioned package of `items` that an advisory of `index` affects. One batch
 * lookup for the whole inventory; entries repeated in a file (same package, version and path) count once.
 */
export async function matchInventory(items: readonly PackageEntry[], index: NonNullable<DepsOptions['advisories']>, warn: Warn): Promise<Finding[]> {
  const entries = uniqueEntries(items, warn);
  // Entries by package (one key and one map lookup per entry; the rest is per package).
  const packages = new Map<string, PackageMatches>();
  const packageOf: PackageMatches[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const key = packageKey(e.ecosystem, e.name);
    let p = packages.get(key);
    if (!p) packages.set(key, (p = { ecosystem: e.ecosystem, name: e.name, candidates: undefined, byVersion: undefined, advisories: undefined }));
    packageOf[i] = p;
  }
  if (packages.size === 0) return [];
  const records = await index.lookup([...packages.values()].map(({ ecosystem, name }) => ({ ecosystem, name })));
  if (records.size === 0) return [];
  for (const [key, p] of packages) {
    const candidates = records.get(key);
    if (candidates?.length) p.candidates = candidates;
  }
  const findings: Finding[] = [];
  for (let i = 0; i < entries.length; i++) {
    const p = packageOf[i];
    if (!p.candidates) continue;
    const entry = entries[i];
    // Matching depends on (package, version) only: a package in many files is matched once.
    p.byVersion ??= new Map();
    let m = p.byVersion.get(entry.version);
    if (!m) {
      const matches = matchVersion(entry, p.candidates, warn);
      m = { matches, upgrade: matches.length ? smallestUpgrade(entry, matches) : undefined };
      p.byVersion.set(entry.version, m);
    }
    for (const match of m.matches) findings.push(findingOf(entry, match, m.upgrade, p));
  }
  return findings;
}

/** One package of an inventory: its advisories, what each version matched, its findings' group keys. */
interface PackageMatches {
  ecosystem: Ecosystem;
  name: string;
  candidates: readonly OsvRecord[] | undefined;
  byVersion: Map<string, { matches: AdvisoryMatch[]; upgrade?: string }> | undefined;
  /** By record: what its findings on this package share. */
  advisories: Map<OsvRecord, AdvisoryFacts> | undefined;
}

/** Entries once per (ecosystem, name, version, path); unversioned ones cannot be matched and are counted per file. */
function uniqueEntries(items: readonly PackageEntry[], warn: Warn): PackageEntry[] {
  const seen = new Set<string>();
  const out: PackageEntry[] = [];
  const unversioned = new Map<string, string[]>();
  for (const e of items) {
    if (!e.version) {
      const names = unversioned.get(e.path) ?? [];
      names.push(e.name);
      unversioned.set(e.path, names);
      continue;
    }
    const size = seen.size;
    seen.add(`${e.ecosystem}\u0000${e.name}\u0000${e.version}\u0000${e.path}`);
    if (seen.size !== size) out.push(e);
  }
  for (const [path, names] of unversioned) {
    const listed = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    warn({ code: 'no-version', path, message: `${names.length} package(s) without an exact version were not matched against advisories: ${listed}` });
  }
  return out;
}

/**
 * The advisories affecting this entry's version, malicious-package records left to package-risk. A
 * version the ecosystem cannot read, and an advisory given in commit ranges only, are warnings.
 */
function matchVersion(entry: PackageEntry, candidates: readonly OsvRecord[], warn: Warn): AdvisoryMatch[] {
  const vulnerabilities = candidates.filter((r) => !r.id.startsWith('MAL-'));
  if (vulnerabilities.length === 0) return [];
  const onProblem = (problem: MatchProblem): void => {
    if (problem.kind === 'unparsable-version') {
      warn({
        code: 'unparsable-version',
        path: entry.path,
        ...(entry.line !== undefined ? { line: entry.line } : {}),
        message: `${entry.name}: "${clip(entry.version, 100)}" is not a ${entry.ecosystem} version; only advisories listing it exactly were matched`,
      });
    } else {
      warn({ code: 'git-ranges-only', path: entry.path, message: `${problem.recordId} names ${entry.name} with commit (GIT) ranges only, which are not evaluated` });
    }
  };
  return matchPackage(entry, vulnerabilities, onProblem).filter((m) => !m.malicious);
}

function findingOf(entry: PackageEntry, match: AdvisoryMatch, upgrade: string | undefined, pkg: PackageMatches): Finding {
  const { record, severity, cvss } = match;
  const fixed = match.fixedVersions;
  const advisory = advisoryOf(pkg, record);
  const { aliases, summary, cwe } = advisory;
  const facts: VulnerabilityFacts = { advisory: record.id, aliases: aliases.slice(), summary, fixedVersions: fixed, references: advisory.references.slice() };
  if (cvss) facts.cvss = cvss;
  if (upgrade) facts.upgrade = upgrade;
  if (entry.direct !== undefined) facts.direct = entry.direct;
  if (entry.scope) facts.scope = entry.scope;
  const ids = advisory.ids;
  const fixedIn = fixed.length ? `fixed in ${fixed.join(', ')}` : 'no fixed version is known';
  const fix = upgrade && !(fixed.length === 1 && fixed[0] === upgrade) ? `${fixedIn}; upgrade to ${upgrade}` : fixedIn;
  return {
    ruleId: DEP_VULNERABLE_PACKAGE,
    title: clip(`${entry.name}@${entry.version}: ${summary || record.id}`, MAX_TITLE),
    severity,
    category: 'deps',
    confidence: 'high',
    message: `${entry.name} ${entry.version} (${entry.ecosystem}) is affected by ${ids}: ${fix}.`,
    location: {
      kind: 'package',
      path: entry.path,
      ...(entry.line !== undefined ? { line: entry.line } : {}),
      ecosystem: entry.ecosystem,
      name: clip(entry.name, 500),
      version: clip(entry.version, 200),
      purl: clip(entry.purl, 1000),
      ...(entry.dependencyPath?.length ? { dependencyPath: entry.dependencyPath.slice(0, 100).map((n) => clip(n, 500)) } : {}),
    },
    // Not the version: a bump that is still vulnerable keeps the alert, one that fixes it closes it.
    fingerprint: fingerprint(DEP_VULNERABLE_PACKAGE, record.id, entry.ecosystem, entry.name, entry.path),
    groupKey: advisory.groupKey,
    details: { extra: factsToExtra(facts) },
    remediation: upgrade
      ? `Upgrade ${entry.name} to ${upgrade}${entry.direct === false ? ' (through the direct dependency that pulls it in, or an override)' : ''}.`
      : fixed.length
        ? `Upgrade ${entry.name} to a fixed version (${fixed.join(', ')}).`
        : `No fixed version of ${entry.name} is known: remove or replace it, or accept the risk.`,
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`,
    ...(cwe.length ? { cwe: cwe.slice() } : {}),
  };
}

/** What every finding of one advisory on one package shares, worked out once. */
interface AdvisoryFacts {
  aliases: string[];
  summary: string;
  references: string[];
  cwe: string[];
  ids: string;
  /** One vulnerable package across manifests (and repositories) is one thing to fix. */
  groupKey: string;
}

function advisoryOf(pkg: PackageMatches, record: OsvRecord): AdvisoryFacts {
  pkg.advisories ??= new Map();
  let facts = pkg.advisories.get(record);
  if (!facts) {
    const aliases = (record.aliases ?? []).filter((a) => a !== record.id);
    facts = {
      aliases,
      summary: oneLine(record.summary || firstSentence(record.details) || ''),
      references: (record.references ?? []).map((r) => r.url).filter((u) => /^https?:\/\//.test(u)).slice(0, MAX_REFERENCES),
      cwe: cweOf(record),
      ids: [record.id, ...aliases].join(', '),
      groupKey: `dep:${fingerprint(record.id, pkg.ecosystem, pkg.name)}`,
    };
    pkg.advisories.set(record, facts);
  }
  return facts;
}

/** CWE ids GitHub advisories list in database_specific.cwe_ids. */
function cweOf(record: OsvRecord): string[] {
  const ids = record.database_specific?.cwe_ids;
  return Array.isArray(ids) ? ids.filter((c): c is string => typeof c === 'string' && /^CWE-\d+$/.test(c)).slice(0, 10) : [];
}

function firstSentence(text: string | undefined): string {
  if (!text) return '';
  const line = text.trim().split('\n', 1)[0];
  const end = line.search(/\.\s/);
  return end > 0 ? line.slice(0, end + 1) : line;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
