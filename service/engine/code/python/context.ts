// What a Python rule sees of one file: the tree, the names its imports bind (so `from subprocess
// import Popen as P; P(...)` is subprocess.Popen, as Bandit resolves it), call helpers, and report().
import { span, type SyntaxNode } from '../../tree-sitter';
import type { CodeHit, CodeRule, FlowStep } from '../types';

export interface PyFile {
  path: string;
  text: string;
  root: SyntaxNode;
  /** Local name -> qualified name: `import os.path as p` p -> os.path; `from os import system` system -> os.system. */
  imports: Map<string, string>;
}

/** A call's parts: its qualified name when it can be told, positional arguments, keyword arguments. */
export interface PyCall {
  node: SyntaxNode;
  /** subprocess.Popen, eval, requests.get, obj.method (unresolved head kept as written) */
  name?: string;
  args: SyntaxNode[];
  kwargs: Map<string, SyntaxNode>;
}

/** A hit's own severity or confidence, when it differs from its rule's. */
export type HitLevel = Pick<CodeHit, 'severity' | 'confidence'>;

export type Report = (node: SyntaxNode, message: string, flow?: FlowStep[], level?: HitLevel) => void;

/** A Python rule: handlers by tree-sitter-python node type (call, import_statement, string, …). */
export interface PyRule {
  rule: CodeRule;
  on: Partial<Record<string, (node: SyntaxNode, file: PyFile, report: Report) => void>>;
  /**
   * A cheap look at a file's text (is a module this rule is about named anywhere?). When false the
   * rule's handlers are skipped for that file, and node types only it wants are not even collected.
   */
  relevant?: (text: string) => boolean;
}

/** relevant() for a rule about names: any of these words appears in the file's text. */
export const mentions =
  (...words: string[]) =>
  (text: string): boolean =>
    words.some((w) => text.includes(w));

/**
 * relevant() for a rule about calls of these qualified names: the last part of a call's resolved name
 * is always written in the file (the attribute called, or the name imported), so a file without any
 * of them cannot call one.
 */
export const callsAny = (names: Iterable<string>): ((text: string) => boolean) => mentions(...new Set(Array.from(names, (n) => n.slice(n.lastIndexOf('.') + 1))));

export const IMPORT_TYPES = ['import_statement', 'import_from_statement'];

/** Reads the imports of the whole file (Bandit tracks imports wherever they are). */
export function readImports(root: SyntaxNode): Map<string, string> {
  return importsOf(root.descendantsOfType(IMPORT_TYPES));
}

/** readImports over import statements already collected (others are ignored). */
export function importsOf(statements: Iterable<SyntaxNode | null>): Map<string, string> {
  const out = new Map<string, string>();
  for (const stmt of statements) {
    if (!stmt || (stmt.type !== 'import_statement' && stmt.type !== 'import_from_statement')) continue;
    if (stmt.type === 'import_statement') {
      for (const n of stmt.namedChildren) {
        if (!n) continue;
        if (n.type === 'dotted_name') {
          const head = n.text.split('.')[0];
          out.set(head, head);
        } else if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias')?.text;
          if (name && alias) out.set(alias, name);
        }
      }
    } else {
      const written = stmt.childForFieldName('module_name')?.text;
      if (!written) continue;
      // `from . import x` is .x; `from .models import x` .models.x (never a top-level module's name).
      const module = /^\.+$/.test(written) ? written.slice(0, -1) : written;
      for (const n of stmt.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'dotted_name') out.set(n.text, `${module}.${n.text}`);
        else if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias')?.text;
          if (name && alias) out.set(alias, `${module}.${name}`);
        }
      }
    }
  }
  return out;
}

