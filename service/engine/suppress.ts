import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type * as Yaml from 'yaml';
import { z } from 'zod';
import { locationLine, locationPath } from '../contract/places';
import { readWalkedFile } from './walk';
import type { Finding, ScanWarning, Warn } from './types';

/** yaml is loaded only when a repository has a .vigil.yml (it costs ~30 ms at start-up). */
let yamlModule: typeof Yaml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load, on purpose (see above)
const yaml = (): typeof Yaml => (yamlModule ??= require('yaml') as typeof Yaml);

export const CONFIG_FILE = '.vigil.yml';
const MAX_CONFIG_BYTES = 256 * 1024;
const MARKER = 'vigil:ignore';
const MARKER_BYTES = Buffer.from(MARKER);

// ---------------------------------------------------------------------------------------------
// Inline: `vigil:ignore [RULE-ID[,RULE-ID…]] [reason]` inside a comment, on the finding's line or
// on a comment line directly above it.

export interface InlineDirective {
  /** Undefined: every rule on the line. */
  ruleIds?: string[];
  reason: string;
}

// The marker must follow a comment opener (#, //, /*, * continuation, <!--, --, ;) so that a string
// literal mentioning it in passing does not count.
const DIRECTIVE = /(?:#|\/\/|\/\*|\*|<!--|--|;)[ \t]*vigil:ignore(?=$|[\s*-])(.*)$/;
const COMMENT_LINE = /^\s*(?:#|\/\/|\/\*|\*|<!--|--|;)/;
const RULE_LIST = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:,[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)*$/;

export function parseInlineDirective(line: string): InlineDirective | undefined {
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  const rest = m[1].replace(/(?:\*\/|-->)\s*$/, '').trim();
  if (!rest) return { reason: '' };
  const space = rest.search(/\s/);
  const first = space === -1 ? rest : rest.slice(0, space);
  if (RULE_LIST.test(first)) {
    return { ruleIds: first.split(','), reason: space === -1 ? '' : rest.slice(space + 1).trim() };
  }
  return { reason: rest };
}

/**
 * Marks findings in `content` (the file they were reported on) that an inline directive covers.
 * Returns the same array when nothing changes; the file is only decoded around findings.
 */
export function applyInlineSuppressions(findings: Finding[], content: Buffer): Finding[] {
  if (findings.length === 0 || content.indexOf(MARKER_BYTES) === -1) return findings;
  const lines = new LineIndex(content);
  return findings.map((f) => {
    const line = locationLine(f.location);
    if (f.suppressed || line === undefined) return f;
    for (const n of [line, line - 1]) {
      if (!lines.has(n)) continue;
      const text = lines.text(n);
      // The line above counts only when it is a comment line of its own: a trailing directive
      // (`a = KEY # vigil:ignore`) speaks for its own line, not for the next one.
      if (n !== line && !COMMENT_LINE.test(text)) continue;
      const directive = parseInlineDirective(text);
      if (directive && (!directive.ruleIds || directive.ruleIds.includes(f.ruleId))) {
        return { ...f, suppressed: { kind: 'inline', reason: directive.reason } };
      }
    }
    return f;
  });
}

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly content: Buffer) {
    let i = content.indexOf(10);
    while (i !== -1) {
      this.starts.push(i + 1);
      i = content.indexOf(10, i + 1);
    }
  }
  has(line: number): boolean {
    return line >= 1 && line <= this.starts.length;
  }
  text(line: number): string {
    const start = this.starts[line - 1];
    const end = line < this.starts.length ? this.starts[line] - 1 : this.content.length;
    return this.content.toString('utf8', start, end).replace(/\r$/, '');
  }
}

// ---------------------------------------------------------------------------------------------
// Repository file: `.vigil.yml` at the scan root.

export interface IgnoreEntry {
  /** 1-based position in the `ignore` list, for messages. */
  index: number;
  /** 1-based line in .vigil.yml, when known. */
  line?: number;
  fingerprint?: string;
  path?: string;
  rules?: string[];
  reason: string;
  /** YYYY-MM-DD, inclusive. */
  expires?: string;
}

export interface SuppressionConfig {
  /** Valid, unexpired entries only. */
  entries: IgnoreEntry[];
}

/**
 * Parses .vigil.yml text. Never throws: a malformed file or entry becomes a warning and is ignored;
 * an expired entry is dropped with a 'suppression-expired' warning.
 */
export function parseSuppressionConfig(text: string, warn: Warn, now: Date = new Date()): SuppressionConfig {
  const { LineCounter, parseDocument, isSeq } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    warn(configWarning(`Malformed YAML, file ignored: ${firstLine(doc.errors[0].message)}`));
    return { entries: [] };
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    warn(configWarning(`Cannot read YAML, file ignored: ${firstLine((err as Error).message)}`));
    return { entries: [] };
  }
  if (js === null || js === undefined) return { entries: [] };
  if (!isPlainObject(js)) {
    warn(configWarning('Expected a mapping with an `ignore:` list; file ignored'));
    return { entries: [] };
  }
  const list = js.ignore;
  if (list === undefined || list === null) return { entries: [] };
  if (!Array.isArray(list)) {
    warn(configWarning('`ignore` must be a list; file ignored'));
    return { entries: [] };
  }

  const seqNode = doc.get('ignore', true);
  const today = now.toISOString().slice(0, 10);
  const entries: IgnoreEntry[] = [];
  list.forEach((raw: unknown, i: number) => {
    const node = isSeq(seqNode) ? seqNode.items[i] : undefined;
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      warn({
        code: 'suppression-invalid',
        message: `${entryLabel(i + 1, line)} ignored: ${entryProblem(parsed.error)}`,
        path: CONFIG_FILE,
      });
      return;
    }
    const { reason, fingerprint, path, rules, expires } = parsed.data;
    const entry: IgnoreEntry = {
      index: i + 1,
      line,
      ...(fingerprint !== undefined ? { fingerprint } : {}),
      ...(path !== undefined ? { path } : {}),
      ...(rules !== undefined ? { rules } : {}),
      reason,
      ...(expires !== undefined ? { expires } : {}),
    };
    if (entry.expires !== undefined && entry.expires < today) {
      warn({
        code: 'suppression-expired',
        message: `${describeEntry(entry)} expired on ${entry.expires}; its findings are reported again`,
        path: CONFIG_FILE,
      });
      return;
    }
    entries.push(entry);
  });
  return { entries };
}

