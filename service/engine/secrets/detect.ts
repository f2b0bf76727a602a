// The detection pipeline for one text: keyword prefilter -> windows around hits -> rule regex
// -> entropy -> allowlists -> rule validation; then encoded blobs are decoded and re-scanned.
// Works on latin1 text (one char per byte), so offsets in the text are byte offsets.

import { isHashOrIdentifier, isKnownExample, isTemplateReference, placeholderVerdict } from './allowlist';
import { assignmentAt, childAssignments, keyOpensValue, nameRun, type Assignment } from './assignments';
import { shannonEntropy } from './entropy';
import { KeywordMatcher, type KeywordHits } from './prefilter';
import type { Confidence } from '../types';
import type { MatchContext, RawHit, SecretRule, WindowKind } from './rule';
import { looksEncoded } from './runs';
import { latin1, Latin1View } from './latin1-view';
import { WARM_UP_PATHS, WARM_UP_TEXT } from './warm-up';

export interface Candidate {
  rule: SecretRule;
  /** Offsets in the scanned (top-level) text. */
  start: number;
  end: number;
  value: string;
  detail?: string;
  /** Set when the secret was found inside decoded text. */
  encoding?: 'base64' | 'url';
  /** Masked preview of the paired identifier folded into this finding. */
  paired?: string;
  /** Overrides the rule's confidence (a verified checksum makes it high). */
  confidence?: Confidence;
}

export interface DetectLimits {
  /** Keyword hits considered per text. */
  maxHits: number;
  /** Candidates kept per text. */
  maxCandidates: number;
  /** Nested decoding depth (0 = no decoding). */
  maxDecodeDepth: number;
  /** Base64 blobs decoded per text, and the largest one. */
  maxDecodes: number;
  maxDecodeBytes: number;
}

export const DEFAULT_LIMITS: DetectLimits = {
  maxHits: 50_000,
  maxCandidates: 500,
  maxDecodeDepth: 2,
  maxDecodes: 256,
  maxDecodeBytes: 64 * 1024,
};

export interface DetectNotes {
  hitsCapped: boolean;
  candidatesCapped: boolean;
  decodesCapped: boolean;
}

/** Keywords that mark URL-encoded text worth decoding and re-scanning. */
const URL_ENCODED_MARKERS = ['%3d', '%2b', '%2f', '%3a', '%40'];

const MIN_BASE64_RUN = 24;
/** Base64 text decoded per text, printable or not, before giving up (bounds time on blob-heavy files). */
const MAX_DECODED_BYTES_PER_TEXT = 4 * 1024 * 1024;

/** Per rule, what the hit loop reads (copied out of the rules, whose shapes vary, so these loads stay monomorphic). */
interface CompiledRule {
  rule: SecretRule;
  pattern: RegExp | undefined;
  window: WindowKind;
  anchored: boolean;
  /** Shape rules: the run length they look for (0 for other rules). */
  shapeLength: number;
  follows: ((bytes: Uint8Array, at: number, path: string) => boolean) | undefined;
  /** Rules that read a literal assigned to a name (SecretRule.assigned): the name test and the sticky value pattern. */
  assignedName: RegExp | undefined;
  assignedValue: RegExp | undefined;
  /** The rule has a pattern or a finder besides its assignment reading. */
  windowed: boolean;
  generic: boolean;
  /** SecretRule.assigned's minLength (0 when unset) and quotedIn. */
  assignedMin: number;
  assignedQuotedIn: RegExp | undefined;
}

export class Detector {
  readonly rules: readonly SecretRule[];
  private readonly compiled: CompiledRule[];
  private readonly matcher: KeywordMatcher;
  /** keyword index -> compiled rule indexes. */
  private readonly rulesOfKeyword: number[][];
  /**
   * keyword index -> the paths where every assignment rule of the keyword reads quoted literals
   * only (their shared SecretRule.assigned.quotedIn), so the reader skips bare values there.
   */
  private readonly quotedInOfKeyword: (RegExp | undefined)[];
  /**
   * keyword index -> 1 when every rule of the keyword reads assignments only and wants the keyword
   * to end a word of the name (SecretRule.assigned.keywordEndsWord).
   */
  private readonly endsWordOfKeyword: Uint8Array;
  private readonly urlMarkerFrom: number;
  private readonly keywordLength: Int32Array;
  /** keyword index -> 1 when a rule of the keyword reads converted text around its hits (see textHits). */
  private readonly textKeyword: Uint8Array;
  /** Indexes of rules found by shape (runs) rather than by windows. */
  private readonly shapeRules: number[];
  /** Indexes of path-selected rules without keywords: they see the whole file. */
  private readonly fileRules: number[];
  /** Indexes of rules that read the base64 runs themselves (entropy-only detection). */
  private readonly runRules: number[];
  private readonly hasPathRules: boolean;
  /** Per nesting depth: the run lengths a text holds, and the window end each rule has scanned to. */
  private readonly runLengthTables: Uint8Array[] = [];
  private readonly lastEndTables: Int32Array[] = [];
  /** Indexes of the rules restricted by `paths`. */
  private readonly pathRules: number[];

