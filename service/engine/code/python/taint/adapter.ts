// What tree-sitter-python's nodes mean to the taint core (../../taint/types.ts): functions, assignments
// and tuple unpacking, branches, calls with their qualified names (imports resolved), and string building
// (f-strings, +, %, .format) as compositions.
import { qualifiedName } from '../context';
import type { CallShape, ExpressionShape, StatementShape, SyntaxNode, TaintAdapter, TaintParam, TargetShape, TaintUnit } from '../../taint';

const CLEAN_TYPES = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis', 'lambda', 'comment', 'keyword_separator', 'positional_separator']);
const SKIP_STATEMENTS = new Set([
  'function_definition',
  'class_definition',
  'decorated_definition',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'pass_statement',
  'break_statement',
  'continue_statement',
  'global_statement',
  'nonlocal_statement',
  'comment',
  'type_alias_statement',
]);
const EVAL_STATEMENTS = new Set(['delete_statement', 'raise_statement', 'print_statement', 'exec_statement']);

const named = (n: SyntaxNode): SyntaxNode[] => n.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');

/** `a.b.c` when the node is a chain of plain names; else undefined. */
export function chainKey(node: SyntaxNode): string | undefined {
  const parts: string[] = [];
  let n: SyntaxNode | null = node;
  while (n?.type === 'attribute') {
    const attr = n.childForFieldName('attribute')?.text;
    if (!attr) return undefined;
    parts.push(attr);
    n = n.childForFieldName('object');
  }
  if (n?.type !== 'identifier') return undefined;
  parts.push(n.text);
  return parts.reverse().join('.');
}

/** The text of a string literal without interpolation; undefined otherwise. */
function literalText(node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

/** A part of a composition: a plain literal's text (for prefixes), else the node. */
const part = (n: SyntaxNode): SyntaxNode | string => literalText(n) ?? n;

/** The class a function is a method of. */
export function classOf(fn: SyntaxNode): SyntaxNode | undefined {
  let p = fn.parent;
  if (p?.type === 'decorated_definition') p = p.parent;
  return p?.type === 'block' && p.parent?.type === 'class_definition' ? p.parent : undefined;
}

const isInClass = (fn: SyntaxNode): boolean => !!classOf(fn);

/** A function as a unit; its parameters, body and class are read only when the core asks. */
function functionUnit(fn: SyntaxNode): TaintUnit {
  let params: TaintParam[] | undefined;
  let body: SyntaxNode[] | undefined;
  let owner: { node?: SyntaxNode } | undefined;
  return {
    node: fn,
    name: fn.childForFieldName('name')?.text,
    get params() {
      return (params ??= parameterNodes(fn)
        .map(paramName)
        .filter((p): p is TaintParam => !!p));
    },
    get body() {
      if (!body) {
        const block = fn.childForFieldName('body');
        body = block ? named(block) : [];
      }
      return body;
    },
    get owner() {
      return (owner ??= { node: classOf(fn) }).node;
    },
  };
}

export function decoratorsOf(fn: SyntaxNode): SyntaxNode[] {
  const p = fn.parent;
  if (p?.type !== 'decorated_definition') return [];
  return named(p).filter((c) => c.type === 'decorator');
}

function paramName(p: SyntaxNode): { name: string; node: SyntaxNode } | undefined {
  switch (p.type) {
    case 'identifier':
      return { name: p.text, node: p };
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const id = named(p).find((c) => c.type === 'identifier');
      if (id) return { name: id.text, node: id };
      // typed `*args: str`
      const inner = named(p).find((c) => c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern');
      return inner ? paramName(inner) : undefined;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const id = p.childForFieldName('name');
      return id?.type === 'identifier' ? { name: id.text, node: id } : undefined;
    }
    default:
      return undefined;
  }
}

/** The parameter nodes as written (typed, with defaults), self/cls dropped for methods. */
export function parameterNodes(fn: SyntaxNode): SyntaxNode[] {
  const list = named(fn.childForFieldName('parameters') ?? fn).filter((p) => !!paramName(p));
  if (isInClass(fn) && !decoratorsOf(fn).some((d) => /staticmethod/.test(d.text))) list.shift();
  return list;
}

export { paramName };

const FORMAT_FIELD = /\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}/g;

/** `"https://{host}/x/{}".format(...)`: literal text and the values in their places (for prefixes). */
function formatCompose(call: CallShape): ExpressionShape | undefined {
  if (call.method !== 'format' || !call.receiver) return undefined;
  const template = literalText(call.receiver);
  if (template === undefined) return undefined;
  const parts: Array<SyntaxNode | string> = [];
  const used = new Set<SyntaxNode>();
  let last = 0;
  let auto = 0;
  for (const m of template.matchAll(FORMAT_FIELD)) {
    if (m[1] === undefined) continue; // {{ or }}
    parts.push(template.slice(last, m.index));
    last = m.index + m[0].length;
    const field = m[1].split(/[.[]/)[0];
    const value = field === '' ? call.args[auto++] : /^\d+$/.test(field) ? call.args[Number(field)] : call.kwargs.get(field);
    if (value) {
      parts.push(value);
      used.add(value);
    }
  }
  parts.push(template.slice(last));
  // Values the template does not name (a ** mapping, *args) still count.
  for (const v of [...call.args, ...call.kwargs.values()]) if (!used.has(v)) parts.push(v);
  return { kind: 'compose', parts };
}

const PERCENT_FIELD = /%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]/g;

