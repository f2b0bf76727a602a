// Small helpers the B5xx–B7xx rules share: literal tests, names of what an argument denotes,
// which modules a file imports, and the values a local name was assigned before a call.
import type { SyntaxNode } from '../../../tree-sitter';
import type { PyCall } from '../context';

/** The expression inside any number of parentheses. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let n = node ?? undefined;
  while (n?.type === 'parenthesized_expression') n = n.namedChildren.find((c) => c && c.type !== 'comment') ?? undefined;
  return n;
}

/** A string literal without interpolation ("a", r'b', "a" "b"); f-strings with values are not. */
export function isStringLiteral(node: SyntaxNode | null | undefined): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (n.type === 'concatenated_string') return n.namedChildren.every((c) => !c || c.type === 'comment' || isStringLiteral(c));
  return n.type === 'string' && !n.namedChildren.some((c) => c?.type === 'interpolation');
}

/** A literal: strings, numbers, booleans, None, and tuples/lists/sets of literals (nested at most 32 deep). */
export function isConstant(node: SyntaxNode | null | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 32) return false;
  switch (n.type) {
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
      return true;
    case 'unary_operator':
      return isConstant(n.childForFieldName('argument'), depth + 1);
    case 'tuple':
    case 'list':
    case 'set':
      return n.namedChildren.every((c) => !c || c.type === 'comment' || isConstant(c, depth + 1));
    default:
      return isStringLiteral(n);
  }
}

/** The name an argument denotes at its end: ssl.PROTOCOL_TLSv1 -> PROTOCOL_TLSv1, paramiko.AutoAddPolicy() -> AutoAddPolicy. */
export function endName(node: SyntaxNode | null | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text;
  if (n.type === 'call') return endName(n.childForFieldName('function'));
  return undefined;
}

/**
 * The argument at a position or under a keyword (keyword first). A `*args` before the position hides
 * it (undefined), as does a `**kwargs` when the keyword is absent.
 */
export function argument(call: PyCall, index: number, keyword: string): SyntaxNode | undefined {
  const kw = call.kwargs.get(keyword);
  if (kw) return kw;
  for (let i = 0; i <= index && i < call.args.length; i++) if (call.args[i].type === 'list_splat' || call.args[i].type === 'dictionary_splat') return undefined;
  return call.args[index];
}

/** Whether a call may pass this keyword through `**kwargs` (so its absence proves nothing). */
export const hasKwargsSplat = (call: PyCall): boolean => call.args.some((a) => a.type === 'dictionary_splat');

/** The nearest enclosing function definition of a node, else its module. */
export function enclosingScope(node: SyntaxNode): SyntaxNode {
  let n: SyntaxNode | null = node.parent;
  while (n && n.type !== 'function_definition' && n.type !== 'module') n = n.parent;
  return n ?? node;
}

function isParameterOf(name: string, fn: SyntaxNode): boolean {
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.text === name) return true;
  }
  return false;
}

const mentions = (node: SyntaxNode, name: string): boolean =>
  node.type === 'identifier' ? node.text === name : node.descendantsOfType('identifier').some((i) => i?.text === name);

/** What a statement binds other than by plain assignment: for targets, `as` names, walrus, global. */
function bindingTarget(n: SyntaxNode): SyntaxNode | null | undefined {
  if (n.type === 'for_statement' || n.type === 'for_in_clause') return n.childForFieldName('left');
  if (n.type === 'named_expression') return n.childForFieldName('name');
  if (n.type === 'as_pattern') return n.childForFieldName('alias');
  if (n.type === 'global_statement' || n.type === 'nonlocal_statement') return n;
  return undefined;
}

/**
 * Every value assigned to a local name in its scope before `use` (`x = …`, `x += …`). Undefined
 * when the name is a parameter, is bound some other way (for, with, tuple unpacking, global) or is
 * never assigned there: its value cannot be told.
 */
export function assignedValues(name: string, use: SyntaxNode): SyntaxNode[] | undefined {
  const scope = enclosingScope(use);
  if (scope.type === 'function_definition' && isParameterOf(name, scope)) return undefined;
  const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
  if (!body) return undefined;
  const out: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.startIndex >= use.startIndex) continue;
    if (n !== body && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) continue;
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && left.text === name) {
        if (!right) return undefined;
        out.push(right);
      } else if (left && /pattern/.test(left.type) && mentions(left, name)) return undefined;
    } else {
      const target = bindingTarget(n);
      if (target && mentions(target, name)) return undefined;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out.length ? out : undefined;
}

const calledNames = new WeakMap<object, Map<number, string | undefined>>();

/** The called function's own name, whatever it is called on: a.b().extra(...) -> extra (Bandit's call_function_name). */
export function calledName(call: SyntaxNode): string | undefined {
  // Several rules ask for the same call's name: read once per call of a tree.
  let byId = calledNames.get(call.tree);
  if (!byId) calledNames.set(call.tree, (byId = new Map()));
  if (byId.has(call.id)) return byId.get(call.id);
  const name = readCalledName(call);
  byId.set(call.id, name);
  return name;
}

function readCalledName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}
