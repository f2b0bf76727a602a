// Builders for the common rule shapes, so a provider module is mostly data.
import type { Confidence, Severity } from '../../types';
import { ALL_SYNTAXES, ONE_LINE_SYNTAXES, inSyntax, inSyntaxes, nestedKey, notSecrets, type Syntax, lazyExamples } from '../examples';
import type { MatchContext, SecretRule, WindowKind } from '../rule';

/** Characters that may not touch a token on either side. */
export const B = '[A-Za-z0-9_]';

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** What every rule builder's spec starts with (a builder supplies the defaults it leaves out). */
interface RuleHeader {
  id: string;
  title: string;
  description?: string;
  severity?: Severity;
  confidence?: Confidence;
  remediation: string;
  helpUri?: string;
}

export interface TokenSpec extends RuleHeader {
  /** Literal prefixes (case-sensitive in the regex; lowercased for keywords). */
  prefixes: string[];
  /** Regex source for what follows the prefix. */
  body: string;
  /** Extra keywords beside the prefixes. */
  keywords?: string[];
  /** Use only `keywords` for the prefilter (for prefixes too short or common to be keywords). */
  keywordsOnly?: boolean;
  /** A generated example value that the rule must flag. */
  sample: string;
  /** Key the sample is assigned to in the examples, e.g. "github_token". */
  key: string;
  minEntropy?: number;
  caseInsensitive?: boolean;
  validate?: (ctx: MatchContext) => boolean;
  extraFlag?: string[];
  extraNotFlag?: string[];
  /** Characters allowed to touch the token (default: none of [A-Za-z0-9_]). */
  boundary?: string;
  window?: WindowKind;
}

/** A token recognisable by its own prefix (ghp_, xoxb-, sk_live_ …). */
export function tokenRule(spec: TokenSpec): SecretRule {
  const b = spec.boundary ?? B;
  const prefixes = spec.prefixes.map(escapeRegex).join('|');
  // '=', '+' and '/' may follow a token (padding, URLs) but commonly precede it (KEY=token).
  const before = b.replace(/[+/=]/g, '');
  const pattern = new RegExp(`(?<!${before})(?<secret>(?:${prefixes})${spec.body})(?!${b})`, spec.caseInsensitive ? 'gi' : 'g');
  const sample = spec.sample;
  const truncated = sample.slice(0, spec.prefixes[0].length + 8);
  // A rule found by its keyword alone sees the keyword's line: values on the next line are not its.
  const window = spec.window ?? 'token';
  const syntaxes: Syntax[] = [...(spec.keywordsOnly && (window === 'token' || window === 'line') ? ONE_LINE_SYNTAXES : ALL_SYNTAXES), 'code'];
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description ?? `${spec.title}s grant access to the provider's API as the account that created them.`,
    severity: spec.severity ?? 'critical',
    confidence: spec.confidence ?? 'high',
    remediation: spec.remediation,
    helpUri: spec.helpUri,
    keywords: [...new Set([...(spec.keywordsOnly ? [] : spec.prefixes.map((p) => p.toLowerCase())), ...(spec.keywords ?? [])])],
    pattern,
    window,
    priority: 1,
    minEntropy: spec.minEntropy,
    validate: spec.validate,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes(spec.key, sample, syntaxes),
        ...(spec.keywordsOnly ? [] : [`curl -H "Authorization: Bearer ${sample}" https://api.example.com\n`]),
        ...(spec.extraFlag ?? []),
      ],
      mustNotFlag: [
        ...notSecrets(spec.key, sample),
        inSyntax('yaml', spec.key, truncated),
        inSyntax('env', spec.key, spec.prefixes[0] + 'X'.repeat(Math.max(8, sample.length - spec.prefixes[0].length))),
        ...(spec.extraNotFlag ?? []),
      ],
    })),
  };
}

/** Files where an unquoted value is an expression, not a literal. */
export const CODE_FILE = /\.(?:[cm]?[jt]sx?|map|py|java|kt|cs|go|rb|php|rs|swift|scala|c|cc|cpp|h|hpp|m|dart|lua|pl|groovy|vue|svelte)$/i;

/** Identifiers (CamelCase words, snake_case, SCREAMING_CASE) are names, not secrets. */
const IDENTIFIER = /^(?:[A-Z]?[a-z]{2,})+$|^[a-z]+(?:_[a-z]+)*$|^[A-Z]+(?:_[A-Z]+)*$/;

