// Parameters that carry request data: route functions (Flask, FastAPI, Bottle, Quart: the decorator
// @app.get/@router.post/@bp.route…), Django views (the URL's keyword arguments after `request`) and WSGI
// applications (`environ`). Typed parameters FastAPI converts (int, UUID…) and dependencies are not.
import type { PyFile } from '../context';
import { qualifiedName } from '../context';
import type { ParameterSource, SyntaxNode, TaintUnit } from '../../taint';
import { classOf, decoratorsOf, paramName, parameterNodes } from './adapter';

const ROUTE_METHODS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket', 'view_config']);
/** Bare decorators only count when imported from a web framework (`from bottle import get`), not `mock.patch`. */
const ROUTE_MODULES = /^(?:flask|bottle|quart|fastapi|sanic|pyramid|aiohttp)\b/;
/** FastAPI/Flask convert and validate these: never attacker-chosen text. */
const SAFE_TYPES = /^(?:Optional\[\s*)?(?:int|float|bool|complex|UUID|uuid\.UUID|datetime|date|time|timedelta|Decimal|PositiveInt|NegativeInt|NonNegativeInt|StrictInt|StrictBool|conint\(.*\)|confloat\(.*\)|Literal\[.*\])(?:\s*\])?(?:\s*\|\s*None)?$/s;
const REQUEST_TYPES = /^(?:Request|HTTPConnection|WebSocket|HttpRequest|fastapi\.Request|starlette\.requests\.Request)$/;
const NOT_DATA_TYPES = /^(?:Response|BackgroundTasks|Session|AsyncSession|SecurityScopes|HTTPAuthorizationCredentials)$/;
const FLASK_CONVERTED = /<(?:int|float|uuid):(\w+)>/g;
const DJANGO_MODULES = /^(?:django|rest_framework|ninja|channels)\b/;

function routeDecorator(fn: SyntaxNode, imports: ReadonlyMap<string, string>): SyntaxNode | undefined {
  for (const d of decoratorsOf(fn)) {
    const expr = d.namedChildren.find((c) => c && c.type !== 'comment');
    if (expr?.type !== 'call') continue;
    const callee = expr.childForFieldName('function');
    if (!callee) continue;
    const name = qualifiedName(callee, imports) ?? '';
    if (/mock|patch\.object|pytest/i.test(name)) continue;
    if (callee.type === 'attribute') {
      if (ROUTE_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return expr;
    } else if (callee.type === 'identifier' && ROUTE_METHODS.has(callee.text) && ROUTE_MODULES.test(name)) return expr;
  }
  return undefined;
}

/** Names a route's own path converts (`<int:id>`). */
function convertedNames(route: SyntaxNode): Set<string> {
  const first = route.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'string');
  const out = new Set<string>();
  for (const m of (first?.text ?? '').matchAll(FLASK_CONVERTED)) out.add(m[1]);
  return out;
}

/** The parameter's type as written; `Annotated[int, Path()]` is int. */
function annotationOf(p: SyntaxNode): string | undefined {
  const type = p.childForFieldName('type')?.text.trim();
  const annotated = type && /^(?:typing\.)?Annotated\[\s*([^,\]]+(?:\[[^\]]*\])?)\s*,/s.exec(type);
  return annotated ? annotated[1].trim() : type;
}
const defaultOf = (p: SyntaxNode): string | undefined => p.childForFieldName('value')?.text;

function routeParameters(fn: SyntaxNode, route: SyntaxNode): ParameterSource[] {
  const converted = convertedNames(route);
  const out: ParameterSource[] = [];
  for (const p of parameterNodes(fn)) {
    const id = paramName(p);
    if (!id) continue;
    const type = annotationOf(p) ?? '';
    const dflt = defaultOf(p) ?? '';
    if (/\b(?:Depends|Security)\s*\(/.test(type + dflt) || NOT_DATA_TYPES.test(type) || converted.has(id.name) || SAFE_TYPES.test(type)) continue;
    if (REQUEST_TYPES.test(type) || (id.name === 'request' && !type)) {
      if (id.name !== 'request') out.push({ ...id, alias: 'request' });
      continue;
    }
    out.push({ ...id, label: `route parameter ${id.name}` });
  }
  return out;
}

/** Decorators only views carry. */
const VIEW_DECORATORS = /^@(?:[\w.]+\.)?(?:api_view|require_http_methods|require_GET|require_POST|require_safe|login_required|permission_required|csrf_exempt|csrf_protect|ensure_csrf_cookie|cache_page|never_cache|xframe_options_\w+|staff_member_required|user_passes_test|action|vary_on_\w+|sensitive_post_parameters|condition|etag|last_modified)\b/;
/** Class-based views and viewsets: the handler methods. */
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'dispatch', 'list', 'retrieve', 'create', 'update', 'partial_update', 'destroy']);
/** Where Django projects keep views. */
const VIEW_PATH = /(?:^|\/)(?:views?|api|viewsets|endpoints)(?:\/|\.py$)|_views?\.py$/;