  constructor(rules: readonly SecretRule[]) {
    this.rules = rules;
    this.hasPathRules = rules.some((r) => r.paths !== undefined);
    this.pathRules = rules.flatMap((r, i) => (r.paths !== undefined ? [i] : []));
    this.compiled = rules.map((rule) => ({
      rule,
      // No 'd' flag (match indices): it slows every exec; the secret's offset is found in match[0].
      pattern: rule.pattern
        ? new RegExp(rule.pattern.source, dedupeFlags(rule.pattern.flags.replace(/[gy]/g, '') + (rule.anchored ? 'y' : 'g')))
        : undefined,
      window: rule.window ?? 'line',
      anchored: rule.anchored === true,
      shapeLength: rule.shape?.length ?? 0,
      follows: rule.follows,
      assignedName: rule.assigned ? new RegExp(rule.assigned.name.source, rule.assigned.name.flags.replace(/[gy]/g, '')) : undefined,
      assignedValue: rule.assigned ? new RegExp(rule.assigned.value.source, rule.assigned.value.flags.replace(/[gy]/g, '') + 'y') : undefined,
      windowed: rule.pattern !== undefined || rule.find !== undefined,
      generic: rule.generic === true,
      assignedMin: rule.assigned?.minLength ?? 0,
      assignedQuotedIn: rule.assigned?.quotedIn,
    }));
    const keywordIndex = new Map<string, number>();
    const rulesOfKeyword: number[][] = [];
    const add = (k: string, ruleIdx: number): void => {
      let i = keywordIndex.get(k);
      if (i === undefined) {
        i = rulesOfKeyword.length;
        keywordIndex.set(k, i);
        rulesOfKeyword.push([]);
      }
      if (ruleIdx >= 0 && !rulesOfKeyword[i].includes(ruleIdx)) rulesOfKeyword[i].push(ruleIdx);
    };
    this.compiled.forEach((c, idx) => {
      if (c.rule.keywords.length === 0 && !c.rule.paths && !c.rule.runs) throw new Error(`${c.rule.id}: a rule needs keywords, paths or runs`);
      for (const k of c.rule.keywords) {
        // Shorter keywords would hit nearly everywhere and defeat the prefilter.
        if (k.length < 3) throw new Error(`${c.rule.id}: keyword "${k}" is shorter than 3 characters`);
        add(k, idx);
      }
    });
    this.urlMarkerFrom = rulesOfKeyword.length;
    for (const m of URL_ENCODED_MARKERS) {
      if (keywordIndex.has(m)) throw new Error(`keyword ${m} is reserved for URL decoding`);
      add(m, -1);
    }
    this.rulesOfKeyword = rulesOfKeyword;
    this.endsWordOfKeyword = Uint8Array.from(rulesOfKeyword, (idxs) => {
      const assigned = idxs.filter((i) => rules[i].assigned !== undefined);
      const alone = assigned.every((i) => rules[i].pattern === undefined && rules[i].find === undefined);
      return assigned.length > 0 && alone && assigned.every((i) => rules[i].assigned!.keywordEndsWord === true) ? 1 : 0;
    });
    this.quotedInOfKeyword = rulesOfKeyword.map((idxs) => {
      const assigned = idxs.map((i) => this.compiled[i]).filter((c) => c.assignedName !== undefined);
      const q = assigned[0]?.assignedQuotedIn;
      return q !== undefined && assigned.every((c) => c.assignedQuotedIn === q) ? q : undefined;
    });
    this.shapeRules = this.compiled.flatMap((c, i) => (c.rule.shape ? [i] : []));
    for (const c of this.compiled) {
      if (c.shapeLength > MAX_SHAPE_LENGTH) throw new Error(`${c.rule.id}: shape length over ${MAX_SHAPE_LENGTH}`);
    }
    this.fileRules = this.compiled.flatMap((c, i) => (c.rule.keywords.length === 0 && !c.rule.runs ? [i] : []));
    this.runRules = this.compiled.flatMap((c, i) => (c.rule.runs ? [i] : []));
    this.matcher = new KeywordMatcher([...keywordIndex.keys()]);
    this.keywordLength = Int32Array.from(this.matcher.keywords, (k) => k.length);
    this.textKeyword = Uint8Array.from(rulesOfKeyword, (idxs, k) => (k >= this.urlMarkerFrom || idxs.some((i) => this.compiled[i].windowed) ? 1 : 0));
    const warmUp = Buffer.from(WARM_UP_TEXT, 'latin1');
    for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const path of WARM_UP_PATHS) this.detect(warmUp, path);
  }

  /**
   * Hits whose rules read converted text around them (windowed, anchored, URL decoding): the ones
   * that decide whether a text is converted whole. Hits of keywords read only as assignments or
   * shapes (most hits of password, token, secret) work on the bytes.
   */
  private textHits(hits: KeywordHits): number {
    const needs = this.textKeyword;
    let n = 0;
    for (let h = 0; h < hits.count; h++) n += needs[hits.keyword[h]];
    return n;
  }

  get keywordCount(): number {
    return this.matcher.keywords.length;
  }

  /** Candidates in `bytes` (their text, latin1, is converted only around the hits that need it). */
  detect(bytes: Uint8Array, path: string, limits: DetectLimits = DEFAULT_LIMITS, notes?: DetectNotes, depth = 0): Candidate[] {
    const out: Candidate[] = [];
    // Slot `depth`: the buffers are reused by the next text at this depth, never by nested ones.
    const hits = this.matcher.scan(bytes, bytes.length, limits.maxHits, MIN_BASE64_RUN, 1 << 16, depth);
    if (hits.capped && notes) notes.hitsCapped = true;
    const text = new Latin1View(bytes, this.textHits(hits) * DENSE_HIT_SPACING > bytes.length);

    /** Keyword hit ends of shape rules, by rule index (ascending). */
    const shapeHits = new Map<number, number[]>();
    if (hits.count > 0) {
      // Shape rules need a run of their exact length: without one, their keyword hits are not kept.
      const runLengths = this.runLengthsIn(hits, depth);
      const lastEnd = (this.lastEndTables[depth] ??= new Int32Array(this.compiled.length));
      lastEnd.fill(-1);
      const lines = new LineIndex(bytes);
      const pathOk = this.pathFilter(path);
      const urlDone: number[] = [];
      // The assignment read at the last hit (shared by the rules of its keyword).
      const reading = new Reading();
      for (let h = 0; h < hits.count; h++) {
        const kw = hits.keyword[h];
        const hitEnd = hits.end[h];
        const hitStart = hitEnd - this.keywordLength[kw];
        if (kw >= this.urlMarkerFrom) {
          if (depth < limits.maxDecodeDepth) this.decodeUrlAround(bytes, text, hitStart, path, limits, notes, depth, urlDone, out);
          continue;
        }
        const ruleIdxs = this.rulesOfKeyword[kw];
        for (let r = 0; r < ruleIdxs.length; r++) {
          const ri = ruleIdxs[r];
          const c = this.compiled[ri];
          if (pathOk && pathOk[ri] === 0) continue;
          if (c.assignedName !== undefined) {
            // In a method of its own: the hit loop stays small for the compiler.
            this.runAssignments(reading, c, kw, bytes, text, hitStart, hitEnd, path, out);
            if (out.length >= limits.maxCandidates) {
              if (notes) notes.candidatesCapped = true;
              return out;
            }
            if (!c.windowed) continue;
          }
          if (c.follows !== undefined && !c.follows(bytes, hitEnd, path)) continue;
          if (c.anchored) {
            this.runAnchored(c, text, hitEnd, path, out);
            if (out.length >= limits.maxCandidates) {
              if (notes) notes.candidatesCapped = true;
              return out;
            }
            continue;
          }
          if (c.shapeLength !== 0) {
            if (runLengths[c.shapeLength] === 0) continue;
            let list = shapeHits.get(ri);
            if (!list) shapeHits.set(ri, (list = []));
            list.push(hitEnd);
            continue;
          }
          windowAround(bytes, lines, c.window, hitStart, hitEnd);
          const ws = WINDOW[0];
          const we = WINDOW[1];
          const from = Math.max(ws, lastEnd[ri]);
          if (we <= from) continue;
          lastEnd[ri] = we;
          const ctxStart = Math.max(ws, from - 16);
          this.runRule(c, text, ctxStart, from, we, path, out);
          if (out.length >= limits.maxCandidates) {
            if (notes) notes.candidatesCapped = true;
            return out;
          }
        }
      }
    }

    if (this.fileRules.length && depth === 0) {
      const pathOk = this.pathFilter(path);
      for (const ri of this.fileRules) {
        if (pathOk && pathOk[ri] === 0) continue;
        this.runRule(this.compiled[ri], text, 0, 0, Math.min(bytes.length, WHOLE_FILE_BOUND), path, out);
      }
    }
    if (this.shapeRules.length && hits.runCount) this.matchShapes(bytes, hits, path, shapeHits, out);
    if (depth < limits.maxDecodeDepth) this.decodeBase64Runs(bytes, hits, path, limits, notes, depth, out);
    // Last: run rules (entropy only) leave every span another rule found alone.
    if (this.runRules.length && hits.runCount && depth === 0) this.matchRuns(bytes, hits, path, out);
    return out;
  }

  /** Rules that read the base64 runs themselves; they see the candidates found so far. */
  private matchRuns(bytes: Uint8Array, runs: KeywordHits, path: string, out: Candidate[]): void {
    const pathOk = this.pathFilter(path);
    for (const ri of this.runRules) {
      if (pathOk && pathOk[ri] === 0) continue;
      const rule = this.compiled[ri].rule;
      for (const hit of rule.runs!(bytes, runs, path, out)) {
        if (!acceptable(rule, hit.value)) continue;
        out.push({ rule, start: hit.index, end: hit.index + hit.value.length, value: hit.value, detail: hit.detail });
      }
    }
  }

  /** 1 at each length (up to MAX_SHAPE_LENGTH) some run of `hits` has. */
  private runLengthsIn(hits: KeywordHits, depth: number): Uint8Array {
    // One table per depth: a nested detect (URL decoding) runs inside the caller's hit loop.
    const seen = (this.runLengthTables[depth] ??= new Uint8Array(MAX_SHAPE_LENGTH + 1));
    seen.fill(0);
    for (let i = 0; i < hits.runCount; i++) {
      const len = hits.runEnd[i] - hits.runStart[i];
      if (len <= MAX_SHAPE_LENGTH) seen[len] = 1;
    }
    return seen;
  }

  private quotedFor: RegExp | undefined;
  private quotedPathSeen = '';
  private quotedPathResult = false;

  /** `re` matches `path` (cached for the last path and regex: asked once per assignment). */
  private quotedPath(re: RegExp, path: string): boolean {
    if (re !== this.quotedFor || path !== this.quotedPathSeen) {
      this.quotedFor = re;
      this.quotedPathSeen = path;
      this.quotedPathResult = re.test(path);
    }
    return this.quotedPathResult;
  }

  private lastPath = '';
  private lastPathOk: Uint8Array | undefined;

  /** 1 per rule allowed on `path` (undefined when no rule is path-restricted); cached per path. */
  private pathFilter(path: string): Uint8Array | undefined {
    if (!this.hasPathRules) return undefined;
    if (path === this.lastPath && this.lastPathOk) return this.lastPathOk;
    // Every rule is allowed but the path-restricted ones, tested one by one (a few among hundreds).
    const ok = (this.lastPathOk ??= new Uint8Array(this.compiled.length).fill(1));
    for (const i of this.pathRules) ok[i] = this.compiled[i].rule.paths!.test(path) ? 1 : 0;
    this.lastPath = path;
    return ok;
  }

  /** Shape rules: runs of the right length and alphabet, near a keyword or self-validating. */
  private matchShapes(bytes: Uint8Array, runs: KeywordHits, path: string, shapeHits: Map<number, number[]>, out: Candidate[]): void {
    for (const ri of this.shapeRules) {
      const rule = this.compiled[ri].rule;
      const shape = rule.shape;
      if (!shape || (rule.paths && !rule.paths.test(path))) continue;
      const near = shapeHits.get(ri) ?? [];
      let k = 0;
      for (let i = 0; i < runs.runCount; i++) {
        const s = runs.runStart[i];
        const e = runs.runEnd[i];
        if (e - s !== shape.length) continue;
        const value = latin1(bytes, s, e);
        if (!shape.test.test(value)) continue;
        while (k < near.length && near[k] < s - shape.near) k++;
        const keywordNear = k < near.length && near[k] <= e + shape.near;
        const verified = shape.standalone?.(value) === true;
        if (!keywordNear && !verified) continue;
        let kept = acceptable(rule, value);
        if (!kept) continue;
        const match = Object.assign([value], { index: 0, input: value }) as unknown as RegExpExecArray;
        const ctx = { secret: value, match, window: value, path };
        if (!(kept = validated(kept, rule, ctx))) continue;
        const detail = rule.describe?.(ctx);
        out.push({ rule, start: s, end: e, value, detail, ...(verified ? { confidence: 'high' as const } : doubt(kept, detail)) });
      }
    }
  }

  /**
   * One sticky attempt right after a keyword hit (anchored rules), run on the converted text
   * itself at that offset: no window is cut out (a substring per hit was a measurable share of
   * dense files). The regex is bounded, so it reads at most its own length past the hit.
   */
  private runAnchored(c: CompiledRule, text: Latin1View, at: number, path: string, out: Candidate[]): void {
    const re = c.pattern;
    if (!re) return;
    let window = text.cover(Math.max(0, at - ANCHORED_BEFORE), at + ANCHORED_AFTER);
    let base = text.base;
    re.lastIndex = at - base;
    let m = re.exec(window);
    // A match reaching the end of a converted segment may have been cut short: retry on the whole text.
    if (m && m.index + m[0].length === window.length && base + window.length < text.length) {
      window = text.wholeText();
      base = 0;
      re.lastIndex = at;
      m = re.exec(window);
    }
    if (!m) return;
    const rule = c.rule;
    const value = m.groups?.secret ?? m[1] ?? m[0];
    // Anchored patterns end with the secret (only a lookahead follows it).
    const offset = base + m.index + m[0].length - value.length;
    let kept = acceptable(rule, value);
    if (!kept) return;
    const ctx = { secret: value, match: m, window, path };
    if (!(kept = validated(kept, rule, ctx))) return;
    const detail = rule.describe?.(ctx);
    out.push({ rule, start: offset, end: offset + value.length, value, detail, ...doubt(kept, detail) });
  }

  /**
   * A rule reading assignments (SecretRule.assigned) at a keyword hit: one reading per name, shared
   * by the rules of its keyword and by other keywords in the same name; for a provider's rule whose
   * key opens a mapping (datadog: / api_key: v), the keys under it, named parent.child.
   */
  private runAssignments(reading: Reading, c: CompiledRule, kw: number, bytes: Uint8Array, text: Latin1View, hitStart: number, hitEnd: number, path: string, out: Candidate[]): void {
    // A reading of quoted values only (source code) is shared with keywords that need no more.
    const quotedIn = this.quotedInOfKeyword[kw];
    const onlyQuoted = quotedIn !== undefined && this.quotedPath(quotedIn, path);
    // The name goes on past the keyword (passwordField, tokenizer): not what its rules read.
    // (Keywords that end past the name, pass= or pass_, always end their word.)
    if (this.endsWordOfKeyword[kw] === 1 && LETTER[bytes[hitEnd]] === 1 && LETTER[bytes[hitEnd - 1]] === 1) return;
    if (hitStart < reading.from || hitEnd > reading.to || (reading.onlyQuoted && !onlyQuoted)) {
      reading.assigned = assignmentAt(bytes, hitStart, hitEnd, onlyQuoted);
      reading.from = nameRun.start;
      reading.to = Math.max(nameRun.end, hitEnd);
      reading.onlyQuoted = onlyQuoted;
      reading.name = undefined;
      reading.literal = undefined;
    }
    const a = reading.assigned;
    if (a !== undefined) {
      // Cheap tests before any text is converted: the value's length, a reference, and a quote
      // where the rule needs one.
      if (a.valueEnd - a.valueStart < c.assignedMin || referenceAt(bytes, a.valueStart)) return;
      if (c.assignedQuotedIn !== undefined && a.quote === 0 && a.form !== 'element' && this.quotedPath(c.assignedQuotedIn, path)) return;
      reading.name ??= slice(bytes, a.nameStart, a.nameEnd);
      if (!c.assignedName!.test(reading.name)) return;
      reading.literal ??= slice(bytes, a.valueStart, a.valueEnd);
      this.runAssigned(c, text, a, reading.literal, path, out);
      return;
    }
    if (c.generic) return;
    if (reading.childrenAt !== hitEnd) {
      reading.childrenAt = hitEnd;
      reading.children = keyOpensValue(bytes, hitEnd) ? childAssignments(bytes, hitStart, hitEnd) : NO_CHILDREN;
    }
    const children = reading.children;
    // The parent must not name a secret alone (client_secret: with no value is not datadog:).
    if (children.length === 0 || c.assignedName!.test(children[0].parent!)) return;
    for (const child of children) {
      if (!c.assignedName!.test(`${child.parent}.${slice(bytes, child.nameStart, child.nameEnd)}`)) continue;
      this.runAssigned(c, text, child, slice(bytes, child.valueStart, child.valueEnd), path, out);
    }
  }

  /**
   * A rule on the literal assigned to a name (SecretRule.assigned), whose name matched: the value
   * pattern, sticky at the literal's start.
   */
  private runAssigned(c: CompiledRule, text: Latin1View, a: Assignment, literal: string, path: string, out: Candidate[]): void {
    // The value pattern sees the literal alone: it cannot run past its closing quote.
    const re = c.assignedValue!;
    re.lastIndex = 0;
    const m = re.exec(literal);
    if (!m) return;
    const rule = c.rule;
    const value = m.groups?.secret ?? m[0];
    const offset = a.valueStart + Math.max(0, m[0].lastIndexOf(value));
    let kept = acceptable(rule, value);
    if (!kept) return;
    // The match as the rule's validation sees it: from the name to the end of the value.
    const window = text.cover(Math.max(0, a.nameStart - ANCHORED_BEFORE), a.valueEnd + ANCHORED_AFTER);
    const base = text.base;
    const whole = window.slice(a.nameStart - base, a.valueStart - base + m[0].length);
    const match = Object.assign([whole], { index: a.nameStart - base, input: window, groups: { ...m.groups, secret: value } }) as unknown as RegExpExecArray;
    const ctx = { secret: value, match, window, path, assignment: a };
    if (!(kept = validated(kept, rule, ctx))) return;
    const detail = rule.describe?.(ctx);
    out.push({ rule, start: offset, end: offset + value.length, value, detail, ...doubt(kept, detail) });
  }

  private runRule(c: CompiledRule, text: Latin1View, ctxStart: number, from: number, we: number, path: string, out: Candidate[]): void {
    const window = text.slice(ctxStart, we);
    const rule = c.rule;
    if (c.pattern) {
      const re = c.pattern;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let guard = 0;
      while ((m = re.exec(window)) !== null) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        if (++guard > 64) break;
        if (ctxStart + m.index < from) continue;
        const value = m.groups?.secret ?? m[1] ?? m[0];
        // The secret is the last part of the match that equals it (it follows user names, keys…).
        const offset = m.index + Math.max(0, m[0].lastIndexOf(value));
        let kept = acceptable(rule, value);
        if (!kept) continue;
        const ctx = { secret: value, match: m, window, path };
        if (!(kept = validated(kept, rule, ctx))) continue;
        const detail = rule.describe?.(ctx);
        out.push({ rule, start: ctxStart + offset, end: ctxStart + offset + value.length, value, detail, ...doubt(kept, detail) });
      }
    } else if (rule.find) {
      for (const hit of rule.find(window, path) as RawHit[]) {
        if (ctxStart + hit.index < from) continue;
        const kept = acceptable(rule, hit.value);
        if (!kept) continue;
        out.push({ rule, start: ctxStart + hit.index, end: ctxStart + hit.index + hit.value.length, value: hit.value, detail: hit.detail, ...doubt(kept, hit.detail) });
      }
    }
  }

  /** Decode %XX text around a marker and re-scan it; findings point at the encoded text. */
  private decodeUrlAround(bytes: Uint8Array, text: Latin1View, at: number, path: string, limits: DetectLimits, notes: DetectNotes | undefined, depth: number, done: number[], out: Candidate[]): void {
    let s = at;
    let e = at;
    const lo = Math.max(0, at - 4096);
    const hi = Math.min(bytes.length, at + 4096);
    while (s > lo && isUrlTokenByte(bytes[s - 1])) s--;
    while (e < hi && isUrlTokenByte(bytes[e])) e++;
    if (done.length && done[done.length - 1] >= e) return;
    done.push(e);
    let decoded: string;
    try {
      decoded = decodeURIComponent(text.slice(s, e).replace(/\+/g, '%2B'));
    } catch {
      return;
    }
    const inner = this.detect(Buffer.from(decoded, 'latin1'), path, limits, notes, depth + 1);
    for (const c of inner) out.push({ ...c, start: s, end: e, encoding: c.encoding ?? 'url' });
  }

  private decodeBase64Runs(bytes: Uint8Array, runs: KeywordHits, path: string, limits: DetectLimits, notes: DetectNotes | undefined, depth: number, out: Candidate[]): void {
    let decodes = 0;
    let decodedBytes = 0;
    for (let i = 0; i < runs.runCount; i++) {
      const s = runs.runStart[i];
      let e = runs.runEnd[i];
      if (e - s > limits.maxDecodeBytes) continue;
      // Integrity hashes (sha512-…, sha256:…, h1:…) are digests; data URIs (base64,…) are content.
      const prev = s > 0 ? bytes[s - 1] : 0;
      if ((prev === 45 /* - */ || prev === 58 /* : */ || prev === 44 /* , */) && isDigestOrDataPrefix(bytes, s - 1)) continue;
      // Encoded text mixes upper, lower and digits; identifiers and paths rarely all three.
      if (!looksEncoded(bytes, s, e)) continue;
      if (decodes >= limits.maxDecodes) {
        if (notes) notes.decodesCapped = true;
        return;
      }
      while (e < bytes.length && bytes[e] === 61 /* = */ && e - runs.runEnd[i] < 2) e++;
      const len = e - s;
      if (len % 4 === 1) continue; // not base64
      decodedBytes += len;
      if (decodedBytes > MAX_DECODED_BYTES_PER_TEXT) {
        if (notes) notes.decodesCapped = true;
        return;
      }
      // Decoded from the bytes into a scratch buffer (no strings), giving up at the first sign of
      // binary: a short head first, since most blobs are binary (images, fonts, digests).
      const scratch = base64Scratch(len);
      if (len > 96 && decodePrintable(bytes, s, 64, scratch) < 0) continue;
      const n = decodePrintable(bytes, s, runs.runEnd[i] - s, scratch);
      if (n < 0) continue;
      // A copy: the nested detect reuses the scratch buffer.
      const decoded = Buffer.from(scratch.subarray(0, n));
      decodes++;
      const inner = this.detect(decoded, path, limits, notes, depth + 1);
      for (const c of inner) out.push({ ...c, start: s, end: e, encoding: c.encoding ?? 'base64' });
    }
  }
}

