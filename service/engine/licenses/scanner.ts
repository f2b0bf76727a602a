// The 'licenses' scanner: every package the extractors find (the same extractor list as 'deps', so a
// tree is extracted once), its license from the lockfile first and the caller's registry metadata
// second, judged by the license policy (options.policy, else the default). One finding per (rule,
// package, manifest); the repository's own license goes in the inventory.
import type { Ecosystem } from '../../contract/vocabulary';
import { packageExtractors } from '../deps/extractors';
import { versionedKey, type PackageEntry, type PackageMetadataIndex } from '../deps/types';
import { fingerprint } from '../fingerprint';
import { extractAll } from '../inventory';
import type { Evidence } from '../../contract/model';
import { ResultCap } from '../deps/risk/result-cap';
import { uniquePackages } from '../deps/risk/unique';
import type { Finding, ProjectScanner, ProjectView, RuleResult, ScanContext, ScanOutput, Warn } from '../types';
import type { LicenseCategory } from './categories';
import { CATEGORY_RULES, DEFAULT_LICENSE_POLICY, DENIED_RULE, judgeLicense, NOT_ALLOWED_RULE, type LicensePolicy, type LicenseVerdict } from './policy';
import { isLicenseFilePath, repositoryLicenses } from './repository';
import { LICENSE_RULES, licenseRuleMeta } from './rules';
import { normalizeLicense, type NormalizedLicense } from './spdx';
import { identifyLicenseText } from './text-match';

export const LICENSES_SCANNER_NAME = 'licenses';
export const LICENSES_SCANNER_VERSION = '1';

export interface LicensesOptions {
  /** The organization's policy; DEFAULT_LICENSE_POLICY when absent. */
  policy?: LicensePolicy;
  /** Registry metadata, for packages whose lockfile records no license. */
  metadata?: PackageMetadataIndex;
}

/** A package's license as the scanner read it (the inventory the Dependencies view shows). */
export interface PackageLicense {
  kind: 'package-license';
  ecosystem: Ecosystem;
  name: string;
  version: string;
  path: string;
  license?: NormalizedLicense;
  category?: LicenseCategory;
  source?: 'lockfile' | 'registry';
}

export const licensesScanner: ProjectScanner<LicensesOptions> = {
  kind: 'project',
  name: LICENSES_SCANNER_NAME,
  version: LICENSES_SCANNER_VERSION,
  category: 'license',
  rules: LICENSE_RULES,
  defaultOptions: {},
  wants: (path, size) => isLicenseFilePath(path) || packageExtractors.some((e) => e.wants(path, size)),
  async scanProject(project: ProjectView, ctx: ScanContext<LicensesOptions>): Promise<ScanOutput> {
    const packages = extractAll(packageExtractors, project, ctx.warn);
    const judged = await judgePackages(packages, ctx.options ?? {}, ctx.warn);
    const repository = await repositoryLicenses(project, packages);
    return { findings: judged.findings, results: judged.results, inventory: [...repository, ...judged.licenses] };
  },
};

interface Judged {
  findings: Finding[];
  results: RuleResult[];
  licenses: PackageLicense[];
}

