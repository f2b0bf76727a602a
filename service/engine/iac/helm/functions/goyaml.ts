// YAML as Helm reads and writes it: sigs.k8s.io/yaml (JSON round trip, then go-yaml v2's emitter).
import { parseAllDocuments, type Document } from 'yaml';
import { formatFloat } from '../gotemplate/fmt';
import { TemplateError, isMap, sortedKeys, type GoMap } from '../gotemplate/values';
import { jsonValue } from './gojson';

const BEST_WIDTH = 80;
const MAX_DEPTH = 1000;

// ---- resolving: would a plain scalar read back as something other than a string? ----

const RESOLVE_NON_STRING = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'],
  ...['on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', ''],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<'],
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

function goParseIntBase0(s: string): boolean {
  return /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.test(s);
}

function resolvesToNonString(s: string): boolean {
  if (RESOLVE_NON_STRING.has(s)) return true;
  const c = s[0];
  if (/[0-9+\-.]/.test(c)) {
    if (TIMESTAMP.test(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParseIntBase0(plain)) return true;
    if (YAML_FLOAT.test(plain)) return true;
    if (/^-?0[bB][01]+$/.test(plain)) return true;
  }
  return BASE60_FLOAT.test(s);
}

// ---- scalar analysis (yaml_emitter_analyze_scalar) ----

const isBreak = (c: string | undefined): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) return true;
  return false;
}

interface Analysis {
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  multiline: boolean;
}

