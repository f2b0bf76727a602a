// PEP 440 (PyPI). @renovatebot/pep440 parses (and is the reference the tests compare against); the
// sort key it computes on every compare is computed here once per parsed version, with the same
// rules (packaging's _cmpkey): trailing zeros of the release dropped, 1.0.dev0 before 1.0a0,
// finals after pre-releases, post-releases after finals, dev-releases before what they precede,
// local labels last (a missing one first). So .dev < a < b < rc < final (1.0 == 1.0.0) < .post,
// and an epoch beats all.
import { parse as parsePep440 } from '@renovatebot/pep440';
import { compareNumbers, compareStrings, defineScheme, packParts } from './scheme';

/**
 * packaging's sort key, flattened into numbers: a missing pre-release is +Infinity (or -Infinity for
 * a bare .devN), a missing post-release -Infinity, a missing dev-release +Infinity. Pre-release
 * letters arrive normalised (a, b, rc) and rank in that order.
 */
interface Pep440Parsed {
  epoch: number;
  /** Trailing zeros dropped. */
  release: number[];
  preLetter: number;
  preNumber: number;
  post: number;
  dev: number;
  /** Local label parts (numbers, or lower-case words), or undefined without a local label. */
  local: (number | string)[] | undefined;
  prerelease: boolean;
}

const PRE_LETTERS: Record<string, number> = { a: 0, b: 1, rc: 2 };

function toParsed(v: NonNullable<ReturnType<typeof parsePep440>>): Pep440Parsed {
  const release = [...v.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const pre = v.pre && v.pre.length > 0 ? v.pre : undefined;
  const post = v.post && v.post.length > 0 ? v.post : undefined;
  const dev = v.dev && v.dev.length > 0 ? v.dev : undefined;
  const local = v.local as unknown as (string | number)[] | null;
  return {
    epoch: v.epoch,
    release,
    preLetter: pre ? PRE_LETTERS[String(pre[0])] ?? 2 : !post && dev ? -Infinity : Infinity,
    preNumber: pre ? Number(pre[1]) : 0,
    post: post ? Number(post[1]) : -Infinity,
    dev: dev ? Number(dev[1]) : Infinity,
    local: local && local.length > 0 ? local.map((part) => (typeof part === 'number' || !Number.isNaN(Number(part)) ? Number(part) : String(part))) : undefined,
    prerelease: Boolean(pre || dev),
  };
}

/** Local labels: part by part, a number beats a word, words alphabetically, then the longer wins. */
function compareLocal(a: (number | string)[] | undefined, b: (number | string)[] | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number') return typeof y === 'number' ? compareNumbers(x, y) : 1;
    if (typeof y === 'number') return -1;
    return compareStrings(x, y);
  }
  return compareNumbers(a.length, b.length);
}

function comparePep440(a: Pep440Parsed, b: Pep440Parsed): number {
  if (a.epoch !== b.epoch) return compareNumbers(a.epoch, b.epoch);
  const n = Math.min(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) if (a.release[i] !== b.release[i]) return compareNumbers(a.release[i], b.release[i]);
  if (a.release.length !== b.release.length) return compareNumbers(a.release.length, b.release.length);
  if (a.preLetter !== b.preLetter) return compareNumbers(a.preLetter, b.preLetter);
  if (a.preNumber !== b.preNumber) return compareNumbers(a.preNumber, b.preNumber);
  if (a.post !== b.post) return compareNumbers(a.post, b.post);
  if (a.dev !== b.dev) return compareNumbers(a.dev, b.dev);
  return compareLocal(a.local, b.local);
}

export const pep440Scheme = defineScheme<Pep440Parsed>({
  name: 'pep440',
  parse: (version) => {
    const parsed = parsePep440(version.trim());
    return parsed ? toParsed(parsed) : undefined;
  },
  compareParsed: comparePep440,
  isPrereleaseParsed: (p) => p.prerelease,
  plainKey: (p) =>
    p.epoch === 0 && p.preLetter === Infinity && p.post === -Infinity && p.dev === Infinity && !p.local ? packParts(p.release, [19, 17, 17]) : NaN,
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
