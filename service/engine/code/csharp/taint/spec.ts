// Sources, sinks and sanitisers of ASP.NET code as data for the taint core: controller action and
// Razor Pages handler parameters, minimal-API route handler parameters, Request.* reads; the sinks of
// ../sinks; encoders, Path.GetFileName, number parsing and Url.IsLocalUrl checks.
import type { CallShape, ParameterSource, SinkSpec, TaintSpec, TaintUnit } from '../../taint';
import { attributeName, attributesOf, baseTypes, cleanName, enclosing, hasAttribute, lastPart, type CsFile } from '../context';
import { sinksAt, type SinkKind } from '../sinks';
import { REQUEST_MEMBERS, isSafeRedirectPrefix, isSafeRequestPrefix } from '../sources';
import { parametersOf } from './adapter';

export const TAINT_KINDS: readonly SinkKind[] = ['command', 'sql', 'path', 'xss', 'redirect', 'ldap', 'xpath', 'ssrf'];

/** Parameters bound from services or carrying no text an attacker could shape. */
const NOT_INPUT_TYPES = /^(?:int|long|short|byte|sbyte|uint|ulong|ushort|bool|decimal|double|float|char|Int16|Int32|Int64|UInt32|UInt64|Boolean|Decimal|Double|Single|Guid|DateTime|DateTimeOffset|DateOnly|TimeOnly|TimeSpan|CancellationToken|HttpContext|HttpRequest|HttpResponse|ClaimsPrincipal|ILogger|IConfiguration|IServiceProvider|I[A-Z]\w*(?:Service|Repository|Factory|Provider|Context|Manager|Store|Client|Options)|\w*(?:DbContext|Context|Service|Repository|Manager|Options|Logger|Factory|Client))\??$/;
/** Arrays and lists of numbers, ids, dates. */
const NUMBERS = /^(?:(?:int|long|short|decimal|double|float|Guid|DateTime)\??\[\]|(?:I?List|IEnumerable|IReadOnlyList|IReadOnlyCollection|ICollection|HashSet|ISet)<(?:int|long|short|decimal|double|float|Guid|DateTime)\??>)\??$/;
const SERVICE_ATTRIBUTES = new Set(['FromServices', 'FromKeyedServices']);
const CONTROLLER_ATTRIBUTES = new Set(['ApiController', 'Controller']);
const MAP_METHODS = /^Map(?:Get|Post|Put|Delete|Patch|Methods|Fallback)$/;

function isController(cls: SyntaxNodeLike | undefined): boolean {
  if (!cls) return false;
  if (hasAttribute(cls as never, CONTROLLER_ATTRIBUTES)) return true;
  return baseTypes(cls as never).some((b) => /Controller(?:Base)?$/.test(b) || b === 'ApiController');
}

type SyntaxNodeLike = TaintUnit['node'];

const modifiers = (decl: SyntaxNodeLike) => decl.namedChildren.filter((c) => c?.type === 'modifier').map((c) => c!.text);

/** Action and handler methods, and route handler lambdas, whose parameters come from the request. */
function handlerParameters(unit: TaintUnit): SyntaxNodeLike[] {
  const fn = unit.node;
  if (fn.type === 'method_declaration') {
    const cls = enclosing(fn, ['class_declaration']);
    const mods = modifiers(fn);
    if (!mods.includes('public') || mods.includes('static') || hasAttribute(fn, new Set(['NonAction']))) return [];
    const name = fn.childForFieldName('name')?.text ?? '';
    const isPage = baseTypes(cls).includes('PageModel') && /^On(?:Get|Post|Put|Delete|Patch)/.test(name);
    if (!isPage && !isController(cls)) return [];
    return parametersOf(fn);
  }
  if (fn.type === 'lambda_expression' || fn.type === 'anonymous_method_expression') {
    const call = fn.parent?.type === 'argument' ? fn.parent.parent?.parent : undefined;
    const method = call?.type === 'invocation_expression' ? call.childForFieldName('function')?.childForFieldName('name')?.text : undefined;
    return method && MAP_METHODS.test(method) ? parametersOf(fn) : [];
  }
  return [];
}

function isInput(p: SyntaxNodeLike): boolean {
  if (p.type === 'implicit_parameter') return true;
  if (attributesOf(p).some((a) => SERVICE_ATTRIBUTES.has(attributeName(a)))) return false;
  const type = p.childForFieldName('type')?.text;
  return !type || !(NOT_INPUT_TYPES.test(lastPart(cleanName(type))) || NUMBERS.test(type.replace(/\s+/g, '')));
}

const flatText = (n: SyntaxNodeLike | null | undefined) => n?.text.replace(/\s+/g, '') ?? '';

/** `x.StartsWith("/")` in a condition that also refuses `x.StartsWith("//")`: a local path, not another site. */
function isLocalPathCheck(call: CallShape): boolean {
  if (!/^(?:"\/"|'\/')$/.test(flatText(call.args[0])) || !call.receiver) return false;
  let top = call.node;
  while (top.parent && (top.parent.type === 'binary_expression' || top.parent.type === 'parenthesized_expression' || top.parent.type === 'prefix_unary_expression')) top = top.parent;
  return flatText(top).includes(`!${flatText(call.receiver)}.StartsWith("//")`);
}

