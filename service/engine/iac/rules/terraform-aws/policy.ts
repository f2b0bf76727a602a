// IAM-style policy documents as Terraform writes them: a JSON string (plan JSON, a literal, a heredoc
// without interpolation, `jsonencode({...})` of known values), or, where the loader could not know the
// whole string (`jsonencode({ Resource = aws_s3_bucket.b.arn })`, a heredoc with `${...}`), an Unknown
// whose expression text still shows the document's structure: it is re-read here with every reference
// left unknown, so a statement with Action "*" and Resource "*" is judged even when another statement
// names a bucket ARN. `data.aws_iam_policy_document.x.json` comes from the loader as the document object (terraform/policy-document.ts).
import { parseHcl } from '../../terraform/hcl';
import type { Expression } from '../../terraform/hcl';
import { evaluateExpression } from '../../terraform/hcl';
import { toIacValue } from '../../terraform/convert';
import type { IacObject, IacValue, Verdict } from '../../types';
import { isObject, isUnknown, Unknown } from '../../values';
import { refersToResource } from './common';

/** Bound on the text re-read from an unknown expression. */
const MAX_EXPR = 100_000;
const HOLE = '@@vigil-unknown-part@@';

/** The document as a value: an object (with Unknown where a part is not known), or an Unknown. */
export function policyDocument(v: IacValue | undefined): IacValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (isObject(v)) return v;
  if (typeof v === 'string') {
    if (!v.trim()) return undefined;
    try {
      return JSON.parse(v) as IacValue;
    } catch {
      return new Unknown(v.length > 200 ? `${v.slice(0, 199)}…` : v);
    }
  }
  if (isUnknown(v)) return fromExpression(v) ?? v;
  return v;
}

function fromExpression(u: Unknown): IacValue | undefined {
  if (u.expr.length > MAX_EXPR) return undefined;
  const parsed = parseHcl(`document = ${u.expr}\n`, 'policy.tf');
  if (parsed.errors.length) return undefined;
  const attr = parsed.file.body.items[0];
  if (!attr || attr.kind !== 'attribute') return undefined;
  let expr: Expression = attr.expr;
  while (expr.kind === 'parens') expr = expr.expr;
  const source = parsed.file.source;
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
    const value = toIacValue(evaluateExpression(expr.args[0], { source, scope: {} }));
    return isObject(value) || Array.isArray(value) ? value : undefined;
  }
  if (expr.kind === 'template') return fromTemplate(expr, source);
  return undefined;
}

/** A JSON template with `${...}` holes: the holes become unknown strings (when they sit inside JSON strings). */
function fromTemplate(expr: Extract<Expression, { kind: 'template' }>, source: string): IacValue | undefined {
  let text = '';
  for (const part of expr.parts) {
    if (part.kind === 'literal' && typeof part.value === 'string') text += part.value;
    else if (part.kind === 'template' || part.kind === 'traversal' || part.kind === 'call' || part.kind === 'splat' || part.kind === 'conditional') text += HOLE;
    else if (part.kind === 'literal') text += String(part.value);
    else return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const restore = (x: unknown, depth: number): IacValue => {
    if (depth > 64) return new Unknown('(nested too deep)');
    if (typeof x === 'string') {
      if (!x.includes(HOLE)) return x;
      // Text around the hole (`arn:aws:s3:::${var.b}/*`): not a bare wildcard, whatever the hole holds.
      return x.split(HOLE).join('') ? x.split(HOLE).join('${…}') : new Unknown(source.slice(expr.start, expr.end));
    }
    if (Array.isArray(x)) return x.map((y) => restore(y, depth + 1));
    if (x !== null && typeof x === 'object') {
      const out: IacObject = {};
      for (const [k, y] of Object.entries(x)) {
        if (k.includes(HOLE)) return new Unknown(source.slice(expr.start, expr.end));
        out[k] = restore(y, depth + 1);
      }
      return out;
    }
    return x as IacValue;
  };
  return restore(parsed, 0);
}

export interface Statement {
  index: number;
  value: IacObject;
}

/** The statements of a document; a document that is not known gives undefined. */
export function statementsOf(doc: IacValue | undefined): Statement[] | Unknown | undefined {
  if (doc === undefined) return undefined;
  if (isUnknown(doc)) return doc;
  if (!isObject(doc)) return [];
  const s = doc.Statement;
  if (isUnknown(s)) return s;
  const list = Array.isArray(s) ? s : s === undefined ? [] : [s];
  const out: Statement[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (isUnknown(item)) return item;
    if (isObject(item)) out.push({ index: i, value: item });
  }
  return out;
}

/** A list of strings from a string-or-list; unknown if any part is. */
function strings(v: IacValue | undefined): string[] | 'unknown' {
  if (v === undefined || v === null) return [];
  if (isUnknown(v)) return 'unknown';
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of list) {
    if (isUnknown(x)) return 'unknown';
    if (typeof x === 'string') out.push(x);
  }
  return out;
}