const NO_CHILDREN: Assignment[] = [];

/** The assignment read at the last keyword hit of a text, shared by the rules that read assignments. */
class Reading {
  /** The name run it was read for: hits inside it share it. */
  from = 0;
  to = -1;
  onlyQuoted = false;
  assigned: Assignment | undefined = undefined;
  /** Its name and literal, converted once. */
  name: string | undefined = undefined;
  literal: string | undefined = undefined;
  /** The keys under a mapping key, read at the hit ending at childrenAt. */
  childrenAt = -1;
  children: Assignment[] = NO_CHILDREN;
}
const LETTER = new Uint8Array(256);
for (let b = 65; b <= 90; b++) LETTER[b] = LETTER[b + 32] = 1;

/** A Buffer's own latin1 slice (Node's Buffer.prototype.latin1Slice), when the bytes have one. */
type MaybeBuffer = Uint8Array & { latin1Slice?: (start: number, end: number) => string };

/**
 * The latin1 text of bytes [s, e): a name or a literal, short and converted once per assignment.
 * A Buffer converts it itself; latin1() would first make a Buffer view of the range.
 */
function slice(bytes: MaybeBuffer, s: number, e: number): string {
  return bytes.latin1Slice !== undefined ? bytes.latin1Slice(s, e) : latin1(bytes, s, e);
}

