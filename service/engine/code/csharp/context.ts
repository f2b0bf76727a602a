// What a C# rule sees of one file: the tree, the names its using directives bind (so `Process.Start`,
// `System.Diagnostics.Process.Start` and `using P = System.Diagnostics.Process; P.Start` are one
// call), the declared type of a variable where the file says it, and whether a string is a constant,
// built from non-constant pieces (interpolation, +, string.Format, StringBuilder) or unknown.
// Types are told by their simple name: a file does not see its project's global usings, and the
// names the rules look for (SqlCommand, BinaryFormatter, Process) are not ambiguous in practice.
import { span, type SyntaxNode } from '../../tree-sitter';
import type { CodeHit, CodeRule, FlowStep } from '../types';

export interface CsFile {
  path: string;
  text: string;
  root: SyntaxNode;
  /** `using P = System.Diagnostics.Process;` P -> System.Diagnostics.Process */
  aliases: Map<string, string>;
  /** `using static System.IO.File;` -> System.IO.File (its members are called unqualified). */
  staticUsings: string[];
  /** Declarations by name, read on first use. */
  declarations?: Map<string, Declaration[]>;
  /** The names of the enums declared in the file, read on first use. */
  enums?: Set<string>;
  /** Calls read so far, by node id. */
  calls?: Map<number, CsCall | undefined>;
  /** Facts about the whole project that rules note while scanning (a global anti-forgery filter). */
  project: Set<string>;
  /** A problem with this file (a bound hit), as the analyser reports it. */
  warn?: (code: string, message: string) => void;
}

export type Report = (node: SyntaxNode, message: string, flow?: FlowStep[]) => void;

/** A C# rule: handlers by tree-sitter-c-sharp node type (invocation_expression, attribute, …). */
export interface CsRule {
  rule: CodeRule;
  on: Partial<Record<string, (node: SyntaxNode, file: CsFile, report: Report) => void>>;
  /** Drop all of this rule's hits when a file of the project noted this fact (a global filter in Program.cs). */
  unlessProject?: string;
}

export function readUsings(root: SyntaxNode): Pick<CsFile, 'aliases' | 'staticUsings'> {
  const aliases = new Map<string, string>();
  const staticUsings: string[] = [];
  const directives: SyntaxNode[] = [];
  const visit = (n: SyntaxNode, depth: number) => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'using_directive') directives.push(c);
      else if (depth < 8 && (c.type === 'namespace_declaration' || c.type === 'declaration_list')) visit(c, depth + 1);
    }
  };
  visit(root, 0);
  for (const u of directives) {
    const alias = u.childForFieldName('name');
    const target = u.namedChildren.find((c) => c && c !== alias && c.type !== 'comment' && c.id !== alias?.id);
    if (!target) continue;
    const name = cleanName(target.text);
    if (alias && alias.id !== target.id) aliases.set(alias.text, name);
    else if (/^using\s+static\b/.test(u.text)) staticUsings.push(name);
  }
  return { aliases, staticUsings };
}

/** `global::System.Collections.Generic.List<int>` -> System.Collections.Generic.List */
export function cleanName(text: string): string {
  let out = text.replace(/\s+/g, '').replace(/^global::/, '');
  for (let i = 0; i < 5 && out.includes('<'); i++) out = out.replace(/<[^<>]*>/g, '');
  return out.replace(/\?$/, '');
}

/** A written name with its first part expanded when it is a using alias. */
export function resolveName(text: string, file: CsFile): string {
  const clean = cleanName(text);
  const dot = clean.indexOf('.');
  const head = dot < 0 ? clean : clean.slice(0, dot);
  const alias = file.aliases.get(head);
  return alias ? alias + (dot < 0 ? '' : clean.slice(dot)) : clean;
}

export const lastPart = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

// ---------------------------------------------------------------------------------------------
// Declarations: locals, parameters, fields and properties, with the node they are visible in.

export interface Declaration {
  name: string;
  /** The type as written (`var` when implicit); undefined for untyped lambda parameters. */
  type?: string;
  /** The initializer (locals, fields, properties). */
  value?: SyntaxNode;
  /** Where the name is visible: the enclosing block, method or class. */
  scope: SyntaxNode;
  /** The scope's range (read once: node ranges cost a call into WASM). */
  from: number;
  to: number;
  node: SyntaxNode;
  kind: 'local' | 'parameter' | 'field' | 'property' | 'foreach' | 'pattern';
  isConst: boolean;
}

