// The shape every version comparator has. A scheme parses a version once (matching compares one
// package version against many range bounds, so the parsed form is what gets compared) and carries
// its own table of examples, which versions/examples.test.ts replays.

export interface VersionExamples {
  /** Each inner list strictly ascending. */
  ordered: string[][];
  /** Pairs that compare equal. */
  equal: [string, string][];
  /** Strings that are not versions of the scheme. */
  invalid: string[];
}

export interface VersionScheme<Parsed = unknown> {
  readonly name: string;
  /** The parsed form, or undefined when `version` is not a version of this scheme. */
  parse(version: string): Parsed | undefined;
  /** Negative, zero or positive, as a sorts before, equal to or after b. */
  compareParsed(a: Parsed, b: Parsed): number;
  /** True for pre-releases (alpha, beta, rc, dev, snapshot, pseudo-versions ...). */
  isPrereleaseParsed(p: Parsed): boolean;
  /**
   * A number ordering plain releases (numbers only, no qualifier, small enough): for two versions
   * that both have one, comparing the numbers is comparing the versions. NaN for any other version.
   * Matching compares these first, without touching the parsed objects.
   */
  plainKey(p: Parsed): number;
  valid(version: string): boolean;
  /** Compares two version strings; throws on a string that is not a version of the scheme. */
  compare(a: string, b: string): number;
  readonly examples: VersionExamples;
}

export interface SchemeDefinition<Parsed> {
  name: string;
  parse(version: string): Parsed | undefined;
  compareParsed(a: Parsed, b: Parsed): number;
  isPrereleaseParsed(p: Parsed): boolean;
  plainKey?(p: Parsed): number;
  examples: VersionExamples;
}

/** Versions longer than this are refused by every scheme (scanned files are untrusted). */
export const MAX_VERSION_LENGTH = 256;

export function defineScheme<Parsed>(definition: SchemeDefinition<Parsed>): VersionScheme<Parsed> {
  const parse = (version: string): Parsed | undefined =>
    typeof version === 'string' && version.length > 0 && version.length <= MAX_VERSION_LENGTH ? definition.parse(version) : undefined;
  const parseOrThrow = (version: string): Parsed => {
    const parsed = parse(version);
    if (parsed === undefined) throw new Error(`not a ${definition.name} version: ${JSON.stringify(version)}`);
    return parsed;
  };
  return {
    name: definition.name,
    parse,
    compareParsed: definition.compareParsed,
    isPrereleaseParsed: definition.isPrereleaseParsed,
    plainKey: definition.plainKey ?? (() => NaN),
    valid: (version) => parse(version) !== undefined,
    compare: (a, b) => Math.sign(definition.compareParsed(parseOrThrow(a), parseOrThrow(b))),
    examples: definition.examples,
  };
}

/** -1, 0 or 1 for two numbers (or bigints of the same kind). */
export const compareNumbers = (a: number | bigint, b: number | bigint): number => (a < b ? -1 : a > b ? 1 : 0);
/** Ordinal (UTF-16 code unit) string order, as Java's String.compareTo and C's strcmp on ASCII. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Packs up to `widths.length` non-negative integers into one exactly representable number
 * (the widths, in bits, sum to at most 53); NaN when there are more parts or one does not fit.
 * Missing trailing parts count as 0.
 */
export function packParts(parts: readonly (number | bigint)[], widths: readonly number[]): number {
  if (parts.length > widths.length) return NaN;
  let key = 0;
  for (let i = 0; i < widths.length; i++) {
    const raw = i < parts.length ? parts[i] : 0;
    const part = typeof raw === 'bigint' ? (raw < 2n ** 32n ? Number(raw) : Infinity) : raw;
    const limit = 2 ** widths[i];
    if (!(part >= 0 && part < limit) || !Number.isInteger(part)) return NaN;
    key = key * limit + part;
  }
  return key;
}
