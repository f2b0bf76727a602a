// The C# analyser: tree-sitter-c-sharp (WASM), one walk per file dispatching each node to the rules
// registered for its type. Nothing from the repository is executed or read as configuration
// (#pragma warning disable and [SuppressMessage] are not honoured; `vigil:ignore` is, by the engine).
import { dispatch, parseWith, syntaxProblems, type NodeHandler, type SyntaxNode, type SyntaxProblem } from '../../tree-sitter';
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import { hitAt, readUsings, type CsFile, type CsRule } from './context';
import { csharpRules, samePlaceAsTaint } from './rules';

const GRAMMAR = 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm';

/**
 * The first syntax problem, at the innermost ERROR or MISSING node: tree-sitter-c-sharp often wraps a
 * whole class in an ERROR node when one member is broken, and the class's first line is not the error's.
 */
function firstSyntaxProblem(root: SyntaxNode): SyntaxProblem | undefined {
  const first = syntaxProblems(root, 1)[0];
  if (!first) return undefined;
  let node: SyntaxNode | undefined;
  const stack: SyntaxNode[] = [root];
  for (let budget = 100_000; stack.length && budget > 0; budget--) {
    const n = stack.pop()!;
    if (n.isMissing) return { line: n.startPosition.row + 1, message: `missing ${n.type}` };
    if (n.isError) node = n;
    const inner = n.children.filter((c): c is SyntaxNode => !!c && (c.hasError || c.isError || c.isMissing));
    if (!inner.length) break;
    stack.length = 0;
    stack.push(inner[0]);
  }
  return node ? { line: node.startPosition.row + 1, message: `unexpected ${JSON.stringify(node.text.slice(0, 40))}` } : first;
}

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
          const problem = firstSyntaxProblem(root);
          if (problem) ctx.warn('parse-error', `C# syntax error at line ${problem.line} (${problem.message}); the rest of the file was still analysed`, source.path);
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
