// `.vigil.yml`, the repository's suppression file: YAML read with its line numbers, entries validated
// with zod. Loaded only when a repository has one (yaml and zod cost ~30 ms and ~12 MB at start-up).
import { LineCounter, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { isCalendarDate } from '../contract/vocabulary';
import { errorLine, inputFreeLine } from './error-text';
import { CONFIG_FILE } from './suppress';
import type { ScanWarning, Warn } from './types';

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
 * Parses .vigil.yml text (call it through suppress.ts, which loads this module on first use). Never
 * throws: a malformed file or entry becomes a warning and is ignored; an expired entry is dropped
 * with a 'suppression-expired' warning.
 */
export function parseSuppressionConfig(text: string, warn: Warn, now: Date = new Date()): SuppressionConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    warn(configWarning(`Malformed YAML, file ignored: ${inputFreeLine(doc.errors[0].message)}`));
    return { entries: [] };
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    warn(configWarning(`Cannot read YAML, file ignored: ${errorLine(err)}`));
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

/** YYYY-MM-DD of a real calendar day, from a string (a time after the day is ignored) or a YAML timestamp. */
function normaliseDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(v.trim())?.[1];
  return day !== undefined && isCalendarDate(day) ? day : undefined;
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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
