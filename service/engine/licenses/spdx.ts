// License strings as packages declare them, read into one shape: a normalised SPDX expression when
// there is one, its license ids, whether Vigil guessed (spdx-correct), and what kind of license the
// text names. Handles the traps DEPENDENCIES.md §6 lists: UNLICENSED is proprietary (spdx-correct
// would turn it into the public-domain Unlicense), `SEE LICENSE IN <file>` is a custom license, and
// anything spdx-correct had to fix is marked guessed.
import spdxCorrect from 'spdx-correct';
import parseSpdx from 'spdx-expression-parse';
import spdxIds from 'spdx-license-ids/index.json';
import deprecatedIds from 'spdx-license-ids/deprecated.json';
import { classifierLicense } from './classifiers';

export type LicenseKind = 'spdx' | 'proprietary' | 'custom' | 'unknown';

export interface NormalizedLicense {
  /** The SPDX expression, normalised (current ids, canonical case, minimal parentheses). */
  expression?: string;
  /** License ids of the expression, in order, without duplicates (LicenseRef-… included). */
  ids: string[];
  /** True when Vigil corrected the text into an expression (spdx-correct, a classifier, a text match): check it. */
  guessed: boolean;
  /** The text as declared (arrays and objects of old package.json shapes joined into one line). */
  raw: string;
  /** spdx: an SPDX expression; proprietary: UNLICENSED and the like; custom: a license of its own (a file, a LicenseRef); unknown: nothing usable. */
  kind: LicenseKind;
}

/** Longest declaration parsed; a longer one is unknown (real expressions are far shorter, and parsing grows faster than the text). */
export const MAX_DECLARATION_CHARS = 500;
/** Longest text handed to spdx-correct (about 1 ms a call whatever it is given). */
const MAX_CORRECTED_CHARS = 100;

type Ast = parseSpdx.Info;
type LicenseNode = parseSpdx.LicenseInfo;

const CURRENT_IDS: ReadonlySet<string> = new Set(spdxIds);
/** Any id (current or deprecated) by its lower-case spelling, to fix case without guessing. */
const ID_BY_LOWER: ReadonlyMap<string, string> = new Map([...spdxIds, ...deprecatedIds].map((id) => [id.toLowerCase(), id]));

/**
 * Deprecated ids and what SPDX replaced them with. The GNU ones carry their `-only` meaning (a
 * deprecated `GPL-2.0` meant version 2 only; `GPL-2.0+` is read as -or-later below); the
 * `-with-…-exception` ones became an id WITH an exception.
 */
const DEPRECATED_REPLACEMENTS: Readonly<Record<string, { license: string; exception?: string }>> = {
  'AGPL-1.0': { license: 'AGPL-1.0-only' },
  'AGPL-3.0': { license: 'AGPL-3.0-only' },
  'GFDL-1.1': { license: 'GFDL-1.1-only' },
  'GFDL-1.2': { license: 'GFDL-1.2-only' },
  'GFDL-1.3': { license: 'GFDL-1.3-only' },
  'GPL-1.0': { license: 'GPL-1.0-only' },
  'GPL-2.0': { license: 'GPL-2.0-only' },
  'GPL-3.0': { license: 'GPL-3.0-only' },
  'LGPL-2.0': { license: 'LGPL-2.0-only' },
  'LGPL-2.1': { license: 'LGPL-2.1-only' },
  'LGPL-3.0': { license: 'LGPL-3.0-only' },
  'GPL-2.0-with-GCC-exception': { license: 'GPL-2.0-or-later', exception: 'GCC-exception-2.0' },
  'GPL-2.0-with-autoconf-exception': { license: 'GPL-2.0-or-later', exception: 'Autoconf-exception-2.0' },
  'GPL-2.0-with-bison-exception': { license: 'GPL-2.0-or-later', exception: 'Bison-exception-2.2' },
  'GPL-2.0-with-classpath-exception': { license: 'GPL-2.0-only', exception: 'Classpath-exception-2.0' },
  'GPL-2.0-with-font-exception': { license: 'GPL-2.0-only', exception: 'Font-exception-2.0' },
  'GPL-3.0-with-GCC-exception': { license: 'GPL-3.0-only', exception: 'GCC-exception-3.1' },
  'GPL-3.0-with-autoconf-exception': { license: 'GPL-3.0-only', exception: 'Autoconf-exception-3.0' },
  'BSD-2-Clause-FreeBSD': { license: 'BSD-2-Clause-Views' },
  'BSD-2-Clause-NetBSD': { license: 'BSD-2-Clause' },
  'bzip2-1.0.5': { license: 'bzip2-1.0.6' },
  'eCos-2.0': { license: 'GPL-2.0-or-later', exception: 'eCos-exception-2.0' },
  Nunit: { license: 'zlib-acknowledgement' },
  'StandardML-NJ': { license: 'SMLNJ' },
  wxWindows: { license: 'GPL-2.0-or-later', exception: 'WxWindows-exception-3.1' },
};