/** `"%s://%s/x" % (scheme, host)`: literal text and the values in their places. */
function percentCompose(template: string, right: SyntaxNode): ExpressionShape {
  const fields = [...template.matchAll(PERCENT_FIELD)].filter((m) => m[0] !== '%%');
  const values = right.type === 'tuple' ? named(right) : [right];
  if (fields.length !== values.length || right.type === 'dictionary') {
    const first = fields[0]?.index ?? template.length;
    return { kind: 'compose', parts: [template.slice(0, first), right] };
  }
  const parts: Array<SyntaxNode | string> = [];
  let last = 0;
  fields.forEach((m, i) => {
    parts.push(template.slice(last, m.index), values[i]);
    last = m.index + m[0].length;
  });
  parts.push(template.slice(last));
  return { kind: 'compose', parts };
}

export function readPyCall(node: SyntaxNode, imports: ReadonlyMap<string, string>): CallShape {
  const callee = node.childForFieldName('function')!;
  const args: SyntaxNode[] = [];
  const kwargs = new Map<string, SyntaxNode>();
  const list = node.childForFieldName('arguments');
  if (list?.type === 'generator_expression') args.push(list);
  else {
    for (const a of list ? named(list) : []) {
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) kwargs.set(k, v);
      } else if (a.type === 'dictionary_splat') kwargs.set('**', a);
      else args.push(a);
    }
  }
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  const receiver = callee.type === 'attribute' ? (callee.childForFieldName('object') ?? undefined) : undefined;
  return { node, callee, ...(receiver ? { receiver } : {}), ...(method ? { method } : {}), qualifiedName: qualifiedName(callee, imports), args, kwargs };
}

function comprehensionParts(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of named(node)) {
    if (c.type === 'for_in_clause') {
      const right = c.childForFieldName('right');
      if (right) out.push(right);
    } else if (c.type !== 'if_clause') out.push(c);
  }
  return out;
}