/** Judges every package of an inventory; exported for tests that hand in PackageEntry lists. */
export async function judgePackages(packages: readonly PackageEntry[], options: LicensesOptions, warn?: Warn): Promise<Judged> {
  const cap = new ResultCap(warn);
  const budget = new CorrectionBudget(warn);
  const pasted = new PastedTexts();
  const policy = options.policy ?? DEFAULT_LICENSE_POLICY;
  const unique = uniquePackages(packages, true);
  const registry = await registryLicenses(unique, options.metadata);
  const findings = new Map<string, Finding>();
  const results = new Map<string, RuleResult>();
  const licenses: PackageLicense[] = [];
  for (const pkg of unique) {
    const declared = pkg.license ?? registry.get(versionedKey(pkg.ecosystem, pkg.name, pkg.version));
    const source = pkg.license !== undefined ? 'lockfile' : declared !== undefined ? 'registry' : undefined;
    const base: PackageLicense = { kind: 'package-license', ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version, path: pkg.path };
    const subject = (ruleId: string) => `${ruleId}\u0000${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.path}`;
    if (declared === undefined) {
      licenses.push(base);
      const ruleId = policyRule(policy);
      const why = options.metadata
        ? 'the lockfile records no license and the registry metadata has none for this version'
        : 'the lockfile records no license and no registry metadata was handed in';
      addResult(results, cap, ruleId, subject(ruleId), () => ({
        ruleId,
        category: 'license',
        outcome: 'not-available',
        location: locationOf(pkg),
        subjectKey: fingerprint(ruleId, pkg.ecosystem, pkg.name, pkg.path),
        reason: { code: 'no-dataset', text: `No license known: ${why}` },
      }));
      continue;
    }
    const license = isPastedText(declared) ? await pasted.read(declared) : normalizeLicense(declared, { idsOnly: !budget.allows(declared) });
    const verdict = judgeLicense(license, pkg, policy);
    licenses.push({ ...base, license, category: verdict.category, source });
    if (verdict.outcome === 'fail') {
      addFinding(findings, pkg, license, verdict, source!, subject(verdict.ruleId));
    } else {
      const ruleId = policyRule(policy, verdict.category);
      addResult(results, cap, ruleId, subject(ruleId), () => ({
        ruleId,
        category: 'license',
        outcome: verdict.outcome,
        location: locationOf(pkg),
        subjectKey: fingerprint(ruleId, pkg.ecosystem, pkg.name, pkg.path),
        evidence: evidenceOf(license, verdict, source!),
      }));
    }
  }
  // A package whose entry failed in one version and passed in another of the same file keeps its finding only.
  const failed = new Set(findings.keys());
  return { findings: [...findings.values()], results: [...results.entries()].filter(([key]) => !failed.has(key)).map(([, r]) => r), licenses };
}

/** Distinct declarations a scan reads in full (spdx-correct costs ~1 ms each); real inventories have dozens to a few hundred. */
export const MAX_CORRECTED_DECLARATIONS = 1000;

export class CorrectionBudget {
  private readonly seen = new Set<unknown>();
  private warned = false;

  constructor(private readonly warn: Warn | undefined) {}

  allows(declared: unknown): boolean {
    if (typeof declared !== 'string' || this.seen.has(declared)) return true;
    if (this.seen.size < MAX_CORRECTED_DECLARATIONS) {
      this.seen.add(declared);
      return true;
    }
    if (!this.warned) {
      this.warned = true;
      this.warn?.({ code: 'license-reading-capped', message: `More than ${MAX_CORRECTED_DECLARATIONS} distinct license declarations: the rest are read as single SPDX ids only (no expressions, no corrections).` });
    }
    return false;
  }
}

/** A declaration this long, over several lines, is a license text rather than a name. */
const PASTED_TEXT_CHARS = 300;

function isPastedText(declared: unknown): declared is string {
  return typeof declared === 'string' && declared.length >= PASTED_TEXT_CHARS && declared.split('\n', 4).length >= 4;
}

/** Distinct license texts a scan runs through the matcher (5 to 70 ms each); the rest are custom. */
export const MAX_MATCHED_TEXTS = 200;

/**
 * Whole license texts where an id belongs (PyPI's `license` field often holds one), read through the
 * text matcher, once per distinct text: identified, a text is a guess like any correction.
 */
class PastedTexts {
  private readonly byText = new Map<string, Promise<NormalizedLicense>>();

  read(text: string): Promise<NormalizedLicense> {
    const known = this.byText.get(text);
    if (known) return known;
    if (this.byText.size >= MAX_MATCHED_TEXTS) return Promise.resolve(custom(text));
    const reading = readPastedText(text);
    this.byText.set(text, reading);
    return reading;
  }
}

const pastedRaw = (text: string) => `${text.trim().split('\n', 1)[0].slice(0, 100)}… (a license text)`;
const custom = (text: string): NormalizedLicense => ({ ids: [], guessed: false, raw: pastedRaw(text), kind: 'custom' });

async function readPastedText(text: string): Promise<NormalizedLicense> {
  const match = await identifyLicenseText(text);
  return match.id ? { expression: match.id, ids: [match.id], guessed: true, raw: pastedRaw(text), kind: 'spdx' } : custom(text);
}

/** The rule a non-failing outcome is recorded under: the one the policy would raise for that license. */
function policyRule(policy: LicensePolicy, category: LicenseCategory = 'unknown'): string {
  if (policy.mode === 'allow') return NOT_ALLOWED_RULE;
  if (policy.mode === 'deny') return DENIED_RULE;
  return CATEGORY_RULES[category === 'permissive' ? 'unknown' : category];
}

