// Which functions handle web requests, recognised by shape: (req, res) functions given to
// app.get/post/…/use and router.*, http.createServer and server.on('request'), Koa (ctx, next)
// middleware, Fastify route options, Next.js API routes (default export in pages/api, GET/POST
// exports of app router route files, getServerSideProps, Remix loader/action), parameters typed as a
// request, NestJS @Query()/@Body() params.
import type { Node, Pattern } from 'estree';
import { parentOf } from './guards';
import { calleeName, walkNodes, type JsFile } from './modules';

export type FunctionNode = Node & { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression'; params: Pattern[] };

export interface Handler {
  fn: FunctionNode;
  /** Parameters holding the request (req, ctx, request): their members are sources. */
  requests: Pattern[];
  /** Parameters that are data already (NestJS @Query() q): label to show. */
  data: Array<{ param: Pattern; label: string }>;
  /** The response parameter (res, reply), for the response sinks. */
  response: Pattern | null;
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route', 'addHook', 'register', 'handle', 'any']);
const ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const REQUEST_NAMES = /^(?:req|request|_req)$/;
const RESPONSE_NAMES = /^(?:res|response|reply|resp|_res)$/;
const REQUEST_TYPES = /(?:^|\.)(?:Request|NextApiRequest|NextRequest|FastifyRequest|IncomingMessage|Context|ParameterizedContext|RouterContext|ExpressRequest)$/;
const NEST_SOURCES: Record<string, string> = { Query: 'query', Body: 'body', Param: 'params', Headers: 'headers', Cookies: 'cookies' };
const NEXT_API_PATH = /(?:^|\/)(?:pages|app)\/api\/|(?:^|\/)app\/.*\/route\.[cm]?[jt]sx?$/;

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

function paramName(p: Pattern | undefined): string | null {
  if (!p) return null;
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern') return paramName(p.left);
  return null;
}

function typeName(p: Pattern | undefined): string | null {
  const ann = (p as unknown as { typeAnnotation?: { typeAnnotation?: { type: string; typeName?: unknown } } } | undefined)?.typeAnnotation?.typeAnnotation;
  if (ann?.type !== 'TSTypeReference') return null;
  const parts: string[] = [];
  let n = ann.typeName as { type: string; name?: string; left?: unknown; right?: { name: string } } | undefined;
  for (let i = 0; n && i < 5; i++) {
    if (n.type === 'Identifier') {
      parts.unshift(n.name!);
      break;
    }
    parts.unshift(n.right!.name);
    n = n.left as typeof n;
  }
  return parts.join('.');
}

function isPathArg(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Literal') return typeof node.value === 'string' || node.value instanceof RegExp || 'regex' in node;
  return node.type === 'TemplateLiteral' || node.type === 'ArrayExpression';
}

/** A function given to a router or server call: app.get('/x', fn), app.use(fn), http.createServer(fn). */
function isRouteCallback(file: JsFile, fn: FunctionNode): boolean {
  const call = parentOf(fn);
  if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as never)) return false;
  const callee = call.callee;
  const name = calleeName(file, callee);
  if (/(?:^|\.)createServer$/.test(name)) return true;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return false;
  const method = callee.property.name;
  if (method === 'on') return call.arguments[0]?.type === 'Literal' && call.arguments[0].value === 'request';
  if (!ROUTE_METHODS.has(method)) return false;
  if (method === 'use' || method === 'all' || method === 'addHook') return fn.params.length >= 1;
  // Not cache.get(key, (err, value) => …): routes start with a path.
  return isPathArg(call.arguments[0] as Node) || (call.arguments[1] !== undefined && isPathArg(call.arguments[1] as Node));
}

