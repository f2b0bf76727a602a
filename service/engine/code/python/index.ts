// The Python analyser: tree-sitter-python (WASM), one walk per file dispatching each node to the
// rules registered for its type. Nothing from the repository is executed or read as configuration:
// `# nosec` and .bandit files are not honoured; `vigil:ignore` is (by the engine).
import { dispatch, parseWith, syntaxProblems, type NodeHandler, type SyntaxNode } from '../tree-sitter';
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import { hitAt, readImports, type PyFile, type PyRule, type Report } from './context';
import { pythonRules } from './rules';

const GRAMMAR = 'tree-sitter-python/tree-sitter-python.wasm';

/** Nodes deeper than this are not handed to rules (a warning says so). */
const MAX_DEPTH = 500;

/**
 * Whether any node lies deeper than `limit`. Exact, and cheap: a subtree with fewer descendants than
 * the depth left cannot reach the limit, so most statements are never entered.
 */
export function deeperThan(root: SyntaxNode, limit: number): boolean {
  const stack: [SyntaxNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (depth + node.descendantCount <= limit) continue;
    for (const child of node.children) if (child) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Hands each node of a handled type to its handlers, in document order. The nodes are collected by
 * tree-sitter itself (one call, no walk step by step from JavaScript); a file nested deeper than the
 * bound goes through the bounded walk instead. True when the bound cut something.
 */
function dispatchFile(root: SyntaxNode, handlers: ReadonlyMap<string, readonly NodeHandler[]>, types: string[]): boolean {
  if (deeperThan(root, MAX_DEPTH)) return dispatch(root, handlers, MAX_DEPTH);
  for (const node of root.descendantsOfType(types)) {
    if (!node) continue;
    for (const h of handlers.get(node.type) ?? []) h(node);
  }
  return false;
}

/**
 * The handlers of a rule set by node type, built once per analysis: each calls its rule with the
 * file being walked (set per file) and a report() that adds to `hits`.
 */
function handlerMap(rules: readonly PyRule[], current: () => PyFile, hits: CodeHit[]): Map<string, NodeHandler[]> {
  const handlers = new Map<string, NodeHandler[]>();
  for (const r of rules) {
    const report: Report = (node, message, flow, level) => hits.push(hitAt(r.rule, current(), node, message, flow, level));
    for (const [type, fn] of Object.entries(r.on)) {
      if (!fn) continue;
      const list = handlers.get(type) ?? [];
      list.push((node: SyntaxNode) => fn(node, current(), report));
      handlers.set(type, list);
    }
  }
  return handlers;
}

export function makePythonAnalyzer(rules: readonly PyRule[]): LanguageAnalyzer {
  return {
    language: 'python',
    scannerName: 'code-python',
    version: '1',
    rules: rules.map((r) => r.rule),
    wants: (path) => /\.pyw?$/i.test(path),
    async analyze(texts: Iterable<SourceText>, ctx: AnalyzeContext): Promise<CodeHit[]> {
      const active = ctx.only ? rules.filter((r) => ctx.only!.has(r.rule.id)) : rules;
      const hits: CodeHit[] = [];
      let file: PyFile | undefined;
      const handlers = handlerMap(active, () => file!, hits);
      const types = [...handlers.keys()];
      for (const source of texts) {
        ctx.signal?.throwIfAborted();
        const tree = await parseWith(GRAMMAR, source.text);
        try {
          const root = tree.rootNode;
          for (const p of syntaxProblems(root, 1)) ctx.warn('parse-error', `Python syntax error at line ${p.line} (${p.message}); the rest of the file was still analysed`, source.path);
          file = { path: source.path, text: source.text, root, imports: readImports(root) };
          try {
            if (dispatchFile(root, handlers, types)) ctx.warn('depth-limit', 'Nested too deeply: the innermost expressions were not analysed', source.path);
          } catch (err) {
            // One rule failing on one odd file must not lose the rest of the scan.
            ctx.warn('analysis-error', `Python analysis stopped early: ${err instanceof Error ? err.message : String(err)}`, source.path);
          }
        } finally {
          file = undefined;
          tree.delete();
        }
      }
      return hits;
    },
  };
}

export const pythonAnalyzer = makePythonAnalyzer(pythonRules);