/** GNU licenses whose `+` SPDX spells `-or-later` (GPL-2.0+ is GPL-2.0-or-later). */
const OR_LATER = /^(A?GPL|LGPL|GFDL)-\d\.\d$/;

/** Declarations that say "all rights reserved" rather than name a license. */
const PROPRIETARY = /^(unlicensed|proprietary|commercial|private|all rights reserved|copyright(?: \(c\))?(?: .*)?|closed[- ]?source|other\/proprietary license)$/i;
/** Declarations that say nothing. */
const NOTHING = /^(unknown|none|n\/a|na|null|undefined|other|not specified|unspecified|-|see license|license|see license file)?$/i;
const SEE_LICENSE_IN = /^see licen[cs]e in\s+(.+)$/i;

/**
 * Reads any declaration: an SPDX expression, a near-miss spdx-correct can fix, UNLICENSED,
 * `SEE LICENSE IN <file>`, a PyPI classifier, or the old package.json shapes ({type, url}, a list of
 * them: several licenses mean a choice, OR). Never throws.
 */
/**
 * `idsOnly` (a scan past its budget of distinct declarations) reads single ids only: no parsing,
 * no correction, so a file of 100,000 distinct declarations costs no more than map lookups.
 */
export function normalizeLicense(declared: unknown, options: { idsOnly?: boolean } = {}): NormalizedLicense {
  const full = !options.idsOnly;
  if (typeof declared !== 'string') return normalizeUncached(declared, full);
  // Thousands of packages share a handful of declarations, and spdx-correct takes ~1 ms a call.
  let known = cache.get(declared);
  if (!known) {
    if (!full) return normalizeUncached(declared, false);
    if (cache.size >= MAX_CACHED) cache.clear();
    known = normalizeUncached(declared, true);
    cache.set(declared, known);
  }
  return { ...known, ids: [...known.ids] };
}

const cache = new Map<string, NormalizedLicense>();
const MAX_CACHED = 10_000;

function normalizeUncached(declared: unknown, full: boolean): NormalizedLicense {
  const parts = declarationParts(declared);
  if (parts.length === 0) return unknown('');
  if (parts.length === 1) return normalizeText(parts[0], full);
  const each = parts.map((part) => normalizeText(part, full));
  const raw = parts.join(' OR ');
  if (each.every((l) => l.expression !== undefined)) {
    const expression = each.map((l) => l.expression!).join(' OR ');
    return fromExpression(expression, raw, each.some((l) => l.guessed));
  }
  // A choice that includes a license Vigil cannot read: report the readable ones, as a guess.
  const known = each.filter((l) => l.kind === 'spdx');
  if (known.length === 0) return { ...unknown(raw), kind: each.some((l) => l.kind === 'proprietary') ? 'proprietary' : each.some((l) => l.kind === 'custom') ? 'custom' : 'unknown' };
  return fromExpression(known.map((l) => l.expression!).join(' OR '), raw, true);
}

function declarationParts(declared: unknown, depth = 0): string[] {
  if (typeof declared === 'string') {
    const text = declared.trim();
    return text === '' ? [] : [text.slice(0, MAX_DECLARATION_CHARS + 1)];
  }
  if (depth > 2 || declared === null || typeof declared !== 'object') return [];
  if (Array.isArray(declared)) return declared.slice(0, 20).flatMap((d) => declarationParts(d, depth + 1));
  const shape = declared as { type?: unknown; name?: unknown; spdx?: unknown };
  return declarationParts(shape.type ?? shape.spdx ?? shape.name, depth + 1);
}

function normalizeText(text: string, full: boolean): NormalizedLicense {
  if (text.length > MAX_DECLARATION_CHARS) return unknown(text.slice(0, MAX_DECLARATION_CHARS));
  const raw = text.replace(/\s+/g, ' ').trim();
  if (tooComplex(raw)) return unknown(raw);
  if (NOTHING.test(raw)) return unknown(raw);
  if (PROPRIETARY.test(raw)) return { ids: [], guessed: false, raw, kind: 'proprietary' };
  if (SEE_LICENSE_IN.test(raw)) return { ids: [], guessed: false, raw, kind: 'custom' };
  if (/^license ::/i.test(raw)) return fromClassifier(raw);
  if (/^public[ -]domain$/i.test(raw)) return fromExpression('Unlicense', raw, true);

  if (!full) {
    // Past a scan's budget: single ids only, no parsing (see the licenses scanner's CorrectionBudget).
    const id = ID_BY_LOWER.get(raw.toLowerCase());
    return id ? fromExpression(id, raw, false) : unknown(raw);
  }
  const exact = tryParse(raw) ?? tryParse(withCanonicalWords(raw));
  if (exact) return fromAst(exact, raw, false);

  const corrected = raw.length <= MAX_CORRECTED_CHARS ? (correctParts(raw) ?? correctWhole(raw)) : undefined;
  if (corrected) return fromExpression(corrected, raw, true);
  return unknown(raw);
}

