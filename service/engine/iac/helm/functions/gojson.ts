// encoding/json as Helm's toJson uses it: sorted keys, HTML-safe escaping, Go's float format.
import { formatFloat } from '../gotemplate/fmt';
import { GoStruct, TemplateError, isMap, sortedKeys } from '../gotemplate/values';

export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c < 0xe000) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** Go's float64 JSON form: plain digits between 1e-6 and 1e21, exponent form (e-7, e+21) outside. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new TemplateError(`json: unsupported value: ${formatFloat(f)}`);
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return formatFloat(f).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return String(f);
}

/** A value as JSON sees it: structs become their exported fields, time as RFC 3339. */
export function jsonValue(v: unknown): unknown {
  if (v instanceof GoStruct) {
    if (v.typeName === 'time.Time') return new Date(v.fields.unixMilli as number).toISOString().replace('.000Z', 'Z');
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v.fields)) if (typeof x !== 'function' && /^[A-Z]/.test(k)) out[k] = x;
    return out;
  }
  return v;
}

export function marshalJson(v: unknown, indent = '', depth = 0): string {
  if (depth > 1000) throw new TemplateError('json: value nested too deeply');
  v = jsonValue(v);
  const nl = indent ? '\n' + indent.repeat(depth + 1) : '';
  const close = indent ? '\n' + indent.repeat(depth) : '';
  const colon = indent ? ': ' : ':';
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return jsonFloat(v);
    case 'boolean':
      return String(v);
    case 'function':
      throw new TemplateError('json: unsupported type: func()');
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[' + v.map((x) => nl + marshalJson(x, indent, depth + 1)).join(',') + close + ']';
  }
  if (isMap(v)) {
    const keys = sortedKeys(v);
    if (keys.length === 0) return '{}';
    return '{' + keys.map((k) => nl + jsonString(k) + colon + marshalJson(v[k], indent, depth + 1)).join(',') + close + '}';
  }
  return 'null';
}

/** encoding/json's Unmarshal into interface{}: numbers are float64. */
export function unmarshalJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}
