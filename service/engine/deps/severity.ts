// An advisory's severity: from its CVSS vectors (v4 first, then v3.1/v3.0, then v2; the record's
// own `severity` and its affected entries' alike), scored by ae-cvss-calculator and banded as FIRST
// bands them (9.0+ critical, 7.0+ high, 4.0+ medium, below low); else from the database's own word
// (GHSA: CRITICAL / HIGH / MODERATE / LOW); else medium, flagged as not rated.
import { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';
import type { Severity } from '../../contract/vocabulary';
import type { OsvAffected, OsvRecord, OsvSeverity } from './types';

export type AdvisorySeverity = Exclude<Severity, 'info'>;
export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export interface CvssScore {
  version: CvssVersion;
  vector: string;
  /**
   * 0.0 to 10.0. v2 and v3: the base score (temporal and environmental metrics ignored). v4: the
   * score of the vector as written (CVSS-B, or CVSS-BT when it carries threat metrics).
   */
  score: number;
}

export interface SeverityAssessment {
  severity: AdvisorySeverity;
  cvss?: Readonly<CvssScore>;
  /** Where it came from: a CVSS vector, the database's word, or nothing (then medium). */
  source: 'cvss' | 'database' | 'unrated';
}

/** Vectors longer than this are not CVSS (the longest v4 vector with every metric is ~330 characters). */
const MAX_VECTOR_LENGTH = 512;
const VERSION_PREFERENCE: readonly CvssVersion[] = ['4.0', '3.1', '3.0', '2.0'];

/** FIRST's qualitative bands; 0.0 ("none") has no place among Vigil's severities and reads as low. */
export function bandOfScore(score: number): AdvisorySeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

function versionOfVector(vector: string): CvssVersion | undefined {
  if (vector.startsWith('CVSS:4.0/')) return '4.0';
  if (vector.startsWith('CVSS:3.1/')) return '3.1';
  if (vector.startsWith('CVSS:3.0/')) return '3.0';
  if (/^\(?AV:[LAN]\//.test(vector)) return '2.0';
  return undefined;
}

function newVector(version: CvssVersion, vector: string): { calculateScores(): { base?: number } } {
  switch (version) {
    case '4.0':
      return new Cvss4P0(vector);
    case '3.1':
      return new Cvss3P1(vector);
    case '3.0':
      return new Cvss3P0(vector);
    case '2.0':
      return new Cvss2(vector.replace(/^\(|\)$/g, ''));
  }
}

/**
 * Scores by vector text: the same few thousand vectors recur across hundreds of thousands of
 * records, and a record fresh from the store would otherwise be scored again on every rescan.
 * Bounded: cleared when full.
 */
const scoreCache = new Map<string, Readonly<CvssScore> | null>();
const MAX_SCORED = 20_000;

/** The base score of a CVSS vector, or undefined when it is not a complete vector of a known version. */
export function scoreCvss(vector: string): Readonly<CvssScore> | undefined {
  const known = scoreCache.get(vector);
  if (known !== undefined) return known ?? undefined;
  const score = computeScore(vector);
  if (scoreCache.size >= MAX_SCORED) scoreCache.clear();
  scoreCache.set(vector, score ? Object.freeze(score) : null);
  return score;
}

function computeScore(vector: string): CvssScore | undefined {
  const trimmed = vector.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_VECTOR_LENGTH) return undefined;
  const version = versionOfVector(trimmed);
  if (!version) return undefined;
  try {
    const base = newVector(version, trimmed).calculateScores().base;
    // An incomplete vector scores without a base (the calculator fills missing metrics with X).
    if (typeof base !== 'number' || !Number.isFinite(base) || base < 0 || base > 10) return undefined;
    return { version, vector: trimmed, score: base };
  } catch {
    return undefined;
  }
}

const arrayOf = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);

const DATABASE_WORDS: Record<string, AdvisorySeverity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

function databaseWord(specific: Record<string, unknown> | undefined): AdvisorySeverity | undefined {
  const word = specific?.severity;
  return typeof word === 'string' ? DATABASE_WORDS[word.trim().toUpperCase()] : undefined;
}

/**
 * The severity of a record, reading the record's `severity` and those of `affected` (the entries that
 * matched; all of the record's when omitted).
 */
export function assessSeverity(record: OsvRecord, affectedEntries?: readonly OsvAffected[]): SeverityAssessment {
  // Records are data from outside: every list may be missing or hold junk.
  const affected = arrayOf(affectedEntries ?? record.affected).filter((a): a is OsvAffected => Boolean(a) && typeof a === 'object');
  const entries: OsvSeverity[] = [...arrayOf(record.severity), ...affected.flatMap((a) => arrayOf(a.severity))];
  let best: Readonly<CvssScore> | undefined;
  for (const entry of entries) {
    if (typeof entry?.score !== 'string') continue;
    const scored = scoreCvss(entry.score);
    if (!scored) continue;
    if (!best || VERSION_PREFERENCE.indexOf(scored.version) < VERSION_PREFERENCE.indexOf(best.version)) best = scored;
  }
  if (best) return { severity: bandOfScore(best.score), cvss: best, source: 'cvss' };
  const word =
    databaseWord(record.database_specific) ??
    affected.map((a) => databaseWord(a.database_specific) ?? databaseWord(a.ecosystem_specific)).find((w) => w !== undefined);
  if (word) return { severity: word, source: 'database' };
  return { severity: 'medium', source: 'unrated' };
}