/** The qualified name an expression denotes: `sp.Popen` -> subprocess.Popen; undefined when not a name. */
export function qualifiedName(node: SyntaxNode | null | undefined, imports: ReadonlyMap<string, string>): string | undefined {
  // Iterative: an attribute chain thousands long must not overflow the stack.
  const attrs: string[] = [];
  let n = node;
  while (n?.type === 'attribute') {
    const attr = n.childForFieldName('attribute')?.text;
    if (!attr) return undefined;
    attrs.push(attr);
    n = n.childForFieldName('object');
  }
  if (n?.type !== 'identifier') return undefined;
  let out = imports.get(n.text) ?? n.text;
  for (let i = attrs.length - 1; i >= 0; i--) out += `.${attrs[i]}`;
  return out;
}

/** A dotted name as written (os.path.join), checked on the text: one look instead of one per part. */
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** qualifiedName of a call's function, from its text when that is a plain dotted name. */
function calleeQualifiedName(fn: SyntaxNode | null, imports: ReadonlyMap<string, string>): string | undefined {
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return undefined;
  const text = fn.text;
  if (!DOTTED.test(text)) return qualifiedName(fn, imports);
  const dot = text.indexOf('.');
  const head = dot < 0 ? text : text.slice(0, dot);
  const resolved = imports.get(head);
  return resolved === undefined ? text : dot < 0 ? resolved : resolved + text.slice(dot);
}

/** A call's parts; its arguments are read when first asked for (most rules look at the name only). */
export function readCall(node: SyntaxNode, imports: ReadonlyMap<string, string>): PyCall {
  let parts: { args: SyntaxNode[]; kwargs: Map<string, SyntaxNode> } | undefined;
  const read = () => {
    if (parts) return parts;
    parts = { args: [], kwargs: new Map() };
    for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) parts.kwargs.set(k, v);
      } else parts.args.push(a);
    }
    return parts;
  };
  return {
    node,
    name: calleeQualifiedName(node.childForFieldName('function'), imports),
    get args() {
      return read().args;
    },
    get kwargs() {
      return read().kwargs;
    },
  };
}

/** The value of a plain string literal (no f-string interpolation); undefined otherwise. */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => stringValue(c));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

export const isTrue = (node: SyntaxNode | null | undefined): boolean => node?.type === 'true';
export const isFalse = (node: SyntaxNode | null | undefined): boolean => node?.type === 'false';
export const isNone = (node: SyntaxNode | null | undefined): boolean => node?.type === 'none';

/** A hit at a node of the file. */
export function hitAt(rule: CodeRule, file: PyFile, node: SyntaxNode, message: string, flow?: FlowStep[], level?: HitLevel): CodeHit {
  return { ruleId: rule.id, path: file.path, ...span(node), message, sinkText: node.text, ...(flow?.length ? { flow } : {}), ...level };
}

const callCache = new WeakMap<PyFile, Map<number, PyCall>>();

/** readCall, read once per call and file: every rule asks about the same calls. */
export function callOf(node: SyntaxNode, file: PyFile): PyCall {
  let calls = callCache.get(file);
  if (!calls) callCache.set(file, (calls = new Map()));
  let call = calls.get(node.id);
  if (!call) calls.set(node.id, (call = readCall(node, file.imports)));
  return call;
}

/** The last part of a dotted name (Bandit's call_function_name): requests.get -> get. */
export function lastPart(name: string | undefined): string | undefined {
  return name === undefined ? undefined : name.slice(name.lastIndexOf('.') + 1);
}

const moduleCache = new WeakMap<PyFile, Set<string>>();

/** The modules a file imports by their real names: `import a.b as c` a.b; `from a.b import c` a.b. Relative ones start with a dot. */
export function importedModules(file: PyFile): ReadonlySet<string> {
  let out = moduleCache.get(file);
  if (out) return out;
  out = new Set();
  for (const stmt of file.root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!stmt) continue;
    if (stmt.type === 'import_from_statement') {
      const module = stmt.childForFieldName('module_name')?.text;
      if (module) out.add(module);
      continue;
    }
    for (const n of stmt.namedChildren) {
      if (n?.type === 'dotted_name') out.add(n.text);
      else if (n?.type === 'aliased_import') {
        const name = n.childForFieldName('name')?.text;
        if (name) out.add(name);
      }
    }
  }
  moduleCache.set(file, out);
  return out;
}

