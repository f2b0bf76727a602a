// Request data read in place: Request.Query["q"], HttpContext.Request.Form, Request.Cookies, …
// (ASP.NET Core and System.Web). The taint rules also start from controller action parameters.
import type { SyntaxNode } from '../../tree-sitter';

export const REQUEST_MEMBERS: ReadonlySet<string> = new Set([
  'Query', 'QueryString', 'Form', 'Headers', 'Cookies', 'RouteValues', 'Params', 'Path', 'PathBase', 'Body', 'BodyReader',
  'ServerVariables', 'Url', 'RawUrl', 'UrlReferrer', 'Host', 'Files', 'InputStream', 'UserAgent', 'UserHostName', 'ContentType',
  'QueryStringAsync', 'ReadFormAsync', 'GetDisplayUrl', 'GetEncodedUrl',
]);

/** `Request`, `this.Request`, `HttpContext.Request`, `HttpContext.Current.Request`, `context.Request`, `_accessor.HttpContext.Request` */
const REQUEST_OBJECT = /^(?:this\.|base\.)?(?:(?:[A-Za-z_]\w*\.)?HttpContext(?:\.Current)?[?!]?\.|(?:context|ctx|httpContext)\.)?Request$/;

const flat = (n: SyntaxNode | null | undefined) => n?.text.replace(/\s+/g, '') ?? '';

/** This node itself reads request data (`Request.Query["id"]`, `Request["id"]`, `Request.Form`). */
export function isRequestRead(node: SyntaxNode): boolean {
  if (node.type === 'member_access_expression') {
    const name = node.childForFieldName('name')?.text ?? '';
    return REQUEST_MEMBERS.has(name) && REQUEST_OBJECT.test(flat(node.childForFieldName('expression')));
  }
  if (node.type === 'element_access_expression') return REQUEST_OBJECT.test(flat(node.childForFieldName('expression')));
  return false;
}

/** The first request read inside an expression (itself included), if any. */
export function requestReadIn(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  if (!node) return undefined;
  if (isRequestRead(node)) return node;
  if (!/Request/.test(node.text)) return undefined;
  for (const n of node.descendantsOfType(['member_access_expression', 'element_access_expression'])) if (n && isRequestRead(n)) return n;
  return undefined;
}

/**
 * A redirect whose URL starts with this literal text stays on a known site: a local path (`/`, `~/`,
 * not `//`) or a fixed scheme and host. Only the text before the first unknown part counts (the taint
 * core marks unknown parts with NUL in its prefixes).
 */
export function isSafeRedirectPrefix(prefix: string): boolean {
  const known = prefix.split('\u0000', 1)[0];
  return /^(?:~?\/(?![/\\])|https?:\/\/[^/?#]+\/)/i.test(known);
}

/**
 * An outgoing request whose URL starts with this literal text goes to a fixed host: a scheme, host and
 * `/` (not `https://api.example.com` + `@evil.com`), a relative path with a fixed first segment
 * (`api/items/`, resolved against the client's BaseAddress), or a configured base (an unknown clean
 * part) followed by a fixed `/path`.
 */
export function isSafeRequestPrefix(prefix: string): boolean {
  if (prefix.startsWith('\u0000/')) return true;
  const known = prefix.split('\u0000', 1)[0];
  return /^https?:\/\/[^/?#@]+[/?#]/i.test(known) || /^\/?[\w.~-]+[/?#]/.test(known);
}
