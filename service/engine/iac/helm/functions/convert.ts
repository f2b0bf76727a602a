// Conversions sprig relies on everywhere: strval, cast.ToInt64, cast.ToFloat64, strslice, empty.
import { formatValue } from '../gotemplate/fmt';
import { TemplateError, isTrue } from '../gotemplate/values';

/** sprig's strval: strings as they are, anything else through %v (nil is "<nil>"). */
export function strval(v: unknown): string {
  return typeof v === 'string' ? v : formatValue(v);
}

function trimZeroDecimal(s: string): string {
  const m = /^(-?\d+)\.0+$/.exec(s);
  return m ? m[1] : s;
}

/** cast.ToInt64: numbers truncate, strings parse (base prefixes allowed), anything else is 0. */
export function toInt64(v: unknown): bigint {
  switch (typeof v) {
    case 'bigint':
      return BigInt.asIntN(64, v);
    case 'number':
      return Number.isFinite(v) ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : 0n;
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const s = trimZeroDecimal(v.trim() === v ? v : '');
      const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
      if (!m) return 0n;
      let body = m[2].replace(/_/g, '');
      if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
      const n = BigInt(body.toLowerCase());
      const signed = m[1] === '-' ? -n : n;
      return signed > 0x7fffffffffffffffn || signed < -0x8000000000000000n ? 0n : signed;
    }
  }
  return 0n;
}

export function toFloat64(v: unknown): number {
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(Inf|inf|NaN)$/.test(v)) return 0;
      return Number(v.replace(/inf$/i, 'Infinity'));
    }
  }
  return 0;
}

/** sprig's strslice: a list's non-nil items as strings, nil as no items, anything else as one item. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

export function empty(v: unknown): boolean {
  return !isTrue(v);
}

export function requireList(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new TemplateError(`Cannot ${fn} on type ${v === null ? '<nil>' : typeof v === 'string' ? 'string' : 'map'}`);
}