const SCOPE_TYPES = new Set([
  'block', 'method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression',
  'anonymous_method_expression', 'class_declaration', 'struct_declaration', 'record_declaration', 'interface_declaration',
  'accessor_declaration', 'switch_section', 'for_statement', 'foreach_statement', 'using_statement', 'compilation_unit',
  'catch_clause', 'property_declaration',
]);

export function enclosing(node: SyntaxNode, types: ReadonlySet<string> | readonly string[]): SyntaxNode | undefined {
  const set = types instanceof Set ? types : new Set(types as readonly string[]);
  for (let n = node.parent; n; n = n.parent) if (set.has(n.type)) return n;
  return undefined;
}

function scopeOf(node: SyntaxNode): SyntaxNode {
  return enclosing(node, SCOPE_TYPES) ?? node.tree.rootNode;
}

const hasModifier = (decl: SyntaxNode | null | undefined, word: string) => !!decl?.namedChildren.some((c) => c?.type === 'modifier' && c.text === word);

function readDeclarations(root: SyntaxNode): Map<string, Declaration[]> {
  const out = new Map<string, Declaration[]>();
  const add = (partial: Omit<Declaration, 'from' | 'to'>) => {
    const d: Declaration = { ...partial, from: partial.scope.startIndex, to: partial.scope.endIndex };
    const list = out.get(d.name) ?? [];
    list.push(d);
    out.set(d.name, list);
  };
  const types = ['variable_declarator', 'parameter', 'property_declaration', 'foreach_statement', 'declaration_expression', 'declaration_pattern', 'implicit_parameter'];
  for (const n of root.descendantsOfType(types)) {
    if (!n) continue;
    if (n.type === 'variable_declarator') {
      const name = n.childForFieldName('name');
      const declaration = n.parent;
      const owner = declaration?.parent;
      if (!name || !declaration) continue;
      const value = n.namedChildren.find((c) => c && c.id !== name.id && c.type !== 'bracketed_argument_list') ?? undefined;
      const isField = owner?.type === 'field_declaration' || owner?.type === 'event_field_declaration';
      add({
        name: name.text,
        type: declaration.childForFieldName('type')?.text,
        value,
        scope: isField ? scopeOf(owner!) : scopeOf(n),
        node: n,
        kind: isField ? 'field' : 'local',
        isConst: hasModifier(owner, 'const') || owner?.type === 'local_declaration_statement' && /^const\b/.test(owner.text),
      });
    } else if (n.type === 'parameter') {
      const name = n.childForFieldName('name');
      const fn = n.parent?.parent;
      if (name && fn) add({ name: name.text, type: n.childForFieldName('type')?.text, scope: fn, node: n, kind: 'parameter', isConst: false });
    } else if (n.type === 'implicit_parameter') {
      if (n.parent) add({ name: n.text, scope: n.parent, node: n, kind: 'parameter', isConst: false });
    } else if (n.type === 'property_declaration') {
      const name = n.childForFieldName('name');
      if (name) add({ name: name.text, type: n.childForFieldName('type')?.text, value: n.childForFieldName('value') ?? undefined, scope: scopeOf(n), node: n, kind: 'property', isConst: false });
    } else if (n.type === 'foreach_statement') {
      const left = n.childForFieldName('left');
      if (left?.type === 'identifier') add({ name: left.text, type: n.childForFieldName('type')?.text, scope: n, node: n, kind: 'foreach', isConst: false });
    } else {
      const name = n.childForFieldName('name');
      if (name?.type === 'identifier') add({ name: name.text, type: n.childForFieldName('type')?.text, scope: scopeOf(n), node: n, kind: 'pattern', isConst: false });
    }
  }
  return out;
}

/** The declaration an identifier refers to: the innermost one whose scope holds it. */
export function declarationOf(id: SyntaxNode, file: CsFile): Declaration | undefined {
  file.declarations ??= readDeclarations(file.root);
  const list = file.declarations.get(id.text);
  if (!list) return undefined;
  if (list.length === 1 && list[0].kind === 'field') return list[0];
  const at = id.startIndex;
  let best: Declaration | undefined;
  for (const d of list) {
    if (at < d.from || at >= d.to) continue;
    if (!best || d.to - d.from < best.to - best.from) best = d;
  }
  return best;
}