/** YYYY-MM-DD of a real calendar day, from a string or a YAML timestamp. */
function normaliseDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(v.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const ruleId = z.string().trim().min(1);
/** One `ignore:` entry. Unknown keys are refused: a typo such as `rule:` would silently widen it to every rule. */
const entrySchema = z
  .strictObject({
    reason: z.string({ error: 'a non-empty `reason` is required' }).trim().min(1, 'a non-empty `reason` is required'),
    fingerprint: z
      .string({ error: '`fingerprint` must be a hex string' })
      .trim()
      .regex(/^[0-9a-f]{8,64}$/i, '`fingerprint` must be a hex string')
      .transform((fp) => fp.toLowerCase())
      .optional(),
    path: z.string({ error: '`path` must be a non-empty glob' }).trim().min(1, '`path` must be a non-empty glob').optional(),
    rules: z
      .union([ruleId.transform((r) => [r]), z.array(ruleId).min(1)], { error: '`rules` must be a rule id or a non-empty list of rule ids' })
      .optional(),
    expires: z
      .unknown()
      .transform((v, ctx) => normaliseDate(v) ?? (ctx.addIssue({ code: 'custom', message: '`expires` must be a date (YYYY-MM-DD)' }), z.NEVER))
      .optional(),
  }, { error: (issue) => (issue.code === 'invalid_type' ? 'expected a mapping' : undefined) })
  .refine((e) => e.fingerprint !== undefined || e.path !== undefined, 'needs a `fingerprint` or a `path`');

/** The one message an invalid entry gets: unknown keys first, as they explain the rest. */
function entryProblem(error: z.ZodError): string {
  const unknown = error.issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown) return `unknown key(s) ${unknown.keys.map((k) => `\`${k}\``).join(', ')}`;
  return error.issues[0]?.message ?? 'invalid entry';
}

/** Reads `.vigil.yml` at `root` (regular file only, never through a symlink). */
export function loadSuppressionConfig(root: string, warn: Warn, now?: Date): SuppressionConfig {
  const absPath = path.join(root, CONFIG_FILE);
  try {
    lstatSync(absPath);
  } catch {
    return { entries: [] }; // no config file: nothing to apply
  }
  const read = readWalkedFile({ path: CONFIG_FILE, absPath }, MAX_CONFIG_BYTES);
  if (!read.ok) {
    warn(configWarning(`Not used: ${read.warning.message}`));
    return { entries: [] };
  }
  return parseSuppressionConfig(read.content.toString('utf8'), warn, now);
}

export function applyConfigSuppressions(findings: Finding[], config: SuppressionConfig): Finding[] {
  if (config.entries.length === 0) return findings;
  const matchers = config.entries.map((e) => ({ entry: e, matches: e.path !== undefined ? globMatcher(e.path) : undefined }));
  return findings.map((f) => {
    if (f.suppressed) return f;
    const findingPath = locationPath(f.location);
    for (const { entry, matches } of matchers) {
      if (entry.fingerprint !== undefined && entry.fingerprint !== f.fingerprint.toLowerCase()) continue;
      if (matches && (findingPath === undefined || !matches(findingPath))) continue;
      if (entry.rules && !entry.rules.includes(f.ruleId)) continue;
      return {
        ...f,
        suppressed: { kind: 'file', reason: entry.reason, ...(entry.expires ? { expires: entry.expires } : {}) },
      };
    }
    return f;
  });
}

/**
 * A .vigil.yml path glob, gitignore-flavoured: `**` any folders, `*` and `?` within a name; a glob
 * without `/` matches a file name at any depth (`*.pem`); a trailing `/` means everything below;
 * a leading `/` or `./` anchors at the root. Braces and classes stay literal: paths are matched as
 * written in the file.
 */
export function globMatcher(glob: string): (relPath: string) => boolean {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  let anchored = false;
  if (pattern.startsWith('/')) {
    pattern = pattern.replace(/^\/+/, '');
    anchored = true;
  }
  if (pattern.endsWith('/')) pattern += '**';
  if (!anchored && !pattern.includes('/')) pattern = `**/${pattern}`;
  // Only `*`, `**` and `?` are special; picomatch's other syntax is escaped to stay literal.
  return picomatch(pattern.replace(/[()[\]{}+!@|^$]/g, '\\$&'), { dot: true, nobrace: true, noextglob: true, nonegate: true });
}

function describeEntry(e: IgnoreEntry): string {
  const what = e.fingerprint !== undefined ? `fingerprint ${e.fingerprint}` : `path "${e.path}"`;
  return `${entryLabel(e.index, e.line)} (${what})`;
}

function entryLabel(index: number, line: number | undefined): string {
  return `${CONFIG_FILE} ignore entry #${index}${line !== undefined ? ` (line ${line})` : ''}`;
}

function configWarning(message: string): Omit<ScanWarning, 'scanner'> {
  return { code: 'suppression-config-invalid', message, path: CONFIG_FILE };
}

function firstLine(s: string): string {
  const line = s.split('\n', 1)[0];
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