function analyze(value: string): Analysis {
  if (value.length === 0) return { blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false, multiline: false };
  const chars = [...value];
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if ((value.startsWith('---') || value.startsWith('...')) && isBlankz(chars[3])) blockIndicators = true;
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankz(chars[1]);
  chars.forEach((c, i) => {
    const last = i === chars.length - 1;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
    followedByWhitespace = isBlankz(chars[i + 2]);
  });
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = blockAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { blockPlainAllowed, singleQuotedAllowed, blockAllowed, multiline: lineBreaks };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function selectStyle(s: string, simpleKey: boolean): Style {
  const a = analyze(s);
  let style: Style = s.includes('\n') ? 'literal' : resolvesToNonString(s) ? 'double' : 'plain';
  if (style === 'plain') {
    if (!a.blockPlainAllowed || (s.length === 0 && simpleKey)) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

// ---- writer ----

class Writer {
  out = '';
  column = 0;

  write(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl >= 0 ? [...s.slice(nl + 1)].length : this.column + [...s].length;
  }

  newlineIndent(indent: number): void {
    this.write('\n' + ' '.repeat(indent));
  }
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function writeScalar(w: Writer, s: string, indent: number, simpleKey: boolean): void {
  const style = selectStyle(s, simpleKey);
  const allowBreaks = !simpleKey;
  const chars = [...s];
  switch (style) {
    case 'plain': {
      let spaces = false;
      chars.forEach((c, i) => {
        if (c === ' ') {
          if (allowBreaks && !spaces && w.column > BEST_WIDTH && chars[i + 1] !== ' ') w.newlineIndent(indent);
          else w.write(c);
          spaces = true;
        } else {
          w.write(c);
          spaces = false;
        }
      });
      return;
    }
    case 'single': {
      w.write("'");
      let spaces = false;
      chars.forEach((c, i) => {
        if (c === ' ') {
          if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') w.newlineIndent(indent);
          else w.write(c);
          spaces = true;
        } else {
          w.write(c === "'" ? "''" : c);
          spaces = false;
        }
      });
      w.write("'");
      return;
    }
    case 'double': {
      w.write('"');
      let spaces = false;
      chars.forEach((c, i) => {
        const cp = c.codePointAt(0) as number;
        if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
          const e = DOUBLE_ESCAPES[c];
          if (e) w.write('\\' + e);
          else if (cp <= 0xff) w.write('\\x' + cp.toString(16).toUpperCase().padStart(2, '0'));
          else if (cp <= 0xffff) w.write('\\u' + cp.toString(16).toUpperCase().padStart(4, '0'));
          else w.write('\\U' + cp.toString(16).toUpperCase().padStart(8, '0'));
          spaces = false;
        } else if (c === ' ') {
          if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
            w.newlineIndent(indent);
            if (chars[i + 1] === ' ') w.write('\\');
          } else w.write(c);
          spaces = true;
        } else {
          w.write(c);
          spaces = false;
        }
      });
      w.write('"');
      return;
    }
    case 'literal': {
      let hint = '';
      if (s[0] === ' ' || isBreak(s[0])) hint += '2';
      if (!isBreak(s[s.length - 1])) hint += '-';
      else if (s.length === 1 || isBreak(s[s.length - 2])) hint += '+';
      w.write('|' + hint);
      for (const line of s.split('\n').slice(0, s.endsWith('\n') ? -1 : undefined)) {
        if (line === '') w.write('\n');
        else {
          w.newlineIndent(indent);
          w.write(line);
        }
      }
      return;
    }
  }
}

/** A value after sigs.k8s.io/yaml's JSON round trip: integral floats become ints, structs become maps. */
function scalarText(v: unknown): string | undefined {
  v = jsonValue(v);
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      if (!Number.isFinite(v)) throw new TemplateError(`json: unsupported value: ${formatFloat(v)}`);
      // go-yaml reads back JSON's integral digits as an int only when they fit 64 bits.
      if (Number.isInteger(v) && v < 2 ** 64 && v >= -(2 ** 63)) return String(v);
      return formatFloat(v);
    case 'boolean':
      return String(v);
  }
  return undefined;
}

function isEmptyCollection(v: unknown): string | undefined {
  v = jsonValue(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isMap(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

/** Write a value that sits after "key:" or "- " (on the same line when scalar). */
function writeValue(w: Writer, v: unknown, indent: number, inSequence: boolean, depth: number): void {
  if (depth > MAX_DEPTH) throw new TemplateError('yaml: value nested too deeply');
  v = jsonValue(v);
  const scalar = scalarText(v);
  if (scalar !== undefined) {
    w.write(' ' + scalar);
    return;
  }
  if (typeof v === 'string') {
    w.write(' ');
    writeScalar(w, v, indent + 2, false);
    return;
  }
  const emptyText = isEmptyCollection(v);
  if (emptyText) {
    w.write(' ' + emptyText);
    return;
  }
  if (Array.isArray(v)) {
    if (inSequence) {
      w.write(' ');
      writeSequence(w, v, indent + 2, true, depth + 1);
    } else writeSequence(w, v, indent, false, depth + 1);
    return;
  }
  if (inSequence) {
    w.write(' ');
    writeMapping(w, v as GoMap, indent + 2, true, depth + 1);
  } else writeMapping(w, v as GoMap, indent + 2, false, depth + 1);
}

function writeMapping(w: Writer, m: GoMap, indent: number, sameLine: boolean, depth: number): void {
  sortedKeys(m).forEach((key, i) => {
    if (!(sameLine && i === 0) && w.out.length > 0) w.newlineIndent(indent);
    writeScalar(w, key, indent, true);
    w.write(':');
    writeValue(w, m[key], indent, false, depth);
  });
}

function writeSequence(w: Writer, l: unknown[], indent: number, sameLine: boolean, depth: number): void {
  l.forEach((item, i) => {
    if (!(sameLine && i === 0) && w.out.length > 0) w.newlineIndent(indent);
    w.write('-');
    writeValue(w, item, indent, true, depth);
  });
}

/** sigs.k8s.io/yaml.Marshal, without the final newline (Helm's toYaml trims it). */
export function toGoYaml(v: unknown): string {
  const w = new Writer();
  v = jsonValue(v);
  const scalar = scalarText(v);
  if (scalar !== undefined) return scalar;
  if (typeof v === 'string') {
    writeScalar(w, v, 2, false);
    return w.out;
  }
  const emptyText = isEmptyCollection(v);
  if (emptyText) return emptyText;
  if (Array.isArray(v)) writeSequence(w, v, 0, false, 0);
  else writeMapping(w, v as GoMap, 0, false, 0);
  return w.out;
}

// ---- reading ----

function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'number') return Number.isInteger(k) ? String(k) : formatFloat(k);
  if (typeof k === 'object') return JSON.stringify(k);
  return String(k);
}

/** The value model of a parsed YAML document: maps with string keys, numbers as float64, timestamps kept as strings. */
function toGoValue(v: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new TemplateError('yaml: value nested too deeply');
  if (v === undefined || v === null) return null;
  if (v instanceof Map) {
    const m: GoMap = {};
    for (const [k, x] of v) m[keyString(k)] = toGoValue(x, depth + 1);
    return m;
  }
  if (Array.isArray(v)) return v.map((x) => toGoValue(x, depth + 1));
  if (v instanceof Set) return [...v].map((x) => toGoValue(x, depth + 1));
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object') {
    const m: GoMap = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m[k] = toGoValue(x, depth + 1);
    return m;
  }
  return v;
}

function firstDocument(text: string): Document.Parsed | undefined {
  const docs = parseAllDocuments(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    // go-yaml v2 reads timestamps and base-60 numbers ("12:30") as strings when decoding into interface{}.
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
  });
  if (!Array.isArray(docs)) return undefined;
  return docs[0];
}

/** sigs.k8s.io/yaml.Unmarshal into interface{}. Throws with go-yaml's style of message on bad input. */
export function parseGoYaml(text: string): unknown {
  const doc = firstDocument(text);
  if (!doc) return null;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new TemplateError(`error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${e.message.split('\n')[0]}`);
  }
  const js = doc.toJS({ mapAsMap: true, maxAliasCount: 1000 });
  return toGoValue(js);
}
