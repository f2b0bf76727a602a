// The dependency family's shared shapes: what extractors produce (PackageEntry), the OSV records
// advisories arrive as, and the read-only datasets the caller hands the scanners through their
// options (an advisory index, package metadata, a license policy). The engine never fetches any of
// them: the service builds them from its store, the CLI from a folder.
import type { Ecosystem } from '../../contract/vocabulary';
import type { Extractor } from '../inventory';

/** Where the file says a package is used; absent means a runtime (production) dependency. */
export type DependencyScope = 'dev' | 'optional' | 'test' | 'peer' | 'build';

/** One package entry of one manifest or lockfile. */
export interface PackageEntry {
  ecosystem: Ecosystem;
  /** Normalised the ecosystem's way (normalizePackageName): PEP 503, lower-case NuGet, group:artifact. */
  name: string;
  /** The locked or pinned version; '' when the file gives only a range or nothing (see `declared`). */
  version: string;
  /** purlOf(ecosystem, name, version). */
  purl: string;
  /** The manifest or lockfile, repository-relative. */
  path: string;
  /** 1-based line of the package's entry in that file, when known. */
  line?: number;
  /** true: the project names it; false: pulled in by another package; undefined: the file does not say. */
  direct?: boolean;
  scope?: DependencyScope;
  /** What the manifest asks for when it is not an exact version (`^1.2.0`, `>=2,<3`, `[1.0,2.0)`). */
  declared?: string;
  /** From a direct dependency down to this package, names only (direct first), when the file holds the graph. */
  dependencyPath?: string[];
  /** purls of the packages it depends on, when the file holds the graph (the SBOM's dependency graph). */
  dependsOn?: string[];
  /** License as the file records it (an SPDX expression or whatever text the file has). */
  license?: string;
  /** The extractor that produced it (`npm/package-lock`). */
  extractor: string;
}

export type PackageExtractor = Extractor<PackageEntry>;

// ---- OSV records (https://ossf.github.io/osv-schema/), the fields Vigil reads ----

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}
export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT' | string;
  repo?: string;
  events: OsvEvent[];
}
export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}
export interface OsvSeverity {
  type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu' | string;
  score: string;
}
export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: { type: string; url: string }[];
  database_specific?: Record<string, unknown>;
}

/** `${ecosystem}:${normalised name}`: how indexes key packages. */
export const packageKey = (ecosystem: Ecosystem, name: string): string => `${ecosystem}:${name}`;

/**
 * The advisories the caller knows, read-only. Batch lookup so a store-backed index answers a whole
 * repository in one query; an in-memory index (the CLI's) answers at once.
 */
export interface AdvisoryIndex {
  /** Records affecting any of these packages (withdrawn ones excluded), by packageKey. */
  lookup(packages: readonly { ecosystem: Ecosystem; name: string }[]): Promise<Map<string, readonly OsvRecord[]>>;
  /** Records held per ecosystem; all zero means the database is empty (the scanner then says "not run"). */
  counts(): Promise<Partial<Record<Ecosystem, number>>>;
}

// ---- Package metadata (registries), for licenses and package risk ----

export interface PackageMetadata {
  /** The registry's license for the version asked (SPDX expression or raw text). */
  license?: string;
  /** The registry marks this version (or the whole package) deprecated; the message when it gives one. */
  deprecated?: string | true;
  /** The version was yanked / unlisted. */
  yanked?: boolean;
  /** ISO time of the package's newest release (any version), for "unmaintained". */
  latestReleaseAt?: string;
  /** The newest non-prerelease version. */
  latestVersion?: string;
}

/** Registry metadata the caller has (cached), read-only. Unknown packages are simply absent. */
export interface PackageMetadataIndex {
  lookup(packages: readonly { ecosystem: Ecosystem; name: string; version: string }[]): Promise<Map<string, PackageMetadata>>;
}
/** Key of PackageMetadataIndex answers: packageKey + '@' + version. */
export const versionedKey = (ecosystem: Ecosystem, name: string, version: string): string => `${packageKey(ecosystem, name)}@${version}`;

// ---- Scanner options (what callers pass under each scanner's name) ----

export interface DepsOptions {
  advisories?: AdvisoryIndex;
}
