// Names of what a file calls, resolved through ESLint's scope manager: `cp.exec` where
// `const cp = require('node:child_process')` is `child_process.exec`; `run` where
// `import { exec as run } from 'child_process'` is too; a local variable keeps its own name.
import type { Scope, SourceCode } from 'eslint';
import type { Expression, Identifier, Node, Pattern, Super } from 'estree';

/** One file as the engine sees it: its text, and every identifier's variable (null: a global). */
export interface JsFile {
  source: SourceCode;
  variables: Map<Identifier, Scope.Variable | null>;
  /** Imports and requires: variable -> canonical module path ('child_process', 'fs.promises', 'lodash.merge'). */
  modules: Map<Scope.Variable, string | null>;
}

export function readJsFile(source: SourceCode): JsFile {
  const variables = new Map<Identifier, Scope.Variable | null>();
  for (const scope of source.scopeManager.scopes) {
    for (const ref of scope.references) variables.set(ref.identifier as Identifier, ref.resolved);
    // Declarations are not references: map them too, so a parameter or declared name resolves.
    for (const v of scope.variables) for (const id of v.identifiers) variables.set(id as Identifier, v);
  }
  return { source, variables, modules: new Map() };
}

const ALIASES: Record<string, string> = {
  'fs/promises': 'fs.promises',
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  'mysql2/promise': 'mysql2',
  'lodash-es': 'lodash',
  'lodash/fp': 'lodash',
  underscore: 'lodash',
  'node-fetch': 'fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
};

/** 'node:fs/promises' -> 'fs.promises'; 'lodash/merge' -> 'lodash.merge'. */
export function moduleName(spec: string): string {
  const name = spec.replace(/^node:/, '');
  if (ALIASES[name]) return ALIASES[name];
  const sub = /^(lodash)\/(\w+)$/.exec(name);
  return sub ? `${sub[1]}.${sub[2]}` : name;
}

function requiredModule(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
    const arg = node.arguments[0];
    return arg?.type === 'Literal' && typeof arg.value === 'string' ? moduleName(arg.value) : null;
  }
  return null;
}

/** The property names leading from a destructuring pattern to one of its identifiers. */
function pathInPattern(pattern: Pattern, target: Identifier, depth = 0): string[] | null {
  if (depth > 20) return null;
  if (pattern === target) return [];
  if (pattern.type === 'ObjectPattern') {
    for (const p of pattern.properties) {
      if (p.type !== 'Property') continue;
      const inner = pathInPattern(p.value, target, depth + 1);
      if (inner) {
        const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
        return key === null ? null : [key, ...inner];
      }
    }
  } else if (pattern.type === 'AssignmentPattern') return pathInPattern(pattern.left, target, depth + 1);
  return null;
}

/** The module path a variable is bound to by import or require (possibly wrapped in util.promisify). */
export function moduleOf(file: JsFile, variable: Scope.Variable | null | undefined, depth = 0): string | null {
  if (!variable || depth > 5) return null;
  if (file.modules.has(variable)) return file.modules.get(variable) ?? null;
  file.modules.set(variable, null);
  const def = variable.defs[0];
  let result: string | null = null;
  if (def?.type === 'ImportBinding') {
    const spec = def.node as Node & { type: string };
    const decl = def.parent as unknown as { type: string; source?: { value: unknown }; moduleReference?: { expression?: { value?: unknown } } } | null;
    const from = decl?.source?.value ?? (spec as unknown as { moduleReference?: { expression?: { value?: unknown } } }).moduleReference?.expression?.value;
    if (typeof from === 'string') {
      const mod = moduleName(from);
      if (spec.type === 'ImportSpecifier') {
        const imported = (spec as unknown as { imported: { name?: string; value?: string } }).imported;
        const name = imported.name ?? imported.value;
        result = name === 'default' ? mod : `${mod}.${name}`;
      } else result = mod;
    }
  } else if (def?.type === 'Variable') {
    const decl = def.node as unknown as { id: Pattern; init: Expression | null };
    const base = initModule(file, decl.init, depth);
    if (base) {
      const path = pathInPattern(decl.id, def.name as Identifier);
      if (path) result = [base, ...path].join('.');
    }
  }
  file.modules.set(variable, result);
  return result;
}

function initModule(file: JsFile, init: Expression | null, depth: number): string | null {
  if (!init) return null;
  const direct = requiredModule(init);
  if (direct) return direct;
  if (init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
    const base = init.object.type === 'Identifier' ? moduleOf(file, file.variables.get(init.object), depth + 1) : requiredModule(init.object);
    return base ? `${base}.${init.property.name}` : null;
  }
  if (init.type === 'CallExpression' && init.arguments.length === 1) {
    const callee = calleeName(file, init.callee);
    if (callee === 'util.promisify' || callee === 'promisify') {
      const arg = init.arguments[0];
      return arg.type === 'Identifier' || arg.type === 'MemberExpression' ? calleeName(file, arg) : null;
    }
  }
  return null;
}

/**
 * The dotted name of a callee: module paths for imported bindings ('child_process.exec'), the
 * variable's own name for locals and globals ('res.redirect', 'eval'), '?' for anything computed.
 */
export function calleeName(file: JsFile, node: Expression | Super | Node): string {
  return rawName(file, node, 0).replace(/^fs\.promises\./, 'fs.');
}

function rawName(file: JsFile, node: Expression | Super | Node, depth: number): string {
  if (depth > 12) return '?';
  switch (node.type) {
    case 'Identifier': {
      const v = file.variables.get(node);
      return (v && moduleOf(file, v)) ?? node.name;
    }
    case 'ThisExpression':
      return 'this';
    case 'MemberExpression': {
      const prop = !node.computed && node.property.type === 'Identifier' ? node.property.name : node.property.type === 'Literal' ? String(node.property.value) : '?';
      const base = requiredModule(node.object) ?? rawName(file, node.object, depth + 1);
      return `${base}.${prop}`;
    }
    case 'ChainExpression':
      return rawName(file, node.expression, depth + 1);
    case 'CallExpression':
      return requiredModule(node) ?? '?';
    default: {
      const inner = (node as unknown as { expression?: Node }).expression;
      return inner && /^TS/.test(node.type as string) ? rawName(file, inner, depth + 1) : '?';
    }
  }
}

/** True when the file imports or requires one of these modules. */
export function importsAny(file: JsFile, names: readonly string[]): boolean {
  const text = file.source.text;
  return names.some((n) => text.includes(`'${n}'`) || text.includes(`"${n}"`));
}

/** Every node of the file, depth first, iteratively (a deeply nested file must not overflow the stack). */
export function walkNodes(file: JsFile, visit: (node: Node) => void, limit = 2_000_000): void {
  const keys = file.source.visitorKeys;
  const stack: Node[] = [file.source.ast as unknown as Node];
  let visited = 0;
  while (stack.length && visited++ < limit) {
    const node = stack.pop()!;
    visit(node);
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (child[i] && typeof child[i] === 'object') stack.push(child[i] as Node);
      } else if (child && typeof child === 'object' && typeof (child as Node).type === 'string') stack.push(child as Node);
    }
  }
}