/**
 * A value that starts as a reference does (${X}, $(X), {{ x }}, #{x}, $X, %(x)s): acceptable()
 * would drop it; tested on the bytes before any text is converted.
 */
function referenceAt(bytes: Uint8Array, i: number): boolean {
  const b = bytes[i];
  const next = bytes[i + 1];
  if (b === 36 /* $ */) return next === 123 || next === 40 || next === 95 || (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
  return (b === 123 /* { */ && next === 123) || (b === 35 /* # */ && next === 123) || (b === 37 /* % */ && next === 40);
}

/** acceptable(): drop the candidate, keep it, or keep it at low confidence (a value in doubt). */
const DROP = 0;
const KEEP = 1;
const DOUBT = 2;

/** Whether a rule's candidate value is kept: DROP (0, falsy), KEEP, or DOUBT (kept at low confidence). */
function acceptable(rule: SecretRule, value: string): number {
  if (value.length === 0) return DROP;
  if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) return DROP;
  if (isTemplateReference(value) || isKnownExample(value)) return DROP;
  if (rule.generic && isHashOrIdentifier(value)) return DROP;
  const verdict = placeholderVerdict(value, rule.generic === true);
  return verdict === undefined ? KEEP : verdict === 'doubtful' ? DOUBT : DROP;
}

