// The Python analyser: tree-sitter-python (WASM); per file, tree-sitter collects the nodes of the
// types the rules handle (one call, no step-by-step walk from JavaScript) and each goes to its rules.
// Nothing from the repository is executed or read as configuration: `# nosec` and .bandit files are
// not honoured; `vigil:ignore` is (by the engine).
import { dispatch, parseWith, syntaxProblems, type NodeHandler, type SyntaxNode } from '../../tree-sitter';
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import { hitAt, IMPORT_TYPES, importsOf, readImports, type PyFile, type PyRule, type Report } from './context';
import { dropDuplicates } from './duplicates';
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

interface Handler {
  /** Index of the rule in the active list. */
  rule: number;
  fn: NodeHandler;
}

/**
 * The rules' handlers by node type, built once per analysis: each calls its rule with the file being
 * analysed (set per file) and a report() that adds to `hits`.
 */
function handlerMap(rules: readonly PyRule[], current: () => PyFile, hits: CodeHit[]): Map<string, Handler[]> {
  const handlers = new Map<string, Handler[]>();
  rules.forEach((r, i) => {
    const report: Report = (node, message, flow, level) => hits.push(hitAt(r.rule, current(), node, message, flow, level));
    for (const [type, fn] of Object.entries(r.on)) {
      if (!fn) continue;
      const list = handlers.get(type) ?? [];
      list.push({ rule: i, fn: (node: SyntaxNode) => fn(node, current(), report) });
      handlers.set(type, list);
    }
  });
  return handlers;
}

/** The node types the rules relevant to a file handle (imports always: the file's names need them). */
function typesFor(rules: readonly PyRule[], relevant: readonly boolean[]): string[] {
  const types = new Set(IMPORT_TYPES);
  rules.forEach((r, i) => {
    if (relevant[i]) for (const t of Object.keys(r.on)) types.add(t);
  });
  return [...types];
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
      for (const source of texts) {
        ctx.signal?.throwIfAborted();
        const relevant = active.map((r) => !r.relevant || r.relevant(source.text));
        const tree = await parseWith(GRAMMAR, source.text);
        try {
          const root = tree.rootNode;
          for (const p of syntaxProblems(root, 1)) ctx.warn('parse-error', `Python syntax error at line ${p.line} (${p.message}); the rest of the file was still analysed`, source.path);
          const deep = deeperThan(root, MAX_DEPTH);
          // Nested deeper than the bound: the bounded walk. Else tree-sitter collects the nodes.
          const nodes = deep ? [] : root.descendantsOfType(typesFor(active, relevant));
          // A node's type is a call into WASM: read once per node.
          const nodeTypes = nodes.map((n) => n?.type);
          file = { path: source.path, text: source.text, root, imports: deep ? readImports(root) : importsOf(nodes.filter((_, i) => nodeTypes[i] === 'import_statement' || nodeTypes[i] === 'import_from_statement')) };
          try {
            if (deep) {
              const map = new Map<string, NodeHandler[]>();
              for (const [type, list] of handlers) map.set(type, list.filter((h) => relevant[h.rule]).map((h) => h.fn));
              if (dispatch(root, map, MAX_DEPTH)) ctx.warn('depth-limit', 'Nested too deeply: the innermost expressions were not analysed', source.path);
            } else {
              nodes.forEach((node, i) => {
                if (node) for (const h of handlers.get(nodeTypes[i]!) ?? []) if (relevant[h.rule]) h.fn(node);
              });
            }
          } catch (err) {
            // One rule failing on one odd file must not lose the rest of the scan.
            ctx.warn('analysis-error', `Python analysis stopped early: ${err instanceof Error ? err.message : String(err)}`, source.path);
          }
        } finally {
          file = undefined;
          tree.delete();
        }
      }
      return dropDuplicates(hits);
    },
  };
}

export const pythonAnalyzer = makePythonAnalyzer(pythonRules);