export interface CsTaintSpec {
  spec: TaintSpec;
  /** "line:column" of the parameters taken as sources (for the message's "parameter"). */
  parameterAt: Set<string>;
}

export function taintSpec(file: CsFile): CsTaintSpec {
  const parameterAt = new Set<string>();
  const byUnit = new Map<number, ParameterSource[]>();
  const sinks: SinkSpec[] = TAINT_KINDS.map((kind) => ({
    kind,
    calls: [`sink:${kind}`],
    select: (call) => sinksAt(call.node, file).filter((s) => s.kind === kind).flatMap((s) => s.values),
    ...(kind === 'redirect' ? { safePrefix: (prefix: string) => isSafeRedirectPrefix(prefix) } : {}),
    ...(kind === 'ssrf' ? { safePrefix: (prefix: string) => isSafeRequestPrefix(prefix) } : {}),
  }));
  const spec: TaintSpec = {
    sources: [...[...REQUEST_MEMBERS].map((m) => `Request.${m}`), 'Request[]'],
    parameters(unit): ParameterSource[] {
      const known = byUnit.get(unit.node.id);
      if (known) return known;
      const out: ParameterSource[] = [];
      byUnit.set(unit.node.id, out);
      for (const p of handlerParameters(unit)) {
        if (!isInput(p)) continue;
        const id = p.type === 'implicit_parameter' ? p : p.childForFieldName('name');
        if (!id) continue;
        parameterAt.add(`${id.startPosition.row + 1}:${id.startPosition.column + 1}`);
        out.push({ name: id.text, node: id });
      }
      return out;
    },
    sinks,
    sanitizers: [
      { calls: ['*.HtmlEncode', '*.HtmlAttributeEncode', '*.JavaScriptStringEncode', '*.UrlEncode', '*.Sanitize'], kinds: ['xss'] },
      { calls: ['*.Encode'], kinds: ['xss'], when: (c) => /(?:Html|JavaScript)Encoder|htmlEncoder|_encoder/i.test(c.receiver?.text ?? '') },
      { calls: ['*.GetFileName', '*.GetFileNameWithoutExtension', '*.GetRandomFileName'], kinds: ['path'] },
      { calls: ['*.LdapFilterEncode', '*.LdapDistinguishedNameEncode', '*.EscapeLdapFilter', '*.EscapeLdapSearchFilter'], kinds: ['ldap'] },
      { calls: ['*.ArgumentList'], kinds: ['command'] },
      // URLs the app's router builds are its own.
      { calls: ['Url.Action', 'Url.RouteUrl', 'Url.Page', 'Url.Content', 'Url.Link', 'Url.ActionLink', 'Url.PageLink'], kinds: ['redirect'] },
    ],
    validators: [
      { calls: ['*.IsLocalUrl', 'IsLocalUrl'], kinds: ['redirect'] },
      { calls: ['Uri.IsWellFormedUriString'], kinds: ['redirect'], when: (c) => /Relative/.test(c.args[1]?.text ?? '') },
      { calls: ['*.IsMatch'], kinds: 'all' },
      { calls: ['*.StartsWith', '*.Contains'], arg: 'receiver', kinds: ['path'] },
      { calls: ['*.StartsWith'], arg: 'receiver', kinds: ['redirect'], when: isLocalPathCheck },
    ],
    membershipKinds: 'all',
    mutators: ['Append', 'AppendLine', 'AppendFormat', 'Insert', 'Add', 'AddRange', 'Push', 'Enqueue'],
    cleanCalls: [
      'int.Parse', 'long.Parse', 'short.Parse', 'decimal.Parse', 'double.Parse', 'float.Parse', 'bool.Parse', 'Int32.Parse', 'Int64.Parse', 'Guid.Parse', 'Guid.NewGuid', 'DateTime.Parse',
      'Convert.ToInt32', 'Convert.ToInt64', 'Convert.ToInt16', 'Convert.ToDecimal', 'Convert.ToDouble', 'Convert.ToBoolean', 'Convert.ToDateTime',
      'string.IsNullOrEmpty', 'string.IsNullOrWhiteSpace', 'String.IsNullOrEmpty', 'String.IsNullOrWhiteSpace',
      '*.Count', '*.Any', '*.All', '*.Equals', '*.GetHashCode', '*.CompareTo', '*.StartsWith', '*.EndsWith', '*.IsMatch', '*.TryParse', '*.Exists', '*.IsLocalUrl', 'IsLocalUrl',
    ],
    keywords: ['Request', 'Controller', 'PageModel', 'MapGet', 'MapPost', 'MapPut', 'MapDelete', 'MapPatch', 'MapMethods', 'MapFallback'],
  };
  return { spec, parameterAt };
}
