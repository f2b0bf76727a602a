// What tree-sitter-c-sharp's nodes mean to the taint core (../../taint/types.ts): methods, local
// functions and lambdas as units; declarations, assignments, branches, loops, using/try blocks; calls
// and object creations with resolved names; string building ($"…", +, ??, conditionals) as
// compositions. The sinks are decided by ../sinks (shared with the pattern rules): a sink call, creation
// or assignment (`cmd.CommandText = q`, which the core has no shape for) is presented as a call named
// `sink:<kind>`, so the spec's sinks match it and its values are the sink's own.
import type { CallShape, ExpressionShape, StatementShape, SyntaxNode, TaintAdapter, TargetShape, TaintUnit } from '../../taint';
import { literalValue, readCall, resolveName, switchArms, typeOf, unwrap, type CsFile } from '../context';
import { sinksAt } from '../sinks';
import { isRequestRead } from '../sources';

const named = (n: SyntaxNode | null | undefined): SyntaxNode[] => (n?.namedChildren ?? []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment');

const UNIT_TYPES = ['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression', 'accessor_declaration', 'operator_declaration', 'conversion_operator_declaration', 'destructor_declaration'];

const SKIP_STATEMENTS = new Set([
  'local_function_statement', 'class_declaration', 'struct_declaration', 'record_declaration', 'interface_declaration', 'enum_declaration', 'delegate_declaration',
  'using_directive', 'namespace_declaration', 'file_scoped_namespace_declaration', 'empty_statement', 'break_statement', 'continue_statement', 'goto_statement',
  'comment', 'preproc_region', 'preproc_endregion', 'preproc_pragma', 'preproc_define', 'preproc_undef', 'preproc_nullable', 'preproc_line', 'preproc_error', 'preproc_warning',
  'attribute_list', 'extern_alias_directive',
]);

const CLEAN_TYPES = new Set([
  'integer_literal', 'real_literal', 'boolean_literal', 'null_literal', 'character_literal', 'string_literal', 'verbatim_string_literal', 'raw_string_literal',
  'typeof_expression', 'sizeof_expression', 'default_expression', 'lambda_expression', 'anonymous_method_expression', 'predefined_type', 'this_expression',
  'base_expression', 'is_pattern_expression', 'is_expression', 'type_pattern', 'declaration_pattern', 'constant_pattern', 'throw_expression', 'ref_type',
]);

const COMPARISON = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '>>>', 'is', 'as']);

/** `this.a.b`, `a.b`, `x`: a plain chain of names; the variable key. */
export function chainKey(node: SyntaxNode | null | undefined): string | undefined {
  const parts: string[] = [];
  let n = node ?? null;
  while (n?.type === 'member_access_expression') {
    if (parts.length >= 16) return undefined; // a key is a short chain; long ones are not tracked (and cost)
    const name = n.childForFieldName('name');
    if (name?.type !== 'identifier') return undefined;
    parts.push(name.text);
    n = n.childForFieldName('expression');
  }
  if (n?.type === 'identifier') parts.push(n.text);
  else if (n?.type === 'this_expression' || n?.text === 'this') parts.push('this');
  else return undefined;
  return parts.reverse().join('.');
}

/** The parameters of a unit (lambda `x => …` included). */
export function parametersOf(fn: SyntaxNode): SyntaxNode[] {
  const list = fn.childForFieldName('parameters');
  if (list?.type === 'implicit_parameter') return [list];
  if (!list) return named(fn).filter((c) => c.type === 'implicit_parameter');
  return named(list).filter((p) => p.type === 'parameter');
}

function bodyOf(fn: SyntaxNode): SyntaxNode[] {
  const body = fn.childForFieldName('body') ?? named(fn).find((c) => c.type === 'block' || c.type === 'arrow_expression_clause');
  if (!body) return [];
  if (body.type === 'block') return named(body);
  if (body.type === 'arrow_expression_clause') return named(body).slice(0, 1);
  return [body]; // a lambda's expression body: its value is returned
}

const isExpressionBody = (node: SyntaxNode): boolean => {
  const p = node.parent;
  if (!p) return false;
  if (p.type === 'arrow_expression_clause') return true;
  return (p.type === 'lambda_expression' || p.type === 'anonymous_method_expression') && p.childForFieldName('body')?.id === node.id;
};