/** The rule's validation said 'low' (its own doubt, which its message explains). */
const LOWERED = 3;

/** Combines acceptable()'s verdict with the rule's validation: 0 to drop, else the verdict. */
function validated(kept: number, rule: SecretRule, ctx: MatchContext): number {
  if (!rule.validate) return kept;
  const valid = rule.validate(ctx);
  if (!valid) return DROP;
  return valid === 'low' && kept === KEEP ? LOWERED : kept;
}

/** The candidate fields a DOUBT or LOWERED verdict adds. */
function doubt(kept: number, detail: string | undefined): Partial<Candidate> {
  if (kept === LOWERED) return { confidence: 'low' };
  if (kept !== DOUBT) return {};
  return { confidence: 'low', detail: detail ? `${detail} (the value looks partly made up)` : '(the value looks partly made up)' };
}

/**
 * Readings of the warm-up text per path: V8 collects type feedback for a function only from its
 * ninth call or so (lazy feedback allocation), and the leaves of the pipeline are called once per text.
 */
const WARM_UP_ROUNDS = 10;

/** Longest run a shape rule may look for. */
const MAX_SHAPE_LENGTH = 512;
/** Keyword hits closer than this on average: the rules' windows will cover most of the text. */
const DENSE_HIT_SPACING = 256;
const LINE_BOUND = 1024;
/** Text an anchored rule sees before its keyword hit (its validation reads the key name) and after it. */
const ANCHORED_BEFORE = 64;
const ANCHORED_AFTER = 2048;
/** Bytes of a file that path-selected rules without keywords see. */
const WHOLE_FILE_BOUND = 1024 * 1024;
const TOKEN_BEFORE = 128;
const TOKEN_AFTER = 512;
const BLOCK_BOUND = 24 * 1024;

