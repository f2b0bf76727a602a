// Terraform's JSON configuration syntax (*.tf.json) rewritten as native HCL, so one parser and one
// evaluator serve both. Each statement is placed on the line its key has in the JSON file (for
// pretty-printed JSON the attribute lines are exact; minified JSON drifts). Strings are templates, as the
// JSON syntax defines them; variable defaults are literal. Without provider schemas, an object value is
// a nested block unless its name is a usual map attribute (labels, tags, metadata...), which is how
// Terraform resolves the same ambiguity with the schema in hand.
import { parseJson } from '../parse/json';
import type { IacValue } from '../types';
import { isObject, joinPath } from '../values';

/** Object-valued arguments that are maps, not blocks, across the common providers. */
const MAP_ATTRIBUTES = new Set([
  'labels',
  'tags',
  'tags_all',
  'metadata',
  'resource_labels',
  'user_labels',
  'annotations',
  'environment',
  'environment_variables',
  'variables',
  'parameters',
  'app_settings',
  'default_tags',
  'properties',
  'node_labels',
  'attributes',
  'inputs',
  'triggers',
  'headers',
]);
const MAP_SUFFIX = /_(?:labels|tags|metadata|map|annotations)$/;
const MAX_DEPTH = 64;

export interface ConvertedJson {
  hcl: string;
  problems: { line: number; message: string }[];
}

export function tfJsonToHcl(text: string): ConvertedJson {
  const parsed = parseJson(text);
  if (!isObject(parsed.value)) {
    return { hcl: '', problems: parsed.problems.length ? parsed.problems : [{ line: 1, message: 'a .tf.json file must hold a JSON object' }] };
  }
  const w = new Writer(parsed.lines);
  const root = parsed.value;
  for (const [kind, value] of Object.entries(root)) {
    const at = joinPath('', kind);
    if (!isObject(value) && !Array.isArray(value)) continue;
    for (const [item, itemAt] of objectsOf(value, at)) {
      switch (kind) {
        case 'resource':
        case 'data':
          for (const [type, byName] of Object.entries(item)) {
            const typeAt = joinPath(itemAt, type);
            if (!isObject(byName)) continue;
            for (const [name, bodies] of Object.entries(byName)) {
              for (const [body, bodyAt] of objectsOf(bodies, joinPath(typeAt, name))) w.block(`${kind} ${quote(type)} ${quote(name)}`, joinPath(typeAt, name), () => w.body(body, bodyAt, 0));
            }
          }
          break;
        case 'module':
        case 'output':
          for (const [name, bodies] of Object.entries(item)) {
            for (const [body, bodyAt] of objectsOf(bodies, joinPath(itemAt, name))) w.block(`${kind} ${quote(name)}`, joinPath(itemAt, name), () => w.body(body, bodyAt, 0, true));
          }
          break;
        case 'variable':
          for (const [name, bodies] of Object.entries(item)) {
            for (const [body, bodyAt] of objectsOf(bodies, joinPath(itemAt, name))) {
              w.block(`variable ${quote(name)}`, joinPath(itemAt, name), () => {
                for (const [k, v] of Object.entries(body)) {
                  if (k === 'default' || k === 'nullable' || k === 'sensitive' || k === 'description') w.attribute(k, literal(v, 0), joinPath(bodyAt, k));
                }
              });
            }
          }
          break;
        case 'locals':
          w.block('locals', itemAt, () => {
            for (const [k, v] of Object.entries(item)) if (k !== '//') w.attribute(k, expression(v, 0), joinPath(itemAt, k));
          });
          break;
      }
    }
  }
  return { hcl: w.text(), problems: parsed.problems };
}

/** A value that may be one object or a list of objects (JSON's way of repeating a block), with line-map paths. */
function objectsOf(value: IacValue, at: string): [Record<string, IacValue>, string][] {
  if (isObject(value)) return [[value, at]];
  if (Array.isArray(value)) return value.flatMap((v, i) => (isObject(v) ? [[v, joinPath(at, i)] as [Record<string, IacValue>, string]] : []));
  return [];
}

class Writer {
  private readonly out: string[] = [];
  private line = 1;
  private indent = 0;

  constructor(private readonly lines: ReadonlyMap<string, number>) {}

  text(): string {
    return this.out.join('') + '\n';
  }

  /** Starts a statement on the line of `at` in the JSON (or the next line when that is already passed). */
  private startAt(at: string): void {
    const target = this.lines.get(at) ?? 0;
    this.out.push('\n');
    this.line++;
    while (this.line < target) {
      this.out.push('\n');
      this.line++;
    }
    this.out.push('  '.repeat(this.indent));
  }

  attribute(name: string, expr: string, at: string): void {
    if (!isIdentifier(name)) return;
    this.startAt(at);
    this.out.push(`${name} = ${expr}`);
  }

