// The sprig v3 functions Helm charts use (Helm removes env and expandenv).
import { createHash } from 'node:crypto';
import { formatValue, quoteGo, sprintf } from '../gotemplate/fmt';
import { goFunc, type FuncMap, type GoFunction } from '../gotemplate/functions';
import { GoStruct, TemplateError, deepCopy, deepEqual, goKindName, goTypeName, hasKey, isMap, newMap, type GoMap } from '../gotemplate/values';
import { empty, requireList, strslice, strval, toFloat64, toInt64 } from './convert';
import { formatGoTime, goTime, toGoTime } from './time';
import { compareVersions, parseVersion, semverMatches } from './semver';

/** Lists built by until/untilStep/seq and strings by repeat stay below this, so a loop cannot allocate without bound. */
export const MAX_GENERATED_ITEMS = 1_000_000;

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

export function trimSpace(s: string): string {
  return s.replace(GO_SPACE, '');
}

function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  if (left) while (a < b && set.has(chars[a])) a++;
  if (right) while (b > a && set.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

/** strings.Title: the first letter of each word upper-cased. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/[\p{L}\p{Nd}_]/u.test(prev) && (prev.length > 1 || prev.charCodeAt(0) < 0x80 || /\s/u.test(prev));
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function untitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += /\s/u.test(prev) ? ch.toLowerCase() : ch;
    prev = ch;
  }
  return out;
}

function splitWords(s: string): string[] {
  const words: string[] = [];
  for (const chunk of s.split(/[\s_\-.]+/).filter(Boolean)) {
    const parts = chunk.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^A-Za-z\d]+/g) ?? [chunk];
    words.push(...parts);
  }
  return words;
}

const snakecase = (s: string): string => splitWords(s).map((w) => w.toLowerCase()).join('_');
const kebabcase = (s: string): string => splitWords(s).map((w) => w.toLowerCase()).join('-');
const camelcase = (s: string): string =>
  s
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

function trunc(c: bigint, s: string): string {
  const n = Number(c);
  if (n < 0 && s.length + n > 0) return s.slice(s.length + n);
  if (n >= 0 && s.length > n) return s.slice(0, n);
  return s;
}

function indent(spaces: bigint, v: string): string {
  const pad = ' '.repeat(Math.max(0, Math.min(Number(spaces), MAX_GENERATED_ITEMS)));
  return pad + v.split('\n').join('\n' + pad);
}

function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  if (step === 0n) return out;
  const span = stop > start ? stop - start : start - stop;
  const abs = step > 0n ? step : -step;
  if ((start < stop && step > 0n) || (start > stop && step < 0n)) {
    if (span / abs > BigInt(MAX_GENERATED_ITEMS)) throw new TemplateError(`list of ${span / abs} items exceeds the limit of ${MAX_GENERATED_ITEMS}`);
  }
  if (start < stop && step > 0n) for (let i = start; i < stop; i += step) out.push(i);
  else if (start > stop && step < 0n) for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

function seq(params: bigint[]): string {
  const join = (l: bigint[]): string => l.join(' ');
  switch (params.length) {
    case 0:
      return '';
    case 1: {
      const inc = params[0] < 1n ? -1n : 1n;
      return join(untilStep(1n, params[0] + inc, inc));
    }
    case 2: {
      const inc = params[1] < params[0] ? -1n : 1n;
      return join(untilStep(params[0], params[1] + inc, inc));
    }
    default: {
      const [start, step, end] = params;
      let inc = 1n;
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      return join(untilStep(start, end + inc, step));
    }
  }
}

function dict(args: unknown[]): GoMap {
  const m = newMap();
  for (let i = 0; i < args.length; i += 2) m[strval(args[i])] = i + 1 < args.length ? args[i + 1] : '';
  return m;
}

/** mergo.Merge into dst: nested maps merge; a value is taken from src where dst has none or an empty one (or always, with overwrite, unless src's is empty). */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): GoMap {
  if (depth > 100) throw new TemplateError('merge: maps nested too deeply');
  for (const key of Object.keys(src)) {
    const s = src[key];
    const d = hasKey(dst, key) ? dst[key] : undefined;
    if (isMap(s) && isMap(d)) {
      mergeInto(d, s, overwrite, depth + 1);
      continue;
    }
    if (d === undefined || empty(d) || (overwrite && !empty(s))) dst[key] = s;
  }
  return dst;
}

