// The 'package-risk' scanner (Cortex's "package operational risk"): packages known to be malicious
// (OSV MAL- records), deprecated or yanked by their registry, unmaintained (no release in 24 months),
// pinned to a pre-release, or declared as a range with no lockfile. Uses the shared extractor list, so
// a tree is extracted once with 'deps' and 'licenses'. A rule whose data was not handed in (no
// advisories, no metadata, or none for this package) answers not available, never pass.
import type { Reason } from '../../../contract/model';
import type { Ecosystem } from '../../../contract/vocabulary';
import { fingerprint } from '../../fingerprint';
import { extractAll } from '../../inventory';
import type { Finding, ProjectScanner, ProjectView, RuleResult, ScanContext, ScanOutput, Warn } from '../../types';
import { ecosystemOfOsv } from '../advisory-index';
import { packageExtractors } from '../extractors';
import { isMaliciousRecord, isPrerelease, matchPackage } from '../match';
import { normalizePackageName } from '../names';
import { packageKey, versionedKey, type AdvisoryIndex, type OsvRecord, type PackageEntry, type PackageMetadata, type PackageMetadataIndex } from '../types';
import { ResultCap } from './result-cap';
import { uniquePackages } from './unique';
import { pinVerdict } from './unpinned';
import { RISK_RULES, riskRuleMeta, type RiskRuleId } from './rules';

export const PACKAGE_RISK_SCANNER_NAME = 'package-risk';
export const PACKAGE_RISK_SCANNER_VERSION = '1';
/** A package with no release for this many months is unmaintained. */
export const UNMAINTAINED_MONTHS = 24;

export interface PackageRiskOptions {
  /** For PKG-MALICIOUS. */
  advisories?: AdvisoryIndex;
  /** For PKG-DEPRECATED, PKG-YANKED and PKG-UNMAINTAINED. */
  metadata?: PackageMetadataIndex;
  /** ISO time taken as now (tests, re-evaluations); the clock when absent. */
  now?: string;
}

export const packageRiskScanner: ProjectScanner<PackageRiskOptions> = {
  kind: 'project',
  name: PACKAGE_RISK_SCANNER_NAME,
  version: PACKAGE_RISK_SCANNER_VERSION,
  category: 'package-risk',
  rules: RISK_RULES,
  defaultOptions: {},
  wants: (path, size) => packageExtractors.some((e) => e.wants(path, size)),
  async scanProject(project: ProjectView, ctx: ScanContext<PackageRiskOptions>): Promise<ScanOutput> {
    const packages = extractAll(packageExtractors, project, ctx.warn);
    return assessPackages(packages, ctx.options ?? {}, project, ctx.warn);
  },
};

/** One rule's outcome for one package. */
type Verdict = { outcome: 'fail'; why: string; extra?: Record<string, string> } | { outcome: 'pass' | 'not-applicable'; why?: string } | { outcome: 'not-available'; reason: Reason };

interface Assessment {
  findings: Finding[];
  results: RuleResult[];
}

/** Every rule on every package; `tree` answers the lockfile question of PKG-UNPINNED. */
export async function assessPackages(
  packages: readonly PackageEntry[],
  options: PackageRiskOptions,
  tree: Pick<ProjectView, 'has' | 'files'>,
  warn?: Warn,
): Promise<Assessment> {
  const cap = new ResultCap(warn);
  const unique = uniquePackages(packages);
  const malicious = await maliciousVerdicts(unique, options.advisories);
  const metadata = await metadataOf(unique, options.metadata);
  const given = options.now !== undefined ? Date.parse(options.now) : NaN;
  const now = Number.isNaN(given) ? Date.now() : given;
  const outcomes = new Outcomes(cap);
  for (const [i, pkg] of unique.entries()) {
    const meta = metadata.byKey?.get(versionedKey(pkg.ecosystem, pkg.name, pkg.version));
    const verdicts: [RiskRuleId, Verdict][] = [
      ['PKG-MALICIOUS', malicious[i]],
      ['PKG-DEPRECATED', metadataVerdict(metadata, meta, deprecatedVerdict)],
      ['PKG-YANKED', pkg.version === '' ? { outcome: 'not-applicable', why: 'no version' } : metadataVerdict(metadata, meta, yankedVerdict)],
      ['PKG-UNMAINTAINED', metadataVerdict(metadata, meta, (m) => unmaintainedVerdict(m, now))],
      ['PKG-PRERELEASE', prereleaseVerdict(pkg)],
      ['PKG-UNPINNED', pinVerdict(pkg, (p) => tree.has(p), tree.files)],
    ];
    const subject = `${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.path}`;
    for (const [ruleId, verdict] of verdicts) outcomes.record(ruleId, subject, pkg, verdict);
  }
  return outcomes.done();
}