/** Every declaration of a name in the file (const lookups through `Queries.GetUser`). */
export function declarationsNamed(name: string, file: CsFile): readonly Declaration[] {
  file.declarations ??= readDeclarations(file.root);
  return file.declarations.get(name) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Expressions: types, calls, object creations.

/** Parentheses, casts, `await`, `!` (null-forgiving) and `checked` do not change what a value is. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let n = node ?? undefined;
  for (let i = 0; n && i < 20; i++) {
    if (n.type === 'parenthesized_expression' || n.type === 'await_expression' || n.type === 'checked_expression') n = n.namedChildren.find((c) => c?.type !== 'comment') ?? undefined;
    else if (n.type === 'cast_expression') n = n.childForFieldName('value') ?? undefined;
    else if (n.type === 'postfix_unary_expression' && n.text.endsWith('!')) n = n.namedChild(0) ?? undefined;
    else break;
  }
  return n;
}

/** The simple type name a variable's declaration gives it, inferring `var x = new T()` and `var x = T.Create()`. */
function declaredType(d: Declaration, file: CsFile): string | undefined {
  const v = unwrap(d.value);
  // `IFormatter f = new BinaryFormatter()`: the created type says more than the declared one.
  if (v?.type === 'object_creation_expression') return typeOfCreation(v, file);
  if (d.type && d.type !== 'var') return lastPart(resolveName(d.type, file));
  if (!v) return undefined;
  if (v.type === 'invocation_expression') {
    const fn = v.childForFieldName('function');
    if (fn?.type === 'member_access_expression' && /^Create/.test(fn.childForFieldName('name')?.text ?? '')) {
      const owner = fn.childForFieldName('expression');
      if (owner && isTypeLike(owner, file)) return lastPart(resolveName(owner.text, file));
    }
  }
  return undefined;
}

/** An identifier or dotted name that is not a variable in scope: a type (or namespace). */
function isTypeLike(node: SyntaxNode, file: CsFile): boolean {
  let n: SyntaxNode | null = node;
  for (let i = 0; n?.type === 'member_access_expression' && i < 64; i++) n = n.childForFieldName('expression');
  if (!n) return false;
  if (n.type === 'predefined_type' || n.type === 'qualified_name' || n.type === 'generic_name' || n.type === 'alias_qualified_name') return true;
  // Type names are PascalCase; an undeclared lowercase name is a field or property declared elsewhere.
  return n.type === 'identifier' && /^[A-Z]/.test(n.text) && !declarationOf(n, file);
}

export function typeOfCreation(node: SyntaxNode, file: CsFile): string | undefined {
  const t = node.childForFieldName('type');
  return t ? lastPart(resolveName(t.text, file)) : undefined;
}

/**
 * The simple type name of an expression where the file tells it: a variable's declared type, a
 * `new T()`, a static member's owner (`Process` in `Process.Start`), `this.field`.
 */
export function typeOf(node: SyntaxNode | null | undefined, file: CsFile): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'object_creation_expression') return typeOfCreation(n, file);
  if (n.type === 'predefined_type') return n.text === 'string' ? 'String' : n.text;
  if (n.type === 'identifier') {
    const d = declarationOf(n, file);
    return d ? declaredType(d, file) : lastPart(resolveName(n.text, file));
  }
  if (n.type === 'member_access_expression') {
    const head = n.childForFieldName('expression');
    const name = n.childForFieldName('name');
    if (!head || !name) return undefined;
    if (head.type === 'this_expression' || head.type === 'this') {
      const d = declarationsNamed(name.text, file).find((x) => x.kind === 'field' || x.kind === 'property');
      return d ? declaredType(d, file) : undefined;
    }
    if (isTypeLike(n, file)) return lastPart(resolveName(n.text, file));
  }
  if (n.type === 'qualified_name' || n.type === 'generic_name') return lastPart(resolveName(n.text, file));
  return undefined;
}

export interface CsArgument {
  node: SyntaxNode;
  /** The value (the expression inside `ref`, `out`, `name:`). */
  value: SyntaxNode;
  name?: string;
}

/** A method call or an object creation, read the same way. */
export interface CsCall {
  node: SyntaxNode;
  kind: 'call' | 'new';
  /** The method's name (`Start`) or, for `new`, the type's simple name (`SqlCommand`). */
  name: string;
  /** Calls: the receiver expression (`Process`, `cmd`), absent for an unqualified call. */
  receiver?: SyntaxNode;
  /** Calls: the receiver's simple type where known (`Process`, `SqlCommand` for a variable declared so); new: the type. */
  type?: string;
  args: CsArgument[];
  /** `new T { A = x }`: A -> x */
  init: Map<string, SyntaxNode>;
}

