// Identifies a repository's own LICENSE / COPYING file by its text. There is no npm equivalent of
// licensee or askalono (DEPENDENCIES.md §6), so: word-trigram Dice similarity against the texts of a
// short list of common, current SPDX licenses (spdx-license-list), an answer only when the best score
// is at least 0.9 AND clearly ahead of the runner-up; anything else is unknown/custom. Restricting the
// candidates removes the near-duplicates that mislead a matcher over all 700 texts (Pixar beside
// Apache-2.0, BSD-3-Clause-HP beside BSD-3-Clause, the deprecated GPL-3.0+ beside GPL-3.0); word
// trigrams, unlike character bigrams, keep ISC and 0BSD apart (they differ by one clause).

/**
 * The candidates. GNU texts do not say "only" or "or later" (the source headers do), so each GNU
 * license is listed once, as -only; the category is the same either way. CDDL-1.0 and CDDL-1.1 are
 * left out: their texts are 97% alike, so no copy could pass the margin.
 */
export const TEXT_MATCH_IDS: readonly string[] = [
  'MIT', 'MIT-0', 'ISC', '0BSD', 'BSD-2-Clause', 'BSD-3-Clause', 'BSD-3-Clause-Clear', 'BSD-4-Clause', 'Apache-2.0',
  'Apache-1.1', 'Zlib', 'Unlicense', 'CC0-1.0', 'WTFPL', 'BSL-1.0', 'PSF-2.0', 'X11', 'PostgreSQL', 'NCSA', 'UPL-1.0',
  'Artistic-2.0', 'BlueOak-1.0.0', 'MPL-1.1', 'MPL-2.0', 'EPL-1.0', 'EPL-2.0', 'Python-2.0', 'MulanPSL-2.0', 'LGPL-2.0-only',
  'LGPL-2.1-only', 'LGPL-3.0-only', 'GPL-2.0-only', 'GPL-3.0-only', 'AGPL-3.0-only', 'EUPL-1.2', 'MS-PL', 'MS-RL',
  'CC-BY-4.0', 'CC-BY-SA-4.0', 'OFL-1.1', 'SSPL-1.0', 'BUSL-1.1', 'Elastic-2.0', 'Unicode-DFS-2016',
];

export const MATCH_THRESHOLD = 0.9;
/** The best score must lead the runner-up by this much (MIT and MIT-0, ISC and 0BSD differ by one clause). */
export const MATCH_MARGIN = 0.04;
/** Characters of a file read; license texts are far shorter (GPL-3.0 is 35 KB). */
export const MAX_LICENSE_TEXT_CHARS = 128 * 1024;

export interface LicenseTextMatch {
  /** The SPDX id, when the text is identified. */
  id?: string;
  /** Dice similarity of the best candidate, 0..1 (rounded to 3 decimals). */
  score: number;
  /** The second best, for the margin (and for a person checking). */
  runnerUp?: { id: string; score: number };
  /** 'unknown' when no candidate reaches the threshold with the margin (a custom license, a notice, a mix). */
  kind: 'spdx' | 'unknown';
}

interface Candidate {
  id: string;
  shingles: ReadonlySet<string>;
}

let index: Promise<readonly Candidate[]> | undefined;

/** Built on first use, from the candidates' own files (not the 5 MB list of every text). */
function candidates(): Promise<readonly Candidate[]> {
  index ??= Promise.all(
    TEXT_MATCH_IDS.map(async (id) => {
      const entry = (await import(`spdx-license-list/licenses/${id}.json`)) as { licenseText: string };
      return { id, shingles: shingles(entry.licenseText) };
    }),
  );
  return index;
}

/** Identifies a license text; never throws. */
export async function identifyLicenseText(text: string): Promise<LicenseTextMatch> {
  const own = shingles(text.slice(0, MAX_LICENSE_TEXT_CHARS));
  if (own.size < 3) return { score: 0, kind: 'unknown' };
  const scored = (await candidates()).map((c) => ({ id: c.id, score: dice(own, c.shingles) })).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const runnerUp = second && { id: second.id, score: round(second.score) };
  const identified = best.score >= MATCH_THRESHOLD && best.score - (second?.score ?? 0) >= MATCH_MARGIN;
  return identified ? { id: best.id, score: round(best.score), runnerUp, kind: 'spdx' } : { score: round(best.score), runnerUp, kind: 'unknown' };
}

/** Lines that differ in every copy of a license: the copyright holder and year. */
const COPYRIGHT_LINE = /^\s*(?:copyright\s+(?:\(c\)|©|\d|<|\[|year\b|by\b)|\(c\)\s|©|all rights reserved\.?\s*$)/i;

/** The set of word trigrams of a text, normalised: copyright lines and template placeholders dropped, case and punctuation ignored. */
export function shingles(text: string): Set<string> {
  const words = text
    .split('\n')
    .filter((line) => !COPYRIGHT_LINE.test(line))
    .map((line) => line.replace(LIST_MARKER, ''))
    .join('\n')
    .replace(/<[^<>\n]{1,80}>|\[[^[\]\n]{1,80}\]/g, ' ')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\blicence\b/g, 'license')
    // The licensor, named differently in each copy: one spelling for all.
    .replace(/\bneither the name of (?:[a-z0-9]+ ){1,8}?nor the names\b/g, 'neither the name of the author nor the names')
    .replace(/\b(?:the )?(?:authors? or copyright holders?|copyright (?:holders?|owners?)(?: and contributors)?|authors?|isc)\b/g, 'the author')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** List markers at a line start (1. a) (iii) * -), which copies number differently. */
const LIST_MARKER = /^\s*(?:\d{1,2}[.)]|\(?[a-z]{1,4}\)|\([0-9]{1,2}\)|[*\-•])\s+/i;

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** LICENSE, LICENSE.md, LICENCE.txt, COPYING, COPYING.LESSER, LICENSE-MIT, UNLICENSE... (the file name only). */
export const LICENSE_FILE_NAME = /^(?:(?:UN)?LICEN[CS]E|COPYING)(?:[-_.](?:MIT|APACHE(?:-2\.0)?|BSD|GPL|LGPL|LESSER|MPL|ISC|0BSD))?(?:\.(?:md|txt|rst|markdown|adoc))?$/i;