/** Whether the file imports `module` or a part of it (`import flask.app`, `from flask import Flask`). */
export function importsModule(file: PyFile, module: string): boolean {
  for (const m of importedModules(file)) if (m === module || m.startsWith(`${module}.`)) return true;
  return false;
}

const STAT_BITS: Readonly<Record<string, number>> = {
  S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IREAD: 0o400, S_IWRITE: 0o200, S_IEXEC: 0o100,
  S_IRWXG: 0o070, S_IRGRP: 0o040, S_IWGRP: 0o020, S_IXGRP: 0o010,
  S_IRWXO: 0o007, S_IROTH: 0o004, S_IWOTH: 0o002, S_IXOTH: 0o001,
};

/** An integer literal's value: 511, 0o777, 0777 (Python 2), 0x1ff, 0b111, 1_000; undefined otherwise. */
export function intLiteral(text: string): number | undefined {
  const t = text.replace(/_/g, '').replace(/[lL]$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^0[oO]?([0-7]+)$/.exec(t))) return parseInt(m[1], 8);
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(t))) return parseInt(m[1], 16);
  if ((m = /^0[bB]([01]+)$/.exec(t))) return parseInt(m[1], 2);
  if (/^[1-9][0-9]*$|^0$/.test(t)) return parseInt(t, 10);
  return undefined;
}

/**
 * An integer expression's value where it can be told without running anything: literals, the stat
 * module's permission bits (stat.S_IWOTH, or imported by name), and | + & ^ ~ of those.
 */
export function intValue(node: SyntaxNode | null | undefined, imports: ReadonlyMap<string, string>, depth = 0): number | undefined {
  if (!node || depth > 64) return undefined;
  switch (node.type) {
    case 'integer':
      return intLiteral(node.text);
    case 'parenthesized_expression':
      return intValue(node.namedChild(0), imports, depth + 1);
    case 'identifier':
    case 'attribute': {
      const name = qualifiedName(node, imports);
      return name?.startsWith('stat.') ? STAT_BITS[name.slice(5)] : undefined;
    }
    case 'unary_operator': {
      const v = intValue(node.childForFieldName('argument'), imports, depth + 1);
      const op = node.childForFieldName('operator')?.type;
      return v === undefined ? undefined : op === '~' ? ~v : op === '-' ? -v : op === '+' ? v : undefined;
    }
    case 'binary_operator': {
      const a = intValue(node.childForFieldName('left'), imports, depth + 1);
      const b = a === undefined ? undefined : intValue(node.childForFieldName('right'), imports, depth + 1);
      if (a === undefined || b === undefined) return undefined;
      const op = node.childForFieldName('operator')?.type;
      return op === '|' ? a | b : op === '+' ? a + b : op === '&' ? a & b : op === '^' ? a ^ b : undefined;
    }
    default:
      return undefined;
  }
}

/** A string standing alone as a statement: a docstring (or a string used as a comment). */
export function isDocstring(node: SyntaxNode): boolean {
  const parent = node.parent;
  return parent?.type === 'expression_statement' && parent.namedChildCount === 1;
}

/** The literal start of a string, up to its first interpolation: f"https://{host}/x" -> https:// */
export function stringPrefix(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type === 'concatenated_string') return stringPrefix(node.namedChild(0));
  if (node?.type !== 'string') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (!c || c.type === 'string_start' || c.type === 'string_end') continue;
    if (c.type === 'interpolation') break;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

/** A call's argument given by position or by keyword (Bandit reads both for most parameters). */
export function callArg(call: PyCall, position: number, keyword: string): SyntaxNode | undefined {
  return call.args[position]?.type === 'list_splat' || call.args[position]?.type === 'dictionary_splat' ? undefined : (call.args[position] ?? call.kwargs.get(keyword));
}

/** The called function's own name, also when what it hangs on is not a name: Path(p).chmod(…) -> chmod. */
export function calleeName(call: PyCall): string | undefined {
  if (call.name) return lastPart(call.name);
  const fn = call.node.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}
