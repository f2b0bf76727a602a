// The Python analyser: tree-sitter-python (WASM), one walk per file dispatching each node to the
// rules registered for its type. Nothing from the repository is executed or read as configuration:
// `# nosec` and .bandit files are not honoured; `vigil:ignore` is (by the engine).
import { dispatch, parseWith, syntaxProblems, type NodeHandler } from '../tree-sitter';
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import { hitAt, readImports, type PyFile, type PyRule, type Report } from './context';
import { pythonRules } from './rules';

const GRAMMAR = 'tree-sitter-python/tree-sitter-python.wasm';

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
      for (const source of texts) {
        const tree = await parseWith(GRAMMAR, source.text);
        try {
          const root = tree.rootNode;
          for (const p of syntaxProblems(root, 1)) ctx.warn('parse-error', `Python syntax error at line ${p.line} (${p.message}); the rest of the file was still analysed`, source.path);
          const file: PyFile = { path: source.path, text: source.text, root, imports: readImports(root) };
          const handlers = new Map<string, NodeHandler[]>();
          for (const r of active) {
            const report: Report = (node, message, flow, level) => hits.push(hitAt(r.rule, file, node, message, flow, level));
            for (const [type, fn] of Object.entries(r.on)) {
              if (!fn) continue;
              const list = handlers.get(type) ?? [];
              list.push((node) => fn(node, file, report));
              handlers.set(type, list);
            }
          }
          if (dispatch(root, handlers)) ctx.warn('depth-limit', 'Nested too deeply: the innermost expressions were not analysed', source.path);
        } finally {
          tree.delete();
        }
      }
      return hits;
    },
  };
}

export const pythonAnalyzer = makePythonAnalyzer(pythonRules);