export function pythonTaintAdapter(imports: ReadonlyMap<string, string>): TaintAdapter {
  const expression = (node: SyntaxNode): ExpressionShape => {
    switch (node.type) {
      case 'identifier':
        return { kind: 'name', name: node.text, qualifiedName: imports.get(node.text) ?? node.text };
      case 'attribute': {
        const object = node.childForFieldName('object');
        if (!object) return { kind: 'clean' };
        const key = chainKey(node);
        return { kind: 'access', object, ...(key ? { key } : {}), qualifiedName: qualifiedName(node, imports) };
      }
      case 'subscript': {
        const object = node.childForFieldName('value');
        if (!object) return { kind: 'clean' };
        const index = node.childForFieldName('subscript');
        return { kind: 'access', object, ...(index ? { index } : {}) };
      }
      case 'call': {
        const call = readPyCall(node, imports);
        return formatCompose(call) ?? { kind: 'call', call };
      }
      case 'string': {
        const parts: Array<SyntaxNode | string> = [];
        let interpolated = false;
        for (const c of named(node)) {
          if (c.type === 'string_content' || c.type === 'escape_sequence') parts.push(c.text);
          else if (c.type === 'interpolation') {
            const e = c.childForFieldName('expression');
            if (e) parts.push(e);
            interpolated = true;
          }
        }
        return interpolated ? { kind: 'compose', parts } : { kind: 'clean' };
      }
      case 'concatenated_string':
        return { kind: 'compose', parts: named(node).map(part) };
      case 'binary_operator': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const op = node.childForFieldName('operator')?.type;
        if (!left || !right) return { kind: 'compose', parts: named(node) };
        const template = op === '%' ? literalText(left) : undefined;
        if (template !== undefined) return percentCompose(template, right);
        return { kind: 'compose', parts: [part(left), part(right)] };
      }
      case 'comparison_operator': {
        const ops = node.childrenForFieldName('operators').map((o) => o?.type);
        const operands = named(node);
        if (operands.length === 2 && (ops[0] === 'in' || ops[0] === 'not in')) return { kind: 'membership', element: operands[0], container: operands[1] };
        return { kind: 'clean', visit: operands };
      }
      case 'not_operator':
        return { kind: 'clean', visit: named(node) };
      case 'named_expression': {
        const target = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        return target && value ? { kind: 'assign', target, value } : { kind: 'clean' };
      }
      case 'conditional_expression': {
        const [a, cond, b] = named(node);
        if (cond) return { kind: 'compose', parts: [a, b].filter((x): x is SyntaxNode => !!x).map(part) };
        return { kind: 'compose', parts: named(node) };
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return { kind: 'compose', parts: comprehensionParts(node) };
      case 'slice':
        return { kind: 'clean', visit: named(node) };
      case 'tuple':
      case 'list':
      case 'expression_list':
        return { kind: 'compose', parts: named(node).map(part), sequence: true };
      default:
        if (CLEAN_TYPES.has(node.type)) return { kind: 'clean' };
        // Containers, parentheses, await, unary operators, splats, pairs, boolean operators: from their parts.
        return { kind: 'compose', parts: named(node).map(part) };
    }
  };

  const target = (node: SyntaxNode): TargetShape => {
    switch (node.type) {
      case 'identifier':
        return { kind: 'variable', key: node.text };
      case 'attribute': {
        const key = chainKey(node);
        if (key) return { kind: 'variable', key };
        const object = node.childForFieldName('object');
        return object ? { kind: 'element', object } : { kind: 'ignore' };
      }
      case 'subscript': {
        const object = node.childForFieldName('value');
        return object ? { kind: 'element', object } : { kind: 'ignore' };
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
        return { kind: 'pattern', elements: named(node) };
      case 'list_splat_pattern':
      case 'list_splat':
      case 'parenthesized_expression':
      case 'as_pattern_target': {
        const inner = named(node)[0];
        return inner ? target(inner) : { kind: 'ignore' };
      }
      default:
        return { kind: 'ignore' };
    }
  };

  const statement = (node: SyntaxNode): StatementShape | undefined => {
    if (SKIP_STATEMENTS.has(node.type)) return { kind: 'skip' };
    if (EVAL_STATEMENTS.has(node.type)) return { kind: 'eval', expressions: named(node) };
    switch (node.type) {
      case 'expression_statement': {
        const children = named(node);
        const first = children[0];
        if (children.length === 1 && (first.type === 'assignment' || first.type === 'augmented_assignment')) return assignment(first);
        return { kind: 'eval', expressions: children };
      }
      case 'return_statement': {
        const value = named(node)[0];
        return value ? { kind: 'return', value } : { kind: 'return' };
      }
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement': {
        const condition = node.childForFieldName('condition') ?? undefined;
        const body = [node.childForFieldName('consequence') ?? node.childForFieldName('body'), ...node.childrenForFieldName('alternative')].filter((b): b is SyntaxNode => !!b);
        return { kind: 'branch', ...(condition ? { condition } : {}), body, ...(node.type === 'while_statement' ? { loop: true } : {}) };
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const body = [node.childForFieldName('body'), node.childForFieldName('alternative')].filter((b): b is SyntaxNode => !!b);
        return { kind: 'branch', bindings: left && right ? [{ target: left, value: right }] : [], body, loop: true };
      }
      case 'assert_statement': {
        const condition = named(node)[0];
        return condition ? { kind: 'branch', condition, body: [] } : { kind: 'skip' };
      }
      case 'with_statement': {
        const bindings = [];
        const items = named(node).filter((c) => c.type === 'with_clause').flatMap((c) => named(c).filter((i) => i.type === 'with_item'));
        for (const item of items) {
          const value = item.childForFieldName('value');
          if (!value) continue;
          if (value.type === 'as_pattern') {
            const v = named(value)[0];
            const alias = value.childForFieldName('alias');
            if (v) bindings.push({ target: alias ?? item, value: v });
          } else bindings.push({ target: item, value });
        }
        const body = node.childForFieldName('body');
        return { kind: 'block', bindings, body: body ? [body] : [] };
      }
      case 'except_clause':
      case 'except_group_clause': {
        const body = named(node).filter((c) => c.type === 'block');
        const value = named(node).find((c) => c.type === 'as_pattern');
        const alias = value?.childForFieldName('alias');
        return { kind: 'branch', bindings: alias ? [{ target: alias }] : [], body };
      }
      case 'else_clause':
      case 'finally_clause':
        return { kind: 'block', body: named(node) };
      case 'match_statement': {
        const subject = node.childForFieldName('subject') ?? undefined;
        const body = node.childForFieldName('body');
        return { kind: 'branch', ...(subject ? { condition: subject } : {}), body: body ? named(body) : [] };
      }
      case 'case_clause': {
        const guard = node.childForFieldName('guard');
        const condition = guard ? named(guard)[0] : undefined;
        const body = node.childForFieldName('consequence');
        return { kind: 'branch', ...(condition ? { condition } : {}), body: body ? [body] : [] };
      }
      default:
        return undefined;
    }
  };

  return {
    units(root) {
      const units: TaintUnit[] = [{ node: root, params: [], body: named(root) }];
      for (const fn of root.descendantsOfType('function_definition')) {
        if (fn) units.push(functionUnit(fn));
      }
      return units;
    },
    statement,
    expression,
    target,
  };
}

function assignment(node: SyntaxNode): StatementShape {
  const targets: SyntaxNode[] = [];
  let n: SyntaxNode | null = node;
  // a = b = v is assignment(a, assignment(b, v))
  while (n && n.type === 'assignment') {
    const left = n.childForFieldName('left');
    if (left) targets.push(left);
    n = n.childForFieldName('right');
    if (n?.type !== 'assignment') break;
  }
  if (node.type === 'augmented_assignment') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return left && right ? { kind: 'assign', targets: [left], value: right, augmented: true } : { kind: 'skip' };
  }
  return n ? { kind: 'assign', targets, value: n } : { kind: 'skip' };
}
