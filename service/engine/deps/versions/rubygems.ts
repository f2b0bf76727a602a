// RubyGems (Gem::Version): segments are runs of digits or letters; any letter makes a pre-release
// (1.0.a < 1.0, 1.0.0.rc1 < 1.0.0); '-' reads as '.pre.'; trailing zeros of the release part and of
// the pre-release part do not count (1.0 == 1); a word sorts before a number at the same place.
import { compareNumbers, compareStrings, defineScheme, packParts } from './scheme';

type Segment = number | string;

interface GemParsed {
  canonical: Segment[];
  prerelease: boolean;
}

const GEM_VERSION = /^\s*[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$/;
const SEGMENT = /[0-9]+|[a-z]+/gi;
const LETTER = /[a-zA-Z]/;

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0) end--;
  return segments.slice(0, end);
}

function parseGem(version: string): GemParsed | undefined {
  if (!GEM_VERSION.test(version)) return undefined;
  const text = version.trim().replace(/-/g, '.pre.');
  const segments: Segment[] = (text.match(SEGMENT) ?? []).map((s) => (s.charCodeAt(0) <= 57 ? Number(s) : s));
  let firstString = segments.findIndex((s) => typeof s === 'string');
  if (firstString === -1) firstString = segments.length;
  return {
    canonical: [...dropTrailingZeros(segments.slice(0, firstString)), ...dropTrailingZeros(segments.slice(firstString))],
    prerelease: LETTER.test(text),
  };
}

function compareGem(a: GemParsed, b: GemParsed): number {
  const n = Math.max(a.canonical.length, b.canonical.length);
  for (let i = 0; i < n; i++) {
    const left = a.canonical[i] ?? 0;
    const right = b.canonical[i] ?? 0;
    if (left === right) continue;
    if (typeof left === 'string' && typeof right === 'number') return -1;
    if (typeof left === 'number' && typeof right === 'string') return 1;
    return typeof left === 'number' ? compareNumbers(left, right as number) : compareStrings(left, right as string);
  }
  return 0;
}

export const rubygemsScheme = defineScheme<GemParsed>({
  name: 'rubygems',
  parse: parseGem,
  compareParsed: compareGem,
  isPrereleaseParsed: (p) => p.prerelease,
  plainKey: (p) => (p.prerelease ? NaN : packParts(p.canonical as number[], [19, 17, 17])),
  examples: {
    ordered: [
      ['1.0.a', '1.0.b', '1.0'],
      ['1.0.0.a', '1.0.0.beta1', '1.0.0.beta2', '1.0.0.rc1', '1.0.0', '1.0.0.1', '1.0.1'],
      ['0.9', '1.0-rc1', '1.0', '1.1'],
      ['5.2.4.3', '5.2.4.4', '5.2.8', '6.0.0.rc1', '6.0.0', '6.1.7.3', '7.0.4'],
      ['1.2.3.pre', '1.2.3'],
      ['1.A', '1.a'],
    ],
    equal: [
      ['1.0', '1'],
      ['1.0.0', '1'],
      ['1.0-rc1', '1.0.pre.rc1'],
      ['1.0.b1', '1.0.b.1'],
      [' 1.2 ', '1.2'],
    ],
    invalid: ['', 'junk', '1.0 beta', '.1', '1..2', '~> 1.0', '1.0-', 'v1.0'],
  },
});