/** The YAML document (between lines that start with ---) around a hit, bounded either side. */
function documentAround(bytes: Uint8Array, hitStart: number, hitEnd: number): [number, number] {
  const lo = Math.max(0, hitStart - BLOCK_BOUND);
  const hi = Math.min(bytes.length, hitEnd + BLOCK_BOUND);
  let s = hitStart;
  while (s > lo && !(bytes[s - 1] === 10 && isDocMarker(bytes, s))) s--;
  let e = hitEnd;
  while (e < hi && !(bytes[e] === 10 && isDocMarker(bytes, e + 1))) e++;
  return [s, e];
}

function isDocMarker(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 45 && bytes[at + 1] === 45 && bytes[at + 2] === 45;
}

/**
 * Line boundaries around keyword hits, each query bounded: never splits a file into lines, and
 * never walks the lines between two hits far apart.
 */
export class LineIndex {
  private endFrom = -1;
  private end = -1;
  constructor(private readonly bytes: Uint8Array) {}

  /** The later of the start of the line holding `p` and `p - bound`. */
  lineStart(p: number, bound: number): number {
    return lineStart(this.bytes, p, bound);
  }

  /** Offset of the newline ending the line holding `p` (or the text length); cached for the hits on one long line. */
  lineEnd(p: number): number {
    if (p >= this.endFrom && p <= this.end) return this.end;
    const nl = this.bytes.indexOf(10, p);
    this.endFrom = p;
    this.end = nl < 0 ? this.bytes.length : nl;
    return this.end;
  }
}