/** The character just before the secret in a keyed match (patterns end with the secret): its opening quote, if any. */
export function charBeforeSecret({ secret, match }: Pick<MatchContext, 'secret' | 'match'>): string | undefined {
  const whole = match[0];
  return whole[whole.length - secret.length - 1];
}

/**
 * Member access (var.db_password, config.secrets.token, this.apiKey): a lower-case name, then
 * short word segments (letters and '_', a number only at the end: not s.RRMf4CQPf7XMREuE9seS1pzd).
 */
export const MEMBER_ACCESS = /^[a-z_$][a-z0-9_$]{0,15}(?:\.[A-Za-z_$][A-Za-z_$]{0,29}[0-9]{0,2})+$/;

/** A keyed value must be a literal: quoted in code files, and not an identifier or a member access. */
export function plausibleValue(ctx: MatchContext): boolean {
  if (IDENTIFIER.test(ctx.secret) || MEMBER_ACCESS.test(ctx.secret)) return false;
  if (CODE_FILE.test(ctx.path)) {
    if (ctx.assignment) return ctx.assignment.quote !== 0 || ctx.assignment.form === 'element';
    const before = charBeforeSecret(ctx);
    if (before !== '"' && before !== "'" && before !== '`' && before !== '>') return false;
  }
  return true;
}

export interface KeyedSpec extends RuleHeader {
  /** Lowercase keywords; the key name in the assignment must match `keyPattern`. */
  keywords: string[];
  /** Regex source matching the key name (case-insensitive), e.g. 'sendgrid[\\w.-]{0,20}key'. */
  keyPattern: string;
  /** Regex source of the value. */
  value: string;
  sample: string;
  /** Key names used in the examples (the first is also used for the must-not examples). */
  keys: string[];
  minEntropy?: number;
  validate?: (ctx: MatchContext) => boolean;
  extraFlag?: string[];
  extraNotFlag?: string[];
  window?: WindowKind;
  /**
   * For frequent keywords: skip hits not followed by at most this many key-name bytes
   * ([A-Za-z0-9_.-]) and an assignment (see keyedFollows), for the line pattern (the assignment
   * reader does its own byte tests). Only where keyPattern matches key-name bytes alone;
   * follows.test.ts checks it.
   */
  keyRestBound?: number;
}

/**
 * A credential without a recognisable prefix, found as the value of a key whose name says what it
 * is: `DATADOG_API_KEY = "…"`, `"mailgunKey": "…"`, `<add key="TwilioAuthToken" value="…"/>`.
 * Two ways: the assignment reader (assignments.ts: every syntax it knows, when a keyword is in the
 * name and keyPattern matches the name), and keyedPattern over the keyword's window (keyPattern
 * as a regex around the hit, for rules whose keyword is elsewhere on the line).
 */
export function keyedRule(spec: KeyedSpec): SecretRule {
  const pattern = keyedPattern(spec.keyPattern, spec.value);
  const sample = spec.sample;
  // The first key in every syntax, the others in one each; yaml-nested where the rule reads its
  // provider from the parent mapping (a keyword in the parent, keyPattern on parent.child and not
  // on the parent alone: see detect.ts). Built with the examples, on first use.
  const mustFlag = (): string[] => {
    const nested = nestedKey(spec.keys[0]);
    const keyRe = new RegExp(spec.keyPattern, 'i');
    const readsNested = spec.keywords.some((k) => nested.parent.includes(k)) && keyRe.test(`${nested.parent}.${nested.child}`) && !keyRe.test(nested.parent);
    const syntaxes: Syntax[] = readsNested ? [...ALL_SYNTAXES, 'yaml-nested'] : ALL_SYNTAXES;
    return spec.keys.flatMap((k, i) => (i === 0 ? inSyntaxes(k, sample, syntaxes) : [inSyntax(syntaxes[(i * 7) % syntaxes.length], k, sample)]));
  };
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description ?? `${spec.title}s grant access to the provider's API.`,
    severity: spec.severity ?? 'high',
    confidence: spec.confidence ?? 'medium',
    remediation: spec.remediation,
    helpUri: spec.helpUri,
    ...(spec.keyRestBound !== undefined ? { follows: keyedFollows(spec.keyRestBound, true, spec.value) } : {}),
    keywords: spec.keywords,
    pattern,
    window: spec.window ?? 'line',
    assigned: { name: new RegExp(spec.keyPattern, 'i'), value: new RegExp(`(?:${spec.value})${VALUE_END}`, 'i'), minLength: classRun(spec.value, true)?.min },
    minEntropy: spec.minEntropy ?? 3,
    validate: spec.validate ? (ctx) => plausibleValue(ctx) && spec.validate!(ctx) : plausibleValue,
    examples: lazyExamples(() => ({
      mustFlag: [...mustFlag(), ...(spec.extraFlag ?? [])],
      mustNotFlag: [
        ...notSecrets(spec.keys[0], sample),
        inSyntax('yaml', 'description', sample),
        ...(spec.extraNotFlag ?? []),
      ],
    })),
  };
}

