// The C# analyser: tree-sitter-c-sharp (WASM), one walk per file dispatching each node to the rules
// registered for its type. Nothing from the repository is executed or read as configuration
// (#pragma warning disable and [SuppressMessage] are not honoured; `vigil:ignore` is, by the engine).
import { dispatch, parseWith, syntaxProblems, type NodeHandler } from '../tree-sitter';
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import { hitAt, readUsings, type CsFile, type CsRule } from './context';
import { csharpRules, samePlaceAsTaint } from './rules';

const GRAMMAR = 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm';

export function makeCsharpAnalyzer(rules: readonly CsRule[]): LanguageAnalyzer {
  return {
    language: 'csharp',
    scannerName: 'code-csharp',
    version: '1',
    rules: rules.map((r) => r.rule),
    wants: (path) => /\.cs$/i.test(path),
    async analyze(texts: Iterable<SourceText>, ctx: AnalyzeContext): Promise<CodeHit[]> {
      const active = ctx.only ? rules.filter((r) => ctx.only!.has(r.rule.id)) : rules;
      const hits: CodeHit[] = [];
      const project = new Set<string>();
      for (const source of texts) {
        ctx.signal?.throwIfAborted();
        const tree = await parseWith(GRAMMAR, source.text);
        try {
          const root = tree.rootNode;
          for (const p of syntaxProblems(root, 1)) ctx.warn('parse-error', `C# syntax error at line ${p.line} (${p.message}); the rest of the file was still analysed`, source.path);
          const file: CsFile = { path: source.path, text: source.text, root, project, warn: (code, message) => ctx.warn(code, message, source.path), ...readUsings(root) };
          const handlers = new Map<string, NodeHandler[]>();
          const fileHits: CodeHit[] = [];
          for (const r of active) {
            const report = (node: Parameters<NodeHandler>[0], message: string, flow?: CodeHit['flow']) => fileHits.push(hitAt(r.rule, file, node, message, flow));
            for (const [type, fn] of Object.entries(r.on)) {
              if (!fn) continue;
              const list = handlers.get(type) ?? [];
              list.push((node) => fn(node, file, report));
              handlers.set(type, list);
            }
          }
          if (dispatch(root, handlers)) ctx.warn('depth-limit', 'Nested too deeply: the innermost expressions were not analysed', source.path);
          hits.push(...samePlaceAsTaint(fileHits));
        } finally {
          tree.delete();
        }
      }
      const dropped = new Set(active.filter((r) => r.unlessProject && project.has(r.unlessProject)).map((r) => r.rule.id));
      return dropped.size ? hits.filter((h) => !dropped.has(h.ruleId)) : hits;
    },
  };
}

export const csharpAnalyzer = makeCsharpAnalyzer(csharpRules);