// ---- malicious ----

const noDataset = (text: string): Verdict => ({ outcome: 'not-available', reason: { code: 'no-dataset', text } });

async function maliciousVerdicts(packages: readonly PackageEntry[], index: AdvisoryIndex | undefined): Promise<Verdict[]> {
  if (!index) return packages.map(() => noDataset('No advisory database was handed in, so malicious packages (OSV MAL- records) could not be looked up'));
  const counts = await index.counts();
  const records = await index.lookup(packages.map((p) => ({ ecosystem: p.ecosystem, name: p.name })));
  return packages.map((pkg) => {
    if (!((counts[pkg.ecosystem] ?? 0) > 0)) return noDataset(`The advisory database holds no ${pkg.ecosystem} records`);
    const known = records.get(packageKey(pkg.ecosystem, pkg.name)) ?? [];
    const hits = pkg.version !== '' ? matchPackage(pkg, known).filter((m) => m.malicious).map((m) => m.record) : known.filter((r) => isMaliciousRecord(r) && affectsEveryVersion(r, pkg));
    if (hits.length === 0) return { outcome: 'pass' };
    const ids = hits.map((r) => r.id).slice(0, 5);
    const summary = hits.find((r) => r.summary)?.summary;
    return {
      outcome: 'fail',
      why: `is a known malicious package (${ids.join(', ')}${summary ? `: ${summary.slice(0, 200)}` : ''})`,
      extra: { advisories: ids.join(', ') },
    };
  });
}

/** A record that names the package with a range open from the first version (a package that is malicious as a whole). */
function affectsEveryVersion(record: OsvRecord, pkg: PackageEntry): boolean {
  const name = normalizePackageName(pkg.ecosystem, pkg.name);
  return (record.affected ?? []).some((a) => {
    if (!a?.package || ecosystemOfOsv(a.package.ecosystem) !== pkg.ecosystem || normalizePackageName(pkg.ecosystem, a.package.name) !== name) return false;
    return (a.ranges ?? []).some((r) => {
      const events = Array.isArray(r?.events) ? r.events : [];
      return events.some((e) => e?.introduced === '0') && !events.some((e) => e && (e.fixed !== undefined || e.last_affected !== undefined || e.limit !== undefined));
    });
  });
}

// ---- registry metadata ----

interface MetadataAnswer {
  /** undefined: no metadata index was handed in. */
  byKey?: Map<string, PackageMetadata>;
}

async function metadataOf(packages: readonly PackageEntry[], index: PackageMetadataIndex | undefined): Promise<MetadataAnswer> {
  if (!index) return {};
  return { byKey: await index.lookup(packages.map((p) => ({ ecosystem: p.ecosystem, name: p.name, version: p.version }))) };
}

function metadataVerdict(answer: MetadataAnswer, meta: PackageMetadata | undefined, judge: (m: PackageMetadata) => Verdict): Verdict {
  if (!answer.byKey) return noDataset('No registry metadata was handed in');
  if (!meta) return noDataset('The registry metadata has no entry for this package version');
  return judge(meta);
}

function deprecatedVerdict(meta: PackageMetadata): Verdict {
  if (!meta.deprecated) return { outcome: 'pass' };
  const message = typeof meta.deprecated === 'string' && meta.deprecated.trim() !== '' ? `: "${meta.deprecated.trim().slice(0, 300)}"` : '';
  return { outcome: 'fail', why: `is deprecated by its registry${message}` };
}

function yankedVerdict(meta: PackageMetadata): Verdict {
  return meta.yanked === true ? { outcome: 'fail', why: 'is a yanked release: the registry withdrew this version' } : { outcome: 'pass' };
}

function unmaintainedVerdict(meta: PackageMetadata, now: number): Verdict {
  const latest = meta.latestReleaseAt === undefined ? NaN : Date.parse(meta.latestReleaseAt);
  if (Number.isNaN(latest)) return noDataset('The registry metadata does not say when the package last released');
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - UNMAINTAINED_MONTHS);
  if (latest >= cutoff.getTime()) return { outcome: 'pass' };
  const day = new Date(latest).toISOString().slice(0, 10);
  return { outcome: 'fail', why: `has had no release since ${day} (over ${UNMAINTAINED_MONTHS} months)`, extra: { latestReleaseAt: day } };
}