/** Registry licenses of the packages the lockfiles leave without one (one batch lookup). */
async function registryLicenses(packages: readonly PackageEntry[], index: PackageMetadataIndex | undefined): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!index) return out;
  const wanted = packages.filter((p) => p.license === undefined).map((p) => ({ ecosystem: p.ecosystem, name: p.name, version: p.version }));
  if (wanted.length === 0) return out;
  for (const [key, meta] of await index.lookup(wanted)) if (typeof meta.license === 'string' && meta.license.trim() !== '') out.set(key, meta.license);
  return out;
}

function locationOf(pkg: PackageEntry): Finding['location'] {
  return {
    kind: 'package',
    path: pkg.path,
    ...(pkg.line !== undefined ? { line: pkg.line } : {}),
    ecosystem: pkg.ecosystem,
    name: pkg.name.slice(0, 500),
    version: pkg.version.slice(0, 200),
    purl: pkg.purl.slice(0, 1000),
    ...(pkg.dependencyPath ? { dependencyPath: pkg.dependencyPath.slice(0, 100) } : {}),
  };
}

function shown(license: NormalizedLicense): string {
  const text = license.expression ?? (license.raw || 'no license');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function evidenceOf(license: NormalizedLicense, verdict: LicenseVerdict, source: 'lockfile' | 'registry'): Evidence[] {
  const evidence: Evidence[] = [
    { label: 'License', value: shown(license) },
    { label: 'Category', value: verdict.category },
    { label: 'Source', value: source === 'lockfile' ? 'the lockfile' : 'the registry' },
    { label: 'Verdict', value: verdict.why },
  ];
  if (license.guessed) evidence.push({ label: 'Declared as', value: license.raw.slice(0, 200) });
  return evidence;
}

function addFinding(
  into: Map<string, Finding>,
  pkg: PackageEntry,
  license: NormalizedLicense,
  verdict: Extract<LicenseVerdict, { outcome: 'fail' }>,
  source: 'lockfile' | 'registry',
  key: string,
): void {
  const known = into.get(key);
  if (known) {
    // The same package in another version of the same file: one finding, every version named.
    const versions = known.details!.extra!.versions as string[];
    if (!versions.includes(pkg.version) && versions.length < 20) {
      versions.push(pkg.version);
      known.message = messageOf(pkg, versions, license, verdict, source);
    }
    return;
  }
  const meta = licenseRuleMeta(verdict.ruleId);
  into.set(key, {
    ruleId: verdict.ruleId,
    title: meta.title,
    severity: verdict.severity,
    category: 'license',
    confidence: license.guessed ? 'medium' : 'high',
    message: messageOf(pkg, [pkg.version], license, verdict, source),
    location: locationOf(pkg),
    fingerprint: fingerprint(verdict.ruleId, pkg.ecosystem, pkg.name, pkg.path),
    details: {
      evidence: evidenceOf(license, verdict, source),
      extra: {
        license: license.raw.slice(0, 500),
        ...(license.expression ? { expression: license.expression } : {}),
        category: verdict.category,
        guessed: license.guessed,
        source,
        versions: [pkg.version],
      },
    },
    remediation: meta.remediation,
    ...(meta.helpUri ? { helpUri: meta.helpUri } : {}),
  });
}

function messageOf(pkg: PackageEntry, versions: string[], license: NormalizedLicense, verdict: Extract<LicenseVerdict, { outcome: 'fail' }>, source: 'lockfile' | 'registry'): string {
  const named = versions.filter((v) => v !== '');
  const at = named.length > 0 ? `@${named.join(', ')}` : ` (${pkg.declared ?? 'no version'})`;
  const guessed = license.guessed ? ` (read from "${license.raw.slice(0, 100)}")` : '';
  const from = source === 'lockfile' ? 'as the lockfile records it' : 'as the registry records it';
  return `${pkg.name}${at} in ${pkg.path} is licensed ${shown(license)}${guessed}, ${from}: ${verdict.why}.`;
}

/** A result, built only when kept (its fingerprint is a hash; most outcomes of a large inventory are dropped). */
function addResult(into: Map<string, RuleResult>, cap: ResultCap, ruleId: string, key: string, build: () => RuleResult): void {
  if (!into.has(key) && cap.admit({ ruleId })) into.set(key, build());
}
