// The one shape of a secret detector (gitleaks style: rules are data, with their own examples).
import type { Reference } from '../../contract/model';
import type { Confidence, RuleExamples, Severity } from '../types';
import type { Assignment } from './assignments';

/**
 * How much text around a keyword hit a rule's pattern sees.
 * token: the hit's own line, at most 128 chars before and 512 after the hit (prefix-anchored tokens).
 * line:  the hit's line (bounded to 1,024 chars either side).
 * near:  the hit's line and the two lines after it (YAML `name:`/`value:` pairs, XML, JSON objects).
 * block: from the hit's line start to 24 KiB after the hit (private keys, key files).
 * document: the YAML document around the hit (between `---` lines), at most 24 KiB either side.
 */
export type WindowKind = 'token' | 'line' | 'near' | 'block' | 'document';

/** What a rule's pattern or finder matched, relative to the text it was given. */
export interface RawHit {
  /** Offset of the secret value. */
  index: number;
  value: string;
  /** Extra words for the message (never the secret), e.g. "for account 'contoso'". */
  detail?: string;
}

/** Runs of base64-alphabet bytes: [runStart[i], runEnd[i]) for i < runCount, ascending. */
export interface RunList {
  runStart: Int32Array;
  runEnd: Int32Array;
  runCount: number;
}

/** A byte range [start, end) of the scanned text. */
export interface Span {
  start: number;
  end: number;
}

export interface MatchContext {
  /** The secret value. */
  secret: string;
  /** The regex match (for rules with a pattern). */
  match: RegExpExecArray;
  /** The window text the pattern ran over. */
  window: string;
  /** Repository-relative path of the file being scanned. */
  path: string;
  /** For rules with `assigned`: the assignment the secret was read from (offsets in the file). */
  assignment?: Assignment;
}

export interface SecretRule {
  /** Stable id, `SEC-…`. */
  id: string;
  /** What was found, e.g. "GitHub personal access token". The message is `${title} found`. */
  title: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
  /** Provider-specific remediation: how to revoke/rotate. The general advice is appended. */
  remediation: string;
  helpUri?: string;
  /** The same detector elsewhere (gitleaks rule id, ...). */
  references?: Reference[];
  /**
   * Lowercase literals; a rule runs only near a hit of one of them (the prefilter). Empty for
   * path-selected rules (`paths` required), which see the whole file (first MiB) once.
   */
  keywords: string[];
  /**
   * Global regex run over the window around each keyword hit. The secret is the named group
   * `secret`, else group 1, else the whole match. Must be linear-time (no nested quantifiers).
   */
  pattern?: RegExp;
  /** A custom finder for structures a regex cannot express well (manifests, key blocks). */
  find?: (window: string, path: string) => RawHit[];
  /**
   * The pattern describes what follows a keyword (`_key = "value"`) and is tried once, sticky,
   * right after each keyword hit: no window scan at all. For rules whose keywords are frequent
   * words (password, token, secret), this keeps dense files cheap. ctx.window is then a converted
   * text holding at least 64 chars before the keyword and 2 KiB after it, often the whole file
   * (match.index relative to it, as for other rules). The pattern must be bounded (it may read to
   * the end of the file otherwise) and end with the secret (lookaheads aside).
   */
  anchored?: boolean;
  /**
   * A cheap byte test at a keyword hit's end in the file at `path`, false only where no match of
   * the pattern that the rule accepts can contain that keyword occurrence (anchored rules: where
   * the pattern cannot match right there). It saves the regex call on most hits of frequent
   * keywords; follows.test.ts checks it against the pattern.
   */
  follows?: (bytes: Uint8Array, at: number, path: string) => boolean;
  /**
   * The secret is a literal assigned to a name: at each keyword hit the detector reads the name
   * holding the hit and the literal assigned to it, in any syntax assignments.ts knows (`KEY=v`,
   * `"key": "v"`, `<Key>v</Key>`, `- name: KEY` + `value: v`, `$key = 'v'`, `val key: String = "v"`,
   * `--key v` …), once per hit for all such rules. The rule applies when `name` matches the name
   * (anywhere in it, with its own flags) and `value` matches at the start of the literal (it sees
   * the literal alone, without its quotes); the secret is value's group `secret`, else its whole match. ctx.match then spans
   * from the name to the end of the value, and ctx.assignment tells the rest. A rule may also
   * have a pattern (run over windows as usual; `follows` applies to the pattern only).
   * `minLength` (the value's shortest length) and `quotedIn` (paths where only a quoted literal
   * counts, such as source code) let the detector skip an assignment before converting any text.
   * `keywordEndsWord`: the keyword must end a word of the name (not followed by a letter:
   * dbPassword, ACCESS_TOKEN, secret_key, not passwordField, tokenizer, secretName).
   */
  assigned?: { name: RegExp; value: RegExp; minLength?: number; quotedIn?: RegExp; keywordEndsWord?: boolean };
  window?: WindowKind;
  /** Minimum Shannon entropy (bits per char) of the secret. */
  minEntropy?: number;
  /**
   * The token's embedded checksum (rules/checksums.ts). A candidate whose checksum does not verify
   * is a look-alike (made up, truncated or edited) or a format change: reported at low confidence,
   * saying so, rather than dropped.
   */
  checksum?: (value: string) => boolean;
  /**
   * Last check on a candidate: false drops it; 'low' keeps it at low confidence (a real-shaped
   * value in doubt, such as a password in a URL to localhost: better reported low than not at all).
   */
  validate?: (ctx: MatchContext) => boolean | 'low';
  /** Extra words for the message from the match (never the secret). */
  describe?: (ctx: MatchContext) => string | undefined;
  /**
   * Generic rules (keyword = value assignments) lose against any specific rule that matched the
   * same span, and get the strict placeholder filter.
   */
  generic?: boolean;
  /**
   * When two candidates overlap, the higher priority wins (default 0; generic rules -1;
   * whole connection strings and structured documents 1-2).
   */
  priority?: number;
  /**
   * A paired identifier (AWS key id, account name) found within `within` chars is folded into this
   * finding: the pair's finding disappears and this one mentions the pair's preview.
   */
  pairWith?: { ruleId: string; label: string; within?: number };
  /**
   * Found by shape instead of keyword windows: a run of base64-alphabet characters (bounded by
   * other characters) exactly `length` long and matching `test`, confirmed by one of the rule's
   * keywords within `near` characters, or on its own when `standalone(value)` holds (a checksum).
   * The prefilter finds such runs in the same pass, so long lines cost nothing extra.
   */
  shape?: { length: number; test: RegExp; near: number; standalone?: (value: string) => boolean };
  /**
   * Found among the runs of base64-alphabet characters (24 or more) that the prefilter pass finds,
   * with no keyword (entropy-only detection): called once per top-level text, after every other
   * rule, with the spans those found (it reports none of them). Hits' `index` is a byte offset in
   * `bytes`; the finder applies its own filters and caps.
   */
  runs?: (bytes: Uint8Array, runs: RunList, path: string, found: readonly Span[]) => RawHit[];
  /** Only files whose path matches. */
  paths?: RegExp;
  /**
   * The file itself is the secret (a committed .p12 keystore): files matching `paths` reach the
   * rule even when binary, and a binary one is one finding at line 1 whose value is the base64 of
   * its first bytes (what a keystore's preview looks like). Requires `paths`.
   */
  binaryFile?: boolean;
  /** Path the examples are scanned under (for rules restricted by `paths`). */
  examplePath?: string;
  examples: RuleExamples<string>;
}
