// The Python analyser: tree-sitter-python (WASM), one walk per file dispatching each node to the
// rules registered for its type. Nothing from the repository is executed or read as configuration:
// `# nosec` and .bandit files are not honoured; `vigil:ignore` is (by the engine).
import { dispatch, parseWith, syntaxProblems, type NodeHandler, type SyntaxNode } from '../tree-sitter';
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import { hitAt, readImports, type PyFile, type PyRule, type Report } from './context';
import { pythonRules } from './rules';

const GRAMMAR = 'tree-sitter-python/tree-sitter-python.wasm';

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
      for (const source of texts) {
        ctx.signal?.throwIfAborted();
        const tree = await parseWith(GRAMMAR, source.text);
        try {
          const root = tree.rootNode;
          for (const p of syntaxProblems(root, 1)) ctx.warn('parse-error', `Python syntax error at line ${p.line} (${p.message}); the rest of the file was still analysed`, source.path);
          file = { path: source.path, text: source.text, root, imports: readImports(root) };
          try {
            if (dispatch(root, handlers)) ctx.warn('depth-limit', 'Nested too deeply: the innermost expressions were not analysed', source.path);
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
