// Composer (Packagist): VersionParser::normalize, then PHP's version_compare on the normalised
// strings. Normalising strips a v prefix and build metadata, pads to four parts (1.0 == 1.0.0.0),
// expands stability suffixes (a -> alpha, b -> beta, p / pl -> patch, rc -> RC) and keeps -dev.
// version_compare orders dev < alpha < beta < RC < release < patch (pl, p), anything else first.
// Branches (dev-master, dev-feature) are not comparable versions and are refused; 1.0.x-dev reads
// as 1.0.9999999.9999999-dev, as Composer reads it.
import { compareNumbers, defineScheme, packParts } from './scheme';

/** version_compare's parts after canonicalising: numbers, or words. */
type Part = number | string;
interface ComposerParsed {
  parts: Part[];
  prerelease: boolean;
}

// Composer's ((?:[.-]?\d+)*+)? is possessive; without possessive quantifiers in JavaScript, the same
// language is written so that it cannot backtrack exponentially: [.-]?\d+ then ([.-]\d+)*.
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)([.-]?\\d+(?:[.-]\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE_BASED = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/;
const DEV_SUFFIX = /^(.*?)[.-]?dev$/i;
const BUILD_METADATA = /^([^,\s+]+)\+\S+$/;

function expandStability(stability: string): string {
  const s = stability.toLowerCase();
  if (s === 'a') return 'alpha';
  if (s === 'b') return 'beta';
  if (s === 'p' || s === 'pl') return 'patch';
  if (s === 'rc') return 'RC';
  return s;
}

/** VersionParser::normalize for versions (not constraints); undefined for branches and junk. */
export function normalizeComposerVersion(input: string): string | undefined {
  let version = input.trim();
  const metadata = BUILD_METADATA.exec(version);
  if (metadata) version = metadata[1];
  let m = CLASSICAL.exec(version);
  let normalized: string;
  let index: number;
  if (m) {
    normalized = `${m[1]}${m[2] || '.0'}${m[3] || '.0'}${m[4] || '.0'}`;
    index = 5;
  } else if ((m = DATE_BASED.exec(version))) {
    normalized = m[1].replace(/\D/g, '.');
    index = 2;
  } else {
    const dev = DEV_SUFFIX.exec(version);
    const branch = dev ? BRANCH.exec(dev[1]) : null;
    if (!branch) return undefined;
    const parts = [1, 2, 3, 4].map((i) => (branch[i] ? branch[i].replace(/^\./, '') : 'x'));
    return `${parts.map((p) => p.replace(/^[xX*]$/, '9999999')).join('.')}-dev`;
  }
  const stability = m[index];
  if (stability) {
    if (stability.toLowerCase() === 'stable') return normalized;
    normalized += `-${expandStability(stability)}${m[index + 1] ? m[index + 1].replace(/^[.-]+/, '') : ''}`;
  }
  if (m[index + 2]) normalized += '-dev';
  return normalized;
}

/** php_canonicalize_version + explode('.'): '-', '_', '+' and other non-alphanumerics separate parts, and so does every digit/letter change. */
function canonicalParts(version: string): Part[] {
  const parts: Part[] = [];
  let current = '';
  let currentIsDigit = false;
  const flush = (): void => {
    if (current.length > 0) parts.push(currentIsDigit ? Number(current) : current);
    current = '';
  };
  for (const ch of version) {
    const digit = ch >= '0' && ch <= '9';
    const alnum = digit || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    if (!alnum) {
      flush();
      continue;
    }
    if (current.length > 0 && digit !== currentIsDigit) flush();
    current += ch;
    currentIsDigit = digit;
  }
  flush();
  return parts;
}

const SPECIAL_FORMS: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
/** A number's place among the special forms ("#N#" in PHP's source). */
const NUMBER_FORM = '#';

/** compare_special_version_forms: a form matches by prefix (patch reads as p); unknown words rank below dev. */
function specialFormOrder(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

function comparePart(a: Part, b: Part): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  return compareNumbers(specialFormOrder(typeof a === 'number' ? NUMBER_FORM : a), specialFormOrder(typeof b === 'number' ? NUMBER_FORM : b));
}

/** php_version_compare: part by part; a longer version wins with a number, and its extra word is compared with a number's place. */
function compareParts(a: Part[], b: Part[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = comparePart(a[i], b[i]);
    if (c !== 0) return c;
  }
  if (a.length > n) return typeof a[n] === 'number' ? 1 : compareParts(a.slice(n), [NUMBER_FORM]);
  if (b.length > n) return typeof b[n] === 'number' ? -1 : compareParts([NUMBER_FORM], b.slice(n));
  return 0;
}

export const composerScheme = defineScheme<ComposerParsed>({
  name: 'composer',
  parse: (version) => {
    const normalized = normalizeComposerVersion(version);
    if (normalized === undefined) return undefined;
    return { parts: canonicalParts(normalized), prerelease: /-(dev|alpha|beta|RC)/.test(normalized) };
  },
  compareParsed: (a, b) => compareParts(a.parts, b.parts),
  isPrereleaseParsed: (p) => p.prerelease,
  plainKey: (p) => (p.parts.every((part) => typeof part === 'number') ? packParts(p.parts as number[], [13, 13, 13, 13]) : NaN),
  examples: {
    ordered: [
      ['1.0.0-dev', '1.0.0-alpha1', '1.0.0-alpha2', '1.0.0-beta1', '1.0.0-RC1', '1.0.0', '1.0.0-patch1', '1.0.0.1', '1.0.1'],
      ['v2.4.9', 'v2.4.10', 'v2.5.0-beta', '2.5.0', '2.5.0pl1'],
      ['5.4.45', '6.0.0-rc2', '6.0.0', '6.4.3'],
      ['1.2.x-dev', '1.3.0'],
      ['2023.01.15', '2023.02.01'],
    ],
    equal: [
      ['1.0', '1.0.0.0'],
      ['v1.2.3', '1.2.3'],
      ['1.0.0-beta2', '1.0.0b2'],
      ['1.0.0-rc1', '1.0.0-RC1'],
      ['1.0.0-pl1', '1.0.0-patch1'],
      ['1.0.0p1', '1.0.0-patch1'],
      ['1.0.0+build.7', '1.0.0'],
      ['1.0.0-stable', '1.0.0'],
    ],
    invalid: ['', 'dev-master', 'dev-feature/login', 'latest', '^1.2', '1.0.0-foo', 'master'],
  },
});