/** windowAround's result, [start, end): one per process rather than an array per keyword hit. */
const WINDOW = new Int32Array(2);

/** Sets WINDOW to [start, end) of the text a rule sees around a keyword hit. Lines are bounded. */
function windowAround(bytes: Uint8Array, lines: LineIndex, kind: WindowKind, hitStart: number, hitEnd: number): void {
  const n = bytes.length;
  if (kind === 'block') {
    WINDOW[0] = lines.lineStart(hitStart, LINE_BOUND);
    WINDOW[1] = Math.min(n, hitEnd + BLOCK_BOUND);
    return;
  }
  if (kind === 'document') {
    [WINDOW[0], WINDOW[1]] = documentAround(bytes, hitStart, hitEnd);
    return;
  }
  const before = kind === 'token' ? TOKEN_BEFORE : LINE_BOUND;
  const after = kind === 'token' ? TOKEN_AFTER : LINE_BOUND;
  const s = lines.lineStart(hitStart, before);
  let e = Math.min(lines.lineEnd(hitEnd), hitEnd + after);
  if (kind === 'near') {
    for (let l = 0; l < 2 && e < n && bytes[e] === 10; l++) {
      const next = bytes.indexOf(10, e + 1);
      e = Math.min(next < 0 ? n : next, e + 1 + LINE_BOUND);
    }
  }
  WINDOW[0] = s;
  WINDOW[1] = e;
}

