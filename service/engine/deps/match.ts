// Matching a package against OSV records, OSV's way (https://ossf.github.io/osv-schema/#evaluation):
// affected when the version is listed in `versions[]`, or when a SEMVER or ECOSYSTEM range covers
// it: events sorted by version, introduced "0" from the beginning, introduced inclusive, fixed
// exclusive, last_affected inclusive, and never at or past a limit. GIT ranges (commit hashes) are
// not evaluated. An entry without evaluable ranges compares its versions[] by the ecosystem's scheme
// (1.0 finds 1.0.0 where the scheme says they are equal); otherwise the ranges, which versions[]
// only enumerates, already compared by the scheme and the list is checked verbatim. Each record is
// prepared once (versions parsed, events sorted) and kept in a WeakMap keyed by the record object,
// so a record met by many packages is parsed once.
import type { Ecosystem } from '../../contract/vocabulary';
import { ecosystemOfOsv } from './advisory-index';
import { normalizePackageName } from './names';
import { assessSeverity, type AdvisorySeverity, type CvssScore } from './severity';
import { packageKey, type OsvAffected, type OsvRecord, type PackageEntry } from './types';
import { versionScheme, type VersionScheme } from './versions';

export interface AdvisoryMatch {
  record: OsvRecord;
  /** Fixed versions above the package's version, from the ranges that matched, ascending. */
  fixedVersions: string[];
  severity: AdvisorySeverity;
  /** 'unrated': the record has neither a usable CVSS vector nor a severity word (severity is then medium). */
  severitySource: 'cvss' | 'database' | 'unrated';
  cvss?: Readonly<CvssScore>;
  /** A malicious package (an OSV MAL- record, or the database says so). */
  malicious: boolean;
  /** How the version was found affected. */
  matchedBy: 'versions' | 'range';
  /** Things the reader should know about this match (e.g. GIT ranges that were not evaluated). */
  notes?: string[];
}

/** What kept a package or a record from being matched fully; the scanner turns these into warnings. */
export type MatchProblem =
  /** The package's version is not a version of its ecosystem's scheme: only exact versions[] entries were compared. */
  | { kind: 'unparsable-version'; ecosystem: Ecosystem; name: string; version: string }
  /** A record naming the package has only GIT ranges and does not list the version: not evaluated. */
  | { kind: 'git-ranges-only'; recordId: string };

export type MatchProblemHandler = (problem: MatchProblem) => void;

export const GIT_RANGES_NOTE = 'The advisory gives commit (GIT) ranges, which are not evaluated; the version was found in its list of affected versions.';

// ---- prepared (parsed and sorted) affected entries ----

const INTRODUCED = 0;
const FIXED = 1;
const LAST_AFFECTED = 2;

interface PreparedEvent {
  kind: typeof INTRODUCED | typeof FIXED | typeof LAST_AFFECTED;
  raw: string;
  /** undefined for introduced "0" (the beginning). */
  parsed: unknown;
}

interface PreparedRange {
  /** Ascending; introduced "0" first. */
  events: PreparedEvent[];
  /** The events' kinds and plain keys (-Infinity for introduced "0"), side by side in flat arrays. */
  kinds: Uint8Array;
  keys: Float64Array;
  /** Parsed limits; undefined when the range has none (or a '*' limit). */
  limits?: unknown[];
}

interface PreparedAffected {
  key: string | undefined;
  scheme: VersionScheme | undefined;
  /** versions[] as the record gives it (entries that are not strings never equal a version). */
  versions: readonly unknown[];
  /** versions[] as a set, built once the list has been searched a few times (a record fresh from the store is searched once or twice). */
  versionSet?: ReadonlySet<unknown>;
  searches: number;
  /** versions[] parsed and sorted, built on first need. */
  sortedVersions?: unknown[];
  ranges: PreparedRange[];
  /** Ranges exist and all are GIT. */
  gitOnly: boolean;
}

interface PreparedRecord {
  /** False for withdrawn records and records without an id or an affected list. */
  usable: boolean;
  entries: PreparedAffected[];
  /** Computed on the record's first match. */
  assessment?: { severity: ReturnType<typeof assessSeverity>; malicious: boolean };
}

/** One lookup per record and package (not one per affected entry): matching is mostly pointer-chasing. */
const preparedRecords = new WeakMap<OsvRecord, PreparedRecord>();