function readArguments(list: SyntaxNode | null | undefined): CsArgument[] {
  const out: CsArgument[] = [];
  for (const a of list?.namedChildren ?? []) {
    if (!a || a.type !== 'argument') continue;
    const name = a.childForFieldName('name');
    const value = a.namedChildren.filter((c) => c && c.id !== name?.id && c.type !== 'comment').pop();
    if (value) out.push({ node: a, value, ...(name ? { name: name.text } : {}) });
  }
  return out;
}

/** `{ A = x, B = y }` of an object creation. */
export function initializerOf(node: SyntaxNode | null | undefined): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  const init = node?.childForFieldName('initializer');
  for (const a of init?.namedChildren ?? []) {
    if (a?.type !== 'assignment_expression') continue;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left && right) out.set(left.text, right);
  }
  return out;
}

/** The call at a node, read once per file whatever the number of rules asking. */
export function readCall(node: SyntaxNode, file: CsFile): CsCall | undefined {
  file.calls ??= new Map();
  if (file.calls.has(node.id)) return file.calls.get(node.id);
  const call = readCallOnce(node, file);
  file.calls.set(node.id, call);
  return call;
}

function readCallOnce(node: SyntaxNode, file: CsFile): CsCall | undefined {
  if (node.type === 'object_creation_expression') {
    const type = typeOfCreation(node, file);
    if (!type) return undefined;
    return { node, kind: 'new', name: type, type, args: readArguments(node.childForFieldName('arguments')), init: initializerOf(node) };
  }
  if (node.type !== 'invocation_expression') return undefined;
  const fn = node.childForFieldName('function');
  if (!fn) return undefined;
  const args = readArguments(node.childForFieldName('arguments'));
  if (fn.type === 'member_access_expression') {
    const name = fn.childForFieldName('name');
    const receiver = fn.childForFieldName('expression') ?? undefined;
    if (!name) return undefined;
    const method = name.type === 'generic_name' ? (name.namedChild(0)?.text ?? name.text) : name.text;
    return { node, kind: 'call', name: method, receiver, type: typeOf(receiver, file), args, init: new Map() };
  }
  if (fn.type === 'conditional_access_expression') {
    const binding = fn.namedChildren.find((c) => c?.type === 'member_binding_expression');
    const name = binding?.childForFieldName('name');
    const receiver = fn.childForFieldName('condition') ?? undefined;
    if (!name) return undefined;
    const method = name.type === 'generic_name' ? (name.namedChild(0)?.text ?? name.text) : name.text;
    return { node, kind: 'call', name: method, receiver, type: typeOf(receiver, file), args, init: new Map() };
  }
  if (fn.type === 'identifier' || fn.type === 'generic_name') {
    const method = fn.type === 'generic_name' ? (fn.namedChild(0)?.text ?? fn.text) : fn.text;
    // `using static System.Diagnostics.Process;` makes `Start(...)` Process.Start.
    const owner = file.staticUsings.find((s) => STATIC_MEMBERS[lastPart(s)]?.has(method));
    return { node, kind: 'call', name: method, ...(owner ? { type: lastPart(owner) } : {}), args, init: new Map() };
  }
  return undefined;
}

/** Members the rules look for that a `using static` may bring in unqualified. */
const STATIC_MEMBERS: Record<string, ReadonlySet<string>> = {
  Process: new Set(['Start']),
  File: new Set(['ReadAllText', 'ReadAllBytes', 'ReadAllLines', 'WriteAllText', 'WriteAllBytes', 'WriteAllLines', 'AppendAllText', 'Delete', 'Open', 'OpenRead', 'OpenWrite', 'OpenText', 'Create', 'Copy', 'Move', 'ReadLines']),
  Directory: new Set(['Delete', 'GetFiles', 'EnumerateFiles', 'CreateDirectory', 'GetDirectories']),
};

/** A call's argument by position, or by its name when written `name: value`. */
export function argument(call: CsCall, index: number, name?: string): SyntaxNode | undefined {
  if (name) {
    const named = call.args.find((a) => a.name === name);
    if (named) return named.value;
  }
  const a = call.args[index];
  return a && !a.name ? a.value : undefined;
}

