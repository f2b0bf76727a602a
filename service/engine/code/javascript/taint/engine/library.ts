// What known functions do to taint: sanitisers (which sink kinds their result is safe for),
// functions whose result carries their arguments' taint, and methods that return no data.
import { ALL_KINDS, KIND } from './values';

const { command, sql, nosql, path, redirect, xss, ssrf, regex } = KIND;

/** By the callee's resolved name (see calleeName): the kinds its result is safe for. */
export const SANITIZERS: ReadonlyMap<string, number> = new Map<string, number>([
  ...['parseInt', 'parseFloat', 'Number', 'Boolean', 'Number.parseInt', 'Number.parseFloat', 'Date.parse', 'isNaN', 'Number.isInteger', 'Number.isFinite', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.abs', 'Math.min', 'Math.max', 'uuid.validate'].map((n) => [n, ALL_KINDS] as const),
  ...['escape-html', 'he.encode', 'he.escape', 'validator.escape', 'DOMPurify.sanitize', 'dompurify.sanitize', 'isomorphic-dompurify.sanitize', 'sanitize-html', 'xss', 'xss.filterXSS', 'lodash.escape', '_.escape', 'entities.encode', 'entities.encodeHTML', 'entities.escape', 'html-entities.encode', 'escape', 'encodeURI'].map((n) => [n, xss] as const),
  ...['sqlstring.escape', 'sqlstring.escapeId', 'mysql.escape', 'mysql.escapeId', 'mysql2.escape', 'mysql2.escapeId', 'pg-format', 'pg-format.literal', 'pg-format.ident'].map((n) => [n, sql] as const),
  ['encodeURIComponent', redirect | ssrf | xss | path],
  ['querystring.escape', redirect | ssrf | xss | path],
  ['path.basename', path],
  ...['escape-string-regexp', 'lodash.escapeRegExp', '_.escapeRegExp', 'lodash.escaperegexp', 'regexp.escape', 'RegExp.escape', 'escape-regexp'].map((n) => [n, regex] as const),
  ...['shell-quote.quote', 'shell-escape', 'shescape.quote', 'shescape.escape'].map((n) => [n, command] as const),
  ...['mongo-sanitize', 'express-mongo-sanitize.sanitize', 'String', 'JSON.stringify'].map((n) => [n, nosql] as const),
]);

/** Methods of a database handle that quote a value for SQL (connection.escape(x), client.escapeLiteral(x)). */
export const SQL_ESCAPE_METHODS = new Set(['escape', 'escapeId', 'escapeLiteral', 'escapeIdentifier']);

/** A same-file or unknown function judged by its name: escapeHtml(x), sanitizeFilename(x). */
export function sanitizerByName(name: string): number {
  const n = name.toLowerCase();
  if (!/escape|sanitiz|encode|clean|quote/.test(n) || /decode|unescape/.test(n)) return 0;
  if (/regex|regexp/.test(n)) return regex;
  if (/sql/.test(n)) return sql;
  if (/shell|arg|cmd|command/.test(n)) return command;
  if (/url|uri/.test(n)) return redirect | ssrf | xss | path;
  if (/path|file|name/.test(n)) return path;
  if (/html|xml|xss|entit|escape|encode/.test(n)) return xss;
  return ALL_KINDS;
}

/** Functions whose result carries the taint of their arguments. */
export const PROPAGATORS = new Set([
  'path.join', 'path.resolve', 'path.normalize', 'path.posix.join', 'path.win32.join', 'path.format',
  'url.parse', 'url.resolve', 'url.format', 'url.fileURLToPath', 'querystring.parse', 'querystring.unescape', 'qs.parse', 'querystring.stringify', 'qs.stringify',
  'util.format', 'String', 'JSON.parse', 'JSON.stringify', 'decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'Buffer.from',
  'Object.keys', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Object.assign', 'Array.from', 'Array.of', 'Promise.resolve', 'Promise.all', 'structuredClone',
  'lodash.merge', 'lodash.assign', 'lodash.clone', 'lodash.cloneDeep', 'lodash.get', 'lodash.pick', 'lodash.trim',
]);

/** Called on tainted data, these give a yes/no or a number, not the data. */
export const NO_DATA_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'has', 'some', 'every', 'findIndex', 'localeCompare', 'search',
  'hasOwnProperty', 'isArray', 'getTime', 'valueOf', 'charCodeAt', 'codePointAt', 'size',
]);

/** Methods of tainted arrays and promises whose callback receives the data (params of the callback are tainted). */
export const CALLBACK_METHODS = new Set(['map', 'forEach', 'filter', 'find', 'flatMap', 'reduce', 'then', 'some', 'every', 'sort']);

/** Request object methods that return request data. */
export const REQUEST_READ_METHODS = new Set(['get', 'header', 'param', 'json', 'text', 'formData', 'arrayBuffer', 'blob']);

/** Request members that are data the client controls (others, like method, ip or user, are not). */
export const REQUEST_CONTAINERS = new Set(['query', 'params', 'body', 'headers', 'cookies', 'signedCookies', 'file', 'files', 'nextUrl', 'searchParams', 'payload']);
export const REQUEST_VALUES = new Set(['url', 'originalUrl', 'path', 'href', 'querystring', 'search', 'rawBody', 'hash']);
/** Request values that are the request path: they start with '/' (but may start with '//'). */
export const REQUEST_PATHS = new Set(['url', 'originalUrl', 'path']);
/** Members of an uploaded file (multer) that the server chose: not the client's. */
export const UPLOAD_SERVER_FIELDS = new Set(['path', 'destination', 'filename', 'size', 'buffer']);
/** Members of a request that are the request again (Koa ctx.request, ctx.req; Fastify request.raw). */
export const REQUEST_ALIASES = new Set(['request', 'req', 'raw']);

/** Methods of a response that return the same response (res.status(500).send(...)). */
export const RESPONSE_CHAIN = new Set(['status', 'type', 'set', 'header', 'code', 'append', 'cookie', 'clearCookie', 'vary', 'headers', 'contentType', 'setHeader', 'links']);