function lineStart(bytes: Uint8Array, at: number, bound: number): number {
  const lo = Math.max(0, at - bound);
  // A few bytes by hand (most lines are short), then the native search over the rest of the bound
  // (a minified line has no newline for a kilobyte back, at every keyword hit on it).
  let s = at;
  const near = Math.max(lo, at - 64);
  while (s > near && bytes[s - 1] !== 10) s--;
  if (s > lo && bytes[s - 1] !== 10) {
    const nl = bytes.subarray(lo, s).lastIndexOf(10);
    s = nl < 0 ? lo : lo + nl + 1;
  }
  return s;
}

/** True when the bytes ending at `at` (the separator) spell sha1-/sha256-/sha512-/sha256:/h1:/md5-/base64, . */
function isDigestOrDataPrefix(bytes: Uint8Array, at: number): boolean {
  let s = at;
  while (s > 0 && at - s < 8 && ((bytes[s - 1] >= 97 && bytes[s - 1] <= 122) || (bytes[s - 1] >= 48 && bytes[s - 1] <= 57))) s--;
  // Lockfiles hold hundreds of thousands of these: index the words by length, compare bytes.
  const words = DIGEST_WORDS_BY_LENGTH[at - s];
  if (words === undefined) return false;
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    let i = 0;
    while (i < word.length && bytes[s + i] === word[i]) i++;
    if (i === word.length) return true;
  }
  return false;
}

const DIGEST_WORDS_BY_LENGTH: Uint8Array[][] = [];
for (const w of ['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'h1', 'md5', 'base64']) {
  (DIGEST_WORDS_BY_LENGTH[w.length] ??= []).push(Uint8Array.from(w, (c) => c.charCodeAt(0)));
}
// Lengths without a word hold one word of NULs, never equal to the letters, digits and separator
// compared: an empty list would be an array of another elements kind, and meeting it late in a scan
// throws away the compiled caller (decodeBase64Runs).
for (let l = 0; l <= 8; l++) DIGEST_WORDS_BY_LENGTH[l] ??= [new Uint8Array(Math.max(1, l))];

function isUrlTokenByte(b: number): boolean {
  // Letters, digits and - . _ ~ % + / = & ? : @ ; are kept together as one URL/value token.
  return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) ||
    b === 45 || b === 46 || b === 95 || b === 126 || b === 37 || b === 43 || b === 47 || b === 61 ||
    b === 38 || b === 63 || b === 58 || b === 64 || b === 59;
}


const BASE64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) BASE64_VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

let scratchBuffer = new Uint8Array(1024);
function base64Scratch(encodedLength: number): Uint8Array {
  const need = Math.ceil(encodedLength / 4) * 3;
  if (scratchBuffer.length < need) scratchBuffer = new Uint8Array(Math.max(need, scratchBuffer.length * 2));
  return scratchBuffer;
}

/**
 * Decodes the `chars` base64 characters at bytes[s] (all in the alphabet) into `out` when the result
 * is at least 8 bytes and mostly printable (at most 1 in 20 bytes outside tab, newlines and
 * printable ASCII); returns its length, or -1 as soon as it cannot be.
 */
export function decodePrintable(bytes: Uint8Array, s: number, chars: number, out: Uint8Array): number {
  const total = (chars * 6) >> 3;
  if (total < 8) return -1;
  const allowed = Math.floor(total / 20);
  let bad = 0;
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = s, e = s + chars; i < e; i++) {
    acc = ((acc << 6) | BASE64_VALUE[bytes[i]]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const b = (acc >> bits) & 0xff;
      if (((b < 32 && b !== 9 && b !== 10 && b !== 13) || b > 126) && ++bad > allowed) return -1;
      out[o++] = b;
    }
  }
  return o;
}

function dedupeFlags(flags: string): string {
  return [...new Set(flags)].join('');
}