/** The value an assignment or initializer sets, by the property's name: `x.Secure = false`, `{ Secure = false }`. */
export function assignedMember(node: SyntaxNode): { name: string; target?: SyntaxNode; value: SyntaxNode; operator: string } | undefined {
  if (node.type !== 'assignment_expression') return undefined;
  const left = node.childForFieldName('left');
  const value = node.childForFieldName('right');
  const operator = node.childForFieldName('operator')?.text ?? '=';
  if (!left || !value) return undefined;
  if (left.type === 'identifier') return { name: left.text, value, operator };
  if (left.type === 'member_access_expression') {
    const name = left.childForFieldName('name')?.text;
    const target = left.childForFieldName('expression') ?? undefined;
    return name ? { name, target, value, operator } : undefined;
  }
  return undefined;
}

/** The object creation whose initializer holds this assignment (`new CookieOptions { Secure = false }`). */
export function initializerOwner(assignment: SyntaxNode): SyntaxNode | undefined {
  const p = assignment.parent;
  if (p?.type !== 'initializer_expression') return undefined;
  const owner = p.parent;
  return owner?.type === 'object_creation_expression' ? owner : undefined;
}

// ---------------------------------------------------------------------------------------------
// Strings: constant, built from non-constant pieces, or unknown.

export type StringKind = 'const' | 'built' | 'opaque';