/** What may not follow a keyed value (it would be cut short). */
const VALUE_END = '(?![A-Za-z0-9+/_.~-])';

/**
 * `key … = value` in the usual syntaxes: `key: v`, `key = "v"`, `"key": "v"`, `key => 'v'`,
 * `<add key="Key" value="v"/>`, `<Key>v</Key>`. Bounded quantifiers only (linear time).
 */
export function keyedPattern(keyPattern: string, value: string, identifierRest = '[A-Za-z0-9_.-]{0,24}'): RegExp {
  const src =
    `(?:${keyPattern})` +
    identifierRest + // rest of the identifier
    `(?:"|'|\`)?` +
    `(?:` +
      `[ \\t]{0,8}(?::=|=>|\\|\\|=|\\?\\?=|=|:)[ \\t]{0,8}` + // = value, : value
      `|"?[ \\t]{1,8}value=` + // <add key="k" value="v">
      `|>` + // <Key>v</Key>
    `)` +
    `[ \\t]{0,8}(?:"|'|\`)?` +
    `(?<secret>${value})` +
    `(?![A-Za-z0-9+/_.~-])`;
  return new RegExp(src, 'gi');
}

/** The part of keyedPattern after the key: for anchored rules, tried right after a keyword hit. */
export function keyedSuffix(value: string): RegExp {
  // No dots: in `userPassword.accountIndex = …` the value belongs to accountIndex.
  return new RegExp(keyedPattern('', value, '[A-Za-z0-9_-]{0,24}').source, 'i');
}

const KEY_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-') KEY_BYTE[c.charCodeAt(0)] = 1;
const KEY_BYTE_OR_DOT = KEY_BYTE.slice();
KEY_BYTE_OR_DOT[46] = 1;

/**
 * The byte test that a keyedPattern implies after a keyword inside its key name (see
 * SecretRule.follows): at most `maxKeyBytes` key-name bytes and an optional quote, then `>`, or up
 * to 8 blanks and an operator (: = | ?), or an optional `"` and 1-8 blanks before `value=`. With
 * `value` (the pattern's value source), also a run of value bytes as long as the value's minimum
 * starting within VALUE_START_BOUND bytes of that point, when the value is a plain `[class]{n,m}`.
 * With `quotedIn`, in files whose path it matches, also a quote where the value starts (for rules
 * whose validation refuses unquoted values there, such as bare names in source code).
 */
export function keyedFollows(maxKeyBytes: number, dots: boolean, value?: string, quotedIn?: RegExp): (bytes: Uint8Array, at: number, path?: string) => boolean {
  const keyByte = dots ? KEY_BYTE_OR_DOT : KEY_BYTE;
  const run = value === undefined ? undefined : classRun(value, true);
  const valueFollows = run ? (bytes: Uint8Array, i: number): boolean => hasRun(bytes, i, run.bytes, run.min) : (): boolean => true;
  // The path test is asked once per file, not once per keyword hit.
  let lastPath: string | undefined;
  let lastQuoted = false;
  const needsQuote = (path: string | undefined): boolean => {
    if (quotedIn === undefined || path === undefined) return false;
    if (path !== lastPath) {
      lastPath = path;
      lastQuoted = quotedIn.test(path);
    }
    return lastQuoted;
  };
  const then = (bytes: Uint8Array, i: number, path: string | undefined): boolean =>
    valueFollows(bytes, i) && (!needsQuote(path) || quoteStarts(bytes, i));
  return (bytes, at, path) => {
    let i = at;
    const stop = Math.min(bytes.length, at + maxKeyBytes + 1);
    while (i < stop && keyByte[bytes[i]]) i++;
    if (i - at > maxKeyBytes) return false;
    let c = bytes[i];
    if (c === 34 || c === 39 || c === 96) c = bytes[++i];
    if (c === 62 /* > */) return then(bytes, i, path);
    const quoted = c === 34;
    if (quoted) i++;
    let blanks = 0;
    while (blanks <= 8 && (bytes[i] === 32 || bytes[i] === 9)) { i++; blanks++; }
    if (blanks > 8) return false;
    c = bytes[i];
    if (!quoted && (c === 58 /* : */ || c === 61 /* = */ || c === 124 /* | */ || c === 63 /* ? */)) return then(bytes, i, path);
    return blanks >= 1 && (c | 0x20) === 118 /* v(alue=) */ && then(bytes, i, path);
  };
}

