// Strings the engine builds: literal text, HTML markup around a value, and whether a URL's scheme
// and host stay the program's.
import type { Node } from 'estree';
import { unwrap } from './guards';
import type { Taint } from './values';

export const HTML = /<[a-zA-Z!/]/;
/** A constant scheme and host ('https://api.example.com/…') or a site-relative path ('/users/…', not '//'). */
export const FIXED_PREFIX = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#${}]+[/?#]|\/[^/\\])/i;
const SCHEME_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i;
/** Stands for a program value (not request data) in the text before the first tainted part. */
const PROGRAM_VALUE = '\u0001';

/**
 * Whether the parts of a string (literal text, or a value) keep the client out of its scheme and
 * host: a constant prefix ('https://api.example.com/', '/orders/'), a program value first
 * (API_BASE + '/users/' + id), or a host of the program's before the request path (req.url).
 */
export function fixedPrefix(parts: ReadonlyArray<{ text: string | null; taint: Taint | null }>): boolean {
  let prefix = '';
  for (const { text, taint } of parts) {
    if (taint) {
      if (FIXED_PREFIX.test(prefix)) return true;
      if (SCHEME_HOST.test(prefix) && taint.pathLike) return true;
      return prefix.startsWith(PROGRAM_VALUE) && !prefix.includes('://');
    }
    prefix += text ?? PROGRAM_VALUE;
  }
  return true;
}

export function quasiText(q: { value: { cooked?: string | null; raw: string } }): string {
  return q.value.cooked ?? q.value.raw;
}

export function stringLiteral(node: Node): string | null {
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return quasiText(n.quasis[0]);
  return null;
}
