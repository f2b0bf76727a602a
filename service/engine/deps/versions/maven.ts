// Maven's ComparableVersion (maven-artifact 3.8.8 / 3.9.0, with MNG-7644: .X as -X), written out: a version is a list of items split at
// '.' and '-' and at every digit/letter transition; '-' and a transition open a sub-list. Numbers
// compare numerically; qualifiers in the order alpha < beta < milestone < rc = cr < snapshot <
// "" = ga = final = release < sp, unknown qualifiers after sp and among themselves alphabetically
// (case-insensitive); a number beats a qualifier and a sub-list. Trailing nulls (0, "", empty list)
// are dropped, so 1 == 1.0 == 1.0.0 == 1-ga, and 1-SNAPSHOT < 1 < 1-sp < 1.1.
import { compareNumbers, compareStrings, defineScheme, packParts } from './scheme';

type Item = bigint | string | Item[];

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));
/** What scanned files may hold as a Maven version; anything else (${revision}, spaces, ranges) is refused. */
const VERSION_CHARS = /^[0-9A-Za-z][0-9A-Za-z._+~-]*$/;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function stringItem(value: string, followedByDigit: boolean): string {
  if (followedByDigit && value.length === 1) {
    if (value === 'a') value = 'alpha';
    else if (value === 'b') value = 'beta';
    else if (value === 'm') value = 'milestone';
  }
  return ALIASES[value] ?? value;
}

function parseItem(digits: boolean, text: string): Item {
  return digits ? BigInt(text) : stringItem(text, false);
}

const isNull = (item: Item): boolean =>
  typeof item === 'bigint' ? item === 0n : typeof item === 'string' ? item.length === 0 : item.length === 0;

/** Drops trailing null items, walking back over sub-lists (ListItem.normalize). */
function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (isNull(item)) list.splice(i, 1);
    else if (!Array.isArray(item)) break;
  }
}

function parseMaven(raw: string): Item[] | undefined {
  if (!VERSION_CHARS.test(raw)) return undefined;
  const version = raw.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let digits = false;
  let start = 0;
  const openList = (): void => {
    const next: Item[] = [];
    list.push(next);
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 46 /* . */ || c === 45 /* - */) {
      list.push(i === start ? 0n : parseItem(digits, version.slice(start, i)));
      start = i + 1;
      if (c === 45) openList();
    } else if (isDigit(c)) {
      if (!digits && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: a qualifier after a '.' opens a sub-list as if a '-' preceded it.
        if (list.length > 0) openList();
        list.push(stringItem(version.slice(start, i), true));
        start = i;
        openList();
      }
      digits = true;
    } else {
      if (digits && i > start) {
        list.push(parseItem(true, version.slice(start, i)));
        start = i;
        openList();
      }
      digits = false;
    }
  }
  if (version.length > start) {
    if (!digits && list.length > 0) openList(); // the same for a trailing qualifier (.X as -X)
    list.push(parseItem(digits, version.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop() as Item[]);
  return root;
}

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

/** item.compareTo(other) of ComparableVersion; `undefined` is Java's null (a missing item). */
function compareItem(item: Item, other: Item | undefined): number {
  if (typeof item === 'bigint') {
    if (other === undefined) return item === 0n ? 0 : 1;
    if (typeof other === 'bigint') return compareNumbers(item, other);
    return 1; // 1.1 > 1-sp, 1.1 > 1-1
  }
  if (typeof item === 'string') {
    if (other === undefined) return compareStrings(comparableQualifier(item), RELEASE_INDEX);
    if (typeof other === 'string') return compareStrings(comparableQualifier(item), comparableQualifier(other));
    return -1; // 1.any < 1.1, 1.any < 1-1
  }
  if (other === undefined) {
    for (const child of item) {
      const c = compareItem(child, undefined);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (typeof other === 'bigint') return -1; // 1-1 < 1.1
  if (typeof other === 'string') return 1; // 1-1 > 1-sp
  const n = Math.max(item.length, other.length);
  for (let i = 0; i < n; i++) {
    const left = item[i];
    const right = other[i];
    const c = left === undefined ? (right === undefined ? 0 : -compareItem(right, undefined)) : compareItem(left, right);
    if (c !== 0) return c;
  }
  return 0;
}

function isPrerelease(items: Item[]): boolean {
  for (const item of items) {
    if (typeof item === 'string') {
      const i = QUALIFIERS.indexOf(item);
      if (i !== -1 && i < QUALIFIERS.indexOf('')) return true;
    } else if (Array.isArray(item) && isPrerelease(item)) return true;
  }
  return false;
}

export const mavenScheme = defineScheme<Item[]>({
  name: 'maven',
  parse: parseMaven,
  compareParsed: (a, b) => compareItem(a, b),
  isPrereleaseParsed: isPrerelease,
  plainKey: (items) => (items.every((item) => typeof item === 'bigint') ? packParts(items as bigint[], [19, 17, 17]) : NaN),
  examples: {
    ordered: [
      ['1-alpha', '1-beta', '1-milestone', '1-rc', '1-snapshot', '1', '1-sp'],
      ['1-SNAPSHOT', '1', '1-sp', '1-foo', '1.1'],
      ['1.0-alpha1', '1.0-alpha2', '1.0-beta1', '1.0-M1', '1.0-RC1', '1.0-SNAPSHOT', '1.0', '1.0-sp1', '1.0.1'],
      ['1', '1-1', '1.1'],
      ['1.0a1', '1.0b1', '1.0m1', '1.0rc1', '1.0'],
      ['2.12.7', '2.12.7.1', '2.13.0-rc1', '2.13.0', '2.13.4.2'],
      ['5.3.9', '5.3.10', '5.3.18', '5.10.0'],
      ['1.0-abc', '1.0-xyz'],
      ['1.2.3', '123456789012345678901234567890'],
      ['1.0.RC2', '1.0-RC3', '1.0.1'],
      // maven-artifact's own ComparableVersionTest sequences.
      ['1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2', '1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1', '1-2', '1-123'],
      ['2.0', '2.0.a', '2-1', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2', '2.123', '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m'],
    ],
    equal: [
      ['1', '1.0'],
      ['1.0', '1.0.0'],
      ['1', '1-ga'],
      ['1', '1.0-final'],
      ['1.0.RELEASE', '1.0'],
      ['1-cr1', '1-rc1'],
      ['1.0-ALPHA1', '1.0-alpha-1'],
      ['1a1', '1-alpha-1'],
      ['1.0.0.Final', '1'],
      ['2.0.0-Beta', '2.0.0-beta'],
      ['1', '1-0'],
      ['1a', '1.0.0-a'],
      ['1x', '1.0-x'],
      ['1cr', '1rc'],
      ['1m3', '1MILESTONE3'],
      ['1RELeaSE', '1'],
    ],
    invalid: ['', '${project.version}', '[1.0,2.0)', '1.0 beta', '-1.0', '$revision'],
  },
});