/** A Django view: by its decorators, a handler method of a class, or a function of a views module. */
function isDjangoView(fn: SyntaxNode, path: string): boolean {
  if (decoratorsOf(fn).some((d) => VIEW_DECORATORS.test(d.text))) return true;
  if (classOf(fn)) return VIEW_METHODS.has(fn.childForFieldName('name')?.text ?? '');
  return VIEW_PATH.test(path);
}

/** Django views: `def detail(request, slug)`, `def get(self, request, pk)`; the URL's arguments follow request. */
function djangoParameters(fn: SyntaxNode, path: string): ParameterSource[] {
  if (!/\brequest\b/.test(fn.childForFieldName('parameters')?.text ?? '')) return [];
  const params = parameterNodes(fn);
  const first = params[0] && paramName(params[0]);
  if (first?.name !== 'request' || !isDjangoView(fn, path)) return [];
  const out: ParameterSource[] = [];
  for (const p of params.slice(1)) {
    const id = paramName(p);
    if (!id || id.name === 'format' || p.type === 'list_splat_pattern' || SAFE_TYPES.test(annotationOf(p) ?? '')) continue;
    out.push({ ...id, label: `URL parameter ${id.name}` });
  }
  return out;
}

/** WSGI applications: `def app(environ, start_response)`; the whole environ is the request. */
function wsgiParameters(fn: SyntaxNode): ParameterSource[] {
  if (!fn.childForFieldName('parameters')?.text.includes('start_response')) return [];
  const params = parameterNodes(fn).map(paramName);
  const [environ, start] = params;
  if (!environ || start?.name !== 'start_response') return [];
  return [{ ...environ, label: environ.name, refine: true }];
}

/** The request-data parameters of one function of the file. */
export function parameterSources(unit: TaintUnit, file: PyFile, django: boolean): ParameterSource[] {
  const fn = unit.node;
  if (fn.type !== 'function_definition') return [];
  const route = routeDecorator(fn, file.imports);
  if (route) return routeParameters(fn, route);
  const wsgi = wsgiParameters(fn);
  if (wsgi.length) return wsgi;
  return django ? djangoParameters(fn, file.path) : [];
}

/** The file uses Django (or DRF, Ninja): `request` as a first parameter is a view's. */
export function usesDjango(file: PyFile): boolean {
  for (const q of file.imports.values()) if (DJANGO_MODULES.test(q)) return true;
  return false;
}

const HTML_BY_DEFAULT = /^(?:flask|quart|bottle)\b/;

/**
 * A route whose returned strings are sent as HTML: Flask, Quart and Bottle send a str as text/html;
 * FastAPI sends it as JSON unless the route says response_class=HTMLResponse.
 */
export function returnsHtml(unit: TaintUnit, file: PyFile): boolean {
  const fn = unit.node;
  if (fn.type !== 'function_definition') return false;
  const route = routeDecorator(fn, file.imports);
  if (!route) return false;
  if (/response_class\s*=\s*(?:[\w.]+\.)?HTMLResponse\b/.test(route.text)) return true;
  for (const q of file.imports.values()) if (/^fastapi\b/.test(q)) return false;
  for (const q of file.imports.values()) if (HTML_BY_DEFAULT.test(q)) return true;
  return false;
}

const isStringLiteral = (n: SyntaxNode | null | undefined): boolean => n?.type === 'string' || n?.type === 'concatenated_string';

/** A string built here (f-string, +, %, .format, join), or a (body, status) tuple starting with one. */
export function builtString(value: SyntaxNode): boolean {
  let n: SyntaxNode | null = value;
  for (let depth = 0; n && depth < 50; depth++) {
    switch (n.type) {
      case 'parenthesized_expression':
        n = n.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
        continue;
      case 'tuple':
      case 'expression_list':
        if (depth > 0) return false;
        n = n.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
        continue;
      case 'string':
        return n.namedChildren.some((c) => c?.type === 'interpolation');
      case 'concatenated_string':
        return true;
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.type;
        if (op !== '+' && op !== '%') return false;
        if (isStringLiteral(n.childForFieldName('left')) || isStringLiteral(n.childForFieldName('right'))) return true;
        n = n.childForFieldName('left');
        continue;
      }
      case 'call': {
        const callee = n.childForFieldName('function');
        const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
        return (method === 'format' || method === 'join') && isStringLiteral(callee?.childForFieldName('object'));
      }
      default:
        return false;
    }
  }
  return false;
}