  block(header: string, at: string, body: () => void): void {
    this.startAt(at);
    this.out.push(`${header} {`);
    this.indent++;
    body();
    this.indent--;
    this.out.push('\n' + '  '.repeat(this.indent) + '}');
    this.line++;
  }

  body(body: Record<string, IacValue>, at: string, depth: number, flat = false): void {
    for (const [key, value] of Object.entries(body)) {
      const keyAt = joinPath(at, key);
      if (key === '//') continue;
      if (key === 'dynamic' && isObject(value) && depth < MAX_DEPTH) {
        for (const [label, specs] of Object.entries(value)) {
          for (const [spec, specAt] of objectsOf(specs, joinPath(keyAt, label))) this.dynamic(label, spec, specAt, depth);
        }
        continue;
      }
      if (!flat && isBlock(key, value) && depth < MAX_DEPTH) {
        for (const [nested, nestedAt] of objectsOf(value, keyAt)) this.block(key, nestedAt, () => this.body(nested, nestedAt, depth + 1));
        continue;
      }
      this.attribute(key, key === 'depends_on' || key === 'provider' ? references(value) : expression(value, 0), keyAt);
    }
  }

  private dynamic(label: string, spec: Record<string, IacValue>, at: string, depth: number): void {
    this.block(`dynamic ${quote(label)}`, at, () => {
      if (spec.for_each !== undefined) this.attribute('for_each', expression(spec.for_each, 0), joinPath(at, 'for_each'));
      if (typeof spec.iterator === 'string' && isIdentifier(spec.iterator)) this.attribute('iterator', spec.iterator, joinPath(at, 'iterator'));
      for (const [content, contentAt] of objectsOf(spec.content ?? {}, joinPath(at, 'content'))) this.block('content', contentAt, () => this.body(content, contentAt, depth + 1));
    });
  }
}

/** A nested block: an object, or a non-empty list of objects, not named like a map argument. */
function isBlock(key: string, value: IacValue): boolean {
  if (MAP_ATTRIBUTES.has(key) || MAP_SUFFIX.test(key)) return false;
  if (isObject(value)) return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => isObject(v));
}

const isIdentifier = (s: string): boolean => /^[A-Za-z_][\w-]*$/.test(s);

const quote = (s: string): string => `"${escapeLiteral(s)}"`;

/** `provider` and `depends_on` hold references written as strings: `"google.eu"`, `["google_x.y"]`. */
function references(value: IacValue): string {
  if (typeof value === 'string') return /^[\w.-]+$/.test(value) ? value : quote(value);
  if (Array.isArray(value)) return `[${value.map(references).join(', ')}]`;
  return 'null';
}

/** A JSON value as an HCL expression: strings are templates (`${…}` interpolations kept). */
function expression(v: IacValue, depth: number): string {
  if (depth > MAX_DEPTH) return 'null';
  if (v === null) return 'null';
  if (typeof v === 'string') return template(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => expression(x, depth + 1)).join(', ')}]`;
  if (isObject(v)) {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${quote(k)} = ${expression(x, depth + 1)}`)
      .join(', ')} }`;
  }
  return 'null';
}

/** A JSON value as a literal HCL expression (variable defaults are not templates). */
function literal(v: IacValue, depth: number): string {
  if (depth > MAX_DEPTH) return 'null';
  if (typeof v === 'string') return `"${escapeLiteral(v).replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{')}"`;
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, depth + 1)).join(', ')}]`;
  if (isObject(v)) {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${quote(k)} = ${literal(x, depth + 1)}`)
      .join(', ')} }`;
  }
  return v === null ? 'null' : String(v);
}

function escapeLiteral(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what must be escaped
  return s.replace(/[\\"\n\r\t\u0000-\u001f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/**
 * A JSON string as an HCL quoted template: the literal parts escaped, `${…}` and `%{…}` sequences kept
 * as written (their inner strings have their own quotes). An unclosed sequence is taken literally.
 */
function template(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = nextSequence(s, i);
    if (open === -1) {
      out += escapeLiteral(s.slice(i));
      break;
    }
    out += escapeLiteral(s.slice(i, open));
    const close = closingBrace(s, open + 2);
    if (close === -1) {
      out += escapeLiteral(s.slice(open)).replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{');
      break;
    }
    out += s.slice(open, close + 1).replace(/\n/g, ' ');
    i = close + 1;
  }
  return `"${out}"`;
}

/** The next `${` or `%{` at or after `from` that is not escaped as `$${` / `%%{`. */
function nextSequence(s: string, from: number): number {
  for (let i = from; i < s.length - 1; i++) {
    const c = s[i];
    if ((c === '$' || c === '%') && s[i + 1] === '{') {
      if (i > 0 && s[i - 1] === c) continue;
      return i;
    }
  }
  return -1;
}

/** The `}` closing an interpolation whose body starts at `from`, skipping nested braces and quoted strings. */
function closingBrace(s: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
