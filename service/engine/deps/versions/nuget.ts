// NuGet versions (NuGetVersion, VersionComparer.Default): one to four numeric parts (leading zeros
// allowed, missing parts are 0, so 1.0 == 1.0.0.0), an optional pre-release after '-' whose
// dot-separated labels compare numerically when both are numbers, a number before a word, words
// ordinally ignoring case; a pre-release sorts before its release; metadata after '+' is ignored.
import { compareNumbers, compareStrings, defineScheme, packParts } from './scheme';

interface NuGetParsed {
  parts: [number, number, number, number];
  /** Upper-cased labels (OrdinalIgnoreCase compares upper-cased characters). */
  labels: string[];
}

const NUGET = /^(\d{1,9}(?:\.\d{1,9}){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const NUMERIC_LABEL = /^\d{1,9}$/;

function parseNuGet(version: string): NuGetParsed | undefined {
  const m = NUGET.exec(version.trim());
  if (!m) return undefined;
  const numbers = m[1].split('.').map(Number);
  const parts: [number, number, number, number] = [numbers[0], numbers[1] ?? 0, numbers[2] ?? 0, numbers[3] ?? 0];
  return { parts, labels: m[2] ? m[2].toUpperCase().split('.') : [] };
}

function compareLabel(a: string, b: string): number {
  const aNumeric = NUMERIC_LABEL.test(a);
  const bNumeric = NUMERIC_LABEL.test(b);
  if (aNumeric && bNumeric) return compareNumbers(Number(a), Number(b));
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return compareStrings(a, b);
}

function compareNuGet(a: NuGetParsed, b: NuGetParsed): number {
  for (let i = 0; i < 4; i++) {
    const c = compareNumbers(a.parts[i], b.parts[i]);
    if (c !== 0) return c;
  }
  // A release sorts after its pre-releases.
  if (a.labels.length === 0) return b.labels.length === 0 ? 0 : 1;
  if (b.labels.length === 0) return -1;
  const n = Math.max(a.labels.length, b.labels.length);
  for (let i = 0; i < n; i++) {
    if (i >= a.labels.length) return -1;
    if (i >= b.labels.length) return 1;
    const c = compareLabel(a.labels[i], b.labels[i]);
    if (c !== 0) return c;
  }
  return 0;
}

export const nugetScheme = defineScheme<NuGetParsed>({
  name: 'nuget',
  parse: parseNuGet,
  compareParsed: compareNuGet,
  isPrereleaseParsed: (p) => p.labels.length > 0,
  plainKey: (p) => (p.labels.length > 0 ? NaN : packParts(p.parts, [13, 13, 13, 13])),
  examples: {
    ordered: [
      ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'],
      ['1.0.0', '1.0.0.1', '1.0.1', '1.1', '2.0.0.0', '10.0'],
      ['12.0.3', '13.0.1-beta1', '13.0.1', '13.0.3'],
      ['1.0.0-beta01', '1.0.0-beta02', '1.0.0-beta10'],
      ['1.0.0-2', '1.0.0-10', '1.0.0-alpha'],
    ],
    equal: [
      ['1.0', '1.0.0.0'],
      ['1', '1.0.0'],
      ['01.02.003', '1.2.3'],
      ['1.0.0-Beta', '1.0.0-BETA'],
      ['1.0.0-rc.1+build.5', '1.0.0-RC.1'],
      ['4.0.0+sha.abcdef', '4.0.0'],
    ],
    invalid: ['', '1.0.0.0.0', 'latest', '1.0.0-', '1.0.0-beta..1', '[1.0,2.0)', '1.*', 'v1.0.0'],
  },
});