/**
 * True when a quote can open the value of a keyedPattern whose `>`, operator or `value=` starts at
 * `i`: the operator (`>`, `:`, `=`, `:=`, `=>`, `||=`, `??=`; or `value=`), at most 16 blanks
 * (the pattern's two blank runs), then ' " or `.
 */
function quoteStarts(bytes: Uint8Array, i: number): boolean {
  if ((bytes[i] | 0x20) === 118 /* value= */) i += 6;
  else for (let k = 0; k < 3 && OPERATOR_BYTE[bytes[i]] === 1; k++) i++;
  for (let k = 0; k < 16 && (bytes[i] === 32 || bytes[i] === 9); k++) i++;
  const c = bytes[i];
  return c === 34 || c === 39 || c === 96;
}

const OPERATOR_BYTE = new Uint8Array(256);
for (const c of ':=>|?') OPERATOR_BYTE[c.charCodeAt(0)] = 1;

/**
 * Where a keyedPattern's value can start, counted from its `>`, operator or `value=`: a 3-byte
 * operator (`||=`), 16 blanks and a quote; `value=`, 8 blanks and a quote.
 */
const VALUE_START_BOUND = 20;

/** True when a run of `min` bytes of `table` starts in [from, from + VALUE_START_BOUND]. */
function hasRun(bytes: Uint8Array, from: number, table: Uint8Array, min: number): boolean {
  const stop = Math.min(bytes.length, from + VALUE_START_BOUND + min);
  let length = 0;
  for (let i = from; i < stop; i++) {
    if (table[bytes[i]] === 0) length = 0;
    else if (++length >= min) return true;
  }
  return false;
}

/**
 * The bytes and minimum length of a value source that is one character class with a count
 * (`[A-Za-z0-9/+]{40}`, `[^\\s"']{6,128}`), case-folded when `ignoreCase`; undefined for anything else.
 */
export function classRun(source: string, ignoreCase: boolean): { bytes: Uint8Array; min: number } | undefined {
  const whole = /^\[(\^?)((?:\\.|[^\]\\])+)\]\{(\d+)(?:,\d*)?\}$/.exec(source);
  if (!whole) return undefined;
  const listed = new Uint8Array(256);
  const items = whole[2];
  // Characters, -1 for \s; an escaped '-' is stored as -45 (a literal, never a range).
  const chars: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i] !== '\\') { chars.push(items.charCodeAt(i)); continue; }
    const e = items[++i];
    if (e === 's') { for (const b of [9, 10, 11, 12, 13, 32, 160]) listed[b] = 1; chars.push(-1); continue; }
    if (/[A-Za-z0-9]/.test(e)) return undefined; // \d, \w, \b, \u…: not needed yet
    chars.push(e === '-' ? -45 : e.charCodeAt(0));
  }
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k];
    if (c === -45) { listed[45] = 1; continue; }
    if (c < 0) continue;
    // A range a-z (a '-' first or last is a literal).
    if (chars[k + 1] === 45 && k + 2 < chars.length && chars[k + 2] >= 0) {
      for (let b = c; b <= chars[k + 2]; b++) listed[b] = 1;
      k += 2;
    } else if (c < 256) listed[c] = 1;
    else return undefined;
  }
  if (ignoreCase) {
    for (let b = 65; b <= 90; b++) if (listed[b] || listed[b + 32]) listed[b] = listed[b + 32] = 1;
  }
  const bytes = new Uint8Array(256);
  for (let b = 0; b < 256; b++) bytes[b] = whole[1] ? 1 - listed[b] : listed[b];
  return { bytes, min: Number(whole[3]) };
}

export const ROTATE = {
  github: 'Revoke the token under GitHub Settings > Developer settings (or the organization\'s token list), then create a new one with the least scopes needed.',
  azureDevOps: 'Revoke the PAT in Azure DevOps (User settings > Personal access tokens, or an administrator through the PAT lifecycle API / Organization settings), then issue a new one with the fewest scopes and shortest expiry; prefer Entra tokens or workload identity federation in pipelines.',
};

/** Standard remediation text: where to revoke a provider's credential. */
export function revokeAt(provider: string, where: string): string {
  return `Revoke the credential in ${provider} (${where}) and issue a new one with the least privileges needed.`;
}