const CONST_TYPES = new Set(['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'character_literal', 'integer_literal', 'real_literal', 'boolean_literal', 'null_literal', 'typeof_expression', 'default_expression', 'sizeof_expression']);
const PASS_THROUGH = new Set(['Trim', 'TrimStart', 'TrimEnd', 'ToLower', 'ToUpper', 'ToLowerInvariant', 'ToUpperInvariant', 'Replace', 'Substring', 'PadLeft', 'PadRight', 'Insert', 'Remove', 'Normalize']);
const FORMATTERS = new Set(['Format', 'Concat', 'Join']);

const worst = (a: StringKind, b: StringKind): StringKind => (a === 'built' || b === 'built' ? 'built' : a === 'opaque' || b === 'opaque' ? 'opaque' : 'const');

const isStringLiteral = (n: SyntaxNode | undefined) => !!n && (n.type === 'string_literal' || n.type === 'verbatim_string_literal' || n.type === 'raw_string_literal' || n.type === 'interpolated_string_expression');

/**
 * What a string expression is: 'const' (literals, const names, concatenations of those), 'built'
 * (interpolation, + or string.Format with a non-constant piece, a StringBuilder with one), or
 * 'opaque' (a parameter, a call's result: nothing known). Follows local variables a few steps.
 */
export function stringKind(node: SyntaxNode | null | undefined, file: CsFile, depth = 0): StringKind {
  const n = unwrap(node);
  if (!n || depth > 12) return 'opaque';
  if (CONST_TYPES.has(n.type)) return 'const';
  switch (n.type) {
    case 'interpolated_string_expression': {
      let kind: StringKind = 'const';
      for (const part of n.namedChildren) {
        if (part?.type !== 'interpolation') continue;
        const expr = part.namedChildren.find((c) => c && c.type !== 'interpolation_brace' && c.type !== 'interpolation_format_clause' && c.type !== 'interpolation_alignment_clause');
        if (stringKind(expr, file, depth + 1) !== 'const') kind = 'built';
      }
      return kind;
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (op === '??') return worst(stringKind(left, file, depth + 1), stringKind(right, file, depth + 1));
      if (op !== '+') return 'opaque';
      const l = stringKind(left, file, depth + 1);
      const r = stringKind(right, file, depth + 1);
      if (l === 'const' && r === 'const') return 'const';
      if (l === 'built' || r === 'built') return 'built';
      // A literal string on one side makes this a concatenation with an unknown piece.
      return isStringLiteral(unwrap(left)) || isStringLiteral(unwrap(right)) || stringsOnly(left) || stringsOnly(right) ? 'built' : 'opaque';
    }
    case 'conditional_expression':
      return worst(stringKind(n.childForFieldName('consequence'), file, depth + 1), stringKind(n.childForFieldName('alternative'), file, depth + 1));
    case 'switch_expression':
      return switchArms(n).reduce<StringKind>((k, arm) => worst(k, stringKind(arm, file, depth + 1)), 'const');
    case 'identifier':
      return variableKind(n, file, depth);
    case 'member_access_expression': {
      const name = n.childForFieldName('name')?.text;
      if (name && declarationsNamed(name, file).some((d) => d.isConst || (d.kind === 'field' && isReadonlyLiteral(d)))) return 'const';
      return 'opaque';
    }
    case 'invocation_expression':
      return callKind(n, file, depth);
    default:
      return 'opaque';
  }
}

/** `"a" + "b" + x`: the left side is itself a concatenation that starts with a literal. */
function stringsOnly(node: SyntaxNode | null | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 12 || n.type !== 'binary_expression' || n.childForFieldName('operator')?.text !== '+') return false;
  const l = unwrap(n.childForFieldName('left'));
  const r = unwrap(n.childForFieldName('right'));
  return isStringLiteral(l) || isStringLiteral(r) || stringsOnly(l, depth + 1) || stringsOnly(r, depth + 1);
}

function isReadonlyLiteral(d: Declaration): boolean {
  const owner = d.node.parent?.parent;
  return hasModifier(owner, 'readonly') && !!d.value && CONST_TYPES.has(d.value.type);
}

function callKind(n: SyntaxNode, file: CsFile, depth: number): StringKind {
  const fn = n.childForFieldName('function');
  if (fn?.type === 'identifier' && fn.text === 'nameof') return 'const';
  if (fn?.type !== 'member_access_expression') return 'opaque';
  const name = fn.childForFieldName('name')?.text ?? '';
  const receiver = fn.childForFieldName('expression');
  const args = readArguments(n.childForFieldName('arguments'));
  if (FORMATTERS.has(name) && receiver && /^(?:string|String|System\.String)$/.test(receiver.text)) {
    return args.every((a) => stringKind(a.value, file, depth + 1) === 'const') ? 'const' : 'built';
  }
  if (name === 'ToString' && receiver) {
    const r = unwrap(receiver);
    if (r?.type === 'identifier' && typeOf(r, file) === 'StringBuilder') return builderKind(r, file, depth);
    return 'opaque';
  }
  if (PASS_THROUGH.has(name) && receiver) return stringKind(receiver, file, depth + 1);
  return 'opaque';
}

/** A StringBuilder variable is built when anything non-constant is appended to it. */
function builderKind(id: SyntaxNode, file: CsFile, depth: number): StringKind {
  const d = declarationOf(id, file);
  if (!d) return 'opaque';
  let kind: StringKind = 'const';
  const init = unwrap(d.value);
  if (init?.type === 'object_creation_expression') {
    for (const a of readArguments(init.childForFieldName('arguments'))) if (stringKind(a.value, file, depth + 1) !== 'const' && a.value.type !== 'integer_literal') kind = 'built';
  }
  for (const call of d.scope.descendantsOfType('invocation_expression')) {
    const fn = call?.childForFieldName('function');
    if (fn?.type !== 'member_access_expression') continue;
    const method = fn.childForFieldName('name')?.text ?? '';
    if (!/^(?:Append|AppendLine|AppendFormat|Insert|Replace)$/.test(method)) continue;
    let head = fn.childForFieldName('expression');
    // sb.Append(a).Append(b): the chain's head is the variable
    while (head?.type === 'invocation_expression') head = head.childForFieldName('function')?.childForFieldName('expression') ?? null;
    if (head?.type !== 'identifier' || head.text !== id.text) continue;
    for (const a of readArguments(call!.childForFieldName('arguments'))) if (stringKind(a.value, file, depth + 1) !== 'const') kind = 'built';
  }
  return kind;
}

/** The values of a switch expression's arms (`x switch { "a" => "A", _ => "B" }`): the governing value only picks one. */
export function switchArms(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'switch_expression_arm').map((arm) => arm.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment').pop()).filter((v): v is SyntaxNode => !!v);
}

/** Types whose text cannot carry an injection: numbers, booleans, ids, dates, and enums of the file. */
const SAFE_VALUE_TYPES = /^(?:int|long|short|byte|sbyte|uint|ulong|ushort|bool|decimal|double|float|Int16|Int32|Int64|UInt16|UInt32|UInt64|Byte|Boolean|Decimal|Double|Single|Guid|DateTime|DateTimeOffset|DateOnly|TimeOnly|TimeSpan)\??$/;

function isSafeValueType(type: string | undefined, file: CsFile): boolean {
  if (!type) return false;
  const t = lastPart(type.replace(/\s+/g, ''));
  if (SAFE_VALUE_TYPES.test(t)) return true;
  const bare = t.replace(/\?$/, '');
  file.enums ??= new Set(file.root.descendantsOfType('enum_declaration').map((e) => e?.childForFieldName('name')?.text ?? '').filter(Boolean));
  return file.enums.has(bare);
}

/** A collection written with string literals only: `new[] { "a", "b" }`, `new HashSet<string>(StringComparer.Ordinal) { "a" }`. */
function isLiteralCollection(value: SyntaxNode | undefined): boolean {
  const v = unwrap(value);
  if (!v || !/^(?:array_creation_expression|implicit_array_creation_expression|object_creation_expression|implicit_object_creation_expression|initializer_expression|collection_expression|invocation_expression)$/.test(v.type)) return false;
  if (!v.descendantsOfType(['string_literal']).length) return false;
  return v.descendantsOfType(['identifier', 'interpolated_string_expression']).every((i) => i?.type === 'identifier' && /^(?:HashSet|List|ISet|IReadOnlySet|IReadOnlyCollection|ImmutableHashSet|ImmutableArray|FrozenSet|string|String|StringComparer|Ordinal|OrdinalIgnoreCase|InvariantCultureIgnoreCase|CurrentCultureIgnoreCase|Create|CreateRange|ToHashSet|ToFrozenSet|ToImmutableHashSet)$/.test(i.text));
}

/** The set named by a Contains receiver is a fixed list of literals (a local or a field of the file). */
function isAllowList(receiver: string, file: CsFile): boolean {
  const name = receiver.replace(/^this\./, '');
  if (!/^\w+$/.test(name)) return false;
  const decls = declarationsNamed(name, file).filter((d) => d.kind === 'local' || d.kind === 'field' || d.kind === 'property');
  return decls.length > 0 && decls.every((d) => isLiteralCollection(d.value));
}

const flatText = (n: SyntaxNode | null | undefined) => n?.text.replace(/\s+/g, '') ?? '';
const JUMP = /^(?:throw_statement|return_statement|continue_statement|break_statement)$/;

/**
 * The use of a variable is guarded by an allow-list of literals: inside `if (Allowed.Contains(x)) { … }`,
 * or after `if (!Allowed.Contains(x)) throw …;` / `return …;` in the same method.
 */
export function isAllowListed(id: SyntaxNode, file: CsFile): boolean {
  const name = id.text;
  const contains = new RegExp(`^(!)?\\(?((?:this\\.)?\\w+)\\.Contains\\(${name.replace(/^@/, '@?')}(?:,[^()]*)?\\)\\)?$`);
  for (let n = id.parent; n; n = n.parent) {
    if (n.type === 'if_statement') {
      const m = contains.exec(flatText(n.childForFieldName('condition')));
      const inside = n.childForFieldName('consequence');
      if (m && !m[1] && inside && id.startIndex >= inside.startIndex && id.endIndex <= inside.endIndex && isAllowList(m[2], file)) return true;
    }
    if (n.type !== 'block') continue;
    for (const st of n.namedChildren) {
      if (!st || st.startIndex >= id.startIndex) break;
      if (st.type !== 'if_statement' || st.childForFieldName('alternative')) continue;
      const m = contains.exec(flatText(st.childForFieldName('condition')));
      if (!m?.[1]) continue;
      let body: SyntaxNode | null = st.childForFieldName('consequence');
      if (body?.type === 'block') body = body.namedChildren.filter((c) => c?.type !== 'comment').pop() ?? null;
      if (body && JUMP.test(body.type) && isAllowList(m[2], file)) return true;
    }
    if (/^(?:method_declaration|constructor_declaration|local_function_statement|lambda_expression)$/.test(n.type)) break;
  }
  return false;
}

/** A variable: const if declared const, else the worst of its initializer and the assignments to it in its scope. */
function variableKind(id: SyntaxNode, file: CsFile, depth: number): StringKind {
  const d = declarationOf(id, file);
  if (!d) {
    const fields = declarationsNamed(id.text, file);
    return fields.some((f) => f.isConst) ? 'const' : 'opaque';
  }
  if (d.isConst) return 'const';
  if (d.type !== 'var' && isSafeValueType(d.type, file)) return 'const';
  if (isAllowListed(id, file)) return 'const';
  if (d.kind === 'field') return isReadonlyLiteral(d) ? 'const' : 'opaque';
  if (d.kind !== 'local') return 'opaque';
  let kind: StringKind = d.value ? stringKind(d.value, file, depth + 1) : 'const';
  for (const a of assignmentsTo(d, file)) {
    const op = a.childForFieldName('operator')?.text;
    const v = stringKind(a.childForFieldName('right'), file, depth + 1);
    kind = op === '+=' ? (v === 'const' && kind !== 'opaque' ? kind : 'built') : worst(kind, v);
    if (kind === 'built') break;
  }
  return kind;
}

/** `x = …` and `x += …` to a local, within its scope. */
export function assignmentsTo(d: Declaration, file: CsFile): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const a of d.scope.descendantsOfType('assignment_expression')) {
    const left = a?.childForFieldName('left');
    if (a && left?.type === 'identifier' && left.text === d.name && declarationOf(left, file) === d) out.push(a);
  }
  return out;
}