/** Fastify: fastify.route({ method, url, handler(request, reply) {} }). */
function isRouteOption(fn: FunctionNode): boolean {
  const prop = parentOf(fn);
  if (prop?.type !== 'Property' || prop.key.type !== 'Identifier' || !/^(?:handler|preHandler|onRequest|preValidation)$/.test(prop.key.name)) return false;
  const call = parentOf(parentOf(prop));
  return call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier' && ROUTE_METHODS.has(call.callee.property.name);
}

function exportedAs(fn: FunctionNode): 'default' | string | null {
  let n = parentOf(fn);
  if (fn.type === 'FunctionDeclaration') {
    if (n?.type === 'ExportDefaultDeclaration') return 'default';
    if (n?.type === 'ExportNamedDeclaration') return fn.id?.name ?? null;
    return null;
  }
  if (n?.type === 'ExportDefaultDeclaration') return 'default';
  if (n?.type === 'VariableDeclarator' && n.id.type === 'Identifier') {
    const name = n.id.name;
    n = parentOf(parentOf(n));
    if (n?.type === 'ExportNamedDeclaration') return name;
  }
  return null;
}

function nestParams(fn: FunctionNode): Handler | null {
  const data: Handler['data'] = [];
  const requests: Pattern[] = [];
  let response: Pattern | null = null;
  for (const p of fn.params) {
    const decorators = (p as unknown as { decorators?: Array<{ expression: Node }> }).decorators ?? [];
    for (const d of decorators) {
      const callee = d.expression.type === 'CallExpression' ? d.expression.callee : d.expression;
      if (callee.type !== 'Identifier') continue;
      if (NEST_SOURCES[callee.name]) data.push({ param: p, label: `@${callee.name}() ${paramName(p) ?? ''}`.trim() });
      else if (callee.name === 'Req' || callee.name === 'Request') requests.push(p);
      else if (callee.name === 'Res' || callee.name === 'Response') response = p;
    }
  }
  return data.length || requests.length ? { fn, requests, data, response } : null;
}

function judge(file: JsFile, fn: FunctionNode, path: string): Handler | null {
  const [first, second] = fn.params;
  if (!first) return null;
  if (fn.params.some((p) => ((p as unknown as { decorators?: unknown[] }).decorators ?? []).length > 0)) return nestParams(fn);
  const handler = (response: Pattern | null): Handler => ({ fn, requests: [first], data: [], response });
  const firstName = paramName(first);
  const secondName = paramName(second);
  const responseParam = second && secondName && RESPONSE_NAMES.test(secondName) ? second : null;
  if (isRouteCallback(file, fn) || isRouteOption(fn)) {
    // Koa passes one context (ctx.request, ctx.query, ctx.body as a sink); Express and Fastify (req, res).
    return handler(second && secondName !== 'next' ? second : null);
  }
  const exported = exportedAs(fn);
  if (exported && ROUTE_EXPORTS.has(exported)) return handler(null);
  // Next.js getServerSideProps(context): context.query, context.params, context.req; Remix loader/action({ request, params }).
  if (exported === 'getServerSideProps' || (exported && /^(?:loader|action)$/.test(exported) && /(?:^|\/)app\/routes\//.test(path))) return handler(null);
  const typed = typeName(first);
  if (typed && REQUEST_TYPES.test(typed) && !/^Context$/.test(typed)) return handler(second ?? null);
  if (firstName && REQUEST_NAMES.test(firstName) && (responseParam || (exported === 'default' && NEXT_API_PATH.test(path)))) return handler(responseParam);
  if (exported === 'default' && NEXT_API_PATH.test(path) && fn.params.length === 2) return handler(second);
  if (firstName === 'ctx' && secondName === 'next') return handler(null);
  return null;
}

/** Every request handler in the file. */
export function findHandlers(file: JsFile, path: string): Handler[] {
  const out: Handler[] = [];
  walkNodes(file, (node) => {
    if (!isFunction(node)) return;
    const h = judge(file, node, path);
    if (h) out.push(h);
  });
  return out.sort((a, b) => a.fn.range![0] - b.fn.range![0]);
}