/** Real expressions hold a few licenses and a level or two of parentheses; anything far beyond is not parsed. */
function tooComplex(raw: string): boolean {
  let parens = 0;
  let words = 1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 40 /* ( */ && ++parens > 16) return true;
    if (c === 32 && ++words > 64) return true;
  }
  return false;
}

function fromClassifier(raw: string): NormalizedLicense {
  const read = classifierLicense(raw);
  if (read === 'proprietary') return { ids: [], guessed: false, raw, kind: 'proprietary' };
  if (read === undefined) return unknown(raw);
  return fromExpression(read.expression, raw, read.guessed);
}

function unknown(raw: string): NormalizedLicense {
  return { ids: [], guessed: false, raw, kind: 'unknown' };
}

function tryParse(text: string): Ast | undefined {
  try {
    return parseSpdx(text);
  } catch {
    return undefined;
  }
}

/** Ids in any case and lower-case operators, spelt the canonical way ("mit or apache-2.0"). */
function withCanonicalWords(text: string): string {
  return text
    .split(/(\s+|[()])/)
    .map((word) => {
      const upper = word.toUpperCase();
      if (upper === 'OR' || upper === 'AND' || upper === 'WITH') return upper;
      return ID_BY_LOWER.get(word.toLowerCase()) ?? word;
    })
    .join('');
}

function correctWhole(text: string): string | undefined {
  const fixed = spdxCorrect(text, { upgrade: true });
  return fixed && tryParse(fixed) ? fixed : undefined;
}

/** "MIT / Apache 2", "BSD, GPLv2", "Apache 2 or MIT": a choice, each part corrected on its own. */
function correctParts(text: string): string | undefined {
  const parts = text.split(/\s+\/\s+|\s*[,;]\s*|\s+(?:and\/or|or)\s+/i).filter((p) => p !== '');
  if (parts.length < 2 || parts.length > 10) return undefined;
  const fixed = parts.map((p) => (tryParse(withCanonicalWords(p)) ? withCanonicalWords(p) : correctWhole(p)));
  if (fixed.some((f) => f === undefined)) return undefined;
  return fixed.join(' OR ');
}

function fromExpression(expression: string, raw: string, guessed: boolean): NormalizedLicense {
  const ast = tryParse(expression);
  return ast ? fromAst(ast, raw, guessed) : unknown(raw);
}

function fromAst(ast: Ast, raw: string, guessed: boolean): NormalizedLicense {
  const current = modernize(ast);
  const ids = [...new Set(licenseNodes(current).map((n) => n.license))];
  const custom = ids.every((id) => /^(LicenseRef|DocumentRef)-/.test(id));
  return { expression: renderExpression(current), ids, guessed, raw, kind: custom ? 'custom' : 'spdx' };
}

/** Deprecated ids replaced; `GPL-2.0+` made `GPL-2.0-or-later`. */
function modernize(ast: Ast): Ast {
  if ('conjunction' in ast) return { conjunction: ast.conjunction, left: modernize(ast.left), right: modernize(ast.right) };
  let { license, plus, exception } = ast;
  const replacement = DEPRECATED_REPLACEMENTS[license];
  if (replacement) {
    license = plus && replacement.license.endsWith('-only') ? replacement.license.replace(/-only$/, '-or-later') : replacement.license;
    if (replacement.license.endsWith('-only')) plus = undefined;
    exception = exception ?? replacement.exception;
  }
  if (plus && OR_LATER.test(license)) {
    license = `${license}-or-later`;
    plus = undefined;
  }
  const node: LicenseNode = { license };
  if (plus) node.plus = true;
  if (exception) node.exception = exception;
  return node;
}

/** The license nodes of an expression, left to right. */
export function licenseNodes(ast: Ast): LicenseNode[] {
  const out: LicenseNode[] = [];
  const stack: Ast[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('conjunction' in node) stack.push(node.right, node.left);
    else out.push(node);
  }
  return out;
}

/** The expression text with parentheses only where they are needed (AND binds tighter than OR). */
export function renderExpression(ast: Ast): string {
  if (!('conjunction' in ast)) return `${ast.license}${ast.plus ? '+' : ''}${ast.exception ? ` WITH ${ast.exception}` : ''}`;
  const side = (child: Ast): string =>
    ast.conjunction === 'and' && 'conjunction' in child && child.conjunction === 'or' ? `(${renderExpression(child)})` : renderExpression(child);
  return `${side(ast.left)} ${ast.conjunction.toUpperCase()} ${side(ast.right)}`;
}

/** Parses a normalised expression (undefined when it is not one). */
export function parseExpression(expression: string): Ast | undefined {
  return tryParse(expression);
}

/** True for an id on the current SPDX list (not deprecated, not a LicenseRef). */
export function isCurrentSpdxId(id: string): boolean {
  return CURRENT_IDS.has(id);
}
