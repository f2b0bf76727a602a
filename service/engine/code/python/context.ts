// What a Python rule sees of one file: the tree, the names its imports bind (so `from subprocess
// import Popen as P; P(...)` is subprocess.Popen, as Bandit resolves it), call helpers, and report().
import { span, type SyntaxNode } from '../tree-sitter';
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
}

/** Reads the imports of the whole file (Bandit tracks imports wherever they are). */
export function readImports(root: SyntaxNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const stmt of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!stmt) continue;
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
      const module = stmt.childForFieldName('module_name')?.text;
      if (!module) continue;
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
  if (!node) return undefined;
  if (node.type === 'identifier') return imports.get(node.text) ?? node.text;
  if (node.type === 'attribute') {
    const object = qualifiedName(node.childForFieldName('object'), imports);
    const attr = node.childForFieldName('attribute')?.text;
    return object && attr ? `${object}.${attr}` : undefined;
  }
  return undefined;
}

export function readCall(node: SyntaxNode, imports: ReadonlyMap<string, string>): PyCall {
  const args: SyntaxNode[] = [];
  const kwargs = new Map<string, SyntaxNode>();
  for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const k = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (k && v) kwargs.set(k, v);
    } else args.push(a);
  }
  return { node, name: qualifiedName(node.childForFieldName('function'), imports), args, kwargs };
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
