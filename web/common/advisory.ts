// Words and links for the advisory behind a vulnerable-dependency finding: where each id is read
// (GitHub for GHSA-, NVD for CVE-, osv.dev otherwise), the CVSS score in words, the dependency path.
// Pure functions (no React, no SDK).
import type { AdvisoryDto } from '../../service/contract/api';

/** The page of an advisory id: GitHub's advisory database, NVD, or osv.dev for every other kind. */
export function advisoryUrl(id: string): string {
  if (/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(id)) return `https://github.com/advisories/${id}`;
  if (/^CVE-\d{4}-\d{4,}$/.test(id)) return `https://nvd.nist.gov/vuln/detail/${id}`;
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/** Where an id is read, for a link's accessible name. */
export function advisorySource(id: string): string {
  if (id.startsWith('GHSA-')) return 'GitHub Advisory Database';
  if (id.startsWith('CVE-')) return 'NVD';
  return 'OSV';
}

/** CVSS v3/v4 qualitative rating of a base score. */
export function cvssRating(score: number): string {
  if (score === 0) return 'None';
  if (score < 4) return 'Low';
  if (score < 7) return 'Medium';
  if (score < 9) return 'High';
  return 'Critical';
}

/** "9.8 Critical (CVSS 3.1)". */
export function cvssText(cvss: NonNullable<AdvisoryDto['cvss']>): string {
  return `${cvss.score.toFixed(1)} ${cvssRating(cvss.score)}${cvss.version ? ` (CVSS ${cvss.version})` : ''}`;
}

/** "express › body-parser › qs", or undefined when the file did not say. */
export function dependencyPathText(path: readonly string[] | undefined): string | undefined {
  return path && path.length > 1 ? path.join(' › ') : undefined;
}

/** "Direct dependency", "Transitive dependency (dev)", or undefined when the file did not say. */
export function dependencyKindText(direct: boolean | undefined, scope: string | undefined): string | undefined {
  const kind = direct === undefined ? undefined : direct ? 'Direct dependency' : 'Transitive dependency';
  if (!kind) return scope ? `${scope} dependency` : undefined;
  return scope ? `${kind} (${scope})` : kind;
}