/** A string built from non-constant pieces (the pattern rules' meaning of "built query"). */
export const isBuilt = (node: SyntaxNode | null | undefined, file: CsFile): boolean => stringKind(node, file) === 'built';

/** Anything but a constant (a parameter, a call, a built string). */
export const isNonConstant = (node: SyntaxNode | null | undefined, file: CsFile): boolean => stringKind(node, file) !== 'const';

/** The text of a plain string literal; undefined for anything else. */
export function literalValue(node: SyntaxNode | null | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'string_literal') return n.namedChildren.filter((c) => c && (c.type === 'string_literal_content' || c.type === 'escape_sequence')).map((c) => c!.text).join('');
  if (n.type === 'verbatim_string_literal') return n.text.slice(2, -1).replace(/""/g, '"');
  if (n.type === 'raw_string_literal') return n.namedChildren.filter((c) => c?.type === 'raw_string_content').map((c) => c!.text).join('');
  return undefined;
}

export const isFalse = (node: SyntaxNode | null | undefined): boolean => unwrap(node)?.text === 'false';
export const isTrue = (node: SyntaxNode | null | undefined): boolean => unwrap(node)?.text === 'true';

/** A lambda or anonymous method that returns true whatever it is given (`(a, b, c, d) => true`, `delegate { return true; }`). */
export function alwaysTrue(node: SyntaxNode | null | undefined): boolean {
  const n = unwrap(node);
  if (!n || (n.type !== 'lambda_expression' && n.type !== 'anonymous_method_expression')) return false;
  const body = n.childForFieldName('body') ?? n.namedChildren.find((c) => c?.type === 'block');
  if (!body) return false;
  if (body.type !== 'block') return isTrue(body);
  const statements = body.namedChildren.filter((c) => c && c.type !== 'comment');
  return statements.length === 1 && statements[0]!.type === 'return_statement' && isTrue(statements[0]!.namedChild(0));
}

