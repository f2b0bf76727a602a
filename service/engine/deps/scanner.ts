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
  const names = new Map<string, { ecosystem: Ecosystem; name: string }>();
  for (const e of entries) names.set(packageKey(e.ecosystem, e.name), { ecosystem: e.ecosystem, name: e.name });
  if (names.size === 0) return [];
  const records = await index.lookup([...names.values()]);
  const findings: Finding[] = [];
  // Matching depends on (package, version) only: a package in many files is matched once.
  const matched = new Map<string, { matches: AdvisoryMatch[]; upgrade?: string }>();
  for (const entry of entries) {
    const candidates = records.get(packageKey(entry.ecosystem, entry.name));
    if (!candidates?.length) continue;
    const key = `${packageKey(entry.ecosystem, entry.name)}@${entry.version}`;
    let m = matched.get(key);
    if (!m) {
      const matches = matchVersion(entry, candidates, warn);
      m = { matches, upgrade: matches.length ? smallestUpgrade(entry, matches) : undefined };
      matched.set(key, m);
    }
    for (const match of m.matches) findings.push(findingOf(entry, match, m.upgrade));
  }
  return findings;
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
    const key = `${e.ecosystem}\u0000${e.name}\u0000${e.version}\u0000${e.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
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

function findingOf(entry: PackageEntry, match: AdvisoryMatch, upgrade: string | undefined): Finding {
  const { record, severity, cvss } = match;
  const fixed = match.fixedVersions;
  const aliases = (record.aliases ?? []).filter((a) => a !== record.id);
  const summary = oneLine(record.summary || firstSentence(record.details) || '');
  const facts: VulnerabilityFacts = {
    advisory: record.id,
    aliases,
    summary,
    ...(cvss ? { cvss } : {}),
    fixedVersions: fixed,
    ...(upgrade ? { upgrade } : {}),
    ...(entry.direct !== undefined ? { direct: entry.direct } : {}),
    ...(entry.scope ? { scope: entry.scope } : {}),
    references: (record.references ?? []).map((r) => r.url).filter((u) => /^https?:\/\//.test(u)).slice(0, MAX_REFERENCES),
  };
  const ids = [record.id, ...aliases].join(', ');
  const fixedIn = fixed.length ? `fixed in ${fixed.join(', ')}` : 'no fixed version is known';
  const fix = upgrade && !(fixed.length === 1 && fixed[0] === upgrade) ? `${fixedIn}; upgrade to ${upgrade}` : fixedIn;
  const cwe = cweOf(record);
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
    // One vulnerable package across manifests (and repositories) is one thing to fix.
    groupKey: `dep:${fingerprint(record.id, entry.ecosystem, entry.name)}`,
    details: { extra: factsToExtra(facts) },
    remediation: upgrade
      ? `Upgrade ${entry.name} to ${upgrade}${entry.direct === false ? ' (through the direct dependency that pulls it in, or an override)' : ''}.`
      : fixed.length
        ? `Upgrade ${entry.name} to a fixed version (${fixed.join(', ')}).`
        : `No fixed version of ${entry.name} is known: remove or replace it, or accept the risk.`,
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`,
    ...(cwe.length ? { cwe } : {}),
  };
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