// ---- versions ----

/** Go pseudo-versions (v0.0.0-20240101120000-abcdef123456) pin a commit: syntactically a pre-release, in fact a pin. */
const GO_PSEUDO_VERSION = /(?:^|[-.])\d{14}-[0-9a-f]{12}(?:\+incompatible)?$/;

function prereleaseVerdict(pkg: PackageEntry): Verdict {
  if (pkg.version === '') return { outcome: 'not-applicable', why: 'no version' };
  if (pkg.ecosystem === 'Go' && GO_PSEUDO_VERSION.test(pkg.version)) return { outcome: 'pass' };
  return isPrerelease(pkg.ecosystem, pkg.version) ? { outcome: 'fail', why: `is pinned to the pre-release ${pkg.version}` } : { outcome: 'pass' };
}

// ---- findings and results ----

/**
 * Findings and results by rule and subject (package, ecosystem, file). A package failing in one
 * version keeps only its finding; fingerprints (hashes) are computed only for what is kept.
 */
class Outcomes {
  private readonly findings = new Map<string, Finding>();
  private readonly results = new Map<RiskRuleId, Map<string, RuleResult>>();

  constructor(private readonly cap: ResultCap) {}

  record(ruleId: RiskRuleId, subject: string, pkg: PackageEntry, verdict: Verdict): void {
    if (verdict.outcome === 'fail') this.fail(ruleId, subject, pkg, verdict);
    else this.result(ruleId, subject, pkg, verdict);
  }

  done(): Assessment {
    const results: RuleResult[] = [];
    for (const [ruleId, bySubject] of this.results) {
      for (const [subject, result] of bySubject) if (!this.findings.has(`${ruleId}\u0000${subject}`)) results.push(result);
    }
    return { findings: [...this.findings.values()], results };
  }

  private result(ruleId: RiskRuleId, subject: string, pkg: PackageEntry, verdict: Exclude<Verdict, { outcome: 'fail' }>): void {
    let bySubject = this.results.get(ruleId);
    if (!bySubject) this.results.set(ruleId, (bySubject = new Map()));
    if (bySubject.has(subject) || this.cap.isFull(ruleId)) return;
    this.cap.admit({ ruleId });
    bySubject.set(subject, {
      ruleId,
      category: 'package-risk',
      outcome: verdict.outcome,
      location: locationOf(pkg),
      subjectKey: fingerprint(ruleId, pkg.ecosystem, pkg.name, pkg.path),
      ...(verdict.outcome === 'not-available' ? { reason: verdict.reason } : {}),
    });
  }

  private fail(ruleId: RiskRuleId, subject: string, pkg: PackageEntry, verdict: Extract<Verdict, { outcome: 'fail' }>): void {
    const key = `${ruleId}\u0000${subject}`;
    const known = this.findings.get(key);
    if (known) {
      const versions = known.details!.extra!.versions as string[];
      if (!versions.includes(pkg.version) && versions.length < 20) versions.push(pkg.version);
      return;
    }
    const meta = riskRuleMeta(ruleId);
    const shown = pkg.version !== '' ? `${pkg.name}@${pkg.version}` : `${pkg.name} (${pkg.declared ?? 'no version'})`;
    this.findings.set(key, {
      ruleId,
      title: meta.title,
      severity: meta.severity,
      category: 'package-risk',
      confidence: meta.confidence,
      message: `${shown} in ${pkg.path} ${verdict.why}.`,
      location: locationOf(pkg),
      fingerprint: fingerprint(ruleId, pkg.ecosystem, pkg.name, pkg.path),
      details: { extra: { versions: [pkg.version], ...(pkg.declared ? { declared: pkg.declared } : {}), ...verdict.extra } },
      remediation: meta.remediation,
      ...(meta.helpUri ? { helpUri: meta.helpUri } : {}),
      ...(meta.cwe ? { cwe: meta.cwe } : {}),
    });
  }
}

function locationOf(pkg: PackageEntry): Finding['location'] {
  return {
    kind: 'package',
    path: pkg.path,
    ...(pkg.line !== undefined ? { line: pkg.line } : {}),
    ecosystem: pkg.ecosystem satisfies Ecosystem,
    name: pkg.name.slice(0, 500),
    version: pkg.version.slice(0, 200),
    purl: pkg.purl.slice(0, 1000),
    ...(pkg.dependencyPath ? { dependencyPath: pkg.dependencyPath.slice(0, 100) } : {}),
  };
}