// ---------------------------------------------------------------------------------------------
// Attributes and classes.

/** The attributes written on a declaration, by simple name without the Attribute suffix. */
export function attributesOf(decl: SyntaxNode | null | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const list of decl?.namedChildren ?? []) {
    if (list?.type !== 'attribute_list') continue;
    for (const a of list.namedChildren) if (a?.type === 'attribute') out.push(a);
  }
  return out;
}

export const attributeName = (a: SyntaxNode): string => lastPart(cleanName(a.childForFieldName('name')?.text ?? '')).replace(/Attribute$/, '');

export function hasAttribute(decl: SyntaxNode | null | undefined, names: ReadonlySet<string>): boolean {
  return attributesOf(decl).some((a) => names.has(attributeName(a)));
}

/** The base types a class lists (simple names). */
export function baseTypes(cls: SyntaxNode | null | undefined): string[] {
  const list = cls?.namedChildren.find((c) => c?.type === 'base_list');
  return (list?.namedChildren ?? []).filter((c) => !!c).map((c) => lastPart(cleanName(c!.text)));
}

/** A hit at a node of the file. */
export function hitAt(rule: CodeRule, file: CsFile, node: SyntaxNode, message: string, flow?: FlowStep[]): CodeHit {
  return { ruleId: rule.id, path: file.path, ...span(node), message, sinkText: node.text, ...(flow?.length ? { flow } : {}) };
}

/** Short source text for messages. */
export function excerpt(node: SyntaxNode, max = 60): string {
  const t = node.text.replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
