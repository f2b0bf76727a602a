// Go's fmt package as far as templates use it: Sprint, Sprintln, Sprintf and the %v formatting of values.
import { GoStruct, goTypeName, isMap, sortedKeys } from './values';

/** strconv.FormatFloat(f, 'g', -1, 64), the shortest representation as %v prints it. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 21 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(f);
}

/** The %v form of a value (fmt.Sprint of one operand). */
export function formatValue(v: unknown, verb = 'v'): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloat(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'function':
      return '0x0';
  }
  if (Array.isArray(v)) return '[' + v.map((x) => formatOperand(x, verb)).join(' ') + ']';
  if (v instanceof GoStruct) {
    if (v.stringer) return v.stringer();
    return '{' + Object.values(v.fields).filter((x) => typeof x !== 'function').map((x) => formatOperand(x, verb)).join(' ') + '}';
  }
  if (isMap(v)) return 'map[' + sortedKeys(v).map((k) => `${formatOperand(k, verb)}:${formatOperand(v[k], verb)}`).join(' ') + ']';
  return String(v);
}

function formatOperand(v: unknown, verb: string): string {
  if (verb === 'v') return formatValue(v);
  return formatVerb(v, verb, defaultSpec());
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

export function sprintln(args: unknown[]): string {
  return args.map((a) => formatValue(a)).join(' ') + '\n';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  precision?: number;
}

function defaultSpec(): Spec {
  return { minus: false, plus: false, sharp: false, space: false, zero: false };
}

/** strconv.Quote. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0x2028 || c === 0x2029 || c === 0xad || (c >= 0xd800 && c < 0xe000)) {
      out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  if (spec.minus) return s + ' '.repeat(width - len);
  if (spec.zero && numeric) {
    const sign = s.startsWith('-') || s.startsWith('+') ? s[0] : '';
    return sign + '0'.repeat(width - len) + s.slice(sign.length);
  }
  return ' '.repeat(width - len) + s;
}

function badVerb(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function signed(s: string, spec: Spec, negative: boolean): string {
  if (negative) return s;
  if (spec.plus) return '+' + s;
  if (spec.space) return ' ' + s;
  return s;
}

function formatInteger(n: bigint, verb: string, spec: Spec): string {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  switch (verb) {
    case 'd':
    case 'v':
      digits = abs.toString(10);
      break;
    case 'x':
      digits = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      digits = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'o':
      digits = (spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'O':
      digits = '0o' + abs.toString(8);
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(abs)), spec, false);
    case 'q':
      return pad(`'${String.fromCodePoint(Number(abs))}'`, spec, false);
    case 'U':
      return pad('U+' + abs.toString(16).toUpperCase().padStart(4, '0'), spec, false);
    default:
      return badVerb(verb, n);
  }
  if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
  return pad(signed((neg ? '-' : '') + digits, spec, neg), spec, spec.precision === undefined);
}

function formatFloatVerb(f: number, verb: string, spec: Spec): string {
  let s: string;
  const p = spec.precision;
  if (!Number.isFinite(f)) {
    s = Number.isNaN(f) ? 'NaN' : f > 0 ? (spec.plus ? '+Inf' : 'Inf') : '-Inf';
    return pad(s, { ...spec, zero: false }, false);
  }
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = p === undefined ? formatFloat(f) : formatFloatPrecision(f, p);
      if (verb === 'G') s = s.toUpperCase();
      break;
    case 'f':
    case 'F':
      s = f.toFixed(p ?? 6);
      break;
    case 'e':
    case 'E': {
      const [m, e] = f.toExponential(p ?? 6).split('e');
      const exp = Number(e);
      s = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
      if (verb === 'E') s = s.toUpperCase();
      break;
    }
    default:
      return badVerb(verb, f);
  }
  return pad(signed(s, spec, s.startsWith('-')), spec, true);
}

function formatFloatPrecision(f: number, p: number): string {
  const prec = p === 0 ? 1 : p;
  const [m, e] = f.toExponential(prec - 1).split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= prec) {
    const trimmed = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    return `${trimmed}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = f.toFixed(Math.max(prec - 1 - exp, 0));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

function formatString(s: string, verb: string, spec: Spec): string {
  if (spec.precision !== undefined && verb !== 'x' && verb !== 'X') s = [...s].slice(0, spec.precision).join('');
  switch (verb) {
    case 's':
    case 'v':
      return pad(s, spec, false);
    case 'q':
      return pad(spec.sharp && !s.includes('`') ? '`' + s + '`' : quoteGo(s), spec, false);
    case 'x':
    case 'X': {
      let hex = Buffer.from(s, 'utf8').toString('hex');
      if (verb === 'X') hex = hex.toUpperCase();
      return pad(hex, spec, false);
    }
    default:
      return badVerb(verb, s);
  }
}

/** One operand formatted with one verb. */
export function formatVerb(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec, false);
  if (v === null || v === undefined) return verb === 'v' ? pad('<nil>', spec, false) : badVerb(verb, v);
  switch (typeof v) {
    case 'string':
      return formatString(v, verb, spec);
    case 'bigint':
      return formatInteger(v, verb, spec);
    case 'number':
      return formatFloatVerb(v, verb, spec);
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(String(v), spec, false) : badVerb(verb, v);
  }
  if (Array.isArray(v)) return pad('[' + v.map((x) => formatVerb(x, verb, defaultSpec())).join(' ') + ']', spec, false);
  if (v instanceof GoStruct) return pad(formatValue(v), spec, false);
  if (isMap(v)) {
    const inner = sortedKeys(v).map((k) => `${formatVerb(k, verb, defaultSpec())}:${formatVerb(v[k], verb, defaultSpec())}`);
    return pad('map[' + inner.join(' ') + ']', spec, false);
  }
  return pad(String(v), spec, false);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec = defaultSpec();
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    const readNumber = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argIndex++];
        return typeof a === 'bigint' ? Number(a) : undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNumber();
    if (format[i] === '.') {
      i++;
      spec.precision = readNumber() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatVerb(args[argIndex++], verb, spec);
  }
  if (argIndex < args.length) {
    const extra = args.slice(argIndex).map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