/** Where a literal's text is known: a composition part is that text (for the core's prefixes). */
const part = (n: SyntaxNode): SyntaxNode | string => literalValue(n) ?? n;

export function makeAdapter(file: CsFile): TaintAdapter {
  const sinkKind = (node: SyntaxNode): string | undefined => sinksAt(node, file)[0]?.kind;

  function callShape(node: SyntaxNode): CallShape | undefined {
    const kind = sinkKind(node);
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return undefined;
      return { node, callee: left, qualifiedName: `sink:${kind}`, args: [right], kwargs: new Map() };
    }
    const call = readCall(node, file);
    if (!call) return undefined;
    const kwargs = new Map<string, SyntaxNode>();
    for (const a of call.args) if (a.name) kwargs.set(a.name, a.value);
    for (const [k, v] of call.init) kwargs.set(k, v);
    const args = call.args.filter((a) => !a.name).map((a) => a.value);
    if (call.kind === 'new') {
      const callee = node.childForFieldName('type') ?? node;
      return { node, callee, qualifiedName: kind ? `sink:${kind}` : `new ${call.name}`, args, kwargs };
    }
    const callee = node.childForFieldName('function') ?? node;
    let qualifiedName: string;
    if (kind) qualifiedName = `sink:${kind}`;
    else if (!call.receiver) qualifiedName = call.type ? `${call.type}.${call.name}` : call.name;
    else {
      const key = chainKey(call.receiver);
      const declared = call.receiver.type === 'identifier' && !!typeOf(call.receiver, file) && key !== call.type;
      // A static member (`Path.GetFileName`, `int.Parse`) by its type; a variable's method (`sb.Append`) as written.
      qualifiedName = call.type && !declared ? `${call.type}.${call.name}` : `${key ?? call.receiver.text}.${call.name}`;
    }
    return { node, callee, ...(call.receiver ? { receiver: call.receiver } : {}), method: call.name, qualifiedName, args, kwargs };
  }

  return {
    units(root) {
      const units: TaintUnit[] = [];
      for (const fn of root.descendantsOfType(UNIT_TYPES)) {
        if (!fn) continue;
        const params = parametersOf(fn).map((p) => {
          const id = p.type === 'implicit_parameter' ? p : p.childForFieldName('name');
          return { name: id?.text ?? '', node: id ?? p };
        });
        const name = fn.type === 'method_declaration' || fn.type === 'local_function_statement' ? fn.childForFieldName('name')?.text : undefined;
        units.push({ node: fn, ...(name ? { name } : {}), params: params.filter((p) => p.name), body: bodyOf(fn) });
      }
      // Top-level statements (Program.cs of a minimal API).
      const top = named(root).filter((c) => c.type === 'global_statement');
      if (top.length) units.push({ node: root, params: [], body: top });
      return units;
    },

    statement(node): StatementShape | undefined {
      if (isExpressionBody(node)) return { kind: 'return', value: node };
      if (SKIP_STATEMENTS.has(node.type)) return { kind: 'skip' };
      switch (node.type) {
        case 'global_statement':
        case 'block':
        case 'checked_statement':
        case 'unsafe_statement':
        case 'lock_statement':
        case 'fixed_statement':
        case 'labeled_statement':
          return { kind: 'block', body: named(node).filter((c) => c.type !== 'identifier' || node.type !== 'labeled_statement') };
        case 'local_declaration_statement':
        case 'variable_declaration':
          return { kind: 'block', body: named(node).flatMap((c) => (c.type === 'variable_declaration' ? named(c) : [c])).filter((c) => c.type === 'variable_declarator') };
        case 'variable_declarator': {
          const name = node.childForFieldName('name');
          const value = named(node).find((c) => c.id !== name?.id && c.type !== 'bracketed_argument_list');
          return name && value ? { kind: 'assign', targets: [name], value } : { kind: 'skip' };
        }
        case 'expression_statement': {
          const e = named(node)[0];
          if (!e) return { kind: 'skip' };
          if (e.type === 'assignment_expression' && !sinkKind(e)) {
            const left = e.childForFieldName('left');
            const right = e.childForFieldName('right');
            const op = e.childForFieldName('operator')?.text ?? '=';
            if (left && right) return { kind: 'assign', targets: [left], value: right, augmented: op !== '=' };
          }
          return { kind: 'eval', expressions: [e] };
        }
        case 'return_statement':
        case 'yield_statement': {
          const v = named(node)[0];
          return { kind: 'return', ...(v ? { value: v } : {}) };
        }
        case 'throw_statement':
          return { kind: 'eval', expressions: named(node) };
        case 'if_statement':
          return { kind: 'branch', condition: node.childForFieldName('condition') ?? undefined, body: [node.childForFieldName('consequence'), node.childForFieldName('alternative')].filter((c): c is SyntaxNode => !!c) };
        case 'else_clause':
          return { kind: 'block', body: named(node) };
        case 'preproc_if':
        case 'preproc_elif':
        case 'preproc_else':
          // #if blocks hold statements: analysed as maybe-executed code.
          return { kind: 'branch', body: named(node).filter((c) => c.id !== node.childForFieldName('condition')?.id) };
        case 'while_statement':
        case 'do_statement':
          return { kind: 'branch', condition: node.childForFieldName('condition') ?? undefined, body: named(node).filter((c) => c.id !== node.childForFieldName('condition')?.id) };
        case 'for_statement':
          return { kind: 'branch', condition: node.childForFieldName('condition') ?? undefined, body: named(node).filter((c) => c.id !== node.childForFieldName('condition')?.id) };
        case 'foreach_statement': {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          const body = node.childForFieldName('body');
          return { kind: 'branch', bindings: left && right ? [{ target: left, value: right }] : [], body: body ? [body] : [] };
        }
        case 'using_statement':
          return { kind: 'block', body: named(node) };
        case 'try_statement':
          return { kind: 'block', body: named(node) };
        case 'catch_clause':
          return { kind: 'branch', body: named(node).filter((c) => c.type === 'block') };
        case 'finally_clause':
          return { kind: 'block', body: named(node) };
        case 'switch_statement': {
          const value = node.childForFieldName('value');
          const sections = named(node.childForFieldName('body'));
          return { kind: 'branch', ...(value ? { condition: value } : {}), body: sections };
        }
        case 'switch_section':
          return { kind: 'branch', body: named(node).filter((c) => /statement$|^block$/.test(c.type)) };
        default:
          return undefined;
      }
    },

    expression(node): ExpressionShape {
      if (CLEAN_TYPES.has(node.type)) return { kind: 'clean' };
      switch (node.type) {
        case 'identifier':
          return { kind: 'name', name: node.text, qualifiedName: resolveName(node.text, file) };
        case 'member_access_expression': {
          const object = node.childForFieldName('expression');
          if (!object) return { kind: 'clean' };
          const key = chainKey(node);
          const request = isRequestRead(node) ? `Request.${node.childForFieldName('name')?.text}` : undefined;
          return { kind: 'access', object, ...(key ? { key } : {}), ...(request ? { qualifiedName: request } : key ? { qualifiedName: resolveName(key, file) } : {}) };
        }
        case 'element_access_expression': {
          const object = node.childForFieldName('expression');
          if (!object) return { kind: 'clean' };
          const index = named(node.childForFieldName('subscript'))[0];
          const inner = index ? (named(index).pop() ?? index) : undefined;
          return { kind: 'access', object, ...(inner ? { index: inner } : {}), ...(isRequestRead(node) ? { qualifiedName: 'Request[]' } : {}) };
        }
        case 'conditional_access_expression': {
          const object = node.childForFieldName('condition');
          return object ? { kind: 'access', object } : { kind: 'clean' };
        }
        case 'invocation_expression': {
          const fn = node.childForFieldName('function');
          if (fn?.type === 'identifier' && fn.text === 'nameof') return { kind: 'clean' };
          const call = readCall(node, file);
          // `Allowed.Contains(x)`: membership; `name.Contains("..")`: a check of the receiver (a validator).
          if (call?.name === 'Contains' && call.receiver && call.args.length === 1 && literalValue(call.args[0].value) === undefined && unwrap(call.args[0].value)?.type !== 'character_literal') {
            return { kind: 'membership', element: call.args[0].value, container: call.receiver };
          }
          const shape = callShape(node);
          return shape ? { kind: 'call', call: shape } : { kind: 'compose', parts: named(node) };
        }
        case 'object_creation_expression': {
          const shape = callShape(node);
          return shape ? { kind: 'call', call: shape } : { kind: 'clean' };
        }
        case 'assignment_expression': {
          if (sinkKind(node)) {
            const shape = callShape(node);
            if (shape) return { kind: 'call', call: shape };
          }
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          return left && right ? { kind: 'assign', target: left, value: right } : { kind: 'clean' };
        }
        case 'interpolated_string_expression': {
          const parts: Array<SyntaxNode | string> = [];
          for (const c of named(node)) {
            if (c.type === 'string_content' || c.type === 'escape_sequence') parts.push(c.text);
            else if (c.type === 'interpolation') {
              const e = named(c).find((x) => x.type !== 'interpolation_brace' && x.type !== 'interpolation_format_clause' && x.type !== 'interpolation_alignment_clause');
              if (e) parts.push(e);
            }
          }
          return { kind: 'compose', parts };
        }
        case 'binary_expression': {
          const op = node.childForFieldName('operator')?.text ?? '';
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          const sides = [left, right].filter((c): c is SyntaxNode => !!c);
          if (op === '+' || op === '??') return { kind: 'compose', parts: sides.map(part) };
          if (COMPARISON.has(op)) return { kind: 'clean', visit: sides };
          return { kind: 'compose', parts: sides };
        }
        case 'conditional_expression': {
          const condition = node.childForFieldName('condition');
          const parts = [node.childForFieldName('consequence'), node.childForFieldName('alternative')].filter((c): c is SyntaxNode => !!c);
          // As a call `?:(consequence, alternative)` whose callee is the condition: the condition is
          // evaluated first, so its validators (`Url.IsLocalUrl(x) ? Redirect(x) : …`) apply to the arms.
          if (condition) return { kind: 'call', call: { node, callee: condition, qualifiedName: '?:', args: parts, kwargs: new Map() } };
          return { kind: 'compose', parts: parts.map(part) };
        }
        case 'switch_expression': {
          // The governing value only picks an arm: the value is the union of the arms' (as a call
          // `switch(arm, …)`: each arm keeps its own literal prefix).
          const keyword = node.children.find((c) => c?.type === 'switch');
          if (keyword) return { kind: 'call', call: { node, callee: keyword, qualifiedName: 'switch', args: switchArms(node), kwargs: new Map() } };
          return { kind: 'compose', parts: switchArms(node).map(part) };
        }
        case 'parenthesized_expression':
        case 'await_expression':
        case 'checked_expression':
        case 'postfix_unary_expression':
        case 'ref_expression':
          return { kind: 'compose', parts: named(node) };
        case 'prefix_unary_expression':
          return { kind: 'clean', visit: named(node) };
        case 'cast_expression': {
          const value = node.childForFieldName('value');
          return value ? { kind: 'compose', parts: [value] } : { kind: 'clean' };
        }
        case 'as_expression': {
          const left = node.childForFieldName('left') ?? named(node)[0];
          return left ? { kind: 'compose', parts: [left] } : { kind: 'clean' };
        }
        case 'argument':
          return { kind: 'compose', parts: named(node).slice(-1) };
        default:
          // Containers, anonymous objects, LINQ queries, switch expressions, tuples: built from their parts.
          return { kind: 'compose', parts: named(node).filter((c) => !CLEAN_TYPES.has(c.type) || c.type.endsWith('literal')).map(part) };
      }
    },

    target(node): TargetShape {
      const n = unwrap(node) ?? node;
      if (n.type === 'identifier') return { kind: 'variable', key: n.text };
      if (n.type === 'member_access_expression') {
        const key = chainKey(n);
        return key ? { kind: 'variable', key } : { kind: 'ignore' };
      }
      if (n.type === 'element_access_expression') {
        const object = n.childForFieldName('expression');
        return object ? { kind: 'element', object } : { kind: 'ignore' };
      }
      if (n.type === 'tuple_expression' || n.type === 'tuple_pattern' || n.type === 'parenthesized_variable_designation') {
        return { kind: 'pattern', elements: named(n).map((c) => (c.type === 'argument' ? (named(c).pop() ?? c) : c)) };
      }
      if (n.type === 'declaration_expression') {
        const name = n.childForFieldName('name');
        return name?.type === 'identifier' ? { kind: 'variable', key: name.text } : name ? this.target(name) : { kind: 'ignore' };
      }
      return { kind: 'ignore' };
    },
  };
}
