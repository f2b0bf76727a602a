// PEP 440 (PyPI). @renovatebot/pep440 parses (and is the reference the tests compare against); the
// sort key it computes on every compare is computed here once per parsed version, with the same
// rules (packaging's _cmpkey): trailing zeros of the release dropped, 1.0.dev0 before 1.0a0,
// finals after pre-releases, post-releases after finals, dev-releases before what they precede,
// local labels last. So .dev < a < b < rc < final (1.0 == 1.0.0) < .post, and an epoch beats all.
import { parse as parsePep440 } from '@renovatebot/pep440';
import { compareNumbers, compareStrings, defineScheme } from './scheme';

/** A tuple element: numbers and strings compare as Python compares them; ±Infinity are packaging's sentinels. */
type KeyPart = number | string | KeyPart[];

interface Pep440Parsed {
  key: KeyPart[];
  prerelease: boolean;
}

function letterVersion(part: (string | number)[] | null | undefined): KeyPart[] | undefined {
  return part && part.length > 0 ? (part as KeyPart[]) : undefined;
}

function sortKey(v: NonNullable<ReturnType<typeof parsePep440>>): KeyPart[] {
  const release = [...v.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const pre = letterVersion(v.pre);
  const post = letterVersion(v.post);
  const dev = letterVersion(v.dev);
  const local = v.local as unknown as (string | number)[] | null;
  return [
    v.epoch,
    release,
    pre ?? (!post && dev ? -Infinity : Infinity),
    post ?? -Infinity,
    dev ?? Infinity,
    local && local.length > 0 ? local.map((part) => (typeof part === 'number' || !Number.isNaN(Number(part)) ? [Number(part), ''] : [-Infinity, part])) : -Infinity,
  ];
}

function compareKeys(a: KeyPart, b: KeyPart): number {
  if (a === b) return 0;
  if (Array.isArray(a) !== Array.isArray(b)) return compareKeys(Array.isArray(a) ? a : [a], Array.isArray(b) ? b : [b]);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareKeys(a[i], b[i]);
      if (c !== 0) return c;
    }
    return compareNumbers(a.length, b.length);
  }
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (a === -Infinity || b === Infinity) return -1;
  if (a === Infinity || b === -Infinity) return 1;
  return compareStrings(String(a), String(b));
}

export const pep440Scheme = defineScheme<Pep440Parsed>({
  name: 'pep440',
  parse: (version) => {
    const parsed = parsePep440(version.trim());
    if (!parsed) return undefined;
    return { key: sortKey(parsed), prerelease: Boolean(letterVersion(parsed.pre) || letterVersion(parsed.dev)) };
  },
  compareParsed: (a, b) => compareKeys(a.key, b.key),
  isPrereleaseParsed: (p) => p.prerelease,
  examples: {
    ordered: [
      ['1.0.dev0', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0.post1.dev0', '1.0.post1', '1.0.1', '1!0.5'],
      ['0.9', '1.0.0a0', '1.0.0', '1.0.0+local.1', '1.0.0+local.2', '1.0.0+local.10', '1.0.0.post0'],
      ['2.20', '2.31.0', '2.31.1', '2.32.0a1', '2.32.0'],
      ['1.26.5', '1.26.18', '1.27.0'],
      ['1.0+abc', '1.0+1'],
      ['4.2.0', '4.2.10', '4.10.0', '40.0'],
    ],
    equal: [
      ['1.0', '1.0.0'],
      ['1.0', '1.0.0.0.0'],
      ['1.0.0RC1', '1.0.0rc1'],
      ['1.0c1', '1.0rc1'],
      ['1.0alpha1', '1.0a1'],
      ['1.0-1', '1.0.post1'],
      ['v1.0', '1.0'],
      ['0!1.0', '1.0'],
      ['1.0.dev', '1.0.dev0'],
    ],
    invalid: ['foo', '1.0-beta-garbage', '', '==1.0', '1.0.*', 'latest', '1..0'],
  },
});