/** A repeated group whose body starts with a repeated atom or has alternatives, e.g. (a+)+, (\w+\s?)*, (a|aa)*. */
const QUANTIFIED_FIRST_ATOM = /^(?:\\.|\[(?:[^\]\\]|\\.)*\]|[^\\[(|])(?:[+*?]|\{\d)/;

function topLevelAlternation(body: string): boolean {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '[') {
      while (i < body.length && body[i] !== ']') i += body[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Backtracking blows up on nested repetition of ambiguous bodies where Go's RE2 stays linear: refuse those. */
export function hasAmbiguousRepetition(re: string): boolean {
  const starts: number[] = [];
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (c === '[') {
      while (i < re.length && re[i] !== ']') i += re[i] === '\\' ? 2 : 1;
    } else if (c === '(') starts.push(i);
    else if (c === ')') {
      const start = starts.pop();
      if (start === undefined || !/^(?:[+*]|\{\d+,)/.test(re.slice(i + 1))) continue;
      const body = re.slice(start + 1, i).replace(/^\?(?::|P?<\w+>)/, '');
      if (topLevelAlternation(body) || QUANTIFIED_FIRST_ATOM.test(body) || body.startsWith('(')) return true;
    }
  }
  return false;
}

function toGoRegExp(re: string, global: boolean): RegExp {
  if (hasAmbiguousRepetition(re)) throw new TemplateError(`regular expression ${JSON.stringify(re)} has nested repetition; not evaluated`);
  if (/\\[1-9]/.test(re)) throw new TemplateError(`error parsing regexp: invalid escape sequence in ${JSON.stringify(re)}`);
  let flags = global ? 'g' : '';
  let src = re;
  const m = /^\(\?([imsU]+)\)/.exec(src);
  if (m) {
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('m')) flags += 'm';
    if (m[1].includes('s')) flags += 's';
    src = src.slice(m[0].length);
  }
  src = src.replace(/\\z/g, '$').replace(/\\A/g, '^').replace(/\(\?P</g, '(?<');
  return new RegExp(src, flags);
}

function goReplacement(repl: string): string {
  return repl.replace(/\$\{(\w+)\}|\$(\$)|\$(\d+)|\$([A-Za-z_]\w*)/g, (_, braced, dollar, num, name) => {
    if (dollar) return '$$';
    const ref = braced ?? num ?? name;
    return /^\d+$/.test(ref) ? `$${ref}` : `$<${ref}>`;
  });
}

function kindOfList(v: unknown, fn: string): unknown[] {
  if (v === null) throw new TemplateError(`Cannot ${fn} on type <nil>`);
  return requireList(v, fn);
}

const FIXED_RANDOM = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0';
function fixedRandom(n: bigint, alphabet: string): string {
  const count = Math.max(0, Math.min(Number(n), MAX_GENERATED_ITEMS));
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[i % alphabet.length];
  return out;
}

const PLACEHOLDER_PEM = (kind: string): string => `-----BEGIN ${kind}-----\nVklHSUwtUExBQ0VIT0xERVI=\n-----END ${kind}-----`;
function certificate(): GoStruct {
  return new GoStruct('sprig.certificate', { Cert: PLACEHOLDER_PEM('CERTIFICATE'), Key: PLACEHOLDER_PEM('RSA PRIVATE KEY') });
}

function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function pathClean(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const joined = (abs ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(i < 0 ? '' : p.slice(0, i + 1));
}

function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

function b64dec(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return `illegal base64 data at input byte ${Math.max(0, s.search(/[^A-Za-z0-9+/=]/))}`;
  return Buffer.from(s, 'base64').toString('utf8');
}

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function abbrev(width: bigint, s: string): string {
  const w = Number(width);
  if (w < 4 || s.length <= w) return s;
  return s.slice(0, w - 3) + '...';
}

function wrapText(width: bigint, s: string): string {
  const w = Math.max(1, Number(width));
  return s
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      for (const word of line.split(' ').filter(Boolean)) {
        if (cur && cur.length + 1 + word.length > w) {
          out.push(cur);
          cur = word;
        } else cur = cur ? `${cur} ${word}` : word;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

function semverObject(v: string): GoStruct {
  const p = parseVersion(v);
  return new GoStruct('*semver.Version', {
    Major: BigInt(p.major),
    Minor: BigInt(p.minor),
    Patch: BigInt(p.patch),
    Prerelease: p.pre,
    Original: p.original,
  }, () => `${p.major}.${p.minor}.${p.patch}${p.pre ? '-' + p.pre : ''}`);
}

export function sprigFunctions(): FuncMap {
  const f: Record<string, GoFunction> = {
    // Defaults and flow.
    default: goFunc('a ...a', ([d, ...given]) => (given.length === 0 || empty(given[0]) ? d : given[0])),
    empty: goFunc('a', ([v]) => empty(v)),
    coalesce: goFunc('...a', (args) => args.find((a) => !empty(a)) ?? null),
    all: goFunc('...a', (args) => args.every((a) => !empty(a))),
    any: goFunc('...a', (args) => args.some((a) => !empty(a))),
    ternary: goFunc('a a b', ([t, f2, c]) => (c ? t : f2)),
    fail: goFunc('s', ([msg]) => {
      throw new TemplateError(msg as string);
    }),
    compact: goFunc('a', ([l]) => kindOfList(l, 'compact').filter((x) => !empty(x))),
    // Strings.
    quote: goFunc('...a', (args) => args.filter((a) => a !== null).map((a) => quoteGo(strval(a))).join(' ')),
    squote: goFunc('...a', (args) => args.filter((a) => a !== null).map((a) => `'${strval(a)}'`).join(' ')),
    cat: goFunc('...a', (args) => args.filter((a) => a !== null).map((a) => formatValue(a)).join(' ')),
    trim: goFunc('s', ([s]) => trimSpace(s as string)),
    trimAll: goFunc('s s', ([c, s]) => trimCutset(s as string, c as string, true, true)),
    trimSuffix: goFunc('s s', ([a, b]) => ((b as string).endsWith(a as string) && a !== '' ? (b as string).slice(0, -(a as string).length) : b)),
    trimPrefix: goFunc('s s', ([a, b]) => ((b as string).startsWith(a as string) ? (b as string).slice((a as string).length) : b)),
    upper: goFunc('s', ([s]) => (s as string).toUpperCase()),
    lower: goFunc('s', ([s]) => (s as string).toLowerCase()),
    title: goFunc('s', ([s]) => title(s as string)),
    untitle: goFunc('s', ([s]) => untitle(s as string)),
    swapcase: goFunc('s', ([s]) => [...(s as string)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
    repeat: goFunc('i s', ([n, s]) => {
      const count = Number(n);
      if (count < 0) throw new TemplateError('strings: negative Repeat count');
      if (count * (s as string).length > MAX_GENERATED_ITEMS * 5) throw new TemplateError('repeat: result exceeds the output limit');
      return (s as string).repeat(count);
    }),
    substr: goFunc('i i s', ([a, b, s]) => {
      const str = s as string;
      const start = Number(a);
      const end = Number(b);
      if (start < 0) return str.slice(0, end);
      if (end < 0 || end > str.length) return str.slice(start);
      return str.slice(start, end);
    }),
    nospace: goFunc('s', ([s]) => (s as string).replace(/\s/gu, '')),
    trunc: goFunc('i s', ([c, s]) => trunc(c as bigint, s as string)),
    abbrev: goFunc('i s', ([w, s]) => abbrev(w as bigint, s as string)),
    initials: goFunc('s', ([s]) => (s as string).split(/\s+/).filter(Boolean).map((w) => w[0]).join('')),
    wrap: goFunc('i s', ([w, s]) => wrapText(w as bigint, s as string)),
    contains: goFunc('s s', ([sub, s]) => (s as string).includes(sub as string)),
    hasPrefix: goFunc('s s', ([p, s]) => (s as string).startsWith(p as string)),
    hasSuffix: goFunc('s s', ([p, s]) => (s as string).endsWith(p as string)),
    replace: goFunc('s s s', ([o, n, s]) => (o === '' ? (s as string) : (s as string).split(o as string).join(n as string))),
    plural: goFunc('s s i', ([one, many, n]) => (n === 1n ? one : many)),
    snakecase: goFunc('s', ([s]) => snakecase(s as string)),
    camelcase: goFunc('s', ([s]) => camelcase(s as string)),
    kebabcase: goFunc('s', ([s]) => kebabcase(s as string)),
    shuffle: goFunc('s', ([s]) => s),
    indent: goFunc('i s', ([n, s]) => indent(n as bigint, s as string)),
    nindent: goFunc('i s', ([n, s]) => '\n' + indent(n as bigint, s as string)),
    toString: goFunc('a', ([v]) => strval(v)),
    toStrings: goFunc('a', ([v]) => strslice(v)),
    join: goFunc('s a', ([sep, v]) => strslice(v).join(sep as string)),
    split: goFunc('s s', ([sep, s]) => {
      const m = newMap();
      (s as string).split(sep as string).forEach((p, i) => (m[`_${i}`] = p));
      return m;
    }),
    splitList: goFunc('s s', ([sep, s]) => (s as string).split(sep as string)),
    splitn: goFunc('s i s', ([sep, n, s]) => {
      const m = newMap();
      const parts = (s as string).split(sep as string);
      const count = Number(n);
      const limited = count > 0 && parts.length > count ? [...parts.slice(0, count - 1), parts.slice(count - 1).join(sep as string)] : parts;
      if (count !== 0) limited.forEach((p, i) => (m[`_${i}`] = p));
      return m;
    }),
    sortAlpha: goFunc('a', ([v]) => strslice(v).sort()),
    printf: goFunc('s ...a', ([fmt, ...args]) => sprintf(fmt as string, args)),
    // Numbers.
    int: goFunc('a', ([v]) => toInt64(v)),
    int64: goFunc('a', ([v]) => toInt64(v)),
    float64: goFunc('a', ([v]) => toFloat64(v)),
    toDecimal: goFunc('a', ([v]) => {
      const s = strval(v);
      return /^[0-7]+$/.test(s) ? BigInt('0o' + s) : 0n;
    }),
    atoi: goFunc('s', ([s]) => (/^[+-]?\d+$/.test(s as string) ? toInt64(s) : 0n)),
    add: goFunc('...a', (args) => BigInt.asIntN(64, args.reduce<bigint>((acc, a) => acc + toInt64(a), 0n))),
    add1: goFunc('a', ([a]) => BigInt.asIntN(64, toInt64(a) + 1n)),
    sub: goFunc('a a', ([a, b]) => BigInt.asIntN(64, toInt64(a) - toInt64(b))),
    mul: goFunc('a ...a', ([a, ...rest]) => BigInt.asIntN(64, rest.reduce<bigint>((acc, x) => acc * toInt64(x), toInt64(a)))),
    div: goFunc('a a', ([a, b]) => {
      if (toInt64(b) === 0n) throw new TemplateError('runtime error: integer divide by zero');
      return toInt64(a) / toInt64(b);
    }),
    mod: goFunc('a a', ([a, b]) => {
      if (toInt64(b) === 0n) throw new TemplateError('runtime error: integer divide by zero');
      return toInt64(a) % toInt64(b);
    }),
    max: goFunc('a ...a', ([a, ...rest]) => rest.map(toInt64).reduce((m, x) => (x > m ? x : m), toInt64(a))),
    min: goFunc('a ...a', ([a, ...rest]) => rest.map(toInt64).reduce((m, x) => (x < m ? x : m), toInt64(a))),
    addf: goFunc('...a', (args) => args.reduce<number>((acc, a) => acc + toFloat64(a), 0)),
    add1f: goFunc('a', ([a]) => toFloat64(a) + 1),
    subf: goFunc('a ...a', ([a, ...rest]) => rest.reduce<number>((acc, x) => acc - toFloat64(x), toFloat64(a))),
    mulf: goFunc('a ...a', ([a, ...rest]) => rest.reduce<number>((acc, x) => acc * toFloat64(x), toFloat64(a))),
    divf: goFunc('a ...a', ([a, ...rest]) => rest.reduce<number>((acc, x) => acc / toFloat64(x), toFloat64(a))),
    maxf: goFunc('a ...a', ([a, ...rest]) => Math.max(toFloat64(a), ...rest.map(toFloat64))),
    minf: goFunc('a ...a', ([a, ...rest]) => Math.min(toFloat64(a), ...rest.map(toFloat64))),
    floor: goFunc('a', ([a]) => Math.floor(toFloat64(a))),
    ceil: goFunc('a', ([a]) => Math.ceil(toFloat64(a))),
    round: goFunc('a i ...f', ([a, p, r]) => {
      const pow = 10 ** Number(p);
      const x = toFloat64(a) * pow;
      const roundOn = typeof r === 'number' ? r : 0.5;
      const whole = Math.trunc(x);
      return (Math.abs(x - whole) >= roundOn ? whole + Math.sign(x) : whole) / pow;
    }),
    until: goFunc('i', ([n]) => untilStep(0n, n as bigint, (n as bigint) < 0n ? -1n : 1n)),
    untilStep: goFunc('i i i', ([a, b, c]) => untilStep(a as bigint, b as bigint, c as bigint)),
    seq: goFunc('...i', (args) => seq(args as bigint[])),
    // Lists.
    list: goFunc('...a', (args) => [...args]),
    tuple: goFunc('...a', (args) => [...args]),
    first: goFunc('a', ([l]) => kindOfList(l, 'first')[0] ?? null),
    last: goFunc('a', ([l]) => {
      const list = kindOfList(l, 'last');
      return list.length ? list[list.length - 1] : null;
    }),
    rest: goFunc('a', ([l]) => (kindOfList(l, 'rest').length ? (l as unknown[]).slice(1) : null)),
    initial: goFunc('a', ([l]) => (kindOfList(l, 'initial').length ? (l as unknown[]).slice(0, -1) : null)),
    append: goFunc('a a', ([l, v]) => [...kindOfList(l, 'push'), v]),
    push: goFunc('a a', ([l, v]) => [...kindOfList(l, 'push'), v]),
    prepend: goFunc('a a', ([l, v]) => [v, ...kindOfList(l, 'prepend')]),
    concat: goFunc('...a', (lists) => lists.flatMap((l) => kindOfList(l, 'concat'))),
    reverse: goFunc('a', ([l]) => [...kindOfList(l, 'reverse')].reverse()),
    uniq: goFunc('a', ([l]) => kindOfList(l, 'uniq').filter((x, i, arr) => arr.findIndex((y) => deepEqual(x, y)) === i)),
    without: goFunc('a ...a', ([l, ...omit]) => kindOfList(l, 'without').filter((x) => !omit.some((o) => deepEqual(o, x)))),
    has: goFunc('a a', ([needle, hay]) => (hay === null ? false : kindOfList(hay, 'has').some((x) => deepEqual(x, needle)))),
    chunk: goFunc('i a', ([size, l]) => {
      const list = kindOfList(l, 'chunk');
      const n = Math.max(1, Number(size));
      const out: unknown[] = [];
      for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
      return out;
    }),
    slice: goFunc('a ...a', ([l, ...idx]) => {
      const list = kindOfList(l, 'slice');
      const start = idx.length > 0 ? Number(toInt64(idx[0])) : 0;
      const end = idx.length > 1 ? Number(toInt64(idx[1])) : list.length;
      return list.slice(start, end);
    }),
    // Maps.
    dict: goFunc('...a', (args) => dict(args)),
    set: goFunc('m s a', ([m, k, v]) => {
      (m as GoMap)[k as string] = v;
      return m;
    }),
    unset: goFunc('m s', ([m, k]) => {
      delete (m as GoMap)[k as string];
      return m;
    }),
    hasKey: goFunc('m s', ([m, k]) => m !== null && hasKey(m as GoMap, k as string)),
    get: goFunc('m s', ([m, k]) => (m !== null && hasKey(m as GoMap, k as string) ? (m as GoMap)[k as string] : '')),
    keys: goFunc('...m', (maps) => maps.flatMap((m) => (m ? Object.keys(m as GoMap) : [])).sort()),
    values: goFunc('m', ([m]) => (m ? Object.keys(m as GoMap).sort().map((k) => (m as GoMap)[k]) : [])),
    pluck: goFunc('s ...m', ([k, ...maps]) => maps.filter((m) => m !== null && hasKey(m as GoMap, k as string)).map((m) => (m as GoMap)[k as string])),
    pick: goFunc('m ...s', ([m, ...keys]) => {
      const out = newMap();
      for (const k of keys as string[]) if (m && hasKey(m as GoMap, k)) out[k] = (m as GoMap)[k];
      return out;
    }),
    omit: goFunc('m ...s', ([m, ...keys]) => {
      const out = newMap();
      for (const k of Object.keys((m as GoMap) ?? {})) if (!(keys as string[]).includes(k)) out[k] = (m as GoMap)[k];
      return out;
    }),
    merge: goFunc('m ...m', ([dst, ...srcs]) => srcs.reduce<GoMap>((d, s) => (s ? mergeInto(d, s as GoMap, false) : d), (dst as GoMap) ?? newMap())),
    mergeOverwrite: goFunc('m ...m', ([dst, ...srcs]) => srcs.reduce<GoMap>((d, s) => (s ? mergeInto(d, s as GoMap, true) : d), (dst as GoMap) ?? newMap())),
    deepCopy: goFunc('a', ([v]) => deepCopy(v)),
    dig: goFunc('a ...a', (args) => {
      if (args.length < 3) throw new TemplateError('dig needs at least three arguments');
      const m = args[args.length - 1];
      const def = args[args.length - 2];
      let cur: unknown = m;
      for (const k of args.slice(0, -2)) {
        if (!isMap(cur) || !hasKey(cur, strval(k))) return def;
        cur = cur[strval(k)];
      }
      return cur;
    }),
    // Encodings and hashes.
    b64enc: goFunc('s', ([s]) => Buffer.from(s as string, 'utf8').toString('base64')),
    b64dec: goFunc('s', ([s]) => b64dec(s as string)),
    b32enc: goFunc('s', ([s]) => base32(s as string)),
    sha256sum: goFunc('s', ([s]) => createHash('sha256').update(s as string, 'utf8').digest('hex')),
    sha1sum: goFunc('s', ([s]) => createHash('sha1').update(s as string, 'utf8').digest('hex')),
    sha512sum: goFunc('s', ([s]) => createHash('sha512').update(s as string, 'utf8').digest('hex')),
    adler32sum: goFunc('s', ([s]) => String(adler32(s as string))),
    // Regular expressions.
    regexMatch: goFunc('s s', ([re, s]) => {
      try {
        return toGoRegExp(re as string, false).test(s as string);
      } catch {
        return false;
      }
    }),
    mustRegexMatch: goFunc('s s', ([re, s]) => toGoRegExp(re as string, false).test(s as string)),
    regexFind: goFunc('s s', ([re, s]) => toGoRegExp(re as string, false).exec(s as string)?.[0] ?? ''),
    regexFindAll: goFunc('s s i', ([re, s, n]) => {
      const all = [...(s as string).matchAll(toGoRegExp(re as string, true))].map((m) => m[0]);
      return Number(n) < 0 ? all : all.slice(0, Number(n));
    }),
    regexReplaceAll: goFunc('s s s', ([re, s, repl]) => (s as string).replace(toGoRegExp(re as string, true), goReplacement(repl as string))),
    regexReplaceAllLiteral: goFunc('s s s', ([re, s, repl]) => (s as string).replace(toGoRegExp(re as string, true), () => repl as string)),
    regexSplit: goFunc('s s i', ([re, s, n]) => {
      const parts = (s as string).split(toGoRegExp(re as string, true));
      return Number(n) < 0 ? parts : parts.slice(0, Number(n));
    }),
    regexQuoteMeta: goFunc('s', ([s]) => (s as string).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
    // Types.
    kindOf: goFunc('a', ([v]) => goKindName(v)),
    kindIs: goFunc('s a', ([k, v]) => goKindName(v) === k),
    typeOf: goFunc('a', ([v]) => goTypeName(v)),
    typeIs: goFunc('s a', ([t, v]) => goTypeName(v) === t),
    typeIsLike: goFunc('s a', ([t, v]) => goTypeName(v) === t || `*${goTypeName(v)}` === t),
    deepEqual: goFunc('a a', ([a, b]) => deepEqual(a, b)),
    // Semantic versions.
    semver: goFunc('s', ([v]) => semverObject(v as string)),
    semverCompare: goFunc('s s', ([c, v]) => semverMatches(c as string, v as string)),
    // Dates (a fixed clock keeps renders reproducible).
    now: goFunc('', () => goTime(0)),
    date: goFunc('s a', ([fmt, d]) => formatGoTime(toGoTime(d), fmt as string)),
    dateInZone: goFunc('s a s', ([fmt, d]) => formatGoTime(toGoTime(d), fmt as string)),
    htmlDate: goFunc('a', ([d]) => formatGoTime(toGoTime(d), '2006-01-02')),
    htmlDateInZone: goFunc('a s', ([d]) => formatGoTime(toGoTime(d), '2006-01-02')),
    unixEpoch: goFunc('a', ([d]) => String(Math.floor(toGoTime(d) / 1000))),
    dateModify: goFunc('s a', ([, d]) => goTime(toGoTime(d))),
    toDate: goFunc('s s', ([, s]) => goTime(Number.isNaN(Date.parse(s as string)) ? 0 : Date.parse(s as string))),
    ago: goFunc('a', () => '0s'),
    // Paths.
    base: goFunc('s', ([p]) => pathBase(p as string)),
    dir: goFunc('s', ([p]) => pathDir(p as string)),
    clean: goFunc('s', ([p]) => pathClean(p as string)),
    ext: goFunc('s', ([p]) => pathExt(p as string)),
    isAbs: goFunc('s', ([p]) => (p as string).startsWith('/')),
    // Deterministic stand-ins for randomness and crypto.
    randAlphaNum: goFunc('i', ([n]) => fixedRandom(n as bigint, FIXED_RANDOM)),
    randAlpha: goFunc('i', ([n]) => fixedRandom(n as bigint, 'aBcDeFgHiJkLmNoPqRsT')),
    randNumeric: goFunc('i', ([n]) => fixedRandom(n as bigint, '1234567890')),
    randAscii: goFunc('i', ([n]) => fixedRandom(n as bigint, FIXED_RANDOM)),
    randInt: goFunc('i i', ([a]) => a),
    uuidv4: goFunc('', () => '00000000-0000-4000-8000-000000000000'),
    genCA: goFunc('s i', () => certificate()),
    genCAWithKey: goFunc('s i s', () => certificate()),
    genSelfSignedCert: goFunc('s l l i', () => certificate()),
    genSelfSignedCertWithKey: goFunc('s l l i s', () => certificate()),
    genSignedCert: goFunc('s l l i a', () => certificate()),
    genSignedCertWithKey: goFunc('s l l i a s', () => certificate()),
    genPrivateKey: goFunc('s', () => PLACEHOLDER_PEM('RSA PRIVATE KEY')),
    htpasswd: goFunc('s s', ([u]) => `${u as string}:$2a$10$VIGILPLACEHOLDERHASHxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`),
    derivePassword: goFunc('i s s s s', () => 'VigilPlaceholderPassword'),
    encryptAES: goFunc('s s', ([, s]) => Buffer.from(s as string).toString('base64')),
    decryptAES: goFunc('s s', ([, s]) => Buffer.from(s as string, 'base64').toString('utf8')),
    // Versions in semver order, for sortAlpha-like uses of semver lists.
    semverSort: goFunc('a', ([l]) => strslice(l).sort((a, b) => compareVersions(parseVersion(a), parseVersion(b)))),
  };
  // must* variants: the same functions; ours already report errors instead of returning partial values.
  for (const name of MUST_ALIASES) if (f[name]) f['must' + name.charAt(0).toUpperCase() + name.slice(1)] ??= f[name];
  return new Map(Object.entries(f));
}

const MUST_ALIASES = [
  'append',
  'push',
  'prepend',
  'first',
  'last',
  'rest',
  'initial',
  'uniq',
  'without',
  'has',
  'compact',
  'reverse',
  'slice',
  'chunk',
  'merge',
  'mergeOverwrite',
  'deepCopy',
  'regexFind',
  'regexFindAll',
  'regexReplaceAll',
  'regexReplaceAllLiteral',
  'regexSplit',
  'dateModify',
  'toDate',
];

function base32(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = Buffer.from(s, 'utf8');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}