type Tri = boolean | 'unknown';

/** Whether a string-or-list field holds one of `values` (case-insensitive); unknown parts give 'unknown' unless found. */
export function includes(v: IacValue | undefined, test: (s: string) => boolean): Tri {
  if (isUnknown(v)) return mayBeWildcard(v) ? 'unknown' : false;
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  let unsure = false;
  for (const x of list) {
    // Another resource's attribute (an ARN, a name) is never a wildcard.
    if (isUnknown(x)) unsure ||= !refersToResource(x);
    else if (typeof x === 'string' && test(x)) return true;
  }
  return unsure ? 'unknown' : false;
}

export const isStar = (s: string): boolean => s.trim() === '*';

/** Whether a value (not a list) that is unknown may still be a wildcard: a variable may, a resource attribute may not. */
export function mayBeWildcard(v: IacValue | undefined): boolean {
  if (!isUnknown(v) || refersToResource(v)) return false;
  // A quoted template with text around its interpolations (`"arn:aws:s3:::${var.bucket}/*"`) is not a bare wildcard.
  const quoted = /^"([\s\S]*)"$/.exec(v.expr.trim());
  return !(quoted && quoted[1].replace(/\$\{[^}]*\}/g, '').trim() !== '');
}

/** Action "*" (or "*:*"). */
export const allActions = (v: IacValue | undefined): Tri => includes(v, (s) => s.trim() === '*' || s.trim() === '*:*');

/** A principal that means anyone: "*", { AWS = "*" }, { AWS = ["*"] }. */
export function anyonePrincipal(p: IacValue | undefined): Tri {
  if (p === undefined || p === null) return false;
  if (isUnknown(p)) return mayBeWildcard(p) ? 'unknown' : false;
  if (typeof p === 'string') return isStar(p);
  if (isObject(p)) {
    const aws = p.AWS;
    if (aws === undefined) return false;
    return includes(aws, isStar);
  }
  return false;
}

/** A statement's Effect: Allow unless it says Deny (unknown when unknown). */
export function effectOf(s: IacObject): 'Allow' | 'Deny' | 'unknown' {
  if (isUnknown(s.Effect)) return 'unknown';
  return s.Effect === 'Deny' ? 'Deny' : 'Allow';
}

export const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === true && b === true ? true : 'unknown');

/**
 * Judges every Allow statement of the documents found at `paths` of a resource: `bad` says whether a
 * statement is a problem (true), fine (false) or cannot be told. No document: `whenNone`.
 */
export function judgeStatements(
  docs: readonly { path: string; value: IacValue | undefined }[],
  bad: (s: IacObject) => Tri,
  failKey: string,
  effect: 'Allow' | 'Deny' = 'Allow',
): Verdict[] | undefined {
  const fails: Verdict[] = [];
  let unsure: Verdict | undefined;
  let judged: string | undefined;
  for (const { path, value } of docs) {
    const doc = policyDocument(value);
    const statements = statementsOf(doc);
    if (statements === undefined) continue;
    judged ??= path;
    if (isUnknown(statements)) {
      unsure ??= { outcome: 'unknown', path, value: statements, reason: `the policy document at ${path} is not known statically (${statements.expr.slice(0, 120)})` };
      continue;
    }
    for (const { index, value: s } of statements) {
      const e = effectOf(s);
      if (e !== effect && e !== 'unknown') continue;
      const b = bad(s);
      const at = `${path}.Statement[${index}].${failKey}`;
      if (b === true && e === effect) fails.push({ outcome: 'fail', path: path, value: display(s[failKey]), message: `${at} is ${JSON.stringify(display(s[failKey]))}` });
      else if (b !== false) unsure ??= { outcome: 'unknown', path, reason: `${at} or the statement's Effect is not known statically` };
    }
  }
  if (fails.length) return fails;
  if (unsure) return [unsure];
  return judged ? [{ outcome: 'pass', path: judged }] : undefined;
}

/** A value for a finding: scalars and lists of strings as they are. */
function display(v: IacValue | undefined): IacValue {
  if (v === undefined) return null;
  return v;
}

export { strings };