function prepareRange(scheme: VersionScheme, events: unknown): PreparedRange | undefined {
  if (!Array.isArray(events)) return undefined;
  const prepared: PreparedEvent[] = [];
  let limits: unknown[] | undefined;
  let unlimited = false;
  const add = (kind: PreparedEvent['kind'], raw: unknown): void => {
    if (typeof raw !== 'string') return;
    if (kind === INTRODUCED && raw === '0') {
      prepared.push({ kind, raw, parsed: undefined });
      return;
    }
    const parsed = scheme.parse(raw);
    if (parsed !== undefined) prepared.push({ kind, raw, parsed });
  };
  for (const event of events) {
    if (!event || typeof event !== 'object') continue;
    add(INTRODUCED, event.introduced);
    add(FIXED, event.fixed);
    add(LAST_AFFECTED, event.last_affected);
    if (typeof event.limit === 'string') {
      if (event.limit === '*') unlimited = true;
      else {
        const parsed = scheme.parse(event.limit);
        if (parsed !== undefined) (limits ??= []).push(parsed);
      }
    }
  }
  prepared.sort((a, b) => {
    if (a.parsed === undefined || b.parsed === undefined) return (a.parsed === undefined ? 0 : 1) - (b.parsed === undefined ? 0 : 1);
    return scheme.compareParsed(a.parsed, b.parsed);
  });
  const kinds = new Uint8Array(prepared.length);
  const keys = new Float64Array(prepared.length);
  prepared.forEach((event, i) => {
    kinds[i] = event.kind;
    keys[i] = event.parsed === undefined ? -Infinity : scheme.plainKey(event.parsed);
  });
  return { events: prepared, kinds, keys, limits: unlimited ? undefined : limits };
}

function prepareAffected(affected: OsvAffected): PreparedAffected {
  const ecosystem = typeof affected.package?.ecosystem === 'string' ? ecosystemOfOsv(affected.package.ecosystem) : undefined;
  const name = affected.package?.name;
  const key = ecosystem && typeof name === 'string' ? packageKey(ecosystem, normalizePackageName(ecosystem, name)) : undefined;
  const scheme = ecosystem ? versionScheme(ecosystem) : undefined;
  const ranges: PreparedRange[] = [];
  const rawRanges = Array.isArray(affected.ranges) ? affected.ranges : [];
  let gitRanges = 0;
  for (const range of rawRanges) {
    if (range?.type === 'GIT') gitRanges++;
    else if (scheme && (range?.type === 'SEMVER' || range?.type === 'ECOSYSTEM')) {
      const prepared = prepareRange(scheme, range.events);
      if (prepared) ranges.push(prepared);
    }
  }
  const versions: readonly unknown[] = Array.isArray(affected.versions) ? affected.versions : [];
  return { key, scheme, versions, searches: 0, ranges, gitOnly: rawRanges.length > 0 && gitRanges === rawRanges.length };
}

function prepareRecord(record: OsvRecord): PreparedRecord {
  let prepared = preparedRecords.get(record);
  if (prepared) return prepared;
  const usable = Boolean(record) && !record.withdrawn && typeof record.id === 'string' && Array.isArray(record.affected);
  const entries: PreparedAffected[] = [];
  if (usable) for (const affected of record.affected as unknown[]) if (affected && typeof affected === 'object') entries.push(prepareAffected(affected));
  prepared = { usable, entries };
  if (record && typeof record === 'object') preparedRecords.set(record, prepared);
  return prepared;
}

function assessmentOf(record: OsvRecord, prepared: PreparedRecord): NonNullable<PreparedRecord['assessment']> {
  return (prepared.assessment ??= { severity: assessSeverity(record), malicious: isMaliciousRecord(record) });
}

/** An OSV MAL- record, or one whose database marks it malware (GHSA type, the OpenSSF malicious-packages origins). */
export function isMaliciousRecord(record: OsvRecord): boolean {
  if (!record || typeof record !== 'object') return false;
  if (typeof record.id === 'string' && record.id.startsWith('MAL-')) return true;
  if (Array.isArray(record.aliases) && record.aliases.some((a) => typeof a === 'string' && a.startsWith('MAL-'))) return true;
  const specific = record.database_specific;
  if (!specific || typeof specific !== 'object') return false;
  return (
    specific.malicious === true ||
    (typeof specific.type === 'string' && specific.type.toLowerCase() === 'malware') ||
    'malicious-packages-origins' in specific
  );
}

// ---- evaluation ----

function sortedVersions(prepared: PreparedAffected, scheme: VersionScheme): unknown[] {
  if (!prepared.sortedVersions) {
    const parsed: unknown[] = [];
    for (const v of prepared.versions) {
      const p = typeof v === 'string' ? scheme.parse(v) : undefined;
      if (p !== undefined) parsed.push(p);
    }
    prepared.sortedVersions = parsed.sort((a, b) => scheme.compareParsed(a, b));
  }
  return prepared.sortedVersions;
}

const SET_AFTER_SEARCHES = 2;

function listedVerbatim(prepared: PreparedAffected, version: string): boolean {
  if (prepared.versionSet) return prepared.versionSet.has(version);
  if (++prepared.searches > SET_AFTER_SEARCHES && prepared.versions.length > 8) prepared.versionSet = new Set(prepared.versions);
  return prepared.versions.includes(version);
}

function listedInVersions(prepared: PreparedAffected, version: string, parsed: unknown): boolean {
  if (prepared.versions.length > 0 && listedVerbatim(prepared, version)) return true;
  // versions[] enumerates what the ranges cover, and the ranges were compared by the scheme already:
  // only an entry without evaluable ranges needs its list parsed (PyPA lists run to hundreds).
  const scheme = prepared.scheme;
  if (parsed === undefined || !scheme || prepared.versions.length === 0 || prepared.ranges.length > 0) return false;
  const sorted = sortedVersions(prepared, scheme);
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const c = scheme.compareParsed(sorted[mid], parsed);
    if (c === 0) return true;
    if (c < 0) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/**
 * Whether the range covers the version: -1 when it does not, else the index of the first event above
 * the version (the fixed events from there on are the fixes above it).
 */
function rangeCovers(range: PreparedRange, scheme: VersionScheme, parsed: unknown, key: number): number {
  if (range.limits && !range.limits.some((limit) => scheme.compareParsed(parsed, limit) < 0)) return -1;
  let affected = false;
  const { kinds, keys } = range;
  let i = 0;
  for (; i < kinds.length; i++) {
    const eventKey = keys[i];
    let c: number;
    // Two plain keys (NaN never equals itself) order as their versions do; else the parsed forms decide.
    if (key === key && eventKey === eventKey) c = key < eventKey ? -1 : key > eventKey ? 1 : 0;
    else {
      const eventParsed = range.events[i].parsed;
      c = eventParsed === undefined ? 1 : scheme.compareParsed(parsed, eventParsed);
    }
    if (c < 0) break; // this event and all after it are above the version
    const kind = kinds[i];
    if (kind === INTRODUCED) affected = true;
    else if (kind === FIXED) affected = false;
    else if (c > 0) affected = false; // past last_affected
  }
  return affected ? i : -1;
}

/** What one record says of one version; one object reused across records (matching allocates per match only). */
interface Evaluation {
  matchedBy: AdvisoryMatch['matchedBy'] | undefined;
  /** Some affected entry names the package. */
  namesPackage: boolean;
  gitOnlyListed: boolean;
  gitOnlyUnlisted: boolean;
  /** Fixed events above the version in the ranges that cover it, when asked for. */
  fixedAbove: PreparedEvent[] | undefined;
}

function evaluateRecord(
  record: OsvRecord,
  key: string,
  scheme: VersionScheme | undefined,
  version: string,
  parsed: unknown,
  plainKey: number,
  out: Evaluation,
  collectFixes: boolean,
): void {
  out.matchedBy = undefined;
  out.namesPackage = out.gitOnlyListed = out.gitOnlyUnlisted = false;
  out.fixedAbove = undefined;
  const preparedRecord = prepareRecord(record);
  if (!preparedRecord.usable) return;
  for (const prepared of preparedRecord.entries) {
    if (prepared.key !== key) continue;
    out.namesPackage = true;
    let coveredByRange = false;
    if (parsed !== undefined && scheme) {
      for (const range of prepared.ranges) {
        const above = rangeCovers(range, scheme, parsed, plainKey);
        if (above === -1) continue;
        coveredByRange = true;
        if (!collectFixes) break;
        for (let i = above; i < range.events.length; i++) if (range.events[i].kind === FIXED) (out.fixedAbove ??= []).push(range.events[i]);
      }
    }
    if (coveredByRange) {
      out.matchedBy = 'range';
      if (!collectFixes) return;
    } else if (listedInVersions(prepared, version, parsed)) {
      out.matchedBy ??= 'versions';
      if (prepared.gitOnly) out.gitOnlyListed = true;
    } else if (prepared.gitOnly) out.gitOnlyUnlisted = true;
  }
}

function fixedVersionsAscending(scheme: VersionScheme | undefined, events: PreparedEvent[] | undefined): string[] {
  if (!events) return [];
  if (events.length === 1) return [events[0].raw];
  if (scheme) events.sort((a, b) => scheme.compareParsed(a.parsed, b.parsed));
  const raws: string[] = [];
  for (const e of events) if (!raws.includes(e.raw)) raws.push(e.raw);
  return raws;
}

function newEvaluation(): Evaluation {
  return { matchedBy: undefined, namesPackage: false, gitOnlyListed: false, gitOnlyUnlisted: false, fixedAbove: undefined };
}

/**
 * The records affecting this package version. Withdrawn records never match; a package without a
 * version ('' : the file gives a range only) matches nothing. Problems (an unparsable version, a
 * record with GIT ranges only) go to `onProblem`.
 */
export function matchPackage(pkg: PackageEntry, records: readonly OsvRecord[], onProblem?: MatchProblemHandler): AdvisoryMatch[] {
  const version = pkg.version;
  if (!version || records.length === 0) return [];
  const scheme = versionScheme(pkg.ecosystem);
  const parsed = scheme?.parse(version);
  const plainKey = scheme && parsed !== undefined ? scheme.plainKey(parsed) : NaN;
  const key = packageKey(pkg.ecosystem, normalizePackageName(pkg.ecosystem, pkg.name));
  let reportedVersion = false;
  const matches: AdvisoryMatch[] = [];
  const out = newEvaluation();
  for (const record of records) {
    evaluateRecord(record, key, scheme, version, parsed, plainKey, out, true);
    if (parsed === undefined && out.namesPackage && !reportedVersion) {
      reportedVersion = true;
      onProblem?.({ kind: 'unparsable-version', ecosystem: pkg.ecosystem, name: pkg.name, version });
    }
    if (!out.matchedBy) {
      if (out.gitOnlyUnlisted) onProblem?.({ kind: 'git-ranges-only', recordId: record.id });
      continue;
    }
    const { severity, malicious } = assessmentOf(record, prepareRecord(record));
    const match: AdvisoryMatch = {
      record,
      fixedVersions: fixedVersionsAscending(scheme, out.fixedAbove),
      severity: severity.severity,
      severitySource: severity.source,
      malicious,
      matchedBy: out.matchedBy,
    };
    if (severity.cvss) match.cvss = severity.cvss;
    if (out.gitOnlyListed) match.notes = [GIT_RANGES_NOTE];
    matches.push(match);
  }
  return matches;
}

/**
 * The smallest version that removes every matched advisory of the package: starting from the largest
 * of each match's smallest fix, the first fixed version that no matched record still covers;
 * undefined when some match has no fix (or no fix clears them all).
 */
export function smallestUpgrade(pkg: PackageEntry, matches: readonly AdvisoryMatch[]): string | undefined {
  if (matches.length === 0) return undefined;
  const scheme = versionScheme(pkg.ecosystem);
  if (!scheme) return undefined;
  let floor: unknown;
  const candidates = new Map<string, unknown>();
  for (const match of matches) {
    if (match.fixedVersions.length === 0) return undefined;
    for (const fixed of match.fixedVersions) {
      const parsed = scheme.parse(fixed);
      if (parsed !== undefined) candidates.set(fixed, parsed);
    }
    const smallest = candidates.get(match.fixedVersions[0]);
    if (smallest === undefined) return undefined;
    if (floor === undefined || scheme.compareParsed(smallest, floor) > 0) floor = smallest;
  }
  const ordered = [...candidates.entries()]
    .filter(([, parsed]) => scheme.compareParsed(parsed, floor) >= 0)
    .sort((a, b) => scheme.compareParsed(a[1], b[1]));
  const key = packageKey(pkg.ecosystem, normalizePackageName(pkg.ecosystem, pkg.name));
  const out = newEvaluation();
  for (const [candidate, parsed] of ordered) {
    const plainKey = scheme.plainKey(parsed);
    const stillAffected = matches.some((m) => {
      evaluateRecord(m.record, key, scheme, candidate, parsed, plainKey, out, false);
      return out.matchedBy !== undefined;
    });
    if (!stillAffected) return candidate;
  }
  return undefined;
}

/** Whether a version is a pre-release in its ecosystem's scheme (false when it cannot be read). */
export function isPrerelease(ecosystem: Ecosystem, version: string): boolean {
  const scheme = versionScheme(ecosystem);
  const parsed = scheme?.parse(version);
  return parsed !== undefined && scheme !== undefined && scheme.isPrereleaseParsed(parsed);
}
